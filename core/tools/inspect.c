/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * rcx-inspect: diagnose DNS messages given as hex, one per line.
 *
 * Input lines: "<label>\t<hex>" (label is echoed, e.g. a frame number).
 * Output lines, tab-separated, in the column order of the samples'
 * expectation files (without the status column):
 *   label kind rcode rcode_name source condition ede tsig_error
 *   cookie_client cookie_server cookie_valid problems summary
 * With --query-pairs, lines come in pairs "<label>\t<query hex>\t<response
 * hex>".
 */
#define _POSIX_C_SOURCE 200809L
#include <glib.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "rcodex/rcodex.h"

static GByteArray *unhex(const char *hex)
{
	GByteArray *out = g_byte_array_new();
	size_t n = strlen(hex);
	for (size_t i = 0; i + 1 < n; i += 2) {
		int hi = g_ascii_xdigit_value(hex[i]);
		int lo = g_ascii_xdigit_value(hex[i + 1]);
		if (hi < 0 || lo < 0)
			break;
		guint8 b = (guint8)(hi << 4 | lo);
		g_byte_array_append(out, &b, 1);
	}
	return out;
}

static void print_row(const char *label, const rcx_message *msg,
                      const rcx_diagnosis *d)
{
	GString *ede = g_string_new(NULL);
	GString *problems = g_string_new(NULL);
	char summary[512];

	for (uint8_t i = 0; i < d->n_ede; i++)
		g_string_append_printf(ede, "%s%u", i ? "," : "",
		                       msg->opt.ede[i].info_code);
	for (uint8_t i = 0; i < d->n_anomalies; i++)
		g_string_append_printf(
		        problems, "%s%s", i ? "," : "",
		        rcx_problem_entry(d->anomalies[i].code)->key);
	rcx_diagnosis_summary(d, msg, summary, sizeof(summary));
	if (d->is_response)
		printf("%s\tresponse\t%u\t%s\t%s\t%s", label, d->rcode,
		       d->rcode_entry->mnemonic, rcx_source_name(d->source),
		       rcx_condition_name(d->condition));
	else
		printf("%s\tquery\t-\t-\t-\t-", label);
	printf("\t%s", ede->len ? ede->str : "-");
	if (d->tsig_present)
		printf("\t%u", d->tsig_error);
	else
		printf("\t-");
	printf("\t%d\t%d\t%s", d->cookie.client, d->cookie.server,
	       d->cookie.present ? (d->cookie.valid ? "1" : "0") : "-");
	printf("\t%s\t%s\n", problems->len ? problems->str : "-", summary);
	g_string_free(ede, TRUE);
	g_string_free(problems, TRUE);
}

int main(int argc, char **argv)
{
	bool pairs = argc > 1 && strcmp(argv[1], "--query-pairs") == 0;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	if (argc > 1 && !pairs) {
		fprintf(stderr, "usage: rcx-inspect [--query-pairs] < lines\n");
		return 2;
	}
	while ((n = getline(&line, &cap, stdin)) > 0) {
		gchar **f = g_strsplit(g_strchomp(line), "\t", 3);
		guint nf = g_strv_length(f);
		if (nf >= 2) {
			rcx_message query, msg;
			rcx_diagnosis d;
			GByteArray *q = NULL, *r;
			if (pairs && nf == 3) {
				q = unhex(f[1]);
				r = unhex(f[2]);
				rcx_message_parse(&query, q->data, q->len);
			} else {
				r = unhex(f[1]);
			}
			rcx_message_parse(&msg, r->data, r->len);
			rcx_diagnose(&d, &msg, q ? &query : NULL);
			print_row(f[0], &msg, &d);
			if (q)
				g_byte_array_free(q, TRUE);
			g_byte_array_free(r, TRUE);
		}
		g_strfreev(f);
	}
	free(line);
	return 0;
}
