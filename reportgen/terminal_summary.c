/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "terminal_summary.h"
#include "safe_text.h"

#include "findings.h"

#include <stdarg.h>
#include <string.h>

#define MAX_PROBLEMS 8

static char *thousands(uint64_t v, char *buf, size_t size)
{
	char digits[32];
	int n = snprintf(digits, sizeof(digits), "%" G_GUINT64_FORMAT, v);
	size_t pos = 0;
	for (int i = 0; i < n && pos + 1 < size; i++) {
		if (i > 0 && (n - i) % 3 == 0 && pos + 2 < size)
			buf[pos++] = ',';
		buf[pos++] = digits[i];
	}
	buf[pos] = '\0';
	return buf;
}

static const char *ms_text(int64_t ns, char *buf, size_t size)
{
	double ms = (double)ns / 1e6;
	snprintf(buf, size,
	         ms < 1     ? "%.3f ms"
	         : ms < 100 ? "%.1f ms"
	                    : "%.0f ms",
	         ms);
	return buf;
}

static double percent(uint64_t part, uint64_t whole)
{
	return whole ? 100.0 * (double)part / (double)whole : 0.0;
}

static void print_capture(const rg_aggregate *agg, FILE *out)
{
	const rg_capture_facts *c = &agg->capture;
	char a[32], b2[32];
	for (guint i = 0; i < c->files->len; i++) {
		const rg_capture_file *f =
		        &g_array_index(c->files, rg_capture_file, i);
		fprintf(out, "Capture   %s (%s, %s packets)\n", f->path,
		        f->format ? f->format : "unknown format",
		        thousands(f->packets, a, sizeof(a)));
	}
	if (c->has_time) {
		char t1[48], t2[48];
		double span = (double)(c->last.sec - c->first.sec) +
		              (double)(c->last.nsec - c->first.nsec) / 1e9;
		fprintf(out, "Time      %s .. %s (%.3f s)\n",
		        rg_time_iso8601(c->first.sec, c->first.nsec, t1,
		                        sizeof(t1)),
		        rg_time_iso8601(c->last.sec, c->last.nsec, t2,
		                        sizeof(t2)),
		        span);
	}
	if (c->link_types->len) {
		fprintf(out, "Links    ");
		for (guint i = 0; i < c->link_types->len; i++) {
			const rg_link_type *l =
			        &g_array_index(c->link_types, rg_link_type, i);
			fprintf(out, " %s (%s%s)%s", l->name,
			        thousands(l->packets, a, sizeof(a)),
			        l->supported ? "" : ", not decoded",
			        i + 1 < c->link_types->len ? "," : "");
		}
		fputc('\n', out);
	}
	for (guint i = 0; i < c->tunnels->len; i++) {
		const rg_tunnel_count *tc =
		        &g_array_index(c->tunnels, rg_tunnel_count, i);
		fprintf(out, "%s%s (%s%s)%s", i ? "" : "Tunnels   ", tc->name,
		        thousands(tc->packets, a, sizeof(a)),
		        tc->decoded ? "" : ", not decoded",
		        i + 1 < c->tunnels->len ? ", " : "\n");
	}
	const rg_totals *t = &agg->totals;
	fprintf(out, "DNS       %s messages: %s queries, %s responses",
	        thousands(t->messages, a, sizeof(a)),
	        thousands(t->queries, b2, sizeof(b2)),
	        thousands(t->responses, (char[32]){0}, 32));
	fprintf(out, " (UDP %s, ", thousands(t->udp, a, sizeof(a)));
	fprintf(out, "TCP %s)\n", thousands(t->tcp, a, sizeof(a)));
	GString *pairs = g_string_new(NULL);
	g_string_append_printf(pairs, "%s transactions: %s answered",
	                       thousands(t->transactions, a, sizeof(a)),
	                       thousands(t->answered, b2, sizeof(b2)));
	const struct {
		uint64_t count;
		const char *what;
	} parts[] = {
	        {t->late, "answered only after the timeout"},
	        {t->unanswered_timeout, "unanswered"},
	        {t->unanswered_icmp, "answered by an ICMP error"},
	        {t->unanswered_capture_end,
	         "sent too close to the end of the capture to judge"},
	        {t->unsolicited, "unsolicited responses"},
	        {t->retransmissions, "retransmissions"},
	};
	for (size_t i = 0; i < G_N_ELEMENTS(parts); i++)
		if (parts[i].count)
			g_string_append_printf(
			        pairs, ", %s %s",
			        thousands(parts[i].count, a, sizeof(a)),
			        parts[i].what);
	g_string_append_printf(pairs, " (timeout %g s)",
	                       (double)agg->options.timeout_ns / 1e9);
	fprintf(out, "Pairs     %s\n", pairs->str);
	g_string_free(pairs, TRUE);
	const rg_latency_summary *l = &agg->latency_summary;
	if (l->count) {
		char p50[32], p90[32], p99[32], max[32];
		fprintf(out, "Latency   p50 %s, p90 %s, p99 %s, max %s\n",
		        ms_text(l->p50_ns, p50, sizeof(p50)),
		        ms_text(l->p90_ns, p90, sizeof(p90)),
		        ms_text(l->p99_ns, p99, sizeof(p99)),
		        ms_text(l->max_ns, max, sizeof(max)));
	}
	if (c->empty_udp)
		fprintf(out,
		        "Empty     %s UDP datagrams on a DNS port without "
		        "payload (not DNS messages)\n",
		        thousands(c->empty_udp, a, sizeof(a)));
	if (c->encrypted_flows_dot || c->encrypted_flows_doq)
		fprintf(out,
		        "Encrypted %" G_GUINT64_FORMAT
		        " DNS-over-TLS and %" G_GUINT64_FORMAT
		        " DNS-over-QUIC flows (contents not visible)\n",
		        c->encrypted_flows_dot, c->encrypted_flows_doq);
	if (c->damaged) {
		fprintf(out, "WARNING   the capture is damaged:");
		for (guint i = 0; i < c->damage->len; i++) {
			const rg_damage *d =
			        &g_array_index(c->damage, rg_damage, i);
			fprintf(out, "%s %" G_GUINT64_FORMAT " × %s",
			        i ? ";" : "", d->count,
			        d->detail ? d->detail : d->kind);
		}
		fprintf(out, "\n");
	}
}

static void print_codes(const rg_aggregate *agg, FILE *out)
{
	if (agg->codes->len == 0)
		return;
	fprintf(out, "\nResponse codes (effective, per response)\n");
	char label[96], a[32];
	for (guint i = 0; i < agg->codes->len; i++) {
		const rg_code_row *r =
		        &g_array_index(agg->codes, rg_code_row, i);
		const rcx_entry *e = rg_code_row_entry(r);
		fprintf(out, "  %12s %6.2f%%  %-24s %s\n",
		        thousands(r->count, a, sizeof(a)),
		        percent(r->count, agg->totals.responses),
		        rg_code_row_label(r, label, sizeof(label)), e->title);
	}
}

/* Characters of one line's text: a finding quoting capture text (an
 * EXTRA-TEXT, a name) stays readable on a terminal; the report has it
 * whole. */
#define LINE_TEXT_MAX 360

static void print_line(FILE *out, const char *lead, const char *text)
{
	char *t = rg_safe_text(text);
	if (g_utf8_strlen(t, -1) > LINE_TEXT_MAX) {
		*g_utf8_offset_to_pointer(t, LINE_TEXT_MAX - 1) = '\0';
		fprintf(out, "%s%s…\n", lead, t);
	} else {
		fprintf(out, "%s%s\n", lead, t);
	}
	g_free(t);
}

/* The same ranked findings as the HTML report. */
static void print_problems(const rg_aggregate *agg, FILE *out)
{
	GPtrArray *findings = rg_findings_compute(agg);
	if (findings->len == 0) {
		fprintf(out, "\nNo problems found.\n");
		g_ptr_array_unref(findings);
		return;
	}
	fprintf(out, "\nTop problems (most severe first)\n");
	for (guint i = 0; i < findings->len && i < MAX_PROBLEMS; i++) {
		const rg_finding *f = g_ptr_array_index(findings, i);
		char lead[32];
		g_snprintf(lead, sizeof lead, "  %u. [%s] ", i + 1,
		           rg_severity_name(f->severity));
		print_line(out, lead, f->title);
		if (f->seen)
			print_line(out, "     ", f->seen);
		if (f->subjects->len) {
			GString *s = g_string_new(NULL);
			for (guint k = 0; k < f->subjects->len && k < 3; k++)
				g_string_append_printf(
				        s, "%s%s", k ? "; " : "",
				        (const char *)g_ptr_array_index(
				                f->subjects, k));
			print_line(out, "     Seen for: ", s->str);
			g_string_free(s, TRUE);
		}
		if (f->entry && f->entry->next_steps[0])
			print_line(out, "     Next: ", f->entry->next_steps[0]);
		if (f->filter)
			print_line(out, "     Wireshark: ", f->filter);
		char *frames = rg_examples_filter(&f->examples);
		if (frames)
			print_line(out, "     Frames: ", frames);
		g_free(frames);
	}
	if (findings->len > MAX_PROBLEMS)
		fprintf(out, "  ... and %u more in the report\n",
		        findings->len - MAX_PROBLEMS);
	g_ptr_array_unref(findings);
}

static void print_top_names(const rg_aggregate *agg, FILE *out)
{
	const GArray *items = agg->top_failing.items;
	if (items->len == 0)
		return;
	fprintf(out, "\nNames with the most failures%s\n",
	        agg->top_failing.exact ? "" : " (approximate counts)");
	char label[96], type[32];
	for (guint i = 0; i < items->len && i < 5; i++) {
		const rg_top_item *it = &g_array_index(items, rg_top_item, i);
		rg_top_item_label(it, label, sizeof(label));
		fprintf(out, "  %10" G_GUINT64_FORMAT "  %s %s  %s\n",
		        it->count, it->qname,
		        rg_qtype_name(it->qtype, type, sizeof(type)), label);
	}
}

void rg_terminal_summary(const rg_aggregate *agg, FILE *out)
{
	print_capture(agg, out);
	print_codes(agg, out);
	print_problems(agg, out);
	print_top_names(agg, out);
}
