/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The ticket text in Markdown (CommonMark, RFC 7763), from the same
 * aggregate and ranked findings as the HTML report and the terminal
 * summary.
 */
#include "markdown_report.h"

#include <string.h>

#include "findings.h"
#include "safe_text.h"
#include "summary_lead.h"

#define MAX_FINDINGS   5
#define MAX_FILES      3
#define MAX_SERVERS    4
#define MAX_SUBJECTS   3
#define TITLE_CHARS    160
#define SEEN_CHARS     400
#define SUBJECT_CHARS  100
#define SAID_CHARS     200
#define PATH_CHARS     200
#define REGISTRY_CHARS 400

/* ---- Inline text ---- */

/* rg_safe_text() of s, cut to max_chars characters. */
static char *safe_cut(const char *s, size_t max_chars)
{
	char *safe = rg_safe_text(s);
	if ((size_t)g_utf8_strlen(safe, -1) <= max_chars || max_chars < 2)
		return safe;
	char *cut = g_utf8_substring(safe, 0, (glong)max_chars - 1);
	g_free(safe);
	char *out = g_strconcat(cut, "…", NULL);
	g_free(cut);
	return out;
}

/* Characters that start markup in CommonMark (emphasis, code, links,
 * images, raw HTML, entities, tables, headings), in the GitHub and GitLab
 * dialects (strikethrough, math, references to issues, users and labels),
 * or that escape the next one. Every ASCII punctuation character may be
 * escaped (CommonMark §2.4), so escaping one that is harmless in some
 * position costs nothing but a backslash. */
static bool always_escaped(char c)
{
	return strchr("\\`*_[]<>|&$#!~@{}^", c) != NULL;
}

static bool starts_www(const char *text, const char *p)
{
	if (p - text < 3 || g_ascii_strncasecmp(p - 3, "www", 3) != 0)
		return false;
	return p - text == 3 || !g_ascii_isalnum(p[-4]);
}

/* Where an extended autolink (GitHub, GitLab: "www.", "scheme://") or a
 * reference ("%milestone") would start, one character is escaped to break
 * it. */
static bool breaks_autolink(const char *text, const char *p)
{
	switch (*p) {
	case ':':
		return p[1] == '/' && p[2] == '/';
	case '.':
		return starts_www(text, p);
	case '%':
		return g_ascii_isalnum(p[1]) || p[1] == '"';
	default:
		return false;
	}
}

void rg_markdown_append_text(GString *out, const char *s, size_t max_chars)
{
	char *text = safe_cut(s, max_chars);
	for (const char *p = text; *p; p++) {
		if (always_escaped(*p) || breaks_autolink(text, p))
			g_string_append_c(out, '\\');
		g_string_append_c(out, *p);
	}
	g_free(text);
}

void rg_markdown_append_code(GString *out, const char *s, size_t max_chars)
{
	char *text = safe_cut(s, max_chars);
	size_t run = 0, longest = 0;
	for (const char *p = text; *p; p++) {
		run = *p == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	size_t len = strlen(text);
	/* One space each side is stripped by the renderer (CommonMark §6.1):
	 * it keeps a backtick or a space at either end of the text. */
	bool pad = len && (text[0] == '`' || text[0] == ' ' ||
	                   text[len - 1] == '`' || text[len - 1] == ' ');
	for (size_t i = 0; i <= longest; i++)
		g_string_append_c(out, '`');
	g_string_append(out, pad ? " " : "");
	g_string_append(out, len ? text : " ");
	g_string_append(out, pad ? " " : "");
	for (size_t i = 0; i <= longest; i++)
		g_string_append_c(out, '`');
	g_free(text);
}

static void append_sentence(GString *out, const char *text)
{
	rg_markdown_append_text(out, text, REGISTRY_CHARS);
	size_t l = strlen(text);
	if (l && text[l - 1] != '.' && text[l - 1] != '!' && text[l - 1] != '?')
		g_string_append_c(out, '.');
}

static G_GNUC_PRINTF(2, 3) void append_printf(GString *out, const char *fmt,
                                              ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	rg_markdown_append_text(out, s, SEEN_CHARS);
	g_free(s);
}

static double pct(uint64_t a, uint64_t b)
{
	return b ? 100.0 * (double)a / (double)b : 0.0;
}

static guint count_lines(const GString *s)
{
	guint n = 0;
	for (gsize i = 0; i < s->len; i++)
		n += s->str[i] == '\n';
	return n;
}

/* "2026-11-22 13:51:40" (UTC), with milliseconds when ms. */
static char *time_text(int64_t sec, int32_t nsec, bool ms)
{
	GDateTime *t = g_date_time_new_from_unix_utc(sec);
	if (!t)
		return g_strdup("?");
	char *base = g_date_time_format(t, "%Y-%m-%d %H:%M:%S");
	g_date_time_unref(t);
	if (!ms)
		return base;
	char *s = g_strdup_printf("%s.%03d", base, (int)(nsec / 1000000));
	g_free(base);
	return s;
}

static void append_servers(GString *out, const rg_finding *f, bool counts)
{
	char buf[64];
	for (guint i = 0; i < f->servers->len && i < MAX_SERVERS; i++) {
		const rg_finding_server *fs =
		        &g_array_index(f->servers, rg_finding_server, i);
		g_string_append(out, i ? ", " : "");
		rg_markdown_append_text(
		        out, rg_addr_to_text(&fs->addr, buf, sizeof buf), 64);
		if (counts)
			g_string_append_printf(out, " (%" G_GUINT64_FORMAT ")",
			                       fs->count);
	}
	if (f->servers->len > MAX_SERVERS)
		g_string_append_printf(out, " and %u more",
		                       f->servers->len - MAX_SERVERS);
}

static void append_time_range(GString *out, const rg_finding *f)
{
	char *a = time_text(f->first.sec, f->first.nsec, false);
	char *b = time_text(f->last.sec, f->last.nsec, false);
	g_string_append_printf(out, "between %s and %s UTC", a, b);
	g_free(a);
	g_free(b);
}

/* ---- Sections ---- */

static const char *file_label(const rg_capture_file *file, bool full_path,
                              char **owned)
{
	if (full_path || strcmp(file->path, "-") == 0)
		return file->path;
	*owned = g_path_get_basename(file->path);
	return *owned;
}

static void heading(GString *out, const rg_aggregate *agg, bool full_paths)
{
	const GArray *files = agg->capture.files;
	g_string_append(out, "## DNS troubleshooting report");
	if (files && files->len) {
		char *owned = NULL;
		g_string_append(out, ": ");
		rg_markdown_append_code(
		        out,
		        file_label(&g_array_index(files, rg_capture_file, 0),
		                   full_paths, &owned),
		        PATH_CHARS);
		g_free(owned);
		if (files->len > 1)
			g_string_append_printf(out, " and %u more",
			                       files->len - 1);
	}
	g_string_append(out, "\n\n");
}

static void lead_servfail(GString *out, const rg_aggregate *agg,
                          const rg_summary_lead *lead)
{
	const rg_finding *f = lead->headline;
	g_string_append_printf(out,
	                       "%" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT
	                       " responses (%.1f %%)",
	                       lead->servfail, agg->totals.responses,
	                       pct(lead->servfail, agg->totals.responses));
	if (f->servers->len) {
		g_string_append(out, " from ");
		append_servers(out, f, false);
	}
	g_string_append(out, " were SERVFAIL");
	if (f->has_time) {
		g_string_append_c(out, ' ');
		append_time_range(out, f);
	}
	g_string_append(out, "; ");
	for (guint i = 0; i < lead->ede->len; i++) {
		const rg_finding *g = g_ptr_array_index(lead->ede, i);
		g_string_append_printf(
		        out, "%s%" G_GUINT64_FORMAT " (%.0f %%) ",
		        i ? ", " : "", g->count, pct(g->count, lead->servfail));
		append_printf(out, "carried EDE %u %s", g->entry->first,
		              g->entry->mnemonic);
	}
	if (lead->zone) {
		g_string_append(out, ", all for names under ");
		rg_markdown_append_code(out, lead->zone, SUBJECT_CHARS);
	}
	g_string_append(out, ". ");
	append_sentence(out, lead->cause->entry->title);
	if (lead->server_text) {
		g_string_append(out, " The server said: ");
		rg_markdown_append_code(out, lead->server_text, SAID_CHARS);
		g_string_append_c(out, '.');
	}
}

static void lead_other(GString *out, const rg_summary_lead *lead)
{
	const rg_finding *f = lead->headline;
	append_sentence(out, f->title);
	g_string_append_c(out, ' ');
	rg_markdown_append_text(out, f->seen, SEEN_CHARS);
	if (f->servers->len) {
		g_string_append_printf(
		        out, " Server%s: ", f->servers->len > 1 ? "s" : "");
		append_servers(out, f, false);
		g_string_append_c(out, '.');
	}
	if (f->has_time) {
		g_string_append(out, " Seen ");
		append_time_range(out, f);
		g_string_append_c(out, '.');
	}
	if (f->subjects->len) {
		g_string_append(out, " Most affected: ");
		rg_markdown_append_code(out, g_ptr_array_index(f->subjects, 0),
		                        SUBJECT_CHARS);
		g_string_append_c(out, '.');
	}
}

static void lead_paragraph(GString *out, const rg_aggregate *agg,
                           GPtrArray *findings)
{
	const rg_totals *t = &agg->totals;
	if (t->messages == 0 && (agg->capture.encrypted_flows_dot ||
	                         agg->capture.encrypted_flows_doq)) {
		g_string_append_printf(out,
		                       "**No DNS message can be read in this "
		                       "capture.** It holds "
		                       "%" G_GUINT64_FORMAT
		                       " DNS-over-TLS and %" G_GUINT64_FORMAT
		                       " DNS-over-QUIC flows, whose contents "
		                       "are encrypted.\n\n",
		                       agg->capture.encrypted_flows_dot,
		                       agg->capture.encrypted_flows_doq);
		return;
	}
	if (!findings->len) {
		g_string_append_printf(
		        out,
		        "**No DNS failures were found.** %" G_GUINT64_FORMAT
		        " DNS messages, %" G_GUINT64_FORMAT
		        " transactions, %" G_GUINT64_FORMAT " answered.\n\n",
		        t->messages, t->transactions, t->answered);
		return;
	}
	rg_summary_lead lead;
	rg_summary_lead_init(&lead, agg, findings);
	g_string_append_printf(out,
	                       "**%" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT
	                       " DNS transactions (%.1f %%) failed.** ",
	                       t->failed, t->transactions,
	                       pct(t->failed, t->transactions));
	if (lead.servfail)
		lead_servfail(out, agg, &lead);
	else
		lead_other(out, &lead);
	const rcx_entry *e = lead.cause->entry;
	if (e && e->causes[0]) {
		g_string_append(out, " **Likely cause:** ");
		append_sentence(out, e->causes[0]);
	}
	if (e && e->next_steps[0]) {
		g_string_append(out, " **Next:** ");
		append_sentence(out, e->next_steps[0]);
	}
	g_string_append(out, "\n\n");
	rg_summary_lead_clear(&lead);
}

/* One finding as an item of a numbered list. */
static void finding_item(GString *out, const rg_finding *f, guint number)
{
	g_string_append_printf(out, "%u. **", number);
	rg_markdown_append_text(out, f->title, TITLE_CHARS);
	g_string_append_printf(out, "** (%s): ", rg_severity_name(f->severity));
	rg_markdown_append_text(out, f->seen, SEEN_CHARS);
	g_string_append_c(out, '\n');
	if (f->servers->len || f->has_time) {
		g_string_append(out, "   - ");
		if (f->servers->len) {
			g_string_append(out, "Servers: ");
			append_servers(out, f, true);
			g_string_append(out, f->has_time ? "; " : "");
		}
		if (f->has_time)
			append_time_range(out, f);
		g_string_append_c(out, '\n');
	}
	if (f->subjects->len) {
		g_string_append(out, "   - Seen for: ");
		for (guint i = 0; i < f->subjects->len && i < MAX_SUBJECTS;
		     i++) {
			g_string_append(out, i ? ", " : "");
			rg_markdown_append_code(
			        out, g_ptr_array_index(f->subjects, i),
			        SUBJECT_CHARS);
		}
		if (f->subjects->len > MAX_SUBJECTS)
			g_string_append_printf(out, " and %u more",
			                       f->subjects->len - MAX_SUBJECTS);
		g_string_append_c(out, '\n');
	}
	if (f->entry && f->entry->next_steps[0]) {
		g_string_append(out, "   - Next step: ");
		append_sentence(out, f->entry->next_steps[0]);
		g_string_append_c(out, '\n');
	}
	if (f->filter) {
		g_string_append(out, "   - Wireshark filter: ");
		rg_markdown_append_code(out, f->filter, G_MAXSIZE);
		g_string_append_c(out, '\n');
	}
	char *frames = rg_examples_filter(&f->examples);
	if (frames) {
		g_string_append(out, "   - Example frames: ");
		rg_markdown_append_code(out, frames, G_MAXSIZE);
		g_string_append_c(out, '\n');
		g_free(frames);
	}
}

static void capture_section(GString *out, const rg_aggregate *agg,
                            bool full_paths)
{
	const rg_capture_facts *c = &agg->capture;
	g_string_append(out, "### Capture\n\n");
	guint n = c->files ? c->files->len : 0;
	for (guint i = 0; i < n && i < MAX_FILES; i++) {
		const rg_capture_file *file =
		        &g_array_index(c->files, rg_capture_file, i);
		char *owned = NULL;
		g_string_append(out, "- File: ");
		rg_markdown_append_code(
		        out, file_label(file, full_paths, &owned), PATH_CHARS);
		g_free(owned);
		g_string_append(out, " (");
		rg_markdown_append_text(
		        out, file->format ? file->format : "unknown", 40);
		g_string_append_printf(out,
		                       ", %" G_GUINT64_FORMAT
		                       " bytes, %" G_GUINT64_FORMAT
		                       " packets)\n",
		                       file->size, file->packets);
		if (file->sha256)
			g_string_append_printf(out, "- SHA-256: `%s`\n",
			                       file->sha256);
	}
	if (n > MAX_FILES)
		g_string_append_printf(out, "- and %u more captures\n",
		                       n - MAX_FILES);
	if (c->has_time) {
		char *a = time_text(c->first.sec, c->first.nsec, true);
		char *b = time_text(c->last.sec, c->last.nsec, true);
		double span = (double)(c->last.sec - c->first.sec) +
		              (double)(c->last.nsec - c->first.nsec) / 1e9;
		g_string_append_printf(out,
		                       "- Time span: %s to %s UTC (%.1f s)\n",
		                       a, b, span);
		g_free(a);
		g_free(b);
	}
	const rg_totals *t = &agg->totals;
	g_string_append_printf(out,
	                       "- Packets: %" G_GUINT64_FORMAT
	                       "; DNS messages: %" G_GUINT64_FORMAT
	                       "; transactions: %" G_GUINT64_FORMAT
	                       ", %" G_GUINT64_FORMAT " answered, "
	                       "%" G_GUINT64_FORMAT " failed\n",
	                       c->packets, t->messages, t->transactions,
	                       t->answered, t->failed);
	if (c->damaged)
		g_string_append(out, "- The capture is damaged: the analysis "
		                     "covers what could be read\n");
	g_string_append_printf(out,
	                       "- Made by rcreport %s (rcodex); the HTML "
	                       "report of the same capture shows the same "
	                       "SHA-256\n",
	                       rcx_version());
}

bool rg_markdown_report_write(const rg_aggregate *agg, GPtrArray *findings,
                              const rg_markdown_options *opts, FILE *out)
{
	bool full_paths = opts && opts->full_paths;
	GString *doc = g_string_new(NULL);
	heading(doc, agg, full_paths);
	lead_paragraph(doc, agg, findings);
	GString *capture = g_string_new(NULL);
	capture_section(capture, agg, full_paths);

	/* The findings fill what the other parts leave of the line budget;
	 * a line is kept for saying how many more the HTML report has. */
	guint budget = RG_MARKDOWN_MAX_LINES - count_lines(doc) -
	               count_lines(capture) - 5;
	GString *items = g_string_new(NULL);
	guint shown = 0;
	for (guint i = 0; i < findings->len && shown < MAX_FINDINGS; i++) {
		GString *item = g_string_new(NULL);
		finding_item(item, g_ptr_array_index(findings, i), i + 1);
		guint lines = count_lines(item);
		if (count_lines(items) + lines > budget) {
			g_string_free(item, TRUE);
			break;
		}
		g_string_append_len(items, item->str, (gssize)item->len);
		g_string_free(item, TRUE);
		shown++;
	}
	if (shown) {
		g_string_append(doc, "### Top findings\n\n");
		g_string_append_len(doc, items->str, (gssize)items->len);
		if (findings->len > shown)
			g_string_append_printf(
			        doc,
			        "\n%u more finding%s in the HTML "
			        "report.\n",
			        findings->len - shown,
			        findings->len - shown > 1 ? "s" : "");
		g_string_append_c(doc, '\n');
	}
	g_string_append_len(doc, capture->str, (gssize)capture->len);
	g_string_free(items, TRUE);
	g_string_free(capture, TRUE);
	bool ok = fwrite(doc->str, 1, doc->len, out) == doc->len;
	g_string_free(doc, TRUE);
	return ok;
}
