/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Transactions: pairing DNS queries with their responses.
 *
 * A query and a response belong together when they travel between the same
 * two endpoints (addresses and ports swapped) over the same transport with
 * the same DNS ID and the same question. Every message is handed to the core
 * once (rcx_message_parse) and every response is diagnosed once, together
 * with the query it answers (rcx_diagnose); the tracker only pairs, times
 * and counts. Pending queries are kept for at most the timeout (capture
 * time), so memory stays bounded however long the capture is.
 */
#ifndef RCREPORT_TRANSACTIONS_H
#define RCREPORT_TRANSACTIONS_H

#include <stdbool.h>
#include <stdint.h>

#include <rcodex/rcodex.h>

#include "dns_payload.h"

typedef enum {
	RG_STATUS_ANSWERED,    /* a response was paired with the query */
	RG_STATUS_UNANSWERED,  /* a query that got no response */
	RG_STATUS_UNSOLICITED, /* a response with no query in the capture */
	RG_STATUS_UNKNOWN,     /* a message too damaged to tell which it is */
} rg_status;

/* Why a query counts as unanswered. */
typedef enum {
	RG_UNANSWERED_NONE,
	RG_UNANSWERED_TIMEOUT,     /* no response within the timeout */
	RG_UNANSWERED_CAPTURE_END, /* the capture ended before the timeout ran
	                              out: too soon to judge */
	RG_UNANSWERED_ICMP,        /* an ICMP error came back instead */
} rg_unanswered_reason;

#define RG_TXN_MAX_EDE          RCX_MAX_EDE
#define RG_EDE_TEXT_MAX         160 /* EXTRA-TEXT kept, UTF-8, NUL-terminated */
#define RG_TSIG_KEY_TEXT_MAX    256
#define RG_TXN_MAX_PROBLEMS     16
#define RG_TXN_MAX_QUERY_FRAMES 8

/* One Extended DNS Error as it came in a response (RFC 8914 §2). */
typedef struct {
	uint16_t code;
	const rcx_entry *entry; /* from rcx_diagnosis.ede_entries */
	bool has_text;
	char text[RG_EDE_TEXT_MAX]; /* EXTRA-TEXT, cut at a UTF-8 boundary */
} rg_ede_fact;

/*
 * Everything known about one transaction: a query and its response, a
 * query that got none, or a response nobody asked for. Frame numbers are 0
 * and times are unset when the message is absent.
 */
typedef struct {
	rg_status status;
	rg_unanswered_reason unanswered_reason;

	/* The first transmission of the query: a response answers it, as
	 * Wireshark's dns.response_to says, whichever retransmission came
	 * last. */
	uint64_t query_frame;
	uint64_t response_frame;
	int64_t query_sec; /* capture time of query_frame (or of the response
	                      when there is no query) */
	int32_t query_nsec;
	int64_t response_sec;
	int32_t response_nsec;
	int64_t latency_ns;       /* response time minus query_frame time (as
	                             Wireshark's dns.time); -1 when not answered or
	                             unknown (the response is timed before its
	                             query: the clock stepped back) */
	bool late;                /* answered, but after the timeout */
	uint32_t retransmissions; /* queries re-sent before the response */
	/* Frames of every transmission of the query, first to last (the
	 * first RG_TXN_MAX_QUERY_FRAMES of them). */
	uint8_t n_query_frames;
	uint64_t query_frames[RG_TXN_MAX_QUERY_FRAMES];

	rg_transport transport;
	rg_addr client, server;
	uint16_t client_port, server_port;
	uint16_t id;
	uint8_t opcode;

	bool has_question;
	uint16_t qtype;
	uint16_t qclass;

	/* Response facts, all from the core's rcx_diagnosis. */
	bool has_response;
	uint16_t rcode; /* effective code */
	rcx_rcode_source rcode_source;
	const rcx_entry *rcode_entry;
	rcx_condition condition;
	const rcx_entry *condition_entry;
	bool after_chain;
	bool aa, tc;
	bool has_negative_ttl;
	uint32_t negative_ttl;

	uint8_t n_ede; /* entries in ede[] below */

	bool tsig_present;
	uint16_t tsig_error;
	const rcx_entry *tsig_entry;
	bool has_tsig_skew;
	int64_t tsig_skew; /* seconds, client clock minus server clock */

	rcx_cookie_state cookie;  /* of the response (query_* from the query) */
	bool query_cookie_client; /* the query carried a client cookie */
	bool query_cookie_server; /* ... and a server cookie */
	bool query_cookie_valid;  /* its length was valid */
	bool query_cookie_present;
	bool query_tsig_present;   /* the query was TSIG-signed */
	uint16_t query_tsig_error; /* its TSIG Error field */

	/* Problems and anomalies the core found in the query, the response
	 * and their pairing (rcx_problem values), without duplicates. */
	uint8_t n_problems;
	uint8_t problems[RG_TXN_MAX_PROBLEMS];
	rcx_severity severity;

	/* An ICMP/ICMPv6 error that quoted the query. */
	bool icmp;
	uint64_t icmp_frame;
	uint8_t icmp_type, icmp_code;
	bool icmp_v6;
	rg_addr icmp_from;

	bool ip_fragmented, tcp_segmented, snaplen_cut;
	bool id_reused; /* the query reused the ID of another pending query
	                   with a different question */

	/* Text, last so that resetting the facts above stays cheap. */
	char qname[RCX_NAME_TEXT_MAX]; /* presentation form (rcx_name_to_text),
	                                  "" without a question */
	char zone[RCX_NAME_TEXT_MAX];  /* owner of the authority SOA, "" when
	                                  none */
	char tsig_key[RG_TSIG_KEY_TEXT_MAX]; /* "" without TSIG */
	rg_ede_fact ede[RG_TXN_MAX_EDE];     /* in message order */
} rg_transaction;

/* True when the transaction is something a user should look at: no
 * answer (timeout, ICMP error), a non-zero effective code, NODATA, an
 * unsolicited response or an unreadable message. Queries sent too close
 * to the end of the capture are not judged; referrals and TC=1 are not
 * failures by themselves (their follow-ups are counted apart). */
bool rg_transaction_failed(const rg_transaction *t);

/* "answered", "unanswered", "unsolicited", "unknown". */
const char *rg_status_name(rg_status s);
/* "timeout", "capture_ended", "icmp", or NULL for none. */
const char *rg_unanswered_reason_name(rg_unanswered_reason r);
/* "udp" or "tcp". */
const char *rg_transport_name(rg_transport t);
/* "192.0.2.1" or "2001:db8::1" into buf (at least 46 bytes). */
const char *rg_addr_to_text(const rg_addr *addr, char *buf, size_t size);
/* "192.0.2.1:53" or "[2001:db8::1]:53" into buf (at least 56 bytes). */
const char *rg_endpoint_to_text(const rg_addr *addr, uint16_t port, char *buf,
                                size_t size);

typedef struct rg_tracker rg_tracker;

/* Called once per finished transaction, in the order they finish. The
 * transaction is valid only during the call. */
typedef void (*rg_transaction_callback)(const rg_transaction *t, void *user);

/*
 * Called once per DNS message with the core's view of it (diag is that of
 * the message paired with its query when it is a response). Used by the
 * aggregates for per-message counts.
 */
typedef void (*rg_message_callback)(const rg_dns_payload *payload,
                                    const rcx_message *msg,
                                    const rcx_diagnosis *diag, void *user);

/* A follow-up a response asked for (RFC 7873 §5.3: resend with the fresh
 * server cookie after BADCOOKIE; RFC 7766 §6.2.1.1: retry over TCP after
 * TC=1). retry_frame is the query that followed it, 0 when none came
 * within the timeout. */
typedef enum {
	RG_FOLLOWUP_BADCOOKIE,
	RG_FOLLOWUP_TRUNCATED,
} rg_followup_kind;

typedef void (*rg_followup_callback)(rg_followup_kind kind,
                                     uint64_t response_frame,
                                     uint64_t retry_frame, void *user);

/* Called for a query given up unpaired because the pending queries
 * reached RG_PENDING_MAX_BYTES while its timeout was still running;
 * first_frame is its first transmission. */
typedef void (*rg_dropped_callback)(uint64_t first_frame, void *user);

typedef struct {
	int64_t timeout_ns; /* capture time after which a query is unanswered
	                     */
	rg_transaction_callback on_transaction;
	rg_message_callback on_message;
	rg_followup_callback on_followup;
	rg_dropped_callback on_query_dropped;
	size_t max_pending_bytes; /* 0: RG_PENDING_MAX_BYTES */
	void *user;
} rg_tracker_options;

/*
 * Memory for queries waiting for their response: about 400,000
 * typical queries. When it is full, the oldest query whose timeout has run
 * out is counted as unanswered; one still within its timeout is dropped
 * (on_query_dropped), so a busy capture is never turned into unanswered
 * queries and unsolicited responses.
 */
#define RG_PENDING_MAX_BYTES ((size_t)128 << 20)

#define RG_DEFAULT_TIMEOUT_NS (5 * (int64_t)1000000000)
/*
 * A response still pairs with its query when it comes later than the
 * timeout (a resolver answering SERVFAIL after its own retries gave up):
 * queries wait this long, or the timeout when it is longer, before they
 * are given up as unanswered. Such transactions are answered, with a
 * latency above the timeout ("late").
 */
#define RG_LATE_HORIZON_NS (60 * (int64_t)1000000000)

rg_tracker *rg_tracker_new(const rg_tracker_options *options);

/* Feed one DNS message (an rg_dns_callback). */
void rg_tracker_add(const rg_dns_payload *payload, void *tracker);

/* The capture has ended: every pending query becomes unanswered, with
 * reason capture_end when its timeout had not yet run out. */
void rg_tracker_finish(rg_tracker *tracker);

void rg_tracker_free(rg_tracker *tracker);

#endif
