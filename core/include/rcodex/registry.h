/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The code registry: the single source of every name and explanation that
 * rcodex shows. Response codes, TSIG/TKEY errors, Extended DNS Errors,
 * conditions (NODATA, referral, ...) and problems each have one entry. The
 * plugin, rcreport and the docs all read from here.
 */
#ifndef RCODEX_REGISTRY_H
#define RCODEX_REGISTRY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rcodex/problem.h"

typedef enum {
	RCX_KIND_RCODE, /* value in the shared RCODE/TSIG/TKEY error space */
	RCX_KIND_EDE,   /* Extended DNS Error INFO-CODE */
	RCX_KIND_CONDITION,   /* rcx_condition */
	RCX_KIND_PROBLEM,     /* rcx_problem */
	RCX_KIND_OBSERVATION, /* seen across messages of a capture: no
	                         response, slow server, IP fragments, ... */
} rcx_entry_kind;

/*
 * Where a value of the shared error space was found: the field that carries
 * it and, for the header RCODE, the opcode it answers. Decides 4, 9, 16, 17
 * and 18. A signed exchange does not change the meaning of the header RCODE
 * (RFC 6895 §2.3).
 */
typedef enum {
	RCX_CTX_RCODE,  /* header RCODE, alone or extended by OPT */
	RCX_CTX_UPDATE, /* RCODE of an UPDATE (opcode 5) response */
	RCX_CTX_TSIG,   /* TSIG Error field */
	RCX_CTX_TKEY,   /* TKEY Error field */
	RCX_CTX_NOTIFY, /* RCODE of a NOTIFY (opcode 4) response */
} rcx_code_context;

/*
 * What a FORMERR response shows about EDNS (RFC 6891 §7): a server without
 * EDNS answers a request that carries an OPT record with FORMERR and no OPT
 * record; a server with EDNS that finds the OPT record malformed answers
 * FORMERR with one.
 */
typedef enum {
	RCX_FORMERR_UNKNOWN, /* no OPT in the response; the query had none or
	                        was not seen, or the response was not read to
	                        its end */
	RCX_FORMERR_EDNS,    /* the response carries an OPT record */
	RCX_FORMERR_NO_EDNS, /* the query carried an OPT record, the complete
	                        response none */
	RCX_FORMERR_MALFORMED_QUERY, /* the query has wire problems of its
	                                own */
} rcx_formerr_evidence;

typedef enum {
	RCX_SEV_NONE, /* nothing wrong: an answer */
	RCX_SEV_CHAT, /* worth knowing, not a problem */
	RCX_SEV_NOTE,
	RCX_SEV_WARN,
	RCX_SEV_ERROR,
} rcx_severity;

/* Kind of trouble, in the spirit of Wireshark's expert groups. */
typedef enum {
	RCX_GROUP_RESPONSE_CODE,
	RCX_GROUP_SECURITY, /* DNSSEC, TSIG, cookies */
	RCX_GROUP_PROTOCOL,
	RCX_GROUP_MALFORMED,
} rcx_group;

#define RCX_ENTRY_MAX_CAUSES 5
#define RCX_ENTRY_MAX_STEPS  6

typedef struct {
	rcx_entry_kind kind;
	uint32_t first; /* code range covered; first == last for one code */
	uint32_t last;
	rcx_code_context
	        context;      /* RCX_KIND_RCODE only; see rcx_rcode_entry() */
	const char *key;      /* stable identifier: "rcode.23", "ede.7",
	                         "condition.nodata" */
	const char *mnemonic; /* "BADCOOKIE", "Signature Expired", "NODATA" */
	const char *title;    /* one line: "Bad or missing server cookie" */
	const char *explanation;                  /* a few sentences, exact */
	const char *causes[RCX_ENTRY_MAX_CAUSES]; /* NULL-terminated */
	const char *next_steps[RCX_ENTRY_MAX_STEPS]; /* NULL-terminated */
	const char *reference;                       /* "RFC 7873 §5.2.3" */
	rcx_severity severity;
	rcx_group group;
} rcx_entry;

/*
 * The entry explaining value code of the shared error space found in context
 * ctx. Never NULL: unassigned, private-use and reserved values have range
 * entries. 9 is "not authorized" in RCX_CTX_TSIG and RCX_CTX_TKEY, "not
 * authoritative" elsewhere, with an entry of its own for NOTIFY; 16 is
 * BADVERS except in RCX_CTX_TSIG and RCX_CTX_TKEY, where it is BADSIG; 4 has
 * an entry for NOTIFY; 16, 17 and 18 have TKEY entries (header NOERROR, RFC
 * 2930 §2.6).
 */
const rcx_entry *rcx_rcode_entry(uint32_t code, rcx_code_context ctx);

/* The entry explaining a FORMERR response with the given evidence. */
const rcx_entry *rcx_formerr_entry(rcx_formerr_evidence evidence);

/* The entry for an EDE INFO-CODE (RFC 8914). Never NULL. */
const rcx_entry *rcx_ede_entry(uint32_t info_code);

/* The entry for a problem or anomaly; NULL for RCX_OK and out-of-range p. */
const rcx_entry *rcx_problem_entry(rcx_problem p);

/* Every entry, for docs and tests: index 0 .. rcx_registry_size()-1. */
size_t rcx_registry_size(void);
const rcx_entry *rcx_registry_at(size_t index);

/* Lookup by key ("rcode.23"); NULL when unknown. */
const rcx_entry *rcx_registry_find(const char *key);

static inline bool rcx_entry_is_range(const rcx_entry *e)
{
	return e->first != e->last;
}

/*
 * True when the entry stands for values with no assigned meaning: an
 * unassigned, private-use or reserved range, or the reserved code 65535
 * (RFC 6895 §2.3).
 */
static inline bool rcx_entry_is_unassigned(const rcx_entry *e)
{
	return rcx_entry_is_range(e) ||
	       (e->kind == RCX_KIND_RCODE && e->first == 65535);
}

#endif
