/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The HTML report library on an aggregate filled through the aggregate's
 * own API: anonymization (no original client address anywhere, the same
 * pseudonym for the same address), the time zone stated, bounded failed
 * list, findings for unanswered queries, and a document libxml2 parses.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>

#include "aggregate.h"
#include "findings.h"
#include "html_report.h"

static int failures;

#define CHECK(cond, ...)                                                       \
	do {                                                                   \
		if (!(cond)) {                                                 \
			failures++;                                            \
			fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);   \
			fprintf(stderr, __VA_ARGS__);                          \
			fputc('\n', stderr);                                   \
		}                                                              \
	} while (0)

static rg_addr v4(int a, int b, int c, int d)
{
	rg_addr x = {.version = 4};
	x.bytes[0] = (uint8_t)a;
	x.bytes[1] = (uint8_t)b;
	x.bytes[2] = (uint8_t)c;
	x.bytes[3] = (uint8_t)d;
	return x;
}

static rg_addr v6_doc(int last)
{
	rg_addr x = {.version = 6};
	x.bytes[0] = 0x20;
	x.bytes[1] = 0x01;
	x.bytes[2] = 0x0d;
	x.bytes[3] = 0xb8;
	x.bytes[15] = (uint8_t)last;
	return x;
}

static char *render(const rg_aggregate *agg, const rg_html_options *o)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	GError *err = NULL;
	gboolean ok = rg_html_report_write_full(agg, NULL, o, f, &err);
	fclose(f);
	CHECK(ok, "write: %s", err ? err->message : "?");
	g_clear_error(&err);
	return buf;
}

static char *xpath_string(const char *html, const char *expr)
{
	htmlDocPtr doc = htmlReadMemory(
	        html, (int)strlen(html), NULL, "UTF-8",
	        HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
	xmlXPathContextPtr x = xmlXPathNewContext(doc);
	xmlXPathObjectPtr r = xmlXPathEvalExpression(BAD_CAST expr, x);
	xmlChar *s = xmlXPathCastToString(r);
	char *out = g_strdup((const char *)s);
	xmlFree(s);
	xmlXPathFreeObject(r);
	xmlXPathFreeContext(x);
	xmlFreeDoc(doc);
	return out;
}

int main(void)
{
	rg_aggregate_options ao;
	rg_aggregate_options_init(&ao);
	ao.max_failed = 3;
	rg_aggregate *agg = rg_aggregate_new(&ao);
	const rg_addr clients[] = {v4(192, 0, 2, 10), v4(192, 0, 2, 11),
	                           v4(198, 51, 100, 7), v6_doc(5)};
	const char *client_text[] = {"192.0.2.10", "192.0.2.11", "198.51.100.7",
	                             "2001:db8::5"};
	const rg_addr server = v4(127, 0, 0, 53);
	uint64_t frame = 1;
	for (int i = 0; i < 40; i++) {
		rg_transaction t;
		memset(&t, 0, sizeof t);
		t.client = clients[i % 4];
		t.server = server;
		t.client_port = (uint16_t)(30000 + i);
		t.server_port = 53;
		t.id = (uint16_t)i;
		t.has_question = true;
		t.qtype = 1;
		t.qclass = 1;
		/* Raw bytes straight into the report: invalid UTF-8, a bidi
		 * override, a C0 control and markup. */
		g_strlcpy(t.qname,
		          i % 2 ? "www.example.test"
		                : "<script>x</"
		                  "script>\xff\xfe.\xe2\x80\xae"
		                  "evil.\x01.test",
		          sizeof t.qname);
		t.query_frame = frame++;
		t.n_query_frames = 1;
		t.query_frames[0] = t.query_frame;
		t.query_sec = 1700000000 + i;
		if (i % 2 == 0) {
			t.status = RG_STATUS_UNANSWERED;
			t.unanswered_reason = RG_UNANSWERED_TIMEOUT;
			t.latency_ns = -1;
		} else {
			t.status = RG_STATUS_ANSWERED;
			t.has_response = true;
			t.response_frame = frame++;
			t.response_sec = t.query_sec;
			t.response_nsec = 2000000;
			t.latency_ns = 2000000;
			t.rcode = 0;
			t.condition = RCX_COND_ANSWER;
			t.rcode_entry = rcx_rcode_entry(0, RCX_CTX_RCODE);
			t.condition_entry =
			        rcx_condition_entry(RCX_COND_ANSWER, false);
		}
		rg_aggregate_add_transaction(agg, &t);
	}
	rg_aggregate_finish(agg);

	GPtrArray *findings = rg_findings_compute(agg);
	bool unanswered = false;
	for (guint i = 0; i < findings->len; i++) {
		const rg_finding *f = g_ptr_array_index(findings, i);
		if (strcmp(f->id, "unanswered") == 0) {
			unanswered = true;
			CHECK(f->count == 20,
			      "unanswered count %" G_GUINT64_FORMAT, f->count);
			CHECK(f->filter &&
			              strstr(f->filter, "ip.dst == 127.0.0.53"),
			      "unanswered filter %s", f->filter);
			CHECK(f->filter_anon && !strstr(f->filter_anon, "127."),
			      "anonymous filter %s", f->filter_anon);
		}
	}
	CHECK(unanswered, "no unanswered finding");
	g_ptr_array_unref(findings);

	/* Plain report: addresses present, UTC stated, capture bytes made
	 * visible instead of passed through. */
	char *plain = render(agg, NULL);
	CHECK(g_utf8_validate(plain, -1, NULL), "report is not UTF-8");
	CHECK(strstr(plain, "\xe2\x80\xae") == NULL,
	      "raw U+202E in the report");
	CHECK(strstr(plain, "&lt;U+202E&gt;evil") != NULL, "bidi not shown");
	CHECK(strstr(plain, "\\xFF\\xFE") != NULL, "invalid UTF-8 not shown");
	CHECK(strstr(plain, "\\x01") != NULL, "control not shown");
	CHECK(strstr(plain, "<script") == NULL, "markup from the capture");
	CHECK(strstr(plain, "&lt;script&gt;x&lt;/script&gt;") != NULL,
	      "name not shown as text");
	CHECK(strstr(plain, "192.0.2.10") != NULL, "plain report lacks client");
	CHECK(strstr(plain, "All times are in UTC") != NULL, "UTC not stated");
	char *more = xpath_string(plain, "string(//p[@class='more'])");
	CHECK(strstr(more, "more not shown") != NULL, "bounded list note: %s",
	      more);
	g_free(more);

	/* Anonymized clients and servers, another time zone. */
	rg_html_options o;
	rg_html_options_init(&o);
	o.anonymize_clients = true;
	o.anonymize_servers = true;
	o.timezone = "Europe/Berlin";
	o.title = "Ticket <42> & \"more\"";
	char *anon = render(agg, &o);
	for (size_t i = 0; i < G_N_ELEMENTS(client_text); i++)
		CHECK(strstr(anon, client_text[i]) == NULL,
		      "anonymized report contains %s", client_text[i]);
	CHECK(strstr(anon, "127.0.0.53") == NULL,
	      "anonymized report contains the server");
	CHECK(strstr(anon, "c0.00.02") == NULL &&
	              strstr(anon, "c00002") == NULL,
	      "anonymized report contains a hex client address");
	CHECK(strstr(anon, "id=\"anonymized\"") != NULL, "no banner");
	CHECK(strstr(anon, "All times are in Europe/Berlin") != NULL,
	      "time zone not stated");
	char *title = xpath_string(anon, "string(//title)");
	CHECK(strcmp(title, "Ticket <42> & \"more\"") == 0, "title %s", title);
	g_free(title);
	/* Same address, same pseudonym: the two 192.0.2.x clients share
	 * their /16 part and differ after it. */
	char *c1 = xpath_string(
	        anon, "string((//section[@id='servers']//table)[2]"
	              "//tr[td[1][starts-with(., 'anon4-')]][1]/td[1])");
	CHECK(g_str_has_prefix(c1, "anon4-"), "pseudonym %s", c1);
	char *expr = g_strdup_printf("count(//td[. = '%s'])", c1);
	char *n = xpath_string(anon, expr);
	CHECK(atoi(n) >= 2, "pseudonym %s appears %s times", c1, n);
	g_free(expr);
	g_free(n);
	g_free(c1);
	char *prefixes = xpath_string(
	        anon, "count((//section[@id='servers']//table)[2]//tbody/tr)");
	CHECK(strcmp(prefixes, "4") == 0, "clients rows %s", prefixes);
	g_free(prefixes);

	/* Unknown time zone: an error, not a report. */
	o.timezone = "Not/AZone";
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	GError *err = NULL;
	CHECK(!rg_html_report_write_full(agg, NULL, &o, f, &err),
	      "unknown zone accepted");
	fclose(f);
	g_clear_error(&err);
	free(buf);

	free(plain);
	free(anon);
	rg_aggregate_free(agg);
	if (failures)
		fprintf(stderr, "%d failures\n", failures);
	return failures ? 1 : 0;
}
