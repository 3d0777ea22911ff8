/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Pairing of queries and responses, and the aggregates built from them. */
#define _POSIX_C_SOURCE 200809L
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "aggregate.h"
#include "jsonl_report.h"
#include "builder.h"
#include "transactions.h"

#define CLIENT 0x0a000001u /* 10.0.0.1 */
#define SERVER 0x0a000035u /* 10.0.0.53 */

typedef struct {
	rg_tracker *tracker;
	rg_aggregate *agg;
	GArray *txns;      /* rg_transaction */
	GArray *followups; /* uint64_t pairs: response frame, retry frame */
	GArray *dropped;   /* uint64_t: first frames of dropped queries */
	uint64_t frame;
} fixture;

static void on_transaction(const rg_transaction *t, void *user)
{
	fixture *f = user;
	g_array_append_vals(f->txns, t, 1);
	rg_aggregate_add_transaction(f->agg, t);
}

static void on_message(const rg_dns_payload *p, const rcx_message *msg,
                       const rcx_diagnosis *diag, void *user)
{
	fixture *f = user;
	rg_aggregate_add_message(p, msg, diag, f->agg);
}

static void on_followup(rg_followup_kind kind, uint64_t response_frame,
                        uint64_t retry_frame, void *user)
{
	fixture *f = user;
	uint64_t pair[3] = {kind, response_frame, retry_frame};
	g_array_append_vals(f->followups, pair, 3);
	rg_aggregate_add_followup(f->agg, kind, response_frame, retry_frame);
}

static void on_query_dropped(uint64_t first_frame, void *user)
{
	fixture *f = user;
	g_array_append_val(f->dropped, first_frame);
}

/* data, when set, is the tracker's memory for waiting queries (size_t). */
static void setup(fixture *f, gconstpointer data)
{
	rg_aggregate_options ao;
	rg_aggregate_options_init(&ao);
	ao.top_capacity = 64;
	f->agg = rg_aggregate_new(&ao);
	rg_tracker_options to = {0};
	to.timeout_ns = RG_DEFAULT_TIMEOUT_NS;
	to.on_transaction = on_transaction;
	to.on_message = on_message;
	to.on_followup = on_followup;
	to.on_query_dropped = on_query_dropped;
	to.max_pending_bytes = data ? *(const size_t *)data : 0;
	to.user = f;
	f->tracker = rg_tracker_new(&to);
	f->txns = g_array_new(FALSE, TRUE, sizeof(rg_transaction));
	f->followups = g_array_new(FALSE, TRUE, sizeof(uint64_t));
	f->dropped = g_array_new(FALSE, TRUE, sizeof(uint64_t));
	f->frame = 0;
}

static void teardown(fixture *f, gconstpointer data)
{
	(void)data;
	rg_tracker_free(f->tracker);
	rg_aggregate_free(f->agg);
	g_array_unref(f->txns);
	g_array_unref(f->followups);
	g_array_unref(f->dropped);
}

static void set_v4(rg_addr *a, uint32_t v)
{
	memset(a, 0, sizeof(*a));
	a->version = 4;
	a->bytes[0] = (uint8_t)(v >> 24);
	a->bytes[1] = (uint8_t)(v >> 16);
	a->bytes[2] = (uint8_t)(v >> 8);
	a->bytes[3] = (uint8_t)v;
}

/* Feed one message at time ms (milliseconds); returns its frame number. */
static uint64_t feed_at(fixture *f, tb_msg *m, int64_t ms, bool from_client,
                        rg_transport transport, uint16_t client_port)
{
	tb_finish(m);
	rg_dns_payload p = {0};
	p.frame = ++f->frame;
	p.ts_sec = 1700000000 + ms / 1000;
	p.ts_nsec = (int32_t)(ms % 1000) * 1000000;
	set_v4(from_client ? &p.src : &p.dst, CLIENT);
	set_v4(from_client ? &p.dst : &p.src, SERVER);
	p.sport = from_client ? client_port : 53;
	p.dport = from_client ? 53 : client_port;
	p.transport = transport;
	p.dns = m->buf;
	p.dns_len = (uint32_t)m->len;
	rg_tracker_add(&p, f->tracker);
	return p.frame;
}

static uint64_t query(fixture *f, uint16_t id, const char *name, uint16_t qtype,
                      int64_t ms)
{
	tb_msg m;
	tb_init(&m, id, TB_RD, 0, 0);
	tb_question(&m, name, qtype);
	return feed_at(f, &m, ms, true, RG_TRANSPORT_UDP, 40000);
}

static uint64_t answer(fixture *f, uint16_t id, const char *name,
                       uint16_t qtype, uint8_t rcode, int64_t ms)
{
	tb_msg m;
	tb_init(&m, id, TB_QR | TB_RD | TB_RA, 0, rcode);
	tb_question(&m, name, qtype);
	if (rcode == 0)
		tb_a(&m, 1, name, 300);
	return feed_at(f, &m, ms, false, RG_TRANSPORT_UDP, 40000);
}

static const rg_transaction *txn(fixture *f, guint i)
{
	g_assert_cmpuint(i, <, f->txns->len);
	return &g_array_index(f->txns, rg_transaction, i);
}

static void finish(fixture *f)
{
	rg_tracker_finish(f->tracker);
	rg_aggregate_finish(f->agg);
}

static void query_then_response_is_answered_with_latency(fixture *f,
                                                         gconstpointer d)
{
	(void)d;
	query(f, 1, "example.com", RCX_TYPE_A, 0);
	answer(f, 1, "example.com", RCX_TYPE_A, 0, 25);
	finish(f);
	g_assert_cmpuint(f->txns->len, ==, 1);
	const rg_transaction *t = txn(f, 0);
	g_assert_cmpint(t->status, ==, RG_STATUS_ANSWERED);
	g_assert_cmpuint(t->query_frame, ==, 1);
	g_assert_cmpuint(t->response_frame, ==, 2);
	g_assert_cmpint(t->latency_ns, ==, 25000000);
	g_assert_cmpstr(t->qname, ==, "example.com");
	g_assert_cmpint(t->condition, ==, RCX_COND_ANSWER);
	g_assert_cmpuint(f->agg->totals.answered, ==, 1);
	g_assert_cmpuint(f->agg->latency_summary.count, ==, 1);
}

static void response_to_other_port_is_unsolicited(fixture *f, gconstpointer d)
{
	(void)d;
	query(f, 7, "example.com", RCX_TYPE_A, 0);
	tb_msg m;
	tb_init(&m, 7, TB_QR | TB_RD | TB_RA, 0, 0);
	tb_question(&m, "example.com", RCX_TYPE_A);
	feed_at(f, &m, 10, false, RG_TRANSPORT_UDP, 40001);
	finish(f);
	g_assert_cmpuint(f->txns->len, ==, 2);
	g_assert_cmpint(txn(f, 0)->status, ==, RG_STATUS_UNSOLICITED);
	g_assert_cmpuint(txn(f, 0)->response_frame, ==, 2);
	g_assert_cmpint(txn(f, 1)->status, ==, RG_STATUS_UNANSWERED);
	g_assert_cmpuint(f->agg->totals.unsolicited, ==, 1);
}

/* Same ID, same question, sent again before any response: one
 * transaction, answered, with every transmission listed. Its query is the
 * first transmission, as in Wireshark (dns.response_to, dns.time), so
 * rcreport and the plugin name the same frame. */
static void retransmission_is_one_transaction(fixture *f, gconstpointer d)
{
	(void)d;
	query(f, 2, "example.org", RCX_TYPE_AAAA, 0);
	query(f, 2, "example.org", RCX_TYPE_AAAA, 1000);
	answer(f, 2, "example.org", RCX_TYPE_AAAA, 0, 1010);
	finish(f);
	g_assert_cmpuint(f->txns->len, ==, 1);
	const rg_transaction *t = txn(f, 0);
	g_assert_cmpint(t->status, ==, RG_STATUS_ANSWERED);
	g_assert_cmpuint(t->retransmissions, ==, 1);
	g_assert_cmpuint(t->n_query_frames, ==, 2);
	g_assert_cmpuint(t->query_frames[0], ==, 1);
	g_assert_cmpuint(t->query_frames[1], ==, 2);
	g_assert_cmpuint(t->query_frame, ==, 1);
	g_assert_cmpint(t->latency_ns, ==, 1010000000);
	g_assert_cmpuint(f->agg->totals.retransmissions, ==, 1);
}

/* The same query sent again after the timeout (5 s by default, like
 * Wireshark's retransmission timer) is a new transaction; the first one is
 * unanswered. */
static void repeat_after_the_timeout_is_a_new_transaction(fixture *f,
                                                          gconstpointer d)
{
	(void)d;
	query(f, 2, "example.org", RCX_TYPE_AAAA, 0);
	query(f, 2, "example.org", RCX_TYPE_AAAA, 5001);
	answer(f, 2, "example.org", RCX_TYPE_AAAA, 0, 5006);
	finish(f);
	g_assert_cmpuint(f->txns->len, ==, 2);
	g_assert_cmpint(txn(f, 0)->status, ==, RG_STATUS_UNANSWERED);
	g_assert_cmpuint(txn(f, 0)->query_frame, ==, 1);
	const rg_transaction *t = txn(f, 1);
	g_assert_cmpint(t->status, ==, RG_STATUS_ANSWERED);
	g_assert_cmpuint(t->query_frame, ==, 2);
	g_assert_cmpuint(t->retransmissions, ==, 0);
	g_assert_cmpint(t->latency_ns, ==, 5000000);
}

static const rg_transaction *txn_named(fixture *f, const char *qname)
{
	for (guint i = 0; i < f->txns->len; i++)
		if (strcmp(txn(f, i)->qname, qname) == 0)
			return txn(f, i);
	g_assert_not_reached();
	return NULL;
}

static void query_without_response_times_out(fixture *f, gconstpointer d)
{
	(void)d;
	query(f, 3, "slow.example", RCX_TYPE_A, 0);
	query(f, 4, "later.example", RCX_TYPE_A, 6000);
	answer(f, 4, "later.example", RCX_TYPE_A, 0, 6001);
	finish(f);
	g_assert_cmpuint(f->txns->len, ==, 2);
	const rg_transaction *t = txn_named(f, "slow.example");
	g_assert_cmpint(t->status, ==, RG_STATUS_UNANSWERED);
	g_assert_cmpint(t->unanswered_reason, ==, RG_UNANSWERED_TIMEOUT);
	g_assert_cmpuint(f->agg->totals.unanswered_timeout, ==, 1);
	g_assert_cmpuint(f->agg->totals.unanswered_capture_end, ==, 0);
}

/* A response later than the timeout still answers its query (a resolver
 * giving SERVFAIL after its own retries), marked late. */
static void late_response_still_answers(fixture *f, gconstpointer d)
{
	(void)d;
	query(f, 5, "dead.example", RCX_TYPE_A, 0);
	answer(f, 5, "dead.example", RCX_TYPE_A, 2, 17000);
	finish(f);
	g_assert_cmpuint(f->txns->len, ==, 1);
	const rg_transaction *t = txn(f, 0);
	g_assert_cmpint(t->status, ==, RG_STATUS_ANSWERED);
	g_assert_true(t->late);
	g_assert_cmpint(t->latency_ns, ==, INT64_C(17000000000));
	g_assert_cmpuint(f->agg->totals.late, ==, 1);
	g_assert_cmpuint(f->agg->totals.unsolicited, ==, 0);
}

/* Past the horizon a query is given up; a response after that is
 * unsolicited. */
static void response_after_horizon_is_unsolicited(fixture *f, gconstpointer d)
{
	(void)d;
	query(f, 6, "gone.example", RCX_TYPE_A, 0);
	answer(f, 6, "gone.example", RCX_TYPE_A, 0,
	       RG_LATE_HORIZON_NS / 1000000 + 1000);
	finish(f);
	g_assert_cmpuint(f->txns->len, ==, 2);
	g_assert_cmpint(txn(f, 0)->status, ==, RG_STATUS_UNANSWERED);
	g_assert_cmpint(txn(f, 1)->status, ==, RG_STATUS_UNSOLICITED);
}

static void query_near_capture_end_is_kept_apart(fixture *f, gconstpointer d)
{
	(void)d;
	query(f, 5, "late.example", RCX_TYPE_A, 0);
	query(f, 6, "other.example", RCX_TYPE_A, 1000);
	finish(f);
	g_assert_cmpuint(f->txns->len, ==, 2);
	g_assert_cmpint(txn(f, 0)->unanswered_reason, ==,
	                RG_UNANSWERED_CAPTURE_END);
	g_assert_cmpuint(f->agg->totals.unanswered_capture_end, ==, 2);
	g_assert_cmpuint(f->agg->totals.unanswered_timeout, ==, 0);
}

/* Two pending queries with the same ID but different questions: each
 * response goes to the query it answers. */
static void id_reuse_pairs_by_question(fixture *f, gconstpointer d)
{
	(void)d;
	query(f, 9, "a.example", RCX_TYPE_A, 0);
	query(f, 9, "b.example", RCX_TYPE_A, 1);
	answer(f, 9, "a.example", RCX_TYPE_A, 3, 5);
	answer(f, 9, "b.example", RCX_TYPE_A, 0, 6);
	finish(f);
	g_assert_cmpuint(f->txns->len, ==, 2);
	g_assert_cmpuint(txn(f, 0)->query_frame, ==, 1);
	g_assert_cmpint(txn(f, 0)->condition, ==, RCX_COND_NXDOMAIN);
	g_assert_cmpuint(txn(f, 1)->query_frame, ==, 2);
	g_assert_true(txn(f, 1)->id_reused);
	g_assert_cmpuint(f->agg->totals.id_reuse, ==, 1);
}

static void icmp_error_marks_the_query(fixture *f, gconstpointer d)
{
	(void)d;
	tb_msg m;
	tb_init(&m, 11, TB_RD, 0, 0);
	tb_question(&m, "down.example", RCX_TYPE_A);
	feed_at(f, &m, 0, true, RG_TRANSPORT_UDP, 40000);
	rg_dns_payload p = {0};
	p.frame = ++f->frame;
	p.ts_sec = 1700000000;
	set_v4(&p.src, CLIENT);
	set_v4(&p.dst, SERVER);
	p.sport = 40000;
	p.dport = 53;
	p.dns = m.buf;
	p.dns_len = (uint32_t)m.len;
	p.from_icmp = true;
	p.icmp_type = 3;
	p.icmp_code = 3;
	set_v4(&p.icmp_from, SERVER);
	rg_tracker_add(&p, f->tracker);
	finish(f);
	g_assert_cmpuint(f->txns->len, ==, 1);
	const rg_transaction *t = txn(f, 0);
	g_assert_cmpint(t->status, ==, RG_STATUS_UNANSWERED);
	g_assert_cmpint(t->unanswered_reason, ==, RG_UNANSWERED_ICMP);
	g_assert_cmpuint(t->icmp_frame, ==, 2);
	g_assert_cmpuint(f->agg->icmp->len, ==, 1);
	const rg_icmp_row *r = &g_array_index(f->agg->icmp, rg_icmp_row, 0);
	g_assert_cmpstr(r->meaning, ==, "port unreachable");
	g_assert_cmpuint(r->matched, ==, 1);
	g_assert_cmpuint(f->agg->totals.messages, ==, 1);
}

/* RFC 7766 §6.2.1.1: after TC=1 the client retries over TCP. */
static void truncation_then_tcp_retry(fixture *f, gconstpointer d)
{
	(void)d;
	query(f, 12, "big.example", RCX_TYPE_TXT, 0);
	tb_msg m;
	tb_init(&m, 12, TB_QR | TB_TC | TB_RD | TB_RA, 0, 0);
	tb_question(&m, "big.example", RCX_TYPE_TXT);
	feed_at(f, &m, 5, false, RG_TRANSPORT_UDP, 40000);
	tb_init(&m, 13, TB_RD, 0, 0);
	tb_question(&m, "big.example", RCX_TYPE_TXT);
	uint64_t retry = feed_at(f, &m, 6, true, RG_TRANSPORT_TCP, 40002);
	query(f, 14, "small.example", RCX_TYPE_TXT, 100);
	tb_init(&m, 14, TB_QR | TB_TC | TB_RD | TB_RA, 0, 0);
	tb_question(&m, "small.example", RCX_TYPE_TXT);
	feed_at(f, &m, 105, false, RG_TRANSPORT_UDP, 40000);
	finish(f);
	g_assert_cmpuint(f->agg->truncation.truncated, ==, 2);
	g_assert_cmpuint(f->agg->truncation.retried_over_tcp, ==, 1);
	g_assert_cmpuint(f->agg->truncation.not_retried, ==, 1);
	g_assert_cmpuint(f->agg->truncation.retried_examples.frames[0], ==,
	                 retry);
}

/* RFC 7873 §5.3: BADCOOKIE carries a server cookie to resend with. */
static void badcookie_then_retry(fixture *f, gconstpointer d)
{
	(void)d;
	static const uint8_t client_cookie[] = {0, 10, 0, 8, 1, 2,
	                                        3, 4,  5, 6, 7, 8};
	static const uint8_t both_cookies[] = {0, 10, 0, 16, 1, 2, 3, 4, 5, 6,
	                                       7, 8,  9, 9,  9, 9, 9, 9, 9, 9};
	tb_msg m;
	tb_init(&m, 20, TB_RD, 0, 0);
	tb_question(&m, "cookie.example", RCX_TYPE_A);
	tb_opt(&m, 1232, 0, 0, false, client_cookie, sizeof(client_cookie));
	feed_at(f, &m, 0, true, RG_TRANSPORT_UDP, 40000);
	tb_init(&m, 20, TB_QR | TB_RD | TB_RA, 0, 7);
	tb_question(&m, "cookie.example", RCX_TYPE_A);
	tb_opt(&m, 1232, 1, 0, false, both_cookies, sizeof(both_cookies));
	uint64_t bad = feed_at(f, &m, 3, false, RG_TRANSPORT_UDP, 40000);
	tb_init(&m, 21, TB_RD, 0, 0);
	tb_question(&m, "cookie.example", RCX_TYPE_A);
	tb_opt(&m, 1232, 0, 0, false, both_cookies, sizeof(both_cookies));
	uint64_t retry = feed_at(f, &m, 4, true, RG_TRANSPORT_UDP, 40000);
	finish(f);
	const rg_transaction *t = txn(f, 0);
	g_assert_cmpuint(t->response_frame, ==, bad);
	g_assert_cmpuint(t->rcode, ==, RCX_RCODE_BADCOOKIE);
	g_assert_true(t->cookie.server);
	g_assert_true(t->query_cookie_client);
	g_assert_cmpuint(f->agg->cookies.badcookie, ==, 1);
	g_assert_cmpuint(f->agg->cookies.badcookie_retried, ==, 1);
	g_assert_cmpuint(f->agg->cookies.retried_examples.frames[0], ==, retry);
}

/* NODATA (RFC 2308 §2.2) and NXDOMAIN are rows of their own. */
static void nodata_is_its_own_code_row(fixture *f, gconstpointer d)
{
	(void)d;
	query(f, 30, "mx.example", RCX_TYPE_MX, 0);
	tb_msg m;
	tb_init(&m, 30, TB_QR | TB_AA | TB_RD | TB_RA, 0, 0);
	tb_question(&m, "mx.example", RCX_TYPE_MX);
	tb_soa(&m, 2, "example", 300, 60);
	feed_at(f, &m, 1, false, RG_TRANSPORT_UDP, 40000);
	query(f, 31, "a.example", RCX_TYPE_A, 2);
	answer(f, 31, "a.example", RCX_TYPE_A, 0, 3);
	finish(f);
	g_assert_cmpuint(f->agg->codes->len, ==, 2);
	bool nodata = false;
	for (guint i = 0; i < f->agg->codes->len; i++) {
		const rg_code_row *r =
		        &g_array_index(f->agg->codes, rg_code_row, i);
		if (r->condition == RCX_COND_NODATA) {
			nodata = true;
			g_assert_cmpuint(r->count, ==, 1);
			g_assert_cmpuint(r->examples.frames[0], ==, 2);
		}
	}
	g_assert_true(nodata);
	g_assert_cmpstr(txn(f, 0)->zone, ==, "example");
	g_assert_true(rg_transaction_failed(txn(f, 0)));
	g_assert_false(rg_transaction_failed(txn(f, 1)));
}

/* RFC 8945 §5.2.3: BADTIME carries the server's clock. */
static void tsig_badtime_per_key_with_skew(fixture *f, gconstpointer d)
{
	(void)d;
	query(f, 40, "zone.example", RCX_TYPE_SOA, 0);
	tb_msg m;
	tb_init(&m, 40, TB_QR, 0, 9);
	tb_question(&m, "zone.example", RCX_TYPE_SOA);
	const uint8_t other[6] = {0, 0, 0x65, 0x53, 0xf1, 0x00};
	tb_tsig(&m, "xfr-key", 1700000000, 18, other, sizeof(other));
	feed_at(f, &m, 2, false, RG_TRANSPORT_UDP, 40000);
	finish(f);
	const rg_transaction *t = txn(f, 0);
	g_assert_cmpuint(t->rcode, ==, 18);
	g_assert_cmpint(t->rcode_source, ==, RCX_SOURCE_TSIG);
	g_assert_cmpstr(t->tsig_key, ==, "xfr-key");
	g_assert_cmpuint(f->agg->tsig->len, ==, 1);
	const rg_tsig_row *r = &g_array_index(f->agg->tsig, rg_tsig_row, 0);
	g_assert_cmpstr(r->key_name, ==, "xfr-key");
	g_assert_cmpuint(r->error, ==, 18);
	g_assert_true(r->has_skew);
	g_assert_cmpint(r->skew_min, ==, t->tsig_skew);
}

/* RFC 8914: each EDE is tied to the code it came with and its text. */
static void ede_tied_to_code_and_text(fixture *f, gconstpointer d)
{
	(void)d;
	static const uint8_t ede[] = {0,   15,  0,   9,   0,   6,  'b',
	                              'o', 'g', 'u', 's', ' ', '!'};
	query(f, 50, "bad.example", RCX_TYPE_A, 0);
	tb_msg m;
	tb_init(&m, 50, TB_QR | TB_RD | TB_RA, 0, 2);
	tb_question(&m, "bad.example", RCX_TYPE_A);
	tb_opt(&m, 1232, 0, 0, false, ede, sizeof(ede));
	feed_at(f, &m, 1, false, RG_TRANSPORT_UDP, 40000);
	finish(f);
	const rg_transaction *t = txn(f, 0);
	g_assert_cmpuint(t->n_ede, ==, 1);
	g_assert_cmpuint(t->ede[0].code, ==, 6);
	g_assert_cmpstr(t->ede[0].text, ==, "bogus !");
	g_assert_cmpuint(f->agg->ede->len, ==, 1);
	const rg_ede_row *r = &g_array_index(f->agg->ede, rg_ede_row, 0);
	g_assert_cmpuint(r->codes->len, ==, 1);
	g_assert_cmpuint(g_array_index(r->codes, rg_code_count, 0).rcode, ==,
	                 2);
	g_assert_cmpstr(g_array_index(r->texts, rg_ede_text, 0).text, ==,
	                "bogus !");
	g_assert_cmpstr(g_array_index(r->zones, rg_ede_zone, 0).zone, ==,
	                "bad.example");
}

static void short_message_is_unknown(fixture *f, gconstpointer d)
{
	(void)d;
	tb_msg m;
	m.len = 5;
	memset(m.buf, 0xff, 5);
	rg_dns_payload p = {0};
	p.frame = ++f->frame;
	set_v4(&p.src, CLIENT);
	set_v4(&p.dst, SERVER);
	p.dns = m.buf;
	p.dns_len = 5;
	rg_tracker_add(&p, f->tracker);
	finish(f);
	g_assert_cmpuint(f->txns->len, ==, 1);
	g_assert_cmpint(txn(f, 0)->status, ==, RG_STATUS_UNKNOWN);
	g_assert_cmpuint(f->agg->totals.unparsable, ==, 1);
	g_assert_cmpuint(f->agg->anomalies->len, ==, 1);
}

/* Space-Saving keeps a heavy hitter on top in bounded memory while many
 * distinct names go by once each. */
static void top_names_bounded_and_heavy_hitter_found(fixture *f,
                                                     gconstpointer d)
{
	(void)d;
	char name[64];
	for (int i = 0; i < 20000; i++) {
		snprintf(name, sizeof(name), "r%d.example", i);
		query(f, (uint16_t)i, name, RCX_TYPE_A, i);
		answer(f, (uint16_t)i, name, RCX_TYPE_A, 3, i);
		if (i % 10 == 0) {
			query(f, 7, "hot.example", RCX_TYPE_A, i);
			answer(f, 7, "hot.example", RCX_TYPE_A, 2, i);
		}
	}
	finish(f);
	const rg_top_list *l = &f->agg->top_qnames;
	g_assert_false(l->exact);
	g_assert_cmpuint(l->capacity, ==, 64);
	g_assert_cmpuint(l->items->len, <=, f->agg->options.top_n);
	const rg_top_item *top = &g_array_index(l->items, rg_top_item, 0);
	g_assert_cmpstr(top->qname, ==, "hot.example");
	g_assert_cmpuint(top->count - top->overcount, <=, 2000);
	g_assert_cmpuint(top->count, >=, 2000);
	const rg_top_item *fail =
	        &g_array_index(f->agg->top_failing.items, rg_top_item, 0);
	g_assert_cmpstr(fail->qname, ==, "hot.example");
	g_assert_cmpuint(fail->rcode, ==, 2);
}

/* The timeline stays within RG_TIMELINE_MAX_BUCKETS buckets. */
static void timeline_widens_buckets(fixture *f, gconstpointer d)
{
	(void)d;
	for (int i = 0; i < 100; i++) {
		int64_t ms = (int64_t)i * 3600 * 1000 / 10;
		query(f, (uint16_t)i, "t.example", RCX_TYPE_A, ms);
		answer(f, (uint16_t)i, "t.example", RCX_TYPE_A, 0, ms + 1);
	}
	finish(f);
	const rg_timeline *tl = &f->agg->timeline;
	g_assert_cmpuint(tl->buckets->len, <=, RG_TIMELINE_MAX_BUCKETS);
	g_assert_cmpuint(tl->bucket_seconds, >, 1);
	uint64_t queries = 0;
	for (guint i = 0; i < tl->buckets->len; i++)
		queries += g_array_index(tl->buckets, rg_timeline_bucket, i)
		                   .queries;
	g_assert_cmpuint(queries, ==, 100);
}

/* 1..1000 ms, one each: the log-linear histogram gives percentiles within
 * 1/16 of the true value, and the exact maximum. */
static void latency_percentiles_within_resolution(void)
{
	rg_aggregate *agg = rg_aggregate_new(NULL);
	rg_transaction *t = g_new0(rg_transaction, 1);
	t->status = RG_STATUS_ANSWERED;
	t->has_response = true;
	t->has_question = true;
	set_v4(&t->client, CLIENT);
	set_v4(&t->server, SERVER);
	t->server_port = 53;
	strcpy(t->qname, "l.example");
	for (int i = 1; i <= 1000; i++) {
		t->latency_ns = (int64_t)i * 1000000;
		t->query_frame = (uint64_t)i;
		rg_aggregate_add_transaction(agg, t);
	}
	rg_aggregate_finish(agg);
	const rg_latency_summary *s = &agg->latency_summary;
	g_assert_cmpuint(s->count, ==, 1000);
	g_assert_cmpint(s->p50_ns, >, 500000000 / 16 * 15);
	g_assert_cmpint(s->p50_ns, <, 500000000 / 16 * 17);
	g_assert_cmpint(s->p99_ns, >, 990000000 / 16 * 15);
	g_assert_cmpint(s->p99_ns, <=, 1000000000);
	g_assert_cmpint(s->max_ns, ==, 1000000000);
	const rg_server_stats *srv =
	        &g_array_index(agg->servers, rg_server_stats, 0);
	g_assert_cmpint(srv->latency_summary.p90_ns, >, 900000000 / 16 * 15);
	g_assert_cmpint(srv->latency_summary.p90_ns, <, 900000000 / 16 * 17);
	g_free(t);
	rg_aggregate_free(agg);
}

static void examples_become_a_wireshark_filter(void)
{
	rg_examples ex = {0};
	g_assert_null(rg_examples_filter(&ex));
	rg_examples_add(&ex, 12);
	char *one = rg_examples_filter(&ex);
	g_assert_cmpstr(one, ==, "frame.number == 12");
	g_free(one);
	rg_examples_add(&ex, 40);
	rg_examples_add(&ex, 77);
	char *three = rg_examples_filter(&ex);
	g_assert_cmpstr(three, ==, "frame.number in {12 40 77}");
	g_free(three);
}

/* mDNS (RFC 6762 §5): queries and responses go to the multicast group;
 * nothing is paired, nothing is unanswered or unsolicited. */
static void multicast_is_counted_not_paired(fixture *f, gconstpointer d)
{
	(void)d;
	tb_msg m;
	tb_init(&m, 0, 0, 0, 0);
	tb_question(&m, "printer.local", RCX_TYPE_A);
	tb_finish(&m);
	rg_dns_payload p = {0};
	p.frame = ++f->frame;
	p.ts_sec = 1700000000;
	set_v4(&p.src, CLIENT);
	set_v4(&p.dst, 0xe00000fbu); /* 224.0.0.251 */
	p.sport = p.dport = 5353;
	p.dns = m.buf;
	p.dns_len = (uint32_t)m.len;
	rg_tracker_add(&p, f->tracker);
	tb_init(&m, 0, TB_QR | TB_AA, 0, 0);
	tb_question(&m, "printer.local", RCX_TYPE_A);
	tb_a(&m, 1, "printer.local", 120);
	tb_finish(&m);
	p.frame = ++f->frame;
	p.ts_sec += 10;
	set_v4(&p.src, SERVER);
	p.dns_len = (uint32_t)m.len;
	rg_tracker_add(&p, f->tracker);
	finish(f);
	g_assert_cmpuint(f->txns->len, ==, 0);
	g_assert_cmpuint(f->agg->totals.multicast, ==, 2);
	g_assert_cmpuint(f->agg->totals.queries, ==, 1);
	g_assert_cmpuint(f->agg->totals.responses, ==, 1);
	g_assert_cmpuint(f->agg->totals.unsolicited, ==, 0);
	g_assert_cmpuint(f->agg->totals.unanswered_timeout, ==, 0);
}

/* The JSON Lines writer and the JSON document describe a transaction with
 * the same object. */
static void jsonl_line_equals_json_object(fixture *f, gconstpointer d)
{
	(void)d;
	static const uint8_t ede[] = {0,   15,  0,    8,    0,    22,
	                              'q', '"', '\\', 0xc3, 0xa9, '\n'};
	query(f, 60, "x.example", RCX_TYPE_A, 0);
	tb_msg m;
	tb_init(&m, 60, TB_QR | TB_RD | TB_RA, 0, 2);
	tb_question(&m, "x.example", RCX_TYPE_A);
	tb_opt(&m, 1232, 0, 0, false, ede, sizeof(ede));
	feed_at(f, &m, 7, false, RG_TRANSPORT_UDP, 40000);
	query(f, 61, "lost.example", RCX_TYPE_AAAA, 8);
	answer(f, 62, "nobody.asked", RCX_TYPE_A, 0, 9);
	finish(f);
	g_assert_cmpuint(f->txns->len, ==, 3);
	for (guint i = 0; i < f->txns->len; i++) {
		char *text = NULL;
		size_t size = 0;
		FILE *mem = open_memstream(&text, &size);
		rg_jsonl *j = rg_jsonl_new(mem);
		rg_jsonl_write(txn(f, i), j);
		rg_jsonl_free(j);
		fclose(mem);
		g_assert_cmpuint(size, >, 0);
		g_assert_cmpint(text[size - 1], ==, '\n');
		g_assert_null(memchr(text, '\n', size - 1));
		JsonParser *parser = json_parser_new();
		g_assert_true(json_parser_load_from_data(parser, text,
		                                         (gssize)size, NULL));
		JsonBuilder *b = json_builder_new();
		rg_json_add_transaction(b, txn(f, i));
		JsonNode *built = json_builder_get_root(b);
		g_assert_true(
		        json_node_equal(json_parser_get_root(parser), built));
		if (i == 0) {
			JsonObject *o = json_node_get_object(
			        json_parser_get_root(parser));
			JsonArray *e = json_object_get_array_member(o, "ede");
			JsonObject *e0 = json_array_get_object_element(e, 0);
			g_assert_cmpstr(
			        json_object_get_string_member(e0, "text"), ==,
			        "q\"\\\xc3\xa9\n");
		}
		json_node_unref(built);
		g_object_unref(b);
		g_object_unref(parser);
		free(text);
	}
}

/* A DNS client whose ephemeral port happens to be 5353 or 5355 talks
 * unicast DNS to port 53: paired and diagnosed as DNS, not as mDNS or
 * LLMNR, whose ports are those of the answering side. */
static void client_port_of_mdns_or_llmnr_is_still_dns(fixture *f,
                                                      gconstpointer data)
{
	(void)data;
	static const uint16_t ports[] = {5353, 5355};
	for (int i = 0; i < 2; i++) {
		tb_msg m;
		tb_init(&m, (uint16_t)(0x100 + i), TB_RD, 0, 0);
		tb_question(&m, "nothing.example", 28);
		feed_at(f, &m, 10 * i, true, RG_TRANSPORT_UDP, ports[i]);
		tb_init(&m, (uint16_t)(0x100 + i), TB_QR | TB_RD | TB_RA, 0, 0);
		tb_question(&m, "nothing.example", 28);
		feed_at(f, &m, 10 * i + 5, false, RG_TRANSPORT_UDP, ports[i]);
	}
	finish(f);
	g_assert_cmpuint(f->txns->len, ==, 2);
	for (guint i = 0; i < 2; i++) {
		g_assert_cmpint(txn(f, i)->status, ==, RG_STATUS_ANSWERED);
		g_assert_cmpint(txn(f, i)->condition, ==, RCX_COND_NODATA);
	}
	const rg_code_row *row =
	        &g_array_index(f->agg->codes, rg_code_row, 0);
	g_assert_cmpuint(f->agg->codes->len, ==, 1);
	g_assert_false(row->llmnr);
	g_assert_cmpstr(rg_code_row_entry(row)->key, ==, "condition.nodata");
}

static guint count_status(fixture *f, rg_status status)
{
	guint n = 0;
	for (guint i = 0; i < f->txns->len; i++)
		n += txn(f, i)->status == status;
	return n;
}

/* Memory for about a dozen waiting queries. */
static const size_t small_pending_memory = 4096;

/* A full table drops a query still within its timeout: reported as
 * dropped, never as unanswered, and the queries kept are still paired. */
static void full_table_drops_waiting_queries_unanswered_never(fixture *f,
                                                              gconstpointer d)
{
	(void)d;
	for (uint16_t id = 0; id < 40; id++) {
		char name[32];
		snprintf(name, sizeof(name), "q%u.example", id);
		query(f, id, name, RCX_TYPE_A, id);
	}
	answer(f, 39, "q39.example", RCX_TYPE_A, 0, 100);
	finish(f);
	g_assert_cmpuint(f->dropped->len, >, 0);
	g_assert_cmpuint(f->dropped->len, <, 40);
	/* the oldest go first: frames 1, 2, ... */
	g_assert_cmpuint(g_array_index(f->dropped, uint64_t, 0), ==, 1);
	g_assert_cmpuint(count_status(f, RG_STATUS_ANSWERED), ==, 1);
	g_assert_cmpuint(count_status(f, RG_STATUS_UNSOLICITED), ==, 0);
	g_assert_cmpuint(f->txns->len + f->dropped->len, ==, 40);
	g_assert_cmpuint(f->agg->totals.unanswered_timeout, ==, 0);
}

/* A full table gives up first the queries whose timeout has run out: they
 * are unanswered, and nothing is dropped. */
static void full_table_gives_up_timed_out_queries_first(fixture *f,
                                                        gconstpointer d)
{
	(void)d;
	for (uint16_t id = 0; id < 10; id++) {
		char name[32];
		snprintf(name, sizeof(name), "old%u.example", id);
		query(f, id, name, RCX_TYPE_A, id);
	}
	for (uint16_t id = 100; id < 105; id++) {
		char name[32];
		snprintf(name, sizeof(name), "new%u.example", id);
		query(f, id, name, RCX_TYPE_A, 6000 + id);
		answer(f, id, name, RCX_TYPE_A, 0, 6001 + id);
	}
	finish(f);
	g_assert_cmpuint(f->dropped->len, ==, 0);
	g_assert_cmpuint(count_status(f, RG_STATUS_ANSWERED), ==, 5);
	g_assert_cmpuint(f->agg->totals.unanswered_timeout, ==, 10);
}

/* The capture's clock set back by an hour between a query and its
 * response: still one answered transaction, its latency unknown; queries
 * after the step are paired and not timed out against the time before. */
static void clock_step_back_keeps_pairs(fixture *f, gconstpointer d)
{
	(void)d;
	query(f, 1, "before.example", RCX_TYPE_A, 3600000);
	answer(f, 1, "before.example", RCX_TYPE_A, 0, 3600010);
	query(f, 2, "straddle.example", RCX_TYPE_A, 3600020);
	answer(f, 2, "straddle.example", RCX_TYPE_A, 0, 30);
	query(f, 3, "after.example", RCX_TYPE_A, 40);
	answer(f, 3, "after.example", RCX_TYPE_A, 0, 50);
	finish(f);
	g_assert_cmpuint(count_status(f, RG_STATUS_ANSWERED), ==, 3);
	g_assert_cmpuint(f->txns->len, ==, 3);
	g_assert_cmpint(txn_named(f, "straddle.example")->latency_ns, ==, -1);
	g_assert_cmpint(txn_named(f, "after.example")->latency_ns, ==,
	                10000000);
	g_assert_cmpuint(f->agg->latency.count, ==, 2);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
#define ADD(name)                                                              \
	g_test_add("/transactions/" #name, fixture, NULL, setup, name, teardown)
	ADD(query_then_response_is_answered_with_latency);
	ADD(response_to_other_port_is_unsolicited);
	ADD(retransmission_is_one_transaction);
	ADD(repeat_after_the_timeout_is_a_new_transaction);
	ADD(query_without_response_times_out);
	ADD(late_response_still_answers);
	ADD(response_after_horizon_is_unsolicited);
	ADD(query_near_capture_end_is_kept_apart);
	ADD(id_reuse_pairs_by_question);
	ADD(icmp_error_marks_the_query);
	ADD(truncation_then_tcp_retry);
	ADD(badcookie_then_retry);
	ADD(nodata_is_its_own_code_row);
	ADD(tsig_badtime_per_key_with_skew);
	ADD(ede_tied_to_code_and_text);
	ADD(short_message_is_unknown);
	ADD(top_names_bounded_and_heavy_hitter_found);
	ADD(timeline_widens_buckets);
	ADD(jsonl_line_equals_json_object);
	ADD(multicast_is_counted_not_paired);
	ADD(client_port_of_mdns_or_llmnr_is_still_dns);
	ADD(clock_step_back_keeps_pairs);
	g_test_add("/transactions/full_table_drops_waiting_queries_unanswered_"
	           "never",
	           fixture, &small_pending_memory, setup,
	           full_table_drops_waiting_queries_unanswered_never, teardown);
	g_test_add("/transactions/full_table_gives_up_timed_out_queries_first",
	           fixture, &small_pending_memory, setup,
	           full_table_gives_up_timed_out_queries_first, teardown);
	g_test_add_func("/aggregate/latency_percentiles_within_resolution",
	                latency_percentiles_within_resolution);
	g_test_add_func("/aggregate/examples_become_a_wireshark_filter",
	                examples_become_a_wireshark_filter);
	return g_test_run();
}
