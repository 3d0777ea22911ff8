/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Diagnosis: what a parsed message's response code really means.
 *
 * rcx_diagnose() takes a parsed message and, when the caller has paired it,
 * the parsed query it answers. It decides the effective response code, the
 * condition (answer, NODATA, NXDOMAIN, referral, ...), the negative-caching
 * TTL, the Extended DNS Errors, the TSIG error and clock skew, the cookie
 * state and every anomaly, each tied to the registry entry that explains it.
 */
#ifndef RCODEX_DIAGNOSIS_H
#define RCODEX_DIAGNOSIS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rcodex/message.h"
#include "rcodex/registry.h"

#define RCX_MAX_CHAIN     16
#define RCX_MAX_ANOMALIES 24
#define RCX_MAX_ADVICE    12

typedef enum {
	RCX_SOURCE_HEADER, /* the 4 header bits */
	RCX_SOURCE_EDNS,   /* header bits + OPT extended RCODE (non-zero) */
	RCX_SOURCE_TSIG,   /* TSIG Error field (non-zero) */
	RCX_SOURCE_TKEY,   /* TKEY Error field (non-zero) */
} rcx_rcode_source;

typedef enum {
	RCX_COND_QUERY,  /* the message is a query: no condition */
	RCX_COND_ANSWER, /* NOERROR with data for the question */
	RCX_COND_NODATA, /* NOERROR, name exists, no data of that type (RFC 2308
	                    §2.2) */
	RCX_COND_NXDOMAIN, /* name does not exist (RFC 2308 §2.1, RFC 8020) */
	RCX_COND_REFERRAL, /* NOERROR, AA=0, NS in authority: a delegation */
	RCX_COND_ERROR,    /* any other effective code */
	RCX_COND_SUCCESS, /* NOERROR to a non-QUERY opcode (UPDATE, NOTIFY, ...)
	                   */
	RCX_COND_TRUNCATED, /* NOERROR, TC=1, no data: retry over TCP expected
	                     */
	RCX_COND_UNDETERMINED, /* NOERROR, but the question, answer or
	                          authority section is damaged: answer, NODATA
	                          and referral cannot be told apart */
	RCX_COND_COUNT
} rcx_condition;

typedef struct {
	bool present;        /* the message carries a COOKIE option */
	bool client;         /* client cookie present */
	bool server;         /* server cookie present */
	bool valid;          /* option length valid (RFC 7873 §4) */
	bool query_client;   /* paired query carried a client cookie */
	bool query_server;   /* paired query carried a server cookie */
	bool retry_expected; /* BADCOOKIE with a fresh server cookie: resend
	                        with it */
} rcx_cookie_state;

typedef struct {
	uint8_t code; /* rcx_problem */
	uint32_t offset;
} rcx_anomaly;

typedef struct {
	bool is_response;
	bool has_query; /* a paired query was given */

	/* Effective response code (RFC 6891 §6.1.3, RFC 8945 §5.3, RFC 2930).
	 */
	uint16_t rcode;
	rcx_rcode_source source;
	uint8_t header_rcode;
	bool has_edns_rcode;
	uint16_t edns_rcode; /* header bits + ext << 4, when OPT is present */
	const rcx_entry *rcode_entry;

	rcx_condition condition;
	bool after_chain; /* the condition applies to the end of a CNAME/DNAME
	                     chain */
	const rcx_entry *condition_entry;

	/* CNAME/DNAME chain in the answer, from the question name. */
	uint8_t chain_length;                  /* links followed */
	uint32_t chain_targets[RCX_MAX_CHAIN]; /* offset of each link's target
	                                          name */
	bool chain_has_dname;

	bool has_negative_ttl; /* min(SOA TTL, SOA MINIMUM), RFC 2308 §5 */
	uint32_t negative_ttl;

	uint8_t n_ede; /* = msg->opt.n_ede; entry i explains msg->opt.ede[i] */
	const rcx_entry *ede_entries[RCX_MAX_EDE];

	bool tsig_present;
	uint16_t tsig_error;
	const rcx_entry *tsig_entry; /* NULL when no TSIG */
	bool has_tsig_skew;
	int64_t tsig_skew; /* seconds, client clock minus server clock */

	bool tkey_present;
	uint16_t tkey_error;

	rcx_cookie_state cookie;

	uint8_t n_anomalies;
	uint16_t anomalies_total;
	rcx_anomaly anomalies[RCX_MAX_ANOMALIES];

	/* Next steps, most specific first, deduplicated, from the entries
	 * above. */
	uint8_t n_advice;
	const char *advice[RCX_MAX_ADVICE];

	rcx_severity severity; /* the worst of everything above */
} rcx_diagnosis;

/*
 * Diagnose msg. query, when not NULL, is the parsed query that msg answers
 * (or, for a query, ignored). Never fails: a malformed message gets a
 * diagnosis of whatever could be read plus its problems as anomalies.
 */
void rcx_diagnose(rcx_diagnosis *diag, const rcx_message *msg,
                  const rcx_message *query);

/*
 * The same for a multicast DNS message (RFC 6762): its responses carry no
 * question and its negative answers are NSEC records, so a response is an
 * answer or an error, and the anomalies that rest on unicast rules (no
 * question, NODATA without SOA, ...) are left out.
 */
void rcx_diagnose_mdns(rcx_diagnosis *d, const rcx_message *msg);

/*
 * The same for an LLMNR message (RFC 4795): unicast rules apply, except
 * that there are no zones, so a negative answer carries no SOA and NODATA
 * and NXDOMAIN are explained by the LLMNR entries of the registry
 * (condition.nodata.llmnr, condition.nxdomain.llmnr) without zone-based
 * advice; a response with RCODE 3 is also an anomaly (§2.1.1: responders
 * do not answer for names they do not own). query is as for
 * rcx_diagnose().
 */
void rcx_diagnose_llmnr(rcx_diagnosis *d, const rcx_message *msg,
                        const rcx_message *query);

/* Lower-case name of a condition, as in the rcodex.condition field. */
const char *rcx_condition_name(rcx_condition c);

/* Name of a code source, as in the rcodex.rcode.source field. */
const char *rcx_source_name(rcx_rcode_source s);

/* The registry entry for a condition; after_chain picks the chain variant. */
const rcx_entry *rcx_condition_entry(rcx_condition c, bool after_chain);

/*
 * One-line summary such as "BADCOOKIE (23) - header RCODE 7 + EDNS extended
 * RCODE 1" or "NOERROR (0) NODATA - negative TTL 300 s". Returns the length
 * written (truncated to size - 1).
 */
size_t rcx_diagnosis_summary(const rcx_diagnosis *diag, const rcx_message *msg,
                             char *buf, size_t size);

/*
 * Short tag for an Info column, e.g. "BADCOOKIE", "NODATA", "BADSIG", or
 * NULL when the 4-bit header code already says it all.
 */
const char *rcx_diagnosis_tag(const rcx_diagnosis *diag);

#endif
