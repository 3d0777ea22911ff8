/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The diagnosis, rule by rule, with the RFC each rule comes from. */
#include <glib.h>
#include <string.h>

#include "builder.h"
#include "rcodex/rcodex.h"

typedef struct {
	tb_msg wire;
	rcx_message msg;
	rcx_diagnosis diag;
} fixture;

static void diagnose(fixture *f, const rcx_message *query)
{
	tb_finish(&f->wire);
	rcx_message_parse(&f->msg, f->wire.buf, f->wire.len);
	rcx_diagnose(&f->diag, &f->msg, query);
}

static bool has_anomaly(const rcx_diagnosis *d, rcx_problem p)
{
	for (uint8_t i = 0; i < d->n_anomalies; i++)
		if (d->anomalies[i].code == p)
			return true;
	return false;
}

static void response(fixture *f, uint16_t flags, uint8_t rcode,
                     const char *qname, uint16_t qtype)
{
	tb_init(&f->wire, 0x4242, TB_QR | TB_RD | TB_RA | flags, 0, rcode);
	tb_question(&f->wire, qname, qtype);
}

/* ---- effective response code in every context ---- */

typedef struct {
	const char *path;
	uint32_t code;
	int where;            /* 0 header, 1 edns, 2 tsig, 3 tkey */
	const char *mnemonic; /* NULL: an unassigned/private/reserved range */
} code_case;

static const code_case code_cases[] = {
        {"/rcode/header/0_noerror", 0, 0, "NOERROR"},
        {"/rcode/header/1_formerr", 1, 0, "FORMERR"},
        {"/rcode/header/2_servfail", 2, 0, "SERVFAIL"},
        {"/rcode/header/3_nxdomain", 3, 0, "NXDOMAIN"},
        {"/rcode/header/4_notimp", 4, 0, "NOTIMP"},
        {"/rcode/header/5_refused", 5, 0, "REFUSED"},
        {"/rcode/header/6_yxdomain", 6, 0, "YXDOMAIN"},
        {"/rcode/header/7_yxrrset", 7, 0, "YXRRSET"},
        {"/rcode/header/8_nxrrset", 8, 0, "NXRRSET"},
        {"/rcode/header/9_notauth", 9, 0, "NOTAUTH"},
        {"/rcode/header/10_notzone", 10, 0, "NOTZONE"},
        {"/rcode/header/11_dsotypeni", 11, 0, "DSOTYPENI"},
        {"/rcode/header/12_unassigned", 12, 0, NULL},
        {"/rcode/header/13_unassigned", 13, 0, NULL},
        {"/rcode/header/14_unassigned", 14, 0, NULL},
        {"/rcode/header/15_unassigned", 15, 0, NULL},
        {"/rcode/edns/16_badvers_from_header_0_plus_opt_1", 16, 1, "BADVERS"},
        {"/rcode/edns/17_badkey", 17, 1, "BADKEY"},
        {"/rcode/edns/18_badtime", 18, 1, "BADTIME"},
        {"/rcode/edns/19_badmode", 19, 1, "BADMODE"},
        {"/rcode/edns/20_badname", 20, 1, "BADNAME"},
        {"/rcode/edns/21_badalg", 21, 1, "BADALG"},
        {"/rcode/edns/22_badtrunc", 22, 1, "BADTRUNC"},
        {"/rcode/edns/23_badcookie_from_header_7_plus_opt_1", 23, 1,
         "BADCOOKIE"},
        {"/rcode/edns/24_unassigned", 24, 1, NULL},
        {"/rcode/edns/3840_unassigned", 3840, 1, NULL},
        {"/rcode/edns/3841_private_use", 3841, 1, NULL},
        {"/rcode/edns/4095_private_use", 4095, 1, NULL},
        {"/rcode/tsig/9_notauth_not_authorized", 9, 2, "NOTAUTH"},
        {"/rcode/tsig/16_badsig", 16, 2, "BADSIG"},
        {"/rcode/tsig/17_badkey", 17, 2, "BADKEY"},
        {"/rcode/tsig/18_badtime", 18, 2, "BADTIME"},
        {"/rcode/tsig/22_badtrunc", 22, 2, "BADTRUNC"},
        {"/rcode/tsig/24_unassigned", 24, 2, NULL},
        {"/rcode/tsig/3841_private_use", 3841, 2, NULL},
        {"/rcode/tsig/4095_private_use", 4095, 2, NULL},
        {"/rcode/tsig/4096_unassigned", 4096, 2, NULL},
        {"/rcode/tsig/65535_reserved", 65535, 2, NULL},
        {"/rcode/tkey/16_badsig", 16, 3, "BADSIG"},
        {"/rcode/tkey/19_badmode", 19, 3, "BADMODE"},
        {"/rcode/tkey/20_badname", 20, 3, "BADNAME"},
        {"/rcode/tkey/21_badalg", 21, 3, "BADALG"},
        {"/rcode/tkey/65535_reserved", 65535, 3, NULL},
};

static void test_code_case(gconstpointer data)
{
	const code_case *c = data;
	fixture f;
	static const rcx_rcode_source sources[] = {
	        RCX_SOURCE_HEADER, RCX_SOURCE_EDNS, RCX_SOURCE_TSIG,
	        RCX_SOURCE_TKEY};

	switch (c->where) {
	case 0:
		response(&f, 0, (uint8_t)c->code, "www.example", RCX_TYPE_A);
		break;
	case 1:
		/* RFC 6891 §6.1.3: upper 8 bits in the OPT TTL. */
		response(&f, 0, c->code & 0xF, "www.example", RCX_TYPE_A);
		tb_opt(&f.wire, 1232, (uint8_t)(c->code >> 4), 0, false, NULL,
		       0);
		break;
	case 2:
		/* RFC 8945 §5.3.2: header NOTAUTH, the reason in TSIG Error. */
		response(&f, 0, 9, "www.example", RCX_TYPE_A);
		tb_tsig(&f.wire, "key.example", 1700000000, (uint16_t)c->code,
		        NULL, 0);
		break;
	case 3:
		tb_init(&f.wire, 7, TB_QR, 0, 0);
		tb_question(&f.wire, "key.example", RCX_TYPE_TKEY);
		tb_tkey(&f.wire, "key.example", 3, (uint16_t)c->code);
		break;
	}
	diagnose(&f, NULL);
	g_assert_true(f.diag.is_response);
	g_assert_cmpuint(f.diag.rcode, ==, c->code);
	if (c->code != 0 || c->where < 2)
		g_assert_cmpint(f.diag.source, ==,
		                c->where == 1 && c->code < 16
		                        ? RCX_SOURCE_HEADER
		                        : sources[c->where]);
	g_assert_nonnull(f.diag.rcode_entry);
	g_assert_cmpuint(f.diag.rcode_entry->first, <=, c->code);
	g_assert_cmpuint(f.diag.rcode_entry->last, >=, c->code);
	if (c->mnemonic) {
		g_assert_cmpstr(f.diag.rcode_entry->mnemonic, ==, c->mnemonic);
		g_assert_false(rcx_entry_is_unassigned(f.diag.rcode_entry));
	} else {
		g_assert_true(rcx_entry_is_unassigned(f.diag.rcode_entry));
		g_assert_true(
		        has_anomaly(&f.diag, RCX_ANOM_EXTENDED_RCODE_UNKNOWN));
	}
	g_assert_cmpuint(f.msg.n_problems, ==, 0);
}

/* RFC 2136 §2.2: NOTAUTH in an UPDATE means "not authoritative". */
static void notauth_in_update_is_not_authoritative(void)
{
	fixture f;
	tb_init(&f.wire, 1, TB_QR, RCX_OPCODE_UPDATE, 9);
	tb_question(&f.wire, "example", RCX_TYPE_SOA);
	diagnose(&f, NULL);
	g_assert_cmpint(f.diag.condition, ==, RCX_COND_ERROR);
	g_assert_true(f.diag.rcode_entry == rcx_rcode_entry(9, RCX_CTX_UPDATE));
	g_assert_true(f.diag.rcode_entry != rcx_rcode_entry(9, RCX_CTX_TSIG));
}

/* BADCOOKIE: header 7 + OPT 1; Wireshark 4.0 shows "RRset exists". */
static void badcookie_summary_names_both_parts(void)
{
	fixture f;
	char line[256];
	const uint8_t cookie[] = {0, 10, 0, 24, 1, 2, 3, 4, 5, 6, 7, 8, 9, 9,
	                          9, 9,  9, 9,  9, 9, 9, 9, 9, 9, 9, 9, 9, 9};
	response(&f, 0, 7, "www.example", RCX_TYPE_A);
	tb_opt(&f.wire, 1232, 1, 0, false, cookie, sizeof(cookie));
	diagnose(&f, NULL);
	g_assert_cmpuint(f.diag.rcode, ==, 23);
	g_assert_cmpint(f.diag.source, ==, RCX_SOURCE_EDNS);
	g_assert_true(f.diag.cookie.retry_expected);
	g_assert_cmpstr(rcx_diagnosis_tag(&f.diag), ==, "BADCOOKIE");
	rcx_diagnosis_summary(&f.diag, &f.msg, line, sizeof(line));
	g_assert_nonnull(strstr(line, "BADCOOKIE (23)"));
	g_assert_nonnull(
	        strstr(line, "header RCODE 7 + EDNS extended RCODE 1"));
}

static void badcookie_without_server_cookie_is_anomaly(void)
{
	fixture f;
	const uint8_t cookie[] = {0, 10, 0, 8, 1, 2, 3, 4, 5, 6, 7, 8};
	response(&f, 0, 7, "www.example", RCX_TYPE_A);
	tb_opt(&f.wire, 1232, 1, 0, false, cookie, sizeof(cookie));
	diagnose(&f, NULL);
	g_assert_false(f.diag.cookie.retry_expected);
	g_assert_true(has_anomaly(&f.diag, RCX_ANOM_BADCOOKIE_WITHOUT_COOKIE));
}

/* RFC 7873 §5.2.1 / §5.3: the paired query's cookie. */
static void query_with_client_cookie_and_no_server_cookie_in_reply(void)
{
	fixture q, r;
	const uint8_t client[] = {0, 10, 0, 8, 1, 2, 3, 4, 5, 6, 7, 8};
	tb_init(&q.wire, 0x4242, TB_RD, 0, 0);
	tb_question(&q.wire, "www.example", RCX_TYPE_A);
	tb_opt(&q.wire, 1232, 0, 0, false, client, sizeof(client));
	diagnose(&q, NULL);
	g_assert_true(q.diag.cookie.client);
	g_assert_false(q.diag.cookie.server);

	response(&r, 0, 0, "www.example", RCX_TYPE_A);
	tb_a(&r.wire, 1, "www.example", 60);
	tb_opt(&r.wire, 1232, 0, 0, false, NULL, 0);
	diagnose(&r, &q.msg);
	g_assert_true(r.diag.has_query);
	g_assert_true(r.diag.cookie.query_client);
	g_assert_false(r.diag.cookie.server);
	g_assert_true(has_anomaly(&r.diag, RCX_ANOM_SERVER_COOKIE_MISSING));
}

static void client_cookie_echo_mismatch_is_anomaly(void)
{
	fixture q, r;
	const uint8_t client[] = {0, 10, 0, 8, 1, 2, 3, 4, 5, 6, 7, 8};
	const uint8_t other[] = {0, 10, 0, 16, 8, 7, 6, 5, 4, 3,
	                         2, 1,  1, 1,  1, 1, 1, 1, 1, 1};
	tb_init(&q.wire, 0x4242, TB_RD, 0, 0);
	tb_question(&q.wire, "www.example", RCX_TYPE_A);
	tb_opt(&q.wire, 1232, 0, 0, false, client, sizeof(client));
	diagnose(&q, NULL);
	response(&r, 0, 0, "www.example", RCX_TYPE_A);
	tb_a(&r.wire, 1, "www.example", 60);
	tb_opt(&r.wire, 1232, 0, 0, false, other, sizeof(other));
	diagnose(&r, &q.msg);
	g_assert_true(r.diag.cookie.server);
	g_assert_true(r.diag.cookie.valid);
	g_assert_true(has_anomaly(&r.diag, RCX_ANOM_CLIENT_COOKIE_MISMATCH));
}

/* BADVERS: header 0 + OPT 1 (RFC 6891 §7); Wireshark 4.0 shows "No error". */
static void badvers_is_error_not_noerror(void)
{
	fixture f;
	response(&f, 0, 0, "www.example", RCX_TYPE_A);
	tb_opt(&f.wire, 1232, 1, 0, false, NULL, 0);
	diagnose(&f, NULL);
	g_assert_cmpuint(f.diag.rcode, ==, 16);
	g_assert_cmpstr(f.diag.rcode_entry->mnemonic, ==, "BADVERS");
	g_assert_cmpint(f.diag.condition, ==, RCX_COND_ERROR);
	g_assert_cmpstr(rcx_diagnosis_tag(&f.diag), ==, "BADVERS");
}

/* RFC 8945 §5.2.3: BADTIME carries the server's time in Other Data. */
static void badtime_skew_from_other_data(void)
{
	fixture f;
	const uint64_t server = 1700000000;
	const uint8_t other[6] = {0,
	                          0,
	                          (uint8_t)(server >> 24),
	                          (uint8_t)(server >> 16),
	                          (uint8_t)(server >> 8),
	                          (uint8_t)server};
	response(&f, 0, 9, "www.example", RCX_TYPE_SOA);
	tb_tsig(&f.wire, "transfer.key", server + 7200, RCX_RCODE_BADTIME,
	        other, sizeof(other));
	diagnose(&f, NULL);
	g_assert_cmpuint(f.diag.rcode, ==, 18);
	g_assert_cmpint(f.diag.source, ==, RCX_SOURCE_TSIG);
	g_assert_true(f.diag.has_tsig_skew);
	g_assert_cmpint(f.diag.tsig_skew, ==, 7200);
	g_assert_cmpuint(f.msg.tsig.server_time, ==, server);
}

static void badtime_skew_prefers_the_query_time(void)
{
	fixture q, r;
	const uint8_t other[6] = {0, 0, 0x65, 0x53, 0xF1, 0x00};
	tb_init(&q.wire, 0x4242, 0, 0, 0);
	tb_question(&q.wire, "www.example", RCX_TYPE_SOA);
	tb_tsig(&q.wire, "transfer.key", 0x6553F100 - 500, 0, NULL, 0);
	diagnose(&q, NULL);
	response(&r, 0, 9, "www.example", RCX_TYPE_SOA);
	tb_tsig(&r.wire, "transfer.key", 0x6553F100 + 1, RCX_RCODE_BADTIME,
	        other, 6);
	diagnose(&r, &q.msg);
	g_assert_cmpint(r.diag.tsig_skew, ==, -500);
}

static void tsig_badkey_and_badsig_under_notauth(void)
{
	static const uint16_t errors[] = {16, 17};
	static const char *const names[] = {"BADSIG", "BADKEY"};
	for (int i = 0; i < 2; i++) {
		fixture f;
		response(&f, 0, 9, "example", RCX_TYPE_AXFR);
		tb_tsig(&f.wire, "wrong.key", 1700000000, errors[i], NULL, 0);
		diagnose(&f, NULL);
		g_assert_cmpuint(f.diag.header_rcode, ==, 9);
		g_assert_cmpuint(f.diag.tsig_error, ==, errors[i]);
		g_assert_cmpstr(f.diag.rcode_entry->mnemonic, ==, names[i]);
		g_assert_cmpstr(f.diag.tsig_entry->mnemonic, ==, names[i]);
		g_assert_false(f.diag.has_tsig_skew);
	}
}

/* ---- the field that carries the code decides its meaning ---- */

static void signed_update(fixture *q)
{
	tb_init(&q->wire, 0x5151, 0, RCX_OPCODE_UPDATE, 0);
	tb_question(&q->wire, "example", RCX_TYPE_SOA);
	tb_tsig(&q->wire, "update.key", 1700000000, 0, NULL, 0);
	diagnose(q, NULL);
}

/* RFC 6895 §2.3: header 9 with TSIG Error 0 is "not authoritative"
 * (RFC 2136 §2.2), even in a signed exchange. */
static void signed_update_notauth_with_tsig_error_0_is_not_authoritative(void)
{
	fixture q, r;
	char line[256];
	signed_update(&q);
	tb_init(&r.wire, 0x5151, TB_QR, RCX_OPCODE_UPDATE, 9);
	tb_question(&r.wire, "example", RCX_TYPE_SOA);
	tb_tsig(&r.wire, "update.key", 1700000001, 0, NULL, 0);
	diagnose(&r, &q.msg);
	g_assert_cmpuint(r.diag.rcode, ==, 9);
	g_assert_cmpint(r.diag.source, ==, RCX_SOURCE_HEADER);
	g_assert_cmpstr(r.diag.rcode_entry->key, ==, "rcode.9");
	g_assert_cmpstr(r.diag.tsig_entry->mnemonic, ==, "NOERROR");
	g_assert_null(rcx_diagnosis_tag(&r.diag));
	rcx_diagnosis_summary(&r.diag, &r.msg, line, sizeof(line));
	g_assert_cmpstr(line, ==, "NOTAUTH (9)");
	/* The response unsigned, the query signed: still the header's
	 * meaning. */
	tb_init(&r.wire, 0x5151, TB_QR, RCX_OPCODE_UPDATE, 9);
	tb_question(&r.wire, "example", RCX_TYPE_SOA);
	diagnose(&r, &q.msg);
	g_assert_cmpstr(r.diag.rcode_entry->key, ==, "rcode.9");
}

/* RFC 6895 §2.3, RFC 8945 §5.2.2: a non-zero TSIG Error is the code. */
static void tsig_error_16_under_notauth_is_badsig(void)
{
	fixture q, r;
	char line[256];
	signed_update(&q);
	tb_init(&r.wire, 0x5151, TB_QR, RCX_OPCODE_UPDATE, 9);
	tb_question(&r.wire, "example", RCX_TYPE_SOA);
	tb_tsig(&r.wire, "update.key", 1700000001, 16, NULL, 0);
	diagnose(&r, &q.msg);
	g_assert_cmpuint(r.diag.rcode, ==, 16);
	g_assert_cmpint(r.diag.source, ==, RCX_SOURCE_TSIG);
	g_assert_cmpstr(r.diag.rcode_entry->key, ==, "rcode.16.tsig");
	rcx_diagnosis_summary(&r.diag, &r.msg, line, sizeof(line));
	g_assert_nonnull(strstr(line, "BADSIG (16)"));
	g_assert_nonnull(strstr(line, "TSIG error; header RCODE NOTAUTH (9)"));
}

/* RFC 6891 §6.1.3: 16 from header 0 + OPT 1 is BADVERS, signed or not. */
static void opt_badvers_in_a_signed_exchange_is_badvers(void)
{
	fixture q, r;
	tb_init(&q.wire, 0x5252, 0, 0, 0);
	tb_question(&q.wire, "example", RCX_TYPE_SOA);
	tb_opt(&q.wire, 1232, 0, 1, false, NULL, 0);
	tb_tsig(&q.wire, "transfer.key", 1700000000, 0, NULL, 0);
	diagnose(&q, NULL);
	tb_init(&r.wire, 0x5252, TB_QR, 0, 0);
	tb_question(&r.wire, "example", RCX_TYPE_SOA);
	tb_opt(&r.wire, 1232, 1, 0, false, NULL, 0);
	tb_tsig(&r.wire, "transfer.key", 1700000001, 0, NULL, 0);
	diagnose(&r, &q.msg);
	g_assert_cmpuint(r.diag.rcode, ==, 16);
	g_assert_cmpint(r.diag.source, ==, RCX_SOURCE_EDNS);
	g_assert_cmpstr(r.diag.rcode_entry->key, ==, "rcode.16");
	g_assert_cmpstr(rcx_diagnosis_tag(&r.diag), ==, "BADVERS");
}

static void tkey_response(fixture *f, uint8_t header_rcode, uint16_t error)
{
	tb_init(&f->wire, 7, TB_QR, 0, header_rcode);
	tb_question(&f->wire, "key.example", RCX_TYPE_TKEY);
	tb_tkey(&f->wire, "key.example", 3, error);
	diagnose(f, NULL);
}

/* RFC 2930 §2.6: TKEY errors come with header NOERROR. */
static void tkey_error_19_with_header_noerror_is_badmode(void)
{
	fixture f;
	char line[256];
	tkey_response(&f, 0, 19);
	g_assert_cmpuint(f.diag.rcode, ==, 19);
	g_assert_cmpint(f.diag.source, ==, RCX_SOURCE_TKEY);
	g_assert_cmpstr(f.diag.rcode_entry->key, ==, "rcode.19");
	rcx_diagnosis_summary(&f.diag, &f.msg, line, sizeof(line));
	g_assert_nonnull(strstr(line, "TKEY error; header RCODE NOERROR (0)"));
	tkey_response(&f, 0, 16);
	g_assert_cmpstr(f.diag.rcode_entry->key, ==, "rcode.16.tkey");
	tkey_response(&f, 0, 17);
	g_assert_cmpstr(f.diag.rcode_entry->key, ==, "rcode.17.tkey");
	tkey_response(&f, 0, 18);
	g_assert_cmpstr(f.diag.rcode_entry->key, ==, "rcode.18.tkey");
}

/* RFC 2930 §2.6: beside a non-zero header RCODE a TKEY error is
 * unrelated; the header code keeps its meaning. */
static void tkey_error_beside_a_header_error_keeps_the_header_code(void)
{
	fixture f;
	char line[256];
	tkey_response(&f, 5, 19);
	g_assert_cmpuint(f.diag.rcode, ==, 5);
	g_assert_cmpint(f.diag.source, ==, RCX_SOURCE_HEADER);
	g_assert_cmpstr(f.diag.rcode_entry->key, ==, "rcode.5");
	g_assert_cmpuint(f.diag.tkey_error, ==, 19);
	rcx_diagnosis_summary(&f.diag, &f.msg, line, sizeof(line));
	g_assert_nonnull(strstr(line, "REFUSED (5), TKEY error BADMODE (19)"));
}

/* RFC 1996 §3.12; BIND answers NOTAUTH to a NOTIFY for a zone it does
 * not serve. */
static void notify_answers_have_notify_meanings(void)
{
	fixture f;
	tb_init(&f.wire, 3, TB_QR | TB_AA, RCX_OPCODE_NOTIFY, 9);
	tb_question(&f.wire, "example", RCX_TYPE_SOA);
	diagnose(&f, NULL);
	g_assert_cmpstr(f.diag.rcode_entry->key, ==, "rcode.9.notify");
	tb_init(&f.wire, 3, TB_QR, RCX_OPCODE_NOTIFY, 4);
	tb_question(&f.wire, "example", RCX_TYPE_SOA);
	diagnose(&f, NULL);
	g_assert_cmpstr(f.diag.rcode_entry->key, ==, "rcode.4.notify");
	tb_init(&f.wire, 3, TB_QR, RCX_OPCODE_UPDATE, 4);
	tb_question(&f.wire, "example", RCX_TYPE_SOA);
	diagnose(&f, NULL);
	g_assert_cmpstr(f.diag.rcode_entry->key, ==, "rcode.4");
}

static void edns_query(fixture *q)
{
	tb_init(&q->wire, 0x6060, TB_RD, 0, 0);
	tb_question(&q->wire, "www.example", RCX_TYPE_A);
	tb_opt(&q->wire, 1232, 0, 0, false, NULL, 0);
	diagnose(q, NULL);
}

/* RFC 6891 §7: FORMERR with an OPT record comes from a server with
 * EDNS. */
static void formerr_with_opt_is_from_a_server_with_edns(void)
{
	fixture q, r;
	edns_query(&q);
	response(&r, 0, 1, "www.example", RCX_TYPE_A);
	tb_opt(&r.wire, 1232, 0, 0, false, NULL, 0);
	diagnose(&r, &q.msg);
	g_assert_cmpstr(r.diag.rcode_entry->key, ==, "rcode.1.edns");
	diagnose(&r, NULL);
	g_assert_cmpstr(r.diag.rcode_entry->key, ==, "rcode.1.edns");
}

/* RFC 6891 §7: FORMERR without OPT to a query with OPT comes from a
 * server without EDNS. */
static void formerr_without_opt_to_an_edns_query_is_no_edns(void)
{
	fixture q, r;
	edns_query(&q);
	response(&r, 0, 1, "www.example", RCX_TYPE_A);
	diagnose(&r, &q.msg);
	g_assert_cmpstr(r.diag.rcode_entry->key, ==, "rcode.1.no_edns");
}

/* RFC 1035 §4.1.1: a malformed query explains the FORMERR, with or
 * without an OPT record in the response. */
static void formerr_without_opt_to_a_malformed_query_blames_the_query(void)
{
	fixture q, r;
	const uint8_t short_cookie[] = {0, 10, 0, 5, 1, 2, 3, 4, 5};
	tb_init(&q.wire, 0x6060, TB_RD, 0, 0);
	tb_question(&q.wire, "www.example", RCX_TYPE_A);
	tb_opt(&q.wire, 1232, 0, 0, false, short_cookie, sizeof(short_cookie));
	diagnose(&q, NULL);
	g_assert_cmpuint(q.msg.problems_total, >, 0);
	response(&r, 0, 1, "www.example", RCX_TYPE_A);
	diagnose(&r, &q.msg);
	g_assert_cmpstr(r.diag.rcode_entry->key, ==, "rcode.1.malformed_query");
	response(&r, 0, 1, "www.example", RCX_TYPE_A);
	tb_opt(&r.wire, 1232, 0, 0, false, NULL, 0);
	diagnose(&r, &q.msg);
	g_assert_cmpstr(r.diag.rcode_entry->key, ==, "rcode.1.malformed_query");
}

/* Without the query, or when the additional section was not read to its
 * end, the response cannot tell: the general entry. */
static void formerr_without_evidence_is_the_general_entry(void)
{
	fixture q, r, plain;
	response(&r, 0, 1, "www.example", RCX_TYPE_A);
	diagnose(&r, NULL);
	g_assert_cmpstr(r.diag.rcode_entry->key, ==, "rcode.1");

	tb_init(&plain.wire, 0x6060, TB_RD, 0, 0);
	tb_question(&plain.wire, "www.example", RCX_TYPE_A);
	diagnose(&plain, NULL);
	diagnose(&r, &plain.msg);
	g_assert_cmpstr(r.diag.rcode_entry->key, ==, "rcode.1");

	edns_query(&q);
	response(&r, 0, 1, "www.example", RCX_TYPE_A);
	tb_opt(&r.wire, 1232, 0, 0, false, NULL, 0);
	tb_finish(&r.wire);
	/* Cut inside the OPT record: ARCOUNT 1, nothing read. */
	rcx_message_parse(&r.msg, r.wire.buf, r.wire.len - 4);
	rcx_diagnose(&r.diag, &r.msg, &q.msg);
	g_assert_cmpstr(r.diag.rcode_entry->key, ==, "rcode.1");
}

/* RFC 6762 §18.11: a non-zero RCODE in mDNS is ignored by receivers. */
static void mdns_response_with_rcode_3_is_an_anomaly(void)
{
	fixture f;
	tb_init(&f.wire, 0, TB_QR | TB_AA, 0, 3);
	tb_a(&f.wire, 1, "printer.local", 120);
	tb_finish(&f.wire);
	rcx_message_parse(&f.msg, f.wire.buf, f.wire.len);
	rcx_diagnose_mdns(&f.diag, &f.msg);
	g_assert_true(has_anomaly(&f.diag, RCX_ANOM_MDNS_RCODE));
	g_assert_cmpstr(f.diag.condition_entry->key, ==,
	                "condition.error.mdns");
	g_assert_false(has_anomaly(&f.diag, RCX_ANOM_NXDOMAIN_WITH_ANSWERS));
	g_assert_cmpint(f.diag.severity, >=, RCX_SEV_WARN);
	/* No zone-based advice of NXDOMAIN. */
	const rcx_entry *nx = rcx_rcode_entry(3, RCX_CTX_RCODE);
	for (uint8_t i = 0; i < f.diag.n_advice; i++)
		for (int s = 0; s < RCX_ENTRY_MAX_STEPS && nx->next_steps[s];
		     s++)
			g_assert_true(f.diag.advice[i] != nx->next_steps[s]);
	g_assert_cmpuint(f.diag.n_advice, >, 0);
}

/* ---- conditions ---- */

static void answer_is_answer(void)
{
	fixture f;
	response(&f, TB_AA, 0, "www.example", RCX_TYPE_A);
	tb_a(&f.wire, 1, "WWW.Example", 300);
	diagnose(&f, NULL);
	g_assert_cmpint(f.diag.condition, ==, RCX_COND_ANSWER);
	g_assert_null(rcx_diagnosis_tag(&f.diag));
	g_assert_cmpint(f.diag.severity, ==, RCX_SEV_NONE);
}

/* RFC 2308 §2.2 and §5. */
static void nodata_with_soa_has_negative_ttl_min_of_ttl_and_minimum(void)
{
	fixture f;
	response(&f, TB_AA, 0, "www.example", RCX_TYPE_AAAA);
	tb_soa(&f.wire, 2, "example", 900, 300);
	diagnose(&f, NULL);
	g_assert_cmpint(f.diag.condition, ==, RCX_COND_NODATA);
	g_assert_true(f.diag.has_negative_ttl);
	g_assert_cmpuint(f.diag.negative_ttl, ==, 300);
	g_assert_cmpstr(rcx_diagnosis_tag(&f.diag), ==,
	                f.diag.condition_entry->mnemonic);

	response(&f, TB_AA, 0, "www.example", RCX_TYPE_AAAA);
	tb_soa(&f.wire, 2, "example", 60, 3600);
	diagnose(&f, NULL);
	g_assert_cmpuint(f.diag.negative_ttl, ==, 60);
}

static void nodata_without_soa_is_flagged(void)
{
	fixture f;
	response(&f, 0, 0, "www.example", RCX_TYPE_MX);
	diagnose(&f, NULL);
	g_assert_cmpint(f.diag.condition, ==, RCX_COND_NODATA);
	g_assert_false(f.diag.has_negative_ttl);
	g_assert_true(has_anomaly(&f.diag, RCX_ANOM_NODATA_WITHOUT_SOA));
}

static void nodata_after_cname_chain_is_nodata(void)
{
	fixture f;
	char text[RCX_NAME_TEXT_MAX];
	response(&f, 0, 0, "www.example", RCX_TYPE_AAAA);
	tb_rr_name(&f.wire, 1, "www.example", RCX_TYPE_CNAME, 60,
	           "web.example");
	tb_rr_name(&f.wire, 1, "web.example", RCX_TYPE_CNAME, 60,
	           "host.cdn.example");
	tb_soa(&f.wire, 2, "cdn.example", 600, 120);
	diagnose(&f, NULL);
	g_assert_cmpint(f.diag.condition, ==, RCX_COND_NODATA);
	g_assert_true(f.diag.after_chain);
	g_assert_cmpuint(f.diag.chain_length, ==, 2);
	rcx_name_to_text(f.msg.wire, f.msg.length, f.diag.chain_targets[1],
	                 text, sizeof(text));
	g_assert_cmpstr(text, ==, "host.cdn.example");
	g_assert_cmpuint(f.diag.negative_ttl, ==, 120);
	g_assert_true(f.diag.condition_entry ==
	              rcx_condition_entry(RCX_COND_NODATA, true));
}

static void answer_after_cname_chain_is_answer(void)
{
	fixture f;
	response(&f, 0, 0, "www.example", RCX_TYPE_A);
	tb_rr_name(&f.wire, 1, "www.example", RCX_TYPE_CNAME, 60,
	           "web.example");
	tb_a(&f.wire, 1, "web.example", 60);
	diagnose(&f, NULL);
	g_assert_cmpint(f.diag.condition, ==, RCX_COND_ANSWER);
	g_assert_cmpuint(f.diag.chain_length, ==, 1);
}

static void cname_query_answered_by_cname_is_answer(void)
{
	fixture f;
	response(&f, 0, 0, "www.example", RCX_TYPE_CNAME);
	tb_rr_name(&f.wire, 1, "www.example", RCX_TYPE_CNAME, 60,
	           "web.example");
	diagnose(&f, NULL);
	g_assert_cmpint(f.diag.condition, ==, RCX_COND_ANSWER);
	g_assert_cmpuint(f.diag.chain_length, ==, 0);
}

/* RFC 6672 §2.2: a DNAME rewrites the suffix. */
static void answer_through_dname_without_synthesized_cname(void)
{
	fixture f;
	response(&f, 0, 0, "www.old.example", RCX_TYPE_A);
	tb_rr_name(&f.wire, 1, "old.example", RCX_TYPE_DNAME, 60,
	           "new.example");
	tb_a(&f.wire, 1, "www.new.example", 60);
	diagnose(&f, NULL);
	g_assert_cmpint(f.diag.condition, ==, RCX_COND_ANSWER);
	g_assert_true(f.diag.chain_has_dname);
	g_assert_cmpuint(f.diag.chain_length, ==, 1);
}

/* RFC 6604 §3: NXDOMAIN applies to the last name of the chain. */
static void nxdomain_after_cname_applies_to_last_name(void)
{
	fixture f;
	response(&f, 0, 3, "www.example", RCX_TYPE_A);
	tb_rr_name(&f.wire, 1, "www.example", RCX_TYPE_CNAME, 60,
	           "gone.example");
	tb_soa(&f.wire, 2, "example", 300, 300);
	diagnose(&f, NULL);
	g_assert_cmpint(f.diag.condition, ==, RCX_COND_NXDOMAIN);
	g_assert_true(f.diag.after_chain);
	g_assert_false(has_anomaly(&f.diag, RCX_ANOM_NXDOMAIN_WITH_ANSWERS));
	g_assert_true(f.diag.condition_entry ==
	              rcx_condition_entry(RCX_COND_NXDOMAIN, true));
	g_assert_nonnull(rcx_diagnosis_tag(&f.diag));
}

static void nxdomain_with_an_answer_is_anomaly(void)
{
	fixture f;
	response(&f, 0, 3, "www.example", RCX_TYPE_A);
	tb_a(&f.wire, 1, "www.example", 60);
	diagnose(&f, NULL);
	g_assert_true(has_anomaly(&f.diag, RCX_ANOM_NXDOMAIN_WITH_ANSWERS));
}

static void nxdomain_without_answers_is_plain(void)
{
	fixture f;
	response(&f, TB_AA, 3, "typo.example", RCX_TYPE_A);
	tb_soa(&f.wire, 2, "example", 3600, 900);
	diagnose(&f, NULL);
	g_assert_cmpint(f.diag.condition, ==, RCX_COND_NXDOMAIN);
	g_assert_false(f.diag.after_chain);
	g_assert_cmpuint(f.diag.negative_ttl, ==, 900);
	g_assert_cmpuint(f.diag.n_anomalies, ==, 0);
	g_assert_null(rcx_diagnosis_tag(&f.diag));
}

/* RFC 1034 §4.3.2 / RFC 2308 §2.2: NS without SOA and AA=0 is a delegation. */
static void referral_is_not_nodata(void)
{
	fixture f;
	tb_init(&f.wire, 5, TB_QR, 0, 0);
	tb_question(&f.wire, "www.child.example", RCX_TYPE_A);
	tb_rr_name(&f.wire, 2, "child.example", RCX_TYPE_NS, 3600,
	           "ns1.child.example");
	tb_rr_name(&f.wire, 2, "child.example", RCX_TYPE_NS, 3600,
	           "ns2.child.example");
	tb_a(&f.wire, 3, "ns1.child.example", 3600);
	diagnose(&f, NULL);
	g_assert_cmpint(f.diag.condition, ==, RCX_COND_REFERRAL);
	g_assert_false(f.diag.has_negative_ttl);
	g_assert_false(has_anomaly(&f.diag, RCX_ANOM_NODATA_WITHOUT_SOA));
}

static void ns_in_authority_with_aa_is_nodata(void)
{
	fixture f;
	response(&f, TB_AA, 0, "www.example", RCX_TYPE_AAAA);
	tb_rr_name(&f.wire, 2, "example", RCX_TYPE_NS, 3600, "ns.example");
	diagnose(&f, NULL);
	g_assert_cmpint(f.diag.condition, ==, RCX_COND_NODATA);
}

/* RFC 7766 §5 / RFC 1035 §4.2.1: TC=1 is not NODATA. */
static void truncated_empty_answer_is_not_nodata(void)
{
	fixture f;
	response(&f, TB_TC, 0, "big.example", RCX_TYPE_TXT);
	diagnose(&f, NULL);
	g_assert_cmpint(f.diag.condition, ==, RCX_COND_TRUNCATED);
	g_assert_false(has_anomaly(&f.diag, RCX_ANOM_NODATA_WITHOUT_SOA));
}

static void update_noerror_is_success(void)
{
	fixture f;
	tb_init(&f.wire, 9, TB_QR, RCX_OPCODE_UPDATE, 0);
	tb_question(&f.wire, "example", RCX_TYPE_SOA);
	diagnose(&f, NULL);
	g_assert_cmpint(f.diag.condition, ==, RCX_COND_SUCCESS);
}

static void axfr_with_records_is_answer(void)
{
	fixture f;
	response(&f, TB_AA, 0, "example", RCX_TYPE_AXFR);
	tb_soa(&f.wire, 1, "example", 3600, 300);
	tb_a(&f.wire, 1, "www.example", 3600);
	diagnose(&f, NULL);
	g_assert_cmpint(f.diag.condition, ==, RCX_COND_ANSWER);
}

static void cname_loop_is_anomaly(void)
{
	fixture f;
	response(&f, 0, 0, "a.example", RCX_TYPE_A);
	tb_rr_name(&f.wire, 1, "a.example", RCX_TYPE_CNAME, 60, "b.example");
	tb_rr_name(&f.wire, 1, "b.example", RCX_TYPE_CNAME, 60, "a.example");
	diagnose(&f, NULL);
	g_assert_true(has_anomaly(&f.diag, RCX_ANOM_CNAME_LOOP));
	g_assert_cmpint(f.diag.condition, ==, RCX_COND_NODATA);
}

/* ---- queries ---- */

static void query_has_no_condition(void)
{
	fixture f;
	char line[128];
	tb_init(&f.wire, 1, TB_RD, 0, 0);
	tb_question(&f.wire, "www.example", RCX_TYPE_A);
	diagnose(&f, NULL);
	g_assert_false(f.diag.is_response);
	g_assert_cmpint(f.diag.condition, ==, RCX_COND_QUERY);
	g_assert_null(f.diag.rcode_entry);
	g_assert_null(rcx_diagnosis_tag(&f.diag));
	rcx_diagnosis_summary(&f.diag, &f.msg, line, sizeof(line));
	g_assert_cmpstr(line, ==, "Query");
}

static void rcode_in_query_is_anomaly(void)
{
	fixture f;
	tb_init(&f.wire, 1, TB_RD, 0, 5);
	tb_question(&f.wire, "www.example", RCX_TYPE_A);
	diagnose(&f, NULL);
	g_assert_true(has_anomaly(&f.diag, RCX_ANOM_RCODE_IN_QUERY));
}

static void extended_rcode_bits_in_query_are_anomaly(void)
{
	fixture f;
	tb_init(&f.wire, 1, TB_RD, 0, 0);
	tb_question(&f.wire, "www.example", RCX_TYPE_A);
	tb_opt(&f.wire, 1232, 1, 0, false, NULL, 0);
	diagnose(&f, NULL);
	g_assert_true(has_anomaly(&f.diag, RCX_ANOM_EXT_RCODE_IN_QUERY));
}

static void edns_version_1_query_reply_badvers(void)
{
	fixture q, r;
	char line[128];
	tb_init(&q.wire, 3, TB_RD, 0, 0);
	tb_question(&q.wire, "www.example", RCX_TYPE_A);
	tb_opt(&q.wire, 1232, 0, 1, false, NULL, 0);
	diagnose(&q, NULL);
	rcx_diagnosis_summary(&q.diag, &q.msg, line, sizeof(line));
	g_assert_cmpstr(line, ==, "Query with EDNS version 1");
	tb_init(&r.wire, 3, TB_QR | TB_RD, 0, 0);
	tb_question(&r.wire, "www.example", RCX_TYPE_A);
	tb_opt(&r.wire, 1232, 1, 0, false, NULL, 0);
	diagnose(&r, &q.msg);
	g_assert_cmpuint(r.diag.rcode, ==, RCX_RCODE_BADVERS);
}

static void question_mismatch_with_query_is_anomaly(void)
{
	fixture q, r;
	tb_init(&q.wire, 3, TB_RD, 0, 0);
	tb_question(&q.wire, "www.example", RCX_TYPE_A);
	diagnose(&q, NULL);
	response(&r, 0, 0, "www.example", RCX_TYPE_AAAA);
	diagnose(&r, &q.msg);
	g_assert_true(has_anomaly(&r.diag, RCX_ANOM_QUESTION_MISMATCH));
}

static void edns_dropped_in_reply_is_noted(void)
{
	fixture q, r;
	tb_init(&q.wire, 3, TB_RD, 0, 0);
	tb_question(&q.wire, "www.example", RCX_TYPE_A);
	tb_opt(&q.wire, 1232, 0, 0, false, NULL, 0);
	diagnose(&q, NULL);
	response(&r, 0, 1, "www.example", RCX_TYPE_A);
	diagnose(&r, &q.msg);
	g_assert_true(has_anomaly(&r.diag, RCX_ANOM_EDNS_DROPPED));
}

/* A reply whose additional section was not read (cut by the snaplen inside
 * an answer's RDATA) may well carry the OPT RR: EDNS is not known to be
 * dropped (RFC 6891 §7). */
static void edns_unknown_when_additional_section_unread(void)
{
	fixture q, r;
	tb_init(&q.wire, 3, TB_RD, 0, 0);
	tb_question(&q.wire, "www.example", RCX_TYPE_A);
	tb_opt(&q.wire, 1232, 0, 0, false, NULL, 0);
	diagnose(&q, NULL);
	response(&r, 0, 0, "www.example", RCX_TYPE_A);
	tb_a(&r.wire, 1, "www.example", 300);
	tb_opt(&r.wire, 1232, 0, 0, false, NULL, 0);
	tb_finish(&r.wire);
	rcx_message_parse(&r.msg, r.wire.buf, 12 + 17 + 12);
	rcx_diagnose(&r.diag, &r.msg, &q.msg);
	g_assert_false(r.msg.opt.present);
	g_assert_false(has_anomaly(&r.diag, RCX_ANOM_EDNS_DROPPED));
}

/* ---- EDE: every registered code has its own entry (RFC 8914 §4, IANA) ---- */

static const char *const ede_names[] = {
        "Other Error",
        "Unsupported DNSKEY Algorithm",
        "Unsupported DS Digest Type",
        "Stale Answer",
        "Forged Answer",
        "DNSSEC Indeterminate",
        "DNSSEC Bogus",
        "Signature Expired",
        "Signature Not Yet Valid",
        "DNSKEY Missing",
        "RRSIGs Missing",
        "No Zone Key Bit Set",
        "NSEC Missing",
        "Cached Error",
        "Not Ready",
        "Blocked",
        "Censored",
        "Filtered",
        "Prohibited",
        "Stale NXDomain Answer",
        "Not Authoritative",
        "Not Supported",
        "No Reachable Authority",
        "Network Error",
        "Invalid Data",
        "Signature Expired before Valid",
        "Too Early",
        "Unsupported NSEC3 Iterations Value",
        "Unable to conform to policy",
        "Synthesized",
        "Invalid Query Type",
};

static void every_ede_code_is_named(void)
{
	for (uint16_t code = 0; code < G_N_ELEMENTS(ede_names); code++) {
		fixture f;
		uint8_t opt[] = {
		        0,   15,  0,   6,  (uint8_t)(code >> 8), (uint8_t)code,
		        't', 'e', 'x', 't'};
		response(&f, 0, 2, "www.example", RCX_TYPE_A);
		tb_opt(&f.wire, 1232, 0, 0, false, opt, sizeof(opt));
		diagnose(&f, NULL);
		g_assert_cmpuint(f.diag.n_ede, ==, 1);
		g_assert_cmpuint(f.msg.opt.ede[0].info_code, ==, code);
		g_assert_cmpuint(f.msg.opt.ede[0].text_length, ==, 4);
		g_assert_cmpstr(f.diag.ede_entries[0]->mnemonic, ==,
		                ede_names[code]);
		g_assert_false(rcx_entry_is_range(f.diag.ede_entries[0]));
	}
	g_assert_true(rcx_entry_is_range(rcx_ede_entry(31)));
	g_assert_true(rcx_entry_is_range(rcx_ede_entry(49151)));
	g_assert_true(rcx_entry_is_range(rcx_ede_entry(49152)));
	g_assert_true(rcx_ede_entry(49152) != rcx_ede_entry(49151));
	g_assert_true(rcx_ede_entry(65535) == rcx_ede_entry(49152));
}

static void several_ede_in_one_response_keep_their_order(void)
{
	fixture f;
	const uint8_t opt[] = {0, 15, 0, 2, 0, 7, 0, 15, 0, 4, 0, 22, 'a', 'b'};
	char line[256];
	response(&f, 0, 2, "www.example", RCX_TYPE_A);
	tb_opt(&f.wire, 1232, 0, 0, false, opt, sizeof(opt));
	diagnose(&f, NULL);
	g_assert_cmpuint(f.diag.n_ede, ==, 2);
	g_assert_cmpuint(f.msg.opt.ede[0].info_code, ==, 7);
	g_assert_cmpuint(f.msg.opt.ede[1].info_code, ==, 22);
	g_assert_cmpuint(f.msg.opt.ede[0].text_length, ==, 0);
	g_assert_cmpuint(f.diag.n_advice, >, 0);
	g_assert_true(f.diag.advice[0] == f.diag.ede_entries[0]->next_steps[0]);
	rcx_diagnosis_summary(&f.diag, &f.msg, line, sizeof(line));
	g_assert_nonnull(strstr(line, "SERVFAIL (2)"));
	g_assert_nonnull(strstr(line, "EDE 7 Signature Expired"));
}

static void severity_of_servfail_is_at_least_warning(void)
{
	fixture f;
	response(&f, 0, 2, "www.example", RCX_TYPE_A);
	diagnose(&f, NULL);
	g_assert_cmpint(f.diag.severity, >=, RCX_SEV_WARN);
	g_assert_cmpuint(f.diag.n_advice, >, 0);
}

/* RFC 6762 §6: an mDNS response has no question and that is normal. */
static void mdns_response_without_question_is_an_answer(void)
{
	fixture f;
	tb_init(&f.wire, 0, TB_QR | TB_AA, 0, 0);
	tb_a(&f.wire, 1, "printer.local", 120);
	diagnose(&f, NULL);
	g_assert_true(has_anomaly(&f.diag, RCX_ANOM_NO_QUESTION));
	rcx_diagnose_mdns(&f.diag, &f.msg);
	g_assert_false(has_anomaly(&f.diag, RCX_ANOM_NO_QUESTION));
	g_assert_cmpint(f.diag.condition, ==, RCX_COND_ANSWER);
	g_assert_cmpint(f.diag.severity, ==, RCX_SEV_NONE);
}

/* RFC 4795: LLMNR has no zones, so an empty NOERROR carries no SOA and
 * that is normal; NXDOMAIN is not an LLMNR answer at all (§2.1.1). */
static void llmnr_negative_answers(void)
{
	fixture f;
	response(&f, 0, 0, "printer", RCX_TYPE_AAAA);
	diagnose(&f, NULL);
	g_assert_true(has_anomaly(&f.diag, RCX_ANOM_NODATA_WITHOUT_SOA));
	rcx_diagnose_llmnr(&f.diag, &f.msg, NULL);
	g_assert_false(has_anomaly(&f.diag, RCX_ANOM_NODATA_WITHOUT_SOA));
	g_assert_cmpint(f.diag.condition, ==, RCX_COND_NODATA);
	g_assert_cmpstr(f.diag.condition_entry->key, ==,
	                "condition.nodata.llmnr");
	g_assert_false(has_anomaly(&f.diag, RCX_ANOM_LLMNR_NXDOMAIN));
	for (uint8_t i = 0; i < f.diag.n_advice; i++)
		g_assert_null(strstr(f.diag.advice[i], "zone"));
	g_assert_cmpuint(f.diag.anomalies_total, ==, f.diag.n_anomalies);

	fixture g;
	response(&g, 0, 3, "printer", RCX_TYPE_A);
	tb_finish(&g.wire);
	rcx_message_parse(&g.msg, g.wire.buf, g.wire.len);
	rcx_diagnose_llmnr(&g.diag, &g.msg, NULL);
	g_assert_cmpuint(g.diag.rcode, ==, 3);
	g_assert_cmpint(g.diag.condition, ==, RCX_COND_NXDOMAIN);
	g_assert_false(has_anomaly(&g.diag, RCX_ANOM_NODATA_WITHOUT_SOA));
	g_assert_true(has_anomaly(&g.diag, RCX_ANOM_LLMNR_NXDOMAIN));
	g_assert_cmpint(g.diag.severity, >=, RCX_SEV_WARN);
	g_assert_cmpstr(g.diag.condition_entry->key, ==,
	                "condition.nxdomain.llmnr");
	/* The advice of rcode 3 (spelling, authoritative servers, negative
	 * TTL) rests on zones; none of it is given for LLMNR. */
	const rcx_entry *nx = rcx_rcode_entry(3, RCX_CTX_RCODE);
	g_assert_nonnull(g.diag.n_advice ? g.diag.advice[0] : NULL);
	for (uint8_t i = 0; i < g.diag.n_advice; i++)
		for (int s = 0; s < RCX_ENTRY_MAX_STEPS && nx->next_steps[s];
		     s++)
			g_assert_true(g.diag.advice[i] != nx->next_steps[s]);
	const rcx_entry *e = rcx_problem_entry(RCX_ANOM_LLMNR_NXDOMAIN);
	g_assert_cmpstr(e->reference, ==, "RFC 4795 §2.1.1");
	bool advised = false;
	for (uint8_t i = 0; i < g.diag.n_advice; i++)
		advised |= g.diag.advice[i] == e->next_steps[0];
	g_assert_true(advised);
	/* The same message as unicast DNS keeps the zone-based entry. */
	rcx_diagnose(&g.diag, &g.msg, NULL);
	g_assert_cmpstr(g.diag.condition_entry->key, ==, "condition.nxdomain");
}

/* A NOERROR whose answer section is cut short is not NODATA: what it
 * carried is unknown (RFC 1035 §4.1). */
static void damaged_noerror_is_undetermined_not_nodata(void)
{
	fixture f;
	response(&f, 0, 0, "www.example", RCX_TYPE_A);
	tb_a(&f.wire, 1, "www.example", 300);
	tb_finish(&f.wire);
	/* Cut inside the answer's RDATA. */
	rcx_message_parse(&f.msg, f.wire.buf, f.wire.len - 2);
	rcx_diagnose(&f.diag, &f.msg, NULL);
	g_assert_cmpint(f.diag.condition, ==, RCX_COND_UNDETERMINED);
	g_assert_false(has_anomaly(&f.diag, RCX_ANOM_NODATA_WITHOUT_SOA));
	g_assert_cmpstr(rcx_condition_name(f.diag.condition), ==,
	                "undetermined");

	/* Question unreadable although QDCOUNT is 1: not "no question". */
	fixture g;
	response(&g, 0, 0, "www.example", RCX_TYPE_A);
	tb_finish(&g.wire);
	rcx_message_parse(&g.msg, g.wire.buf, 12 + 5);
	rcx_diagnose(&g.diag, &g.msg, NULL);
	g_assert_false(has_anomaly(&g.diag, RCX_ANOM_NO_QUESTION));
	g_assert_cmpint(g.diag.condition, ==, RCX_COND_UNDETERMINED);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	for (size_t i = 0; i < G_N_ELEMENTS(code_cases); i++)
		g_test_add_data_func(code_cases[i].path, &code_cases[i],
		                     test_code_case);
#define T(fn) g_test_add_func("/diagnosis/" #fn, fn)
	T(notauth_in_update_is_not_authoritative);
	T(badcookie_summary_names_both_parts);
	T(badcookie_without_server_cookie_is_anomaly);
	T(query_with_client_cookie_and_no_server_cookie_in_reply);
	T(client_cookie_echo_mismatch_is_anomaly);
	T(badvers_is_error_not_noerror);
	T(badtime_skew_from_other_data);
	T(badtime_skew_prefers_the_query_time);
	T(tsig_badkey_and_badsig_under_notauth);
	T(signed_update_notauth_with_tsig_error_0_is_not_authoritative);
	T(tsig_error_16_under_notauth_is_badsig);
	T(opt_badvers_in_a_signed_exchange_is_badvers);
	T(tkey_error_19_with_header_noerror_is_badmode);
	T(tkey_error_beside_a_header_error_keeps_the_header_code);
	T(notify_answers_have_notify_meanings);
	T(formerr_with_opt_is_from_a_server_with_edns);
	T(formerr_without_opt_to_an_edns_query_is_no_edns);
	T(formerr_without_evidence_is_the_general_entry);
	T(formerr_without_opt_to_a_malformed_query_blames_the_query);
	T(mdns_response_with_rcode_3_is_an_anomaly);
	T(answer_is_answer);
	T(nodata_with_soa_has_negative_ttl_min_of_ttl_and_minimum);
	T(nodata_without_soa_is_flagged);
	T(nodata_after_cname_chain_is_nodata);
	T(answer_after_cname_chain_is_answer);
	T(cname_query_answered_by_cname_is_answer);
	T(answer_through_dname_without_synthesized_cname);
	T(nxdomain_after_cname_applies_to_last_name);
	T(nxdomain_with_an_answer_is_anomaly);
	T(nxdomain_without_answers_is_plain);
	T(referral_is_not_nodata);
	T(ns_in_authority_with_aa_is_nodata);
	T(truncated_empty_answer_is_not_nodata);
	T(update_noerror_is_success);
	T(axfr_with_records_is_answer);
	T(cname_loop_is_anomaly);
	T(query_has_no_condition);
	T(rcode_in_query_is_anomaly);
	T(extended_rcode_bits_in_query_are_anomaly);
	T(edns_version_1_query_reply_badvers);
	T(question_mismatch_with_query_is_anomaly);
	T(edns_dropped_in_reply_is_noted);
	T(edns_unknown_when_additional_section_unread);
	T(every_ede_code_is_named);
	T(several_ede_in_one_response_keep_their_order);
	T(mdns_response_without_question_is_an_answer);
	T(llmnr_negative_answers);
	T(damaged_noerror_is_undetermined_not_nodata);
	T(severity_of_servfail_is_at_least_warning);
	return g_test_run();
}
