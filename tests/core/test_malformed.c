/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Malformed messages: each names the precise problem and where it is, and
 * the diagnosis still reports what could be read. Never a crash, never a
 * read past the end (the suite also runs under ASan+UBSan).
 */
#include <glib.h>
#include <string.h>

#include "builder.h"
#include "rcodex/rcodex.h"

typedef void (*build_fn)(tb_msg *m);

typedef struct {
	const char *path;
	build_fn build;
	rcx_problem expected;
	int offset; /* expected offset of the problem, or -1: not checked */
} bad_case;

static void q_header(tb_msg *m, uint16_t qd, uint16_t an, uint16_t ns,
                     uint16_t ar)
{
	tb_init(m, 0xBEEF, TB_QR, 0, 0);
	m->counts[0] = qd;
	m->counts[1] = an;
	m->counts[2] = ns;
	m->counts[3] = ar;
}

static void zero_bytes(tb_msg *m)
{
	m->len = 0;
}

static void eleven_bytes(tb_msg *m)
{
	tb_init(m, 1, 0, 0, 0);
	m->len = 11;
}

static void pointer_to_itself(tb_msg *m)
{
	q_header(m, 1, 0, 0, 0);
	tb_bytes(m, "\xc0\x0c\x00\x01\x00\x01", 6);
}

static void pointer_forward(tb_msg *m)
{
	q_header(m, 1, 0, 0, 0);
	tb_bytes(m, "\xc0\x10\x00\x01\x00\x01\x01x\x00", 9);
}

static void pointer_loop_between_two_names(tb_msg *m)
{
	/* Question name at 12 jumps to 20, which jumps back to 12. */
	q_header(m, 1, 1, 0, 0);
	tb_bytes(m,
	         "\x01"
	         "a\xc0\x14\x00\x01\x00\x01",
	         8);
	tb_bytes(m, "\xc0\x0c\x00\x01\x00\x01\x00\x00\x00\x00\x00\x00", 12);
}

static void pointer_past_end(tb_msg *m)
{
	q_header(m, 1, 0, 0, 0);
	tb_bytes(m, "\xff\xff\x00\x01\x00\x01", 6);
}

static void pointer_cut_after_first_octet(tb_msg *m)
{
	q_header(m, 1, 0, 0, 0);
	tb_bytes(m, "\x01x\xc0", 3);
}

static void label_longer_than_63(tb_msg *m)
{
	q_header(m, 1, 0, 0, 0);
	tb_bytes(m, "\x40", 1);
	for (int i = 0; i < 64; i++)
		tb_bytes(m, "a", 1);
	tb_bytes(m, "\x00\x00\x01\x00\x01", 5);
}

static void reserved_label_type_0x80(tb_msg *m)
{
	q_header(m, 1, 0, 0, 0);
	tb_bytes(m, "\x80\x00\x00\x01\x00\x01", 6);
}

static void name_longer_than_255(tb_msg *m)
{
	q_header(m, 1, 0, 0, 0);
	for (int l = 0; l < 5; l++) {
		tb_bytes(m, "\x3f", 1);
		for (int i = 0; i < 63; i++)
			tb_bytes(m, "b", 1);
	}
	tb_bytes(m, "\x00\x00\x01\x00\x01", 5);
}

static void label_runs_past_end(tb_msg *m)
{
	q_header(m, 1, 0, 0, 0);
	tb_bytes(m, "\x10short", 6);
}

static void name_without_root_label(tb_msg *m)
{
	q_header(m, 1, 0, 0, 0);
	tb_bytes(m, "\x03www", 4);
}

static void question_without_type(tb_msg *m)
{
	q_header(m, 1, 0, 0, 0);
	tb_name(m, "www.example");
	tb_bytes(m, "\x00\x01", 2);
}

static void qdcount_larger_than_questions(tb_msg *m)
{
	q_header(m, 2, 0, 0, 0);
	tb_question(m, "www.example", 1);
	m->counts[0] = 2;
}

static void ancount_larger_than_message(tb_msg *m)
{
	q_header(m, 1, 3, 0, 0);
	tb_question(m, "www.example", 1);
	m->counts[0] = 1;
	tb_a(m, 1, "www.example", 60);
	m->counts[1] = 3;
}

static void record_fixed_fields_cut(tb_msg *m)
{
	q_header(m, 1, 1, 0, 0);
	tb_question(m, "www.example", 1);
	m->counts[0] = 1;
	tb_name(m, "www.example");
	tb_bytes(m, "\x00\x01\x00\x01\x00", 5);
}

static void rdlength_past_end(tb_msg *m)
{
	q_header(m, 1, 1, 0, 0);
	tb_question(m, "www.example", 1);
	m->counts[0] = 1;
	tb_name(m, "www.example");
	tb_bytes(m, "\x00\x01\x00\x01\x00\x00\x00\x3c\x00\x10\x01\x02", 12);
}

static void trailing_bytes(tb_msg *m)
{
	tb_init(m, 1, TB_QR, 0, 0);
	tb_question(m, "www.example", 1);
	tb_bytes(m, "junk", 4);
}

static void response_with_opt(tb_msg *m, const void *options, uint16_t n)
{
	tb_init(m, 1, TB_QR, 0, 2);
	tb_question(m, "www.example", 1);
	tb_opt(m, 1232, 0, 0, false, options, n);
}

static void opt_option_header_cut(tb_msg *m)
{
	response_with_opt(m, "\x00\x0a\x00", 3);
}

static void opt_option_longer_than_rdata(tb_msg *m)
{
	response_with_opt(m, "\x00\x0a\x00\x10\x01\x02\x03\x04", 8);
}

static void cookie_of_4_bytes(tb_msg *m)
{
	response_with_opt(m, "\x00\x0a\x00\x04\x01\x02\x03\x04", 8);
}

static void cookie_with_4_byte_server_part(tb_msg *m)
{
	response_with_opt(m,
	                  "\x00\x0a\x00\x0c"
	                  "12345678abcd",
	                  16);
}

static void cookie_of_41_bytes(tb_msg *m)
{
	uint8_t o[45] = {0, 10, 0, 41};
	memset(o + 4, 'c', 41);
	response_with_opt(m, o, sizeof(o));
}

static void two_cookie_options(tb_msg *m)
{
	response_with_opt(m,
	                  "\x00\x0a\x00\x08"
	                  "12345678"
	                  "\x00\x0a\x00\x08"
	                  "12345678",
	                  24);
}

static void ede_of_1_byte(tb_msg *m)
{
	response_with_opt(m, "\x00\x0f\x00\x01\x07", 5);
}

static void ede_text_not_utf8(tb_msg *m)
{
	response_with_opt(m, "\x00\x0f\x00\x05\x00\x07\xff\xc0\x80", 9);
}

static void two_opt_records(tb_msg *m)
{
	response_with_opt(m, NULL, 0);
	tb_opt(m, 4096, 0, 0, false, NULL, 0);
}

static void opt_in_answer_section(tb_msg *m)
{
	tb_init(m, 1, TB_QR, 0, 0);
	tb_question(m, "www.example", 1);
	size_t at = tb_begin_rr(m, 1, ".", RCX_TYPE_OPT, 1232, 0);
	tb_end_rr(m, at);
}

static void opt_owner_not_root(tb_msg *m)
{
	tb_init(m, 1, TB_QR, 0, 0);
	tb_question(m, "www.example", 1);
	size_t at = tb_begin_rr(m, 3, "example", RCX_TYPE_OPT, 1232, 0);
	tb_end_rr(m, at);
}

static void tsig_in_the_middle(tb_msg *m)
{
	tb_init(m, 1, TB_QR, 0, 0);
	tb_question(m, "www.example", 1);
	tb_tsig(m, "key.example", 1700000000, 0, NULL, 0);
	tb_opt(m, 1232, 0, 0, false, NULL, 0);
}

static void tsig_in_answer_section(tb_msg *m)
{
	tb_init(m, 1, TB_QR, 0, 0);
	tb_question(m, "www.example", 1);
	tb_tsig(m, "key.example", 1700000000, 0, NULL, 0);
	m->counts[3]--;
	m->counts[1]++;
}

static void two_tsig_records(tb_msg *m)
{
	tb_init(m, 1, TB_QR, 0, 0);
	tb_question(m, "www.example", 1);
	tb_tsig(m, "key.example", 1700000000, 0, NULL, 0);
	tb_tsig(m, "key.example", 1700000000, 0, NULL, 0);
}

static void tsig_mac_size_past_rdata(tb_msg *m)
{
	tb_init(m, 1, TB_QR, 0, 9);
	tb_question(m, "www.example", 1);
	size_t at = tb_begin_rr(m, 3, "key.example", RCX_TYPE_TSIG, 255, 0);
	tb_name(m, "hmac-sha256");
	tb_bytes(m, "\x00\x00\x65\x53\xf1\x00\x01\x2c\x00\xff", 10);
	tb_end_rr(m, at);
}

static void tkey_rdata_cut(tb_msg *m)
{
	tb_init(m, 1, TB_QR, 0, 0);
	tb_question(m, "key.example", RCX_TYPE_TKEY);
	size_t at = tb_begin_rr(m, 1, "key.example", RCX_TYPE_TKEY, 255, 0);
	tb_name(m, "gss-tsig");
	tb_bytes(m, "\x00\x00\x00\x01", 4);
	tb_end_rr(m, at);
}

static void soa_rdata_too_short(tb_msg *m)
{
	tb_init(m, 1, TB_QR, 0, 3);
	tb_question(m, "www.example", 1);
	size_t at = tb_begin_rr(m, 2, "example", RCX_TYPE_SOA, 1, 60);
	tb_name(m, "ns.example");
	tb_name(m, "host.example");
	tb_bytes(m, "\x00\x00\x00\x01", 4);
	tb_end_rr(m, at);
}

static void cname_target_past_rdata(tb_msg *m)
{
	tb_init(m, 1, TB_QR, 0, 0);
	tb_question(m, "www.example", 1);
	size_t at = tb_begin_rr(m, 1, "www.example", RCX_TYPE_CNAME, 1, 60);
	tb_bytes(m,
	         "\x05"
	         "abcde",
	         6);
	tb_end_rr(m, at);
	tb_a(m, 3, "x", 1);
}

static const bad_case cases[] = {
        {"/malformed/zero_byte_message", zero_bytes, RCX_PROB_SHORT_HEADER, 0},
        {"/malformed/eleven_byte_message", eleven_bytes, RCX_PROB_SHORT_HEADER,
         0},
        {"/malformed/compression_pointer_to_itself", pointer_to_itself,
         RCX_PROB_NAME_BAD_POINTER, 12},
        {"/malformed/compression_pointer_forward", pointer_forward,
         RCX_PROB_NAME_BAD_POINTER, 12},
        {"/malformed/compression_loop_between_two_names",
         pointer_loop_between_two_names, RCX_PROB_NAME_BAD_POINTER, -1},
        {"/malformed/compression_pointer_past_end", pointer_past_end,
         RCX_PROB_NAME_BAD_POINTER, 12},
        {"/malformed/compression_pointer_cut", pointer_cut_after_first_octet,
         RCX_PROB_NAME_TRUNCATED, 12},
        {"/malformed/label_longer_than_63", label_longer_than_63,
         RCX_PROB_NAME_LABEL_TYPE, 12},
        {"/malformed/reserved_label_type", reserved_label_type_0x80,
         RCX_PROB_NAME_LABEL_TYPE, 12},
        {"/malformed/name_longer_than_255", name_longer_than_255,
         RCX_PROB_NAME_TOO_LONG, 12},
        {"/malformed/label_runs_past_end", label_runs_past_end,
         RCX_PROB_NAME_TRUNCATED, 12},
        {"/malformed/name_without_root_label", name_without_root_label,
         RCX_PROB_NAME_TRUNCATED, 12},
        {"/malformed/question_without_type", question_without_type,
         RCX_PROB_QUESTION_TRUNCATED, 25},
        {"/malformed/qdcount_larger_than_questions",
         qdcount_larger_than_questions, RCX_PROB_COUNT_MISMATCH, 29},
        {"/malformed/ancount_larger_than_message", ancount_larger_than_message,
         RCX_PROB_COUNT_MISMATCH, -1},
        {"/malformed/record_fixed_fields_cut", record_fixed_fields_cut,
         RCX_PROB_RR_TRUNCATED, -1},
        {"/malformed/rdlength_past_end", rdlength_past_end,
         RCX_PROB_RDATA_PAST_END, -1},
        {"/malformed/trailing_bytes", trailing_bytes, RCX_PROB_TRAILING_BYTES,
         29},
        {"/malformed/opt_option_header_cut", opt_option_header_cut,
         RCX_PROB_OPT_OPTION_TRUNCATED, -1},
        {"/malformed/opt_option_longer_than_rdata",
         opt_option_longer_than_rdata, RCX_PROB_OPT_OPTION_TRUNCATED, -1},
        {"/malformed/cookie_of_4_bytes", cookie_of_4_bytes,
         RCX_PROB_COOKIE_LENGTH, -1},
        {"/malformed/cookie_with_4_byte_server_part",
         cookie_with_4_byte_server_part, RCX_PROB_COOKIE_LENGTH, -1},
        {"/malformed/cookie_of_41_bytes", cookie_of_41_bytes,
         RCX_PROB_COOKIE_LENGTH, -1},
        {"/malformed/two_cookie_options", two_cookie_options,
         RCX_PROB_MULTIPLE_COOKIE, -1},
        {"/malformed/ede_of_1_byte", ede_of_1_byte, RCX_PROB_EDE_SHORT, -1},
        {"/malformed/ede_text_not_utf8", ede_text_not_utf8,
         RCX_PROB_EDE_TEXT_NOT_UTF8, -1},
        {"/malformed/two_opt_records", two_opt_records, RCX_PROB_MULTIPLE_OPT,
         -1},
        {"/malformed/opt_in_answer_section", opt_in_answer_section,
         RCX_PROB_OPT_NOT_ADDITIONAL, 29},
        {"/malformed/opt_owner_not_root", opt_owner_not_root,
         RCX_PROB_OPT_OWNER_NOT_ROOT, 29},
        {"/malformed/tsig_in_the_middle", tsig_in_the_middle,
         RCX_PROB_TSIG_NOT_LAST, 29},
        {"/malformed/tsig_in_answer_section", tsig_in_answer_section,
         RCX_PROB_TSIG_NOT_ADDITIONAL, 29},
        {"/malformed/two_tsig_records", two_tsig_records,
         RCX_PROB_MULTIPLE_TSIG, -1},
        {"/malformed/tsig_mac_size_past_rdata", tsig_mac_size_past_rdata,
         RCX_PROB_TSIG_MALFORMED, -1},
        {"/malformed/tkey_rdata_cut", tkey_rdata_cut, RCX_PROB_TKEY_MALFORMED,
         -1},
        {"/malformed/soa_rdata_too_short", soa_rdata_too_short,
         RCX_PROB_RDATA_MALFORMED, -1},
        {"/malformed/cname_target_past_rdata", cname_target_past_rdata,
         RCX_PROB_RDATA_MALFORMED, -1},
};

static void test_case(gconstpointer data)
{
	const bad_case *c = data;
	tb_msg m;
	rcx_message msg;
	rcx_diagnosis diag;
	char line[512];
	bool found = false;

	memset(&m, 0, sizeof(m));
	c->build(&m);
	if (m.len >= 12)
		tb_finish(&m);
	/* Exactly the message's bytes on the heap, so ASan sees any overread.
	 */
	uint8_t *copy = g_memdup2(m.buf, m.len ? m.len : 1);
	g_assert_false(rcx_message_parse(&msg, copy, m.len));
	for (uint8_t i = 0; i < msg.n_problems; i++) {
		if (msg.problems[i].code == c->expected) {
			found = true;
			if (c->offset >= 0)
				g_assert_cmpuint(msg.problems[i].offset, ==,
				                 (unsigned)c->offset);
		}
	}
	if (!found)
		g_test_message("first problem: %u",
		               msg.n_problems ? msg.problems[0].code : 0);
	g_assert_true(found);
	g_assert_cmpuint(msg.end, <=, m.len);

	rcx_diagnose(&diag, &msg, NULL);
	found = false;
	for (uint8_t i = 0; i < diag.n_anomalies; i++)
		found |= diag.anomalies[i].code == c->expected;
	g_assert_true(found);
	g_assert_cmpint(diag.severity, >=,
	                rcx_problem_entry(c->expected)->severity);
	rcx_diagnosis_summary(&diag, &msg, line, sizeof(line));
	g_assert_cmpuint(strlen(line), >, 0);
	g_free(copy);
}

/* A response cut in the answer section still yields its header facts. */
static void cut_response_keeps_what_was_read(void)
{
	tb_msg m;
	rcx_message msg;
	rcx_diagnosis diag;
	tb_init(&m, 7, TB_QR, 0, 2);
	tb_question(&m, "www.example", 1);
	tb_a(&m, 1, "www.example", 60);
	tb_finish(&m);
	rcx_message_parse(&msg, m.buf, m.len - 3);
	rcx_diagnose(&diag, &msg, NULL);
	g_assert_true(diag.is_response);
	g_assert_cmpuint(diag.rcode, ==, 2);
	g_assert_cmpuint(msg.n_questions, ==, 1);
	g_assert_true(rcx_message_has_problem(&msg, RCX_PROB_RDATA_PAST_END));
}

/* Every truncation of a valid message parses without reading past it. */
static void every_prefix_of_a_message_is_safe(void)
{
	tb_msg m;
	const uint8_t opts[] = {0, 10, 0, 16, 1, 2, 3, 4,  5, 6, 7, 8, 1,  2,
	                        3, 4,  5, 6,  7, 8, 0, 15, 0, 3, 0, 7, 'x'};
	tb_init(&m, 7, TB_QR, 0, 3);
	tb_question(&m, "www.example", 1);
	tb_rr_name(&m, 1, "www.example", RCX_TYPE_CNAME, 60, "a.example");
	tb_soa(&m, 2, "example", 60, 60);
	tb_opt(&m, 1232, 0, 0, true, opts, sizeof(opts));
	tb_tsig(&m, "k.example", 1700000000, 18, "\x00\x00\x65\x53\xf1\x00", 6);
	tb_finish(&m);
	for (size_t n = 0; n <= m.len; n++) {
		rcx_message msg;
		rcx_diagnosis diag;
		uint8_t *copy = g_memdup2(m.buf, n ? n : 1);
		bool ok = rcx_message_parse(&msg, copy, n);
		g_assert_true(ok == (n == m.len));
		rcx_diagnose(&diag, &msg, NULL);
		g_free(copy);
	}
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++)
		g_test_add_data_func(cases[i].path, &cases[i], test_case);
	g_test_add_func("/malformed/cut_response_keeps_what_was_read",
	                cut_response_keeps_what_was_read);
	g_test_add_func("/malformed/every_prefix_of_a_message_is_safe",
	                every_prefix_of_a_message_is_safe);
	return g_test_run();
}
