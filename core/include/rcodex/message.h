/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Parsed view of one DNS message.
 *
 * rcx_message_parse() walks the message once, validates every name and
 * length, and records where each record is. It never copies the message:
 * every offset in the view points into the caller's buffer, which must stay
 * alive as long as the view is used. A message that is cut short or
 * malformed still yields everything parsed up to the fault, plus a list of
 * problems with their offsets.
 */
#ifndef RCODEX_MESSAGE_H
#define RCODEX_MESSAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rcodex/problem.h"

#define RCX_MAX_QUESTIONS 4
#define RCX_MAX_RRS       128
#define RCX_MAX_OPTIONS   32
#define RCX_MAX_EDE       8
#define RCX_MAX_PROBLEMS  16

typedef enum {
	RCX_SECTION_QUESTION = 0,
	RCX_SECTION_ANSWER = 1,
	RCX_SECTION_AUTHORITY = 2,
	RCX_SECTION_ADDITIONAL = 3,
} rcx_section;

typedef struct {
	uint16_t id;
	bool qr;
	uint8_t opcode;
	bool aa, tc, rd, ra, z, ad, cd;
	uint8_t rcode; /* the 4 header bits only */
	uint16_t qdcount, ancount, nscount, arcount;
} rcx_header;

typedef struct {
	uint32_t name; /* offset of the (possibly compressed) QNAME */
	uint16_t qtype;
	uint16_t qclass;
} rcx_question;

typedef struct {
	uint32_t owner; /* offset of the owner name */
	uint32_t rdata; /* offset of RDATA */
	uint32_t ttl;
	uint16_t type;
	uint16_t rclass;
	uint16_t rdlength;
	uint8_t section; /* rcx_section */
} rcx_rr;

typedef struct {
	uint16_t code;
	uint16_t length;
	uint32_t offset; /* of the option data */
} rcx_option;

/* One Extended DNS Error, RFC 8914 §2. */
typedef struct {
	uint16_t info_code;
	uint16_t text_length; /* EXTRA-TEXT, 0 when absent */
	uint32_t text_offset;
} rcx_ede;

/* DNS COOKIE option, RFC 7873 §4. */
typedef struct {
	bool present;
	bool valid;            /* length is 8 or 16..40 */
	uint16_t length;       /* option length as sent */
	uint32_t offset;       /* of the client cookie */
	uint8_t server_length; /* 0 when no server cookie */
	uint32_t server_offset;
} rcx_cookie;

/* The OPT pseudo-RR, RFC 6891 §6.1. */
typedef struct {
	bool present;
	uint16_t rr_index; /* index into rcx_message.rrs, or UINT16_MAX */
	uint16_t udp_size;
	uint8_t ext_rcode; /* upper 8 bits of the 12-bit RCODE */
	uint8_t version;
	bool do_bit;
	uint16_t z;         /* flags other than DO */
	uint16_t n_options; /* stored in options[] */
	uint16_t options_total;
	rcx_option options[RCX_MAX_OPTIONS];
	uint8_t n_ede; /* stored in ede[] */
	uint16_t ede_total;
	rcx_ede ede[RCX_MAX_EDE];
	rcx_cookie cookie;
} rcx_opt;

/* TSIG RR, RFC 8945 §4.2. */
typedef struct {
	bool present;
	bool complete; /* every RDATA field was read */
	uint16_t rr_index;
	uint32_t rr_ordinal;  /* position among all records read */
	uint32_t key_name;    /* offset of the owner name (the key name) */
	uint32_t algorithm;   /* offset of the algorithm name */
	uint64_t time_signed; /* 48-bit seconds since the epoch */
	uint16_t fudge;
	uint16_t mac_size;
	uint32_t mac_offset;
	uint16_t original_id;
	uint16_t error;
	uint16_t other_length;
	uint32_t other_offset;
	bool has_server_time; /* Other Len is 6: the server's clock (BADTIME) */
	uint64_t server_time;
} rcx_tsig;

/* TKEY RR, RFC 2930 §2. */
typedef struct {
	bool present;
	bool complete;
	uint16_t rr_index;
	uint32_t algorithm;
	uint32_t inception;
	uint32_t expiration;
	uint16_t mode;
	uint16_t error;
} rcx_tkey;

typedef struct {
	uint8_t code; /* rcx_problem */
	uint32_t offset;
} rcx_problem_at;

typedef struct {
	const uint8_t *wire;
	uint32_t length;

	rcx_header header;
	bool header_complete;

	uint16_t n_questions; /* stored in questions[] */
	rcx_question questions[RCX_MAX_QUESTIONS];

	uint32_t rrs_parsed; /* records read from the wire, all sections */
	uint16_t n_rrs;      /* stored in rrs[] (first RCX_MAX_RRS) */
	rcx_rr rrs[RCX_MAX_RRS];
	uint16_t section_parsed[4]; /* records read per section */

	/* First SOA in the authority section (negative answers, RFC 2308). */
	bool has_soa;
	uint32_t soa_owner;
	uint32_t soa_ttl;
	uint32_t soa_minimum;
	uint16_t authority_ns; /* NS records in the authority section */

	uint8_t opt_count;
	rcx_opt opt; /* the first OPT seen */
	uint8_t tsig_count;
	rcx_tsig tsig;
	rcx_tkey tkey;

	uint32_t end; /* offset where parsing stopped */
	uint8_t n_problems;
	uint16_t problems_total;
	rcx_problem_at problems[RCX_MAX_PROBLEMS];
} rcx_message;

/*
 * Parse the DNS message in wire[0..length). Always fills *msg as far as the
 * bytes allow. Returns true when no problem was found; false otherwise, with
 * the details in msg->problems (see rcx_problem_entry() for their severity).
 */
bool rcx_message_parse(rcx_message *msg, const uint8_t *wire, size_t length);

/* True when the parse recorded problem p. */
bool rcx_message_has_problem(const rcx_message *msg, rcx_problem p);

static inline bool rcx_message_has_edns(const rcx_message *msg)
{
	return msg->opt.present;
}

static inline bool rcx_message_has_tsig(const rcx_message *msg)
{
	return msg->tsig.present;
}

/* The first question, or NULL when the message has none. */
static inline const rcx_question *rcx_message_question(const rcx_message *msg)
{
	return msg->n_questions > 0 ? &msg->questions[0] : NULL;
}

#endif
