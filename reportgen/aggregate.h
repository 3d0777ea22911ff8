/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Aggregates: the in-memory model every output (terminal, JSON, HTML) reads.
 *
 * Filled message by message and transaction by transaction, in bounded
 * memory: per-name statistics use a Space-Saving top-K (Metwally et al.
 * 2005), latencies a log-linear histogram, the timeline adaptive buckets,
 * and every list of examples keeps a few frame numbers only. After
 * rg_aggregate_finish() every GArray below is sorted (largest count first
 * unless said otherwise) and may be read directly; nothing in the model is
 * modified by the outputs.
 */
#ifndef RCREPORT_AGGREGATE_H
#define RCREPORT_AGGREGATE_H

#include <stdbool.h>
#include <stdint.h>

#include <glib.h>
#include <rcodex/rcodex.h>

#include "dns_payload.h"
#include "transactions.h"

/* A few example frames per item, in capture order (the first ones seen);
 * they become Wireshark filters such as "frame.number in {12 40 77}". */
#define RG_MAX_EXAMPLES 5

typedef struct {
	uint8_t n;
	uint64_t frames[RG_MAX_EXAMPLES];
} rg_examples;

/* Capture time, seconds and nanoseconds since the epoch, UTC. */
typedef struct {
	int64_t sec;
	int32_t nsec;
} rg_time;

/* Latency histogram: log-linear, 16 sub-buckets per power of two of
 * microseconds (relative error below 1/16), up to about 2^40 µs. */
#define RG_LATENCY_SUB     16
#define RG_LATENCY_OCTAVES 40
#define RG_LATENCY_BUCKETS (RG_LATENCY_SUB * (RG_LATENCY_OCTAVES + 1))

typedef struct {
	uint64_t count;
	int64_t min_ns, max_ns;
	double sum_ns;
	uint32_t buckets[RG_LATENCY_BUCKETS];
} rg_latency_histogram;

/* Percentiles of a histogram, filled by rg_aggregate_finish(); all 0 when
 * count is 0. Values are nanoseconds; max is exact, the others within the
 * histogram's resolution. */
typedef struct {
	uint64_t count;
	int64_t p50_ns, p90_ns, p99_ns, max_ns, min_ns;
	double mean_ns;
} rg_latency_summary;

/* Percentile q (0..1) of a histogram, in nanoseconds. */
int64_t rg_latency_percentile(const rg_latency_histogram *h, double q);

/* ---- Capture facts ---- */

typedef struct {
	int encap;        /* wiretap encapsulation (WTAP_ENCAP_*) */
	char *name;       /* "Ethernet", "Linux cooked-mode capture v2", ... */
	uint64_t packets; /* records with this link type */
	bool supported;   /* false: counted and named, not decoded */
} rg_link_type;

/* Frames that held a tunnel (VXLAN, GRE, ...), decoded or only named. */
typedef struct {
	const char *name; /* static text */
	uint64_t packets;
	bool decoded; /* false: counted and named, not decoded */
} rg_tunnel_count;

/* A place where the capture is damaged: a cut file, a corrupt record, a
 * snaplen-cut DNS message, a TCP gap. */
typedef struct {
	char *kind;   /* stable identifier: "truncated_file", "snaplen_cut",
	                 "corrupt_record", "tcp_gap", ... */
	char *detail; /* one line for people, may be NULL */
	uint64_t count;
	rg_examples examples;
} rg_damage;

typedef struct {
	char *path;       /* as given on the command line, "-" for stdin */
	char *sha256;     /* hex, NULL when not computed (stdin) */
	char *format;     /* "pcap", "pcapng", "pcap (gzip)", ... */
	uint64_t size;    /* bytes on disk, 0 when unknown */
	uint64_t packets; /* records read from this file */
} rg_capture_file;

typedef struct {
	GArray *files;      /* rg_capture_file, in command-line order */
	GArray *link_types; /* rg_link_type, most packets first */
	uint64_t packets;   /* all records, all files */
	uint64_t bytes;     /* captured bytes */
	bool has_time;
	rg_time first, last; /* earliest and latest record */
	uint64_t dns_messages;
	uint64_t ip_fragmented; /* DNS messages reassembled from fragments */
	uint64_t tcp_segmented; /* DNS messages reassembled from segments */
	uint64_t encrypted_flows_dot; /* TCP/853: contents not visible */
	uint64_t encrypted_flows_doq; /* UDP/853: contents not visible */
	GArray *tunnels;              /* rg_tunnel_count, most packets first */
	uint64_t empty_udp; /* UDP datagrams on a DNS port without payload */
	bool damaged;                 /* any entry in damage */
	GArray *damage;               /* rg_damage, most frequent first */
} rg_capture_facts;

/* ---- Code distribution ---- */

/*
 * One row of the response-code distribution. A row is an effective code
 * together with the context it came from (so BADVERS from OPT and BADSIG
 * from TSIG are different rows) and, for NOERROR, the condition: answer,
 * NODATA, referral, truncated and success each get their own row.
 */
typedef struct {
	uint16_t rcode;
	rcx_rcode_source source;
	rcx_condition condition;
	const rcx_entry *rcode_entry;     /* rcx_diagnosis.rcode_entry */
	const rcx_entry *condition_entry; /* rcx_diagnosis.condition_entry */
	bool llmnr; /* responses of LLMNR responders (RFC 4795): rows of their
	               own, since LLMNR has no zones */
	uint64_t count; /* responses */
	rg_examples examples;
} rg_code_row;

/* ---- Per server / per client ---- */

typedef struct {
	uint16_t rcode;
	rcx_rcode_source source;
	rcx_condition condition;
	uint64_t count;
} rg_code_count;

/* One server, identified by address and port (UDP and TCP together). */
typedef struct {
	rg_addr addr;
	uint16_t port;
	char *text;       /* "192.0.2.1:53" / "[2001:db8::1]:53" */
	uint64_t queries; /* query messages sent to it (retransmissions
	                     included) */
	uint64_t transactions;
	uint64_t answered;
	uint64_t unanswered_timeout;
	uint64_t unanswered_capture_end;
	uint64_t icmp_errors; /* ICMP errors quoting a query to it */
	uint64_t retransmissions;
	uint64_t unsolicited;
	uint64_t responses;
	uint64_t failed; /* rg_transaction_failed() */
	uint64_t udp, tcp;
	GArray *codes; /* rg_code_count, most frequent first */
	rg_latency_histogram latency;
	rg_latency_summary latency_summary;
	rg_examples unanswered_examples;
	rg_examples failed_examples;
} rg_server_stats;

typedef struct {
	rg_addr addr;
	char *text;
	uint64_t queries;
	uint64_t transactions;
	uint64_t answered;
	uint64_t unanswered; /* timeout + capture end + ICMP */
	uint64_t failed;
	rg_examples failed_examples;
} rg_client_stats;

/* ---- Top names (Space-Saving) ---- */

/*
 * An item of a top-K list. count is an upper bound on the true count and
 * count - overcount a lower bound (exact when overcount is 0). rcode,
 * source and condition are set for the failing-names list only.
 */
typedef struct {
	char *qname;
	uint16_t qtype; /* 0 in lists keyed by name only */
	uint16_t rcode;
	rcx_rcode_source source;
	rcx_condition condition;
	bool llmnr; /* failing-names list: asked over LLMNR */
	uint64_t count;
	uint64_t overcount;
	uint64_t failed; /* failed transactions among count (approximate) */
	rg_examples examples;
} rg_top_item;

typedef struct {
	uint32_t capacity; /* items tracked (bounded memory) */
	uint64_t total;    /* all occurrences offered */
	bool exact;        /* no eviction happened: counts are exact */
	GArray *items;     /* rg_top_item, highest count first, at most the
	                      report's top-N */
} rg_top_list;

/* ---- Timeline ---- */

typedef struct {
	int64_t start_sec; /* bucket start, capture time */
	uint64_t queries;  /* query messages */
	uint64_t responses;
	uint64_t answer; /* responses with condition answer */
	uint64_t nodata;
	uint64_t nxdomain;
	uint64_t servfail;
	uint64_t refused;
	uint64_t other_errors; /* other non-zero effective codes */
	uint64_t unanswered;   /* queries (by send time) never answered */
} rg_timeline_bucket;

/* Buckets start at 1 s wide and double (neighbours merged) whenever there
 * would be more than RG_TIMELINE_MAX_BUCKETS. */
#define RG_TIMELINE_MAX_BUCKETS 600

typedef struct {
	int64_t origin_sec; /* start of the first bucket */
	uint32_t bucket_seconds;
	GArray *buckets; /* rg_timeline_bucket, in time order */
} rg_timeline;

/* ---- EDE ---- */

#define RG_MAX_EDE_TEXTS 5
#define RG_MAX_EDE_ZONES 8
#define RG_MAX_EDE_CODES 8
#define RG_MAX_EDE_SERVERS 8
/* Rows of the EDE table: every code the registry names (RFC 8914 §5.2,
 * 0-30) gets one; unassigned, private-use and reserved codes share
 * RG_MAX_EDE_OTHER_ROWS, and EDEs with further such codes are counted in
 * ede_untracked. */
#define RG_MAX_EDE_ROWS       64
#define RG_MAX_EDE_OTHER_ROWS 32

typedef struct {
	char *text; /* EXTRA-TEXT (invalid UTF-8 replaced), cut like
	               rg_ede_fact.text at RG_EDE_TEXT_MAX - 1 octets */
	uint64_t count;
	rg_examples examples;
} rg_ede_text;

typedef struct {
	char *zone; /* SOA owner of the response, else the query name */
	uint64_t count;
} rg_ede_zone;

/* A server and how many messages of some kind it sent. */
typedef struct {
	rg_addr addr;
	uint16_t port;
	uint64_t count;
} rg_server_count;

typedef struct {
	uint16_t info_code;
	const rcx_entry *entry;
	uint64_t count; /* responses carrying it */
	GArray *codes;  /* rg_code_count: the effective codes it came with */
	GArray *texts;  /* rg_ede_text, up to RG_MAX_EDE_TEXTS distinct */
	GArray *zones;  /* rg_ede_zone, up to RG_MAX_EDE_ZONES distinct */
	GArray *servers; /* rg_server_count: the senders, up to
	                    RG_MAX_EDE_SERVERS distinct, most responses first */
	uint64_t servers_untracked; /* responses from further servers */
	rg_examples examples;
} rg_ede_row;

/* ---- TSIG ---- */

typedef struct {
	char *key_name;
	uint16_t error; /* TSIG Error field (0 included: signed and fine) */
	const rcx_entry *entry;
	uint64_t count;
	bool has_skew;
	int64_t skew_min, skew_max; /* seconds, client minus server */
	rg_examples examples;
} rg_tsig_row;

/* ---- Cookies (RFC 7873) and truncation ---- */

typedef struct {
	uint64_t queries_with_client_cookie;
	uint64_t queries_with_server_cookie;
	uint64_t responses_with_server_cookie;
	uint64_t malformed;         /* COOKIE option of an invalid length */
	uint64_t badcookie;         /* BADCOOKIE responses */
	uint64_t badcookie_retried; /* the client asked again, same server and
	                               question, within the timeout */
	uint64_t badcookie_not_retried;
	rg_examples badcookie_examples;
	rg_examples retried_examples;     /* the retry's query frame */
	rg_examples not_retried_examples; /* the BADCOOKIE response frame */
} rg_cookie_stats;

typedef struct {
	uint64_t truncated;        /* UDP responses with TC=1 */
	uint64_t retried_over_tcp; /* same client, server and question over
	                              TCP within the timeout */
	uint64_t not_retried;
	rg_examples truncated_examples;
	rg_examples retried_examples;     /* the TCP query frame */
	rg_examples not_retried_examples; /* the TC=1 response frame */
} rg_truncation_stats;

/* ---- ICMP ---- */

typedef struct {
	rg_addr server; /* destination of the quoted query */
	uint16_t port;
	char *server_text;
	bool v6;
	uint8_t type, code;
	char *meaning; /* "port unreachable", "host unreachable", ... */
	rg_addr from;  /* who sent the ICMP error */
	uint64_t count;
	uint64_t matched; /* quoted a query seen in the capture */
	rg_examples examples;
} rg_icmp_row;

/* ---- Inconsistent answers ---- */

/*
 * One server address that gave different answers to the same question
 * (name, type, class). An answer is fingerprinted by its response code
 * (NOERROR or NXDOMAIN) and the set of its answer records (type, class and
 * RDATA with names uncompressed; TTLs and RRSIGs left out, record order
 * ignored). Only NOERROR and NXDOMAIN responses that are complete (no TC,
 * no parse problem) count.
 */
#define RG_MAX_INCONSISTENT 64
#define RG_MAX_VARIANTS     8
typedef struct {
	rg_addr server;
	uint16_t port;
	char *qname; /* presentation form */
	uint16_t qtype;
	uint32_t variants;  /* distinct answers seen (up to RG_MAX_VARIANTS
	                       counted exactly) */
	uint64_t responses; /* responses to this question from this server */
	uint64_t fingerprints[RG_MAX_VARIANTS];
	rg_examples examples; /* the first response with each answer */
} rg_inconsistent_row;

typedef struct {
	uint64_t questions;  /* (server, question) pairs followed */
	uint64_t untracked;  /* responses to pairs beyond the table's size */
	uint64_t differing;  /* pairs that got more than one answer */
	GArray *rows;        /* rg_inconsistent_row, up to RG_MAX_INCONSISTENT,
	                        most variants then most responses first */
} rg_answer_consistency;

/* ---- Referrals to queries asking for recursion ---- */

#define RG_MAX_REFERRAL_SERVERS 4
typedef struct {
	rg_addr addr;
	uint16_t port;
	uint64_t count; /* 0: unused */
} rg_referral_server;

/* ---- Anomalies ---- */

typedef struct {
	rcx_problem problem;
	const rcx_entry *entry; /* rcx_problem_entry() */
	uint64_t count;         /* messages (or transactions) showing it */
	rg_examples examples;
} rg_anomaly_row;

/* ---- Totals ---- */

typedef struct {
	uint64_t messages;    /* DNS messages handed to the core */
	uint64_t queries;     /* of which queries */
	uint64_t responses;   /* of which responses */
	uint64_t icmp_quoted; /* DNS queries quoted in ICMP errors */
	uint64_t unparsable;  /* too short to tell query from response */
	uint64_t multicast;   /* sent to a multicast group (mDNS, LLMNR
	                         queries): counted, not paired */
	uint64_t transactions;
	uint64_t answered;
	uint64_t late; /* answered after the timeout */
	uint64_t unanswered_timeout;
	uint64_t unanswered_capture_end;
	uint64_t unanswered_icmp;
	uint64_t unsolicited;
	uint64_t retransmissions; /* queries re-sent before an answer */
	uint64_t id_reuse; /* a new question reused an ID still pending */
	uint64_t failed;   /* rg_transaction_failed() */
	uint64_t udp, tcp; /* messages per transport */
	uint64_t v4, v6;
} rg_totals;

typedef struct {
	int64_t timeout_ns;    /* the unanswered timeout used */
	uint32_t top_n;        /* items kept in each top list after finish */
	uint32_t top_capacity; /* items tracked by each Space-Saving list */
	uint32_t max_failed;   /* failed transactions kept with all facts */
	uint32_t max_servers;  /* servers tracked individually (others: "other")
	                        */
	uint32_t max_clients;
} rg_aggregate_options;

void rg_aggregate_options_init(rg_aggregate_options *options);

typedef struct {
	rg_aggregate_options options;
	rg_capture_facts capture;
	rg_totals totals;

	GArray *codes; /* rg_code_row */

	GArray *servers; /* rg_server_stats, most transactions first */
	uint64_t servers_untracked; /* transactions of servers beyond
	                               max_servers */
	GArray *clients; /* rg_client_stats, most transactions first */
	uint64_t clients_untracked;

	rg_top_list top_qnames;      /* by queries, keyed by name */
	rg_top_list top_qname_qtype; /* by queries, keyed by name and type */
	rg_top_list top_failing;     /* failed transactions, keyed by name,
	                                type, code and condition */

	rg_timeline timeline;

	rg_latency_histogram latency; /* all answered transactions */
	rg_latency_summary latency_summary;

	GArray *ede;            /* rg_ede_row, at most RG_MAX_EDE_ROWS */
	uint64_t ede_untracked; /* EDEs whose code found no row left */
	GArray *tsig;           /* rg_tsig_row */
	rg_cookie_stats cookies;
	rg_truncation_stats truncation;
	GArray *icmp;      /* rg_icmp_row */
	GArray *anomalies; /* rg_anomaly_row */
	rg_answer_consistency consistency;
	/* Referrals answering a query with RD=1 (the response copies RD):
	 * the client asked for recursion and got a delegation. */
	uint64_t referrals_rd;
	rg_examples referral_rd_examples;
	rg_referral_server referral_rd_servers[RG_MAX_REFERRAL_SERVERS];

	rg_examples unsolicited_examples;
	rg_examples late_examples; /* response frames */
	rg_examples retransmission_examples;
	rg_examples id_reuse_examples;

	/* The first max_failed failed transactions, in the order they
	 * finished, with every fact; failed_dropped counts the rest. */
	GArray *failed; /* rg_transaction */
	uint64_t failed_dropped;

	bool finished;

	/* private */
	struct rg_aggregate_private *priv;
} rg_aggregate;

rg_aggregate *rg_aggregate_new(const rg_aggregate_options *options);

/* An rg_message_callback: per-message counts (codes, anomalies, EDE,
 * TSIG, cookies, timeline). user is the rg_aggregate. */
void rg_aggregate_add_message(const rg_dns_payload *payload,
                              const rcx_message *msg, const rcx_diagnosis *diag,
                              void *user);

/* An rg_followup_callback's report: BADCOOKIE and TC=1 retried or not. */
void rg_aggregate_add_followup(rg_aggregate *agg, rg_followup_kind kind,
                               uint64_t response_frame, uint64_t retry_frame);

/* Per-transaction counts (servers, clients, names, latency, retries). */
void rg_aggregate_add_transaction(rg_aggregate *agg, const rg_transaction *t);

/* Record a damaged place in the capture. kind is a stable identifier. */
void rg_aggregate_add_damage(rg_aggregate *agg, const char *kind,
                             const char *detail, uint64_t frame);

/* Sort, compute percentiles, cut top lists to top_n. Call once. */
void rg_aggregate_finish(rg_aggregate *agg);

void rg_aggregate_free(rg_aggregate *agg);

/* Helpers for the outputs. */
void rg_examples_add(rg_examples *ex, uint64_t frame);
/* "frame.number in {12 40 77}" (or "frame.number == 12") into a new
 * string; NULL when there are no examples. */
char *rg_examples_filter(const rg_examples *ex);
/* The registry entry naming a row's code: the rcode entry, or for
 * NOERROR, and for NXDOMAIN from LLMNR, the condition entry (NODATA,
 * referral, ...). */
const rcx_entry *rg_code_row_entry(const rg_code_row *row);
/* "NOERROR/NODATA", "SERVFAIL", "BADSIG (TSIG)": a short label built from
 * registry mnemonics, into buf. */
const char *rg_code_label(uint16_t rcode, rcx_rcode_source source,
                          rcx_condition condition, char *buf, size_t size);
/* rg_code_label() of a row, with " (LLMNR)" for LLMNR rows. */
const char *rg_code_row_label(const rg_code_row *row, char *buf, size_t size);
/* The outcome of a failing-names item: "unanswered" or its code label. */
const char *rg_top_item_label(const rg_top_item *item, char *buf, size_t size);

/* RR type mnemonic ("A", "AAAA", ...) or the RFC 3597 form "TYPE65280",
 * into buf. */
const char *rg_qtype_name(uint16_t qtype, char *buf, size_t size);

/* "2026-01-31T12:00:00.123456Z" into buf (at least 32 bytes); "" when the
 * time cannot be represented. */
const char *rg_time_iso8601(int64_t sec, int32_t nsec, char *buf, size_t size);

#endif
