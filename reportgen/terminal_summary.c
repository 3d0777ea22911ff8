/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "terminal_summary.h"

#include <stdarg.h>
#include <string.h>

#define MAX_PROBLEMS 8

typedef struct {
	uint64_t count;
	char *line; /* what, how much, where */
	char *hint; /* registry title or one fact */
	const rg_examples *examples;
} problem_line;

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
		        rg_code_label(r->rcode, r->source, r->condition, label,
		                      sizeof(label)),
		        e->title);
	}
}

static void add_problem(GArray *list, uint64_t count, const rg_examples *ex,
                        char *hint, const char *fmt, ...) G_GNUC_PRINTF(5, 6);

static void add_problem(GArray *list, uint64_t count, const rg_examples *ex,
                        char *hint, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	problem_line p = {count, g_strdup_vprintf(fmt, ap), hint, ex};
	va_end(ap);
	g_array_append_val(list, p);
}

static gint problem_cmp(gconstpointer a, gconstpointer b)
{
	const problem_line *x = a, *y = b;
	return x->count == y->count ? 0 : x->count > y->count ? -1 : 1;
}

static void collect_code_problems(const rg_aggregate *agg, GArray *list)
{
	char label[96];
	for (guint i = 0; i < agg->codes->len; i++) {
		const rg_code_row *r =
		        &g_array_index(agg->codes, rg_code_row, i);
		if (r->rcode == 0 && r->condition != RCX_COND_NODATA)
			continue;
		rg_code_label(r->rcode, r->source, r->condition, label,
		              sizeof(label));
		char n[32];
		add_problem(list, r->count, &r->examples,
		            g_strdup(rg_code_row_entry(r)->title),
		            "%s %s responses",
		            thousands(r->count, n, sizeof(n)), label);
	}
}

static void collect_server_problems(const rg_aggregate *agg, GArray *list)
{
	/* Unanswered queries: one line, naming the server that lost the
	 * most of them. */
	const rg_server_stats *worst = NULL;
	for (guint i = 0; i < agg->servers->len; i++) {
		const rg_server_stats *s =
		        &g_array_index(agg->servers, rg_server_stats, i);
		if (s->unanswered_timeout &&
		    (!worst ||
		     s->unanswered_timeout > worst->unanswered_timeout))
			worst = s;
	}
	if (worst) {
		uint64_t n = agg->totals.unanswered_timeout;
		char a[32], b[32], c[32];
		add_problem(list, n, &worst->unanswered_examples,
		            g_strdup_printf("most to %s (%s of its %s queries)",
		                            worst->text,
		                            thousands(worst->unanswered_timeout,
		                                      b, sizeof(b)),
		                            thousands(worst->transactions, c,
		                                      sizeof(c))),
		            "%s queries unanswered after %g s",
		            thousands(n, a, sizeof(a)),
		            (double)agg->options.timeout_ns / 1e9);
	}
	for (guint i = 0; i < agg->icmp->len; i++) {
		const rg_icmp_row *r =
		        &g_array_index(agg->icmp, rg_icmp_row, i);
		char from[64];
		add_problem(list, r->count, &r->examples,
		            g_strdup_printf("ICMP%s type %u code %u from %s",
		                            r->v6 ? "v6" : "", r->type, r->code,
		                            rg_addr_to_text(&r->from, from,
		                                            sizeof(from))),
		            "%" G_GUINT64_FORMAT " queries to %s met ICMP %s",
		            r->count, r->server_text, r->meaning);
	}
}

static void collect_other_problems(const rg_aggregate *agg, GArray *list)
{
	const rg_cookie_stats *c = &agg->cookies;
	if (c->badcookie_not_retried)
		add_problem(list, c->badcookie_not_retried,
		            &c->not_retried_examples,
		            g_strdup(rcx_rcode_entry(RCX_RCODE_BADCOOKIE,
		                                     RCX_CTX_RCODE)
		                             ->title),
		            "%" G_GUINT64_FORMAT
		            " BADCOOKIE responses not followed by a retry",
		            c->badcookie_not_retried);
	const rg_truncation_stats *t = &agg->truncation;
	if (t->not_retried)
		add_problem(
		        list, t->not_retried, &t->not_retried_examples,
		        g_strdup(rcx_condition_entry(RCX_COND_TRUNCATED, false)
		                         ->title),
		        "%" G_GUINT64_FORMAT
		        " truncated (TC=1) responses not retried over TCP",
		        t->not_retried);
	for (guint i = 0; i < agg->ede->len; i++) {
		const rg_ede_row *r = &g_array_index(agg->ede, rg_ede_row, i);
		const char *text =
		        r->texts->len
		                ? g_array_index(r->texts, rg_ede_text, 0).text
		                : NULL;
		add_problem(list, r->count, &r->examples,
		            text ? g_strdup_printf("\"%s\"", text)
		                 : g_strdup(r->entry->title),
		            "%" G_GUINT64_FORMAT " responses with EDE %u (%s)",
		            r->count, r->info_code, r->entry->mnemonic);
	}
	for (guint i = 0; i < agg->tsig->len; i++) {
		const rg_tsig_row *r =
		        &g_array_index(agg->tsig, rg_tsig_row, i);
		if (r->error == 0)
			continue;
		char *hint =
		        r->has_skew
		                ? g_strdup_printf("clock skew %" G_GINT64_FORMAT
		                                  " s",
		                                  r->skew_max)
		                : g_strdup(r->entry ? r->entry->title : "");
		add_problem(list, r->count, &r->examples, hint,
		            "%" G_GUINT64_FORMAT " TSIG %s errors with key %s",
		            r->count, r->entry ? r->entry->mnemonic : "?",
		            r->key_name);
	}
	for (guint i = 0; i < agg->anomalies->len; i++) {
		const rg_anomaly_row *r =
		        &g_array_index(agg->anomalies, rg_anomaly_row, i);
		if (r->entry->severity < RCX_SEV_WARN)
			continue;
		add_problem(list, r->count, &r->examples,
		            g_strdup(r->entry->title),
		            "%" G_GUINT64_FORMAT " messages: %s", r->count,
		            r->entry->mnemonic);
	}
}

static void print_problems(const rg_aggregate *agg, FILE *out)
{
	GArray *list = g_array_new(FALSE, TRUE, sizeof(problem_line));
	collect_code_problems(agg, list);
	collect_server_problems(agg, list);
	collect_other_problems(agg, list);
	g_array_sort(list, problem_cmp);
	if (list->len == 0) {
		fprintf(out, "\nNo problems found.\n");
	} else {
		fprintf(out, "\nTop problems\n");
		for (guint i = 0; i < list->len && i < MAX_PROBLEMS; i++) {
			problem_line *p = &g_array_index(list, problem_line, i);
			char *filter = rg_examples_filter(p->examples);
			fprintf(out, "  %u. %s", i + 1, p->line);
			if (p->hint && p->hint[0])
				fprintf(out, " - %s", p->hint);
			fputc('\n', out);
			if (filter)
				fprintf(out, "     Wireshark: %s\n", filter);
			g_free(filter);
		}
	}
	for (guint i = 0; i < list->len; i++) {
		problem_line *p = &g_array_index(list, problem_line, i);
		g_free(p->line);
		g_free(p->hint);
	}
	g_array_unref(list);
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
		if (it->condition == RCX_COND_QUERY)
			snprintf(label, sizeof(label), "unanswered");
		else
			rg_code_label(it->rcode, it->source, it->condition,
			              label, sizeof(label));
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
