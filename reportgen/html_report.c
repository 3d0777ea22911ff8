/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The HTML report. The document is a libxml2 tree: element content is added
 * with xmlNewTextChild()/xmlNodeAddContent() and attributes with
 * xmlNewProp(), which escape on output, and every string that came from the
 * capture passes through clean() first (invalid UTF-8, control and bidi
 * characters made visible), so nothing from the capture can become markup
 * or reorder the text around it.
 */
#include "html_report.h"

#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include <libxml/HTMLtree.h>
#include <libxml/tree.h>

#include "findings.h"
#include "safe_text.h"
#include "summary_lead.h"
#include "svg_chart.h"
#include "transactions.h"

#define DEFAULT_TITLE    "DNS troubleshooting report"
#define DEFAULT_MAX_ROWS 200
#define MAX_TABLE_ROWS   50
#define MAX_LATENCY_ROWS 12
#define EDE_TEXT_SHOWN   72

static const char csp[] = "default-src 'none'; style-src 'unsafe-inline'; "
                          "img-src data:";

static const char css[] =
        ":root{--bg:#fff;--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;"
        "--card:#f6f8fa;--ok:#2da44e;--warn:#bf8700;--err:#cf222e;"
        "--nx:#8250df;--other:#0969da;--lost:#6e7781;--banner:#fff8c5;"
        "--link:#0969da}"
        "@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;"
        "--muted:#9198a1;--line:#30363d;--card:#161b22;--ok:#3fb950;"
        "--warn:#d29922;--err:#f85149;--nx:#a371f7;--other:#58a6ff;"
        "--lost:#8b949e;--banner:#3b2e00;--link:#58a6ff}}"
        "*{box-sizing:border-box}a{color:var(--link)}"
        "body{margin:0 auto;padding:1rem 1.5rem 3rem;max-width:80rem;"
        "background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,"
        "-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif}"
        "h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.3rem;"
        "border-bottom:1px solid var(--line);padding-bottom:.2rem;"
        "margin-top:2rem}h3{font-size:1.05rem;margin:.2rem 0 .4rem}"
        ".meta,.small,figcaption{color:var(--muted);font-size:.85rem}"
        ".banner{background:var(--banner);border:1px solid var(--warn);"
        "padding:.5rem .8rem;border-radius:6px;margin:.5rem 0}"
        ".lead{font-size:1.08rem}"
        ".sev{display:inline-block;font-size:.75rem;font-weight:700;"
        "text-transform:uppercase;letter-spacing:.04em;padding:0 .45rem;"
        "border-radius:4px;border:1.5px solid;margin-right:.4rem;"
        "vertical-align:1px}"
        ".sev-error{color:var(--err)}.sev-warning{color:var(--warn)}"
        ".sev-note,.sev-info{color:var(--muted)}"
        ".top li{margin:.35rem 0}"
        ".finding{background:var(--card);border:1px solid var(--line);"
        "border-left:5px solid var(--line);border-radius:6px;"
        "padding:.6rem 1rem;margin:.8rem 0;break-inside:avoid}"
        ".finding.error{border-left-color:var(--err)}"
        ".finding.warning{border-left-color:var(--warn)}"
        ".finding h4{margin:.5rem 0 .1rem;font-size:.9rem}"
        ".finding ul,.finding ol{margin:.2rem 0;padding-left:1.4rem}"
        "code,.mono{font-family:ui-monospace,'DejaVu Sans Mono',monospace;"
        "font-size:.88em;overflow-wrap:anywhere}"
        "code.filter{display:block;user-select:all;background:var(--bg);"
        "border:1px dashed var(--line);padding:.3rem .5rem;margin:.2rem 0;"
        "white-space:pre-wrap}"
        "dl.facts{display:grid;grid-template-columns:max-content 1fr;"
        "gap:.1rem 1rem;margin:.5rem 0}dl.facts dt{color:var(--muted)}"
        "dl.facts dd{margin:0;overflow-wrap:anywhere}"
        ".wrap{overflow-x:auto}"
        "table{border-collapse:collapse;width:100%;font-size:.88rem;"
        "margin:.4rem 0}th,td{border-bottom:1px solid var(--line);"
        "padding:.2rem .5rem;text-align:left;vertical-align:top}"
        "td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}"
        "td.n{white-space:nowrap}"
        "td.mono{overflow-wrap:normal}"
        "td.name{overflow-wrap:anywhere;min-width:10em}"
        "ul.cell-list{list-style:none;margin:0;padding:0}"
        "ul.cell-list li{max-width:26em}"
        "ul.cell-list .mono{overflow-wrap:break-word}"
        "td.texts li{text-indent:-1em;padding-left:1em}"
        "th{background:var(--card)}"
        "figure.chart{margin:.8rem 0}svg{max-width:100%;height:auto}"
        "svg text{fill:var(--fg);font-size:13px}"
        "svg text.small,svg tspan.small{fill:var(--muted);font-size:12px}"
        "svg text.row{font-weight:600;paint-order:stroke;stroke:var(--bg);"
        "stroke-width:5px;stroke-linejoin:round}"
        "svg tspan.small{font-weight:400}"
        "svg .ok{fill:var(--ok)}svg .warn{fill:var(--warn)}"
        "svg .err{fill:var(--err)}svg .nx{fill:var(--nx)}"
        "svg .other{fill:var(--other)}svg .misc{fill:var(--muted)}svg "
        ".lost{fill:var(--lost)}"
        "svg .motif{stroke:var(--bg);stroke-width:1.2;opacity:.7}"
        "svg .axis,svg .grid{stroke:var(--line);fill:none}"
        "svg .range{stroke:var(--muted);stroke-width:2;fill:none}"
        "svg .p50{fill:var(--ok)}svg .p90{fill:var(--warn)}"
        "svg .p99{fill:var(--err)}"
        "svg .max{stroke:var(--fg);stroke-width:2;fill:none}"
        ".appendix dt{font-weight:700;margin-top:.6rem}"
        ".appendix dd{margin-left:1rem}"
        "nav a{margin-right:.8rem}"
        "@media (max-width:900px){table{font-size:.8rem}"
        "th,td{padding:.2rem .3rem}}"
        "@media print{body{max-width:none;font-size:11pt;padding:0}"
        "nav{display:none}.finding{border-left-width:3px}"
        "a{color:inherit;text-decoration:none}"
        ".wrap{overflow:visible}table{font-size:8pt}"
        "th,td{padding:.1rem .3rem}"
        "h2{break-after:avoid}}";

/* ---- Text from the capture ---- */

/* In an anonymized report: the text with the addresses it names replaced
 * by their pseudonyms (defined with the anonymization below). */
static char *scrub_addresses(const char *s);
static bool scrubbing;

/* A copy of s that is valid UTF-8 without control characters or bidi
 * controls: invalid bytes and C0/C1 controls become "\xHH", bidi controls
 * "<U+202E>". The result is safe for a libxml2 text node. */
static char *clean(const char *s)
{
	char *safe = rg_safe_text(s);

	if (scrubbing) {
		char *scrubbed = scrub_addresses(safe);
		g_free(safe);
		return scrubbed;
	}
	return safe;
}

/* ---- Tree helpers ---- */

static xmlNodePtr el(xmlNodePtr parent, const char *name, const char *cls)
{
	xmlNodePtr n = xmlNewChild(parent, NULL, BAD_CAST name, NULL);
	if (cls)
		xmlNewProp(n, BAD_CAST "class", BAD_CAST cls);
	return n;
}

/* Element with trusted text (registry, our own labels). */
static xmlNodePtr tel(xmlNodePtr parent, const char *name, const char *cls,
                      const char *text)
{
	xmlNodePtr n = xmlNewTextChild(parent, NULL, BAD_CAST name,
	                               BAD_CAST(text ? text : ""));
	if (cls)
		xmlNewProp(n, BAD_CAST "class", BAD_CAST cls);
	return n;
}

/* Element with text from the capture. */
static xmlNodePtr uel(xmlNodePtr parent, const char *name, const char *cls,
                      const char *text)
{
	char *c = clean(text);
	xmlNodePtr n = tel(parent, name, cls, c);
	g_free(c);
	return n;
}

static void add_text(xmlNodePtr n, const char *text)
{
	xmlNodeAddContent(n, BAD_CAST text);
}

static void add_utext(xmlNodePtr n, const char *text)
{
	char *c = clean(text);
	xmlNodeAddContent(n, BAD_CAST c);
	g_free(c);
}

/* Trusted text as a sentence: a full stop added when it has none. */
static void add_sentence(xmlNodePtr n, const char *text)
{
	add_text(n, text);
	size_t l = strlen(text);
	if (l && text[l - 1] != '.' && text[l - 1] != '!' && text[l - 1] != '?')
		add_text(n, ".");
}

static G_GNUC_PRINTF(2, 3) void add_textf(xmlNodePtr n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	add_utext(n, s);
	g_free(s);
}

/* ---- Context: options, time zone, anonymization ---- */

typedef struct {
	const rg_aggregate *agg;
	rg_html_options opts;
	GTimeZone *tz;
	char *tz_name;
	guint8 salt[32];
} ctx;

static void anon_part(const ctx *c, const guint8 *data, gsize len, guint8 *out,
                      gsize out_len)
{
	GHmac *h = g_hmac_new(G_CHECKSUM_SHA256, c->salt, sizeof c->salt);
	g_hmac_update(h, data, len);
	guint8 digest[32];
	gsize dl = sizeof digest;
	g_hmac_get_digest(h, digest, &dl);
	g_hmac_unref(h);
	memcpy(out, digest, MIN(out_len, dl));
}

/* The address as shown: itself, or a pseudonym that keeps the /16 (IPv4)
 * or /32 (IPv6) grouping: same prefix, same first group. */
/* Whether a is the address of a client (an address can be both). */
static bool is_client(const ctx *c, const rg_addr *a)
{
	const GArray *cl = c->agg->clients;
	for (guint i = 0; cl && i < cl->len; i++) {
		const rg_client_stats *s =
		        &g_array_index(cl, rg_client_stats, i);
		if (s->addr.version == a->version &&
		    memcmp(s->addr.bytes, a->bytes, a->version == 6 ? 16 : 4) ==
		            0)
			return true;
	}
	return false;
}

static bool anonymized(const ctx *c, const rg_addr *a, bool server)
{
	if (c->opts.anonymize_servers)
		return true;
	if (!c->opts.anonymize_clients)
		return false;
	return !server || is_client(c, a);
}

static char *addr_text(const ctx *c, const rg_addr *a, bool server, int port)
{
	char buf[64];
	bool anon = anonymized(c, a, server);
	if (!anon) {
		if (port >= 0)
			return g_strdup(rg_endpoint_to_text(a, (uint16_t)port,
			                                    buf, sizeof buf));
		return g_strdup(rg_addr_to_text(a, buf, sizeof buf));
	}
	gsize plen = a->version == 6 ? 4 : 2;
	gsize alen = a->version == 6 ? 16 : 4;
	guint8 tagged[17];
	guint8 pre[4], rest[4];
	tagged[0] = a->version;
	memcpy(tagged + 1, a->bytes, plen);
	anon_part(c, tagged, 1 + plen, pre, sizeof pre);
	memcpy(tagged + 1, a->bytes, alen);
	anon_part(c, tagged, 1 + alen, rest, sizeof rest);
	char *s;
	if (a->version == 6)
		s = g_strdup_printf("anon6-%02x%02x%02x%02x-%02x%02x%02x%02x",
		                    pre[0], pre[1], pre[2], pre[3], rest[0],
		                    rest[1], rest[2], rest[3]);
	else
		s = g_strdup_printf("anon4-%02x%02x-%02x%02x", pre[0], pre[1],
		                    rest[0], rest[1]);
	if (port >= 0) {
		char *t = g_strdup_printf("%s:%d", s, port);
		g_free(s);
		s = t;
	}
	return s;
}

static const ctx *scrub_ctx;

/* Runs of characters that can make up an address literal. */
static bool addr_char(char ch)
{
	return g_ascii_isxdigit(ch) || ch == '.' || ch == ':';
}

static char *scrub_addresses(const char *s)
{
	GString *out = g_string_new(NULL);
	const char *p = s;
	while (*p) {
		if (!addr_char(*p) ||
		    (p > s && (g_ascii_isalnum(p[-1]) || p[-1] == '_'))) {
			g_string_append_c(out, *p++);
			continue;
		}
		size_t n = 0;
		while (p[n] && addr_char(p[n]))
			n++;
		/* A sentence may end right after an address. */
		size_t len = n;
		while (len && (p[len - 1] == '.' || p[len - 1] == ':'))
			len--;
		char tok[64];
		rg_addr a = {0};
		bool found = false;
		if (len >= 2 && len < sizeof tok &&
		    !(p[n] && (g_ascii_isalpha(p[n]) || p[n] == '_'))) {
			memcpy(tok, p, len);
			tok[len] = '\0';
			if (inet_pton(AF_INET, tok, a.bytes) == 1) {
				a.version = 4;
				found = true;
			} else if (strchr(tok, ':') &&
			           inet_pton(AF_INET6, tok, a.bytes) == 1) {
				a.version = 6;
				found = true;
			} else if (strchr(tok, ':')) {
				/* "192.0.2.1:53" */
				*strrchr(tok, ':') = '\0';
				if (inet_pton(AF_INET, tok, a.bytes) == 1) {
					a.version = 4;
					found = true;
					len = strlen(tok);
				}
			}
		}
		if (found && anonymized(scrub_ctx, &a, false) &&
		    (scrub_ctx->opts.anonymize_servers ||
		     is_client(scrub_ctx, &a))) {
			char *pseudo = addr_text(scrub_ctx, &a, false, -1);
			g_string_append(out, pseudo);
			g_free(pseudo);
			g_string_append_len(out, p + len, (gssize)(n - len));
		} else {
			g_string_append_len(out, p, (gssize)n);
		}
		p += n;
	}
	return g_string_free(out, FALSE);
}

static char *time_text(const ctx *c, int64_t sec, int32_t nsec, bool ms)
{
	GDateTime *u = g_date_time_new_from_unix_utc(sec);
	if (!u)
		return g_strdup("?");
	GDateTime *l = g_date_time_to_timezone(u, c->tz);
	g_date_time_unref(u);
	if (!l)
		return g_strdup("?");
	char *base = g_date_time_format(l, "%Y-%m-%d %H:%M:%S");
	g_date_time_unref(l);
	char *s = ms ? g_strdup_printf("%s.%03d", base, (int)(nsec / 1000000))
	             : g_strdup(base);
	g_free(base);
	return s;
}

static double pct(uint64_t a, uint64_t b)
{
	return b ? 100.0 * (double)a / (double)b : 0.0;
}

static char *num(uint64_t v)
{
	return g_strdup_printf("%" G_GUINT64_FORMAT, v);
}

static void cell_num(xmlNodePtr tr, uint64_t v)
{
	char *s = num(v);
	tel(tr, "td", "n", s);
	g_free(s);
}

static xmlNodePtr table(xmlNodePtr parent, const char *const *heads,
                        const bool *numeric, size_t n)
{
	xmlNodePtr wrap = el(parent, "div", "wrap");
	xmlNodePtr t = el(wrap, "table", NULL);
	xmlNodePtr tr = el(el(t, "thead", NULL), "tr", NULL);
	for (size_t i = 0; i < n; i++)
		tel(tr, "th", numeric && numeric[i] ? "n" : NULL, heads[i]);
	return el(t, "tbody", NULL);
}

static void examples_cell(xmlNodePtr tr, const rg_examples *ex)
{
	xmlNodePtr td = el(tr, "td", "mono");
	for (uint8_t i = 0; i < ex->n; i++)
		add_textf(td, "%s%" G_GUINT64_FORMAT, i ? " " : "",
		          ex->frames[i]);
}

static const char *sev_name(rcx_severity s)
{
	return rg_severity_name(s);
}

static void severity_badge(xmlNodePtr parent, rcx_severity s)
{
	char cls[32];
	g_snprintf(cls, sizeof cls, "sev sev-%s", sev_name(s));
	tel(parent, "span", cls, sev_name(s));
}

/* ---- Registry entries that appear, for the appendix ---- */

static void note_entry(GPtrArray *seen, const rcx_entry *e)
{
	if (!e)
		return;
	for (guint i = 0; i < seen->len; i++)
		if (g_ptr_array_index(seen, i) == e)
			return;
	g_ptr_array_add(seen, (gpointer)e);
}

static void entry_anchor(char *buf, size_t size, const rcx_entry *e)
{
	g_snprintf(buf, size, "code-%s", e->key);
	for (char *p = buf; *p; p++)
		if (!g_ascii_isalnum(*p) && *p != '-')
			*p = '-';
}

/* ---- Sections ---- */

static char *finding_servers_text(const ctx *c, const rg_finding *f)
{
	GString *s = g_string_new(NULL);
	for (guint i = 0; i < f->servers->len && i < 4; i++) {
		const rg_finding_server *fs =
		        &g_array_index(f->servers, rg_finding_server, i);
		char *a = addr_text(c, &fs->addr, true, -1);
		g_string_append_printf(s, "%s%s", i ? ", " : "", a);
		g_free(a);
	}
	if (f->servers->len > 4)
		g_string_append_printf(s, " and %u more", f->servers->len - 4);
	return g_string_free(s, FALSE);
}

static const char *finding_filter(const ctx *c, const rg_finding *f)
{
	if (c->opts.anonymize_servers)
		return f->filter_anon;
	for (guint i = 0; c->opts.anonymize_clients && i < f->servers->len; i++)
		if (is_client(c,
		              &g_array_index(f->servers, rg_finding_server, i)
		                       .addr))
			return f->filter_anon;
	return f->filter;
}

static void summary_paragraph(const ctx *c, xmlNodePtr parent,
                              GPtrArray *findings)
{
	const rg_aggregate *agg = c->agg;
	xmlNodePtr p = el(parent, "p", "lead");
	const rg_capture_facts *cf = &agg->capture;
	if (agg->totals.messages == 0 &&
	    (cf->encrypted_flows_dot || cf->encrypted_flows_doq)) {
		add_textf(
		        p,
		        "No DNS message can be read in this capture: it holds "
		        "%" G_GUINT64_FORMAT
		        " DNS-over-TLS and %" G_GUINT64_FORMAT
		        " DNS-over-QUIC flows, whose contents are encrypted.",
		        cf->encrypted_flows_dot, cf->encrypted_flows_doq);
		return;
	}
	if (!findings->len) {
		add_textf(p,
		          "No DNS failures were found: %" G_GUINT64_FORMAT
		          " DNS messages, %" G_GUINT64_FORMAT
		          " transactions, %" G_GUINT64_FORMAT " answered.",
		          agg->totals.messages, agg->totals.transactions,
		          agg->totals.answered);
		return;
	}
	rg_summary_lead lead;
	rg_summary_lead_init(&lead, agg, findings);
	const rg_finding *f = lead.headline;
	uint64_t failed = agg->totals.failed;
	add_textf(p,
	          "%" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT
	          " DNS transactions (%.1f %%) failed. ",
	          failed, agg->totals.transactions,
	          pct(failed, agg->totals.transactions));
	/* A SERVFAIL explained by EDE: lead with the SERVFAIL share and name
	 * every EDE that came with it. */
	bool sf_lead = lead.servfail != 0;
	if (sf_lead) {
		add_textf(p,
		          "%" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT
		          " responses (%.1f %%)",
		          lead.servfail, agg->totals.responses,
		          pct(lead.servfail, agg->totals.responses));
		if (f->servers->len) {
			char *s = finding_servers_text(c, f);
			add_textf(p, " from %s", s);
			g_free(s);
		}
		add_text(p, " were SERVFAIL");
	} else {
		add_utext(p, f->title);
		add_text(p, ". ");
		add_utext(p, f->seen);
		if (f->servers->len) {
			char *s = finding_servers_text(c, f);
			add_textf(p, " Server%s: %s.",
			          f->servers->len > 1 ? "s" : "", s);
			g_free(s);
		}
	}
	if (f->has_time) {
		char *a = time_text(c, f->first.sec, f->first.nsec, false);
		char *b = time_text(c, f->last.sec, f->last.nsec, false);
		add_textf(p, "%s between %s and %s (%s)",
		          sf_lead ? "" : " Seen", a, b, c->tz_name);
		g_free(a);
		g_free(b);
		if (!sf_lead)
			add_text(p, ".");
	}
	add_text(p, sf_lead ? "; " : "");
	const rg_finding *cause = lead.cause;
	if (sf_lead) {
		for (guint i = 0; i < lead.ede->len; i++) {
			const rg_finding *g = g_ptr_array_index(lead.ede, i);
			add_textf(p,
			          "%s%" G_GUINT64_FORMAT
			          " (%.0f %%) carried EDE %u %s",
			          i ? ", " : "", g->count,
			          pct(g->count, lead.servfail), g->entry->first,
			          g->entry->mnemonic);
		}
		if (lead.zone) {
			add_text(p, ", all for names under ");
			add_utext(p, lead.zone);
		}
		add_text(p, ". ");
		add_sentence(p, cause->entry->title);
		if (lead.server_text) {
			add_text(p, " The server said: ");
			add_utext(p, lead.server_text);
			add_text(p, ".");
		}
	} else if (f->subjects->len) {
		add_textf(p, " Most affected: %s.",
		          (const char *)g_ptr_array_index(f->subjects, 0));
	}
	if (cause->entry) {
		if (cause->entry->causes[0]) {
			tel(p, "strong", NULL, " Likely cause: ");
			add_sentence(p, cause->entry->causes[0]);
		}
		if (cause->entry->next_steps[0]) {
			tel(p, "strong", NULL, " Next: ");
			add_sentence(p, cause->entry->next_steps[0]);
		}
	}
	rg_summary_lead_clear(&lead);
}

static void capture_facts(const ctx *c, xmlNodePtr parent)
{
	const rg_capture_facts *cf = &c->agg->capture;
	xmlNodePtr dl = el(parent, "dl", "facts");
	for (guint i = 0; cf->files && i < cf->files->len; i++) {
		const rg_capture_file *file =
		        &g_array_index(cf->files, rg_capture_file, i);
		tel(dl, "dt", NULL, "File");
		xmlNodePtr dd = el(dl, "dd", NULL);
		/* A report travels with a ticket: the folders of whoever
		 * made it stay out unless asked for. */
		if (c->opts.full_paths || strcmp(file->path, "-") == 0) {
			add_utext(dd, file->path);
		} else {
			char *base = g_path_get_basename(file->path);
			add_utext(dd, base);
			g_free(base);
		}
		add_textf(dd,
		          " — %s, %" G_GUINT64_FORMAT
		          " bytes, %" G_GUINT64_FORMAT " packets",
		          file->format ? file->format : "?", file->size,
		          file->packets);
		if (file->sha256) {
			tel(dl, "dt", NULL, "SHA-256");
			uel(dl, "dd", "mono", file->sha256);
		}
	}
	tel(dl, "dt", NULL, "Link types");
	xmlNodePtr dd = el(dl, "dd", NULL);
	for (guint i = 0; cf->link_types && i < cf->link_types->len; i++) {
		const rg_link_type *lt =
		        &g_array_index(cf->link_types, rg_link_type, i);
		add_textf(dd, "%s%s (%" G_GUINT64_FORMAT "%s)", i ? ", " : "",
		          lt->name ? lt->name : "?", lt->packets,
		          lt->supported ? "" : ", not decoded");
	}
	if (cf->tunnels->len) {
		tel(dl, "dt", NULL, "Tunnels");
		dd = el(dl, "dd", NULL);
	}
	for (guint i = 0; i < cf->tunnels->len; i++) {
		const rg_tunnel_count *tc =
		        &g_array_index(cf->tunnels, rg_tunnel_count, i);
		add_textf(dd, "%s%s (%" G_GUINT64_FORMAT "%s)", i ? ", " : "",
		          tc->name, tc->packets,
		          tc->decoded ? "" : ", not decoded");
	}
	tel(dl, "dt", NULL, "Packets");
	char *s = g_strdup_printf(
	        "%" G_GUINT64_FORMAT " packets, %" G_GUINT64_FORMAT
	        " DNS messages (%" G_GUINT64_FORMAT
	        " queries, %" G_GUINT64_FORMAT " responses), %" G_GUINT64_FORMAT
	        " transactions",
	        cf->packets, c->agg->totals.messages, c->agg->totals.queries,
	        c->agg->totals.responses, c->agg->totals.transactions);
	tel(dl, "dd", NULL, s);
	g_free(s);
	if (cf->has_time) {
		tel(dl, "dt", NULL, "Time span");
		char *a = time_text(c, cf->first.sec, cf->first.nsec, true);
		char *b = time_text(c, cf->last.sec, cf->last.nsec, true);
		double span = (double)(cf->last.sec - cf->first.sec) +
		              (cf->last.nsec - cf->first.nsec) / 1e9;
		s = g_strdup_printf("%s to %s (%s), %.1f s", a, b, c->tz_name,
		                    span);
		tel(dl, "dd", NULL, s);
		g_free(s);
		g_free(a);
		g_free(b);
	}
	tel(dl, "dt", NULL, "Unanswered timeout");
	s = g_strdup_printf("%.1f s", c->agg->options.timeout_ns / 1e9);
	tel(dl, "dd", NULL, s);
	g_free(s);
	if (cf->damaged) {
		tel(dl, "dt", NULL, "Damage");
		dd = el(dl, "dd", NULL);
		for (guint i = 0; cf->damage && i < cf->damage->len; i++) {
			const rg_damage *d =
			        &g_array_index(cf->damage, rg_damage, i);
			add_textf(dd, "%s%s ×%" G_GUINT64_FORMAT "%s%s",
			          i ? "; " : "", d->kind, d->count,
			          d->detail ? ": " : "",
			          d->detail ? d->detail : "");
		}
	}
	if (cf->empty_udp) {
		tel(dl, "dt", NULL, "Empty datagrams");
		s = g_strdup_printf("%" G_GUINT64_FORMAT
		                    " UDP datagrams on a DNS port without "
		                    "payload (not DNS messages)",
		                    cf->empty_udp);
		tel(dl, "dd", NULL, s);
		g_free(s);
	}
	if (cf->encrypted_flows_dot || cf->encrypted_flows_doq) {
		tel(dl, "dt", NULL, "Encrypted DNS");
		s = g_strdup_printf(
		        "%" G_GUINT64_FORMAT " DoT and %" G_GUINT64_FORMAT
		        " DoQ flows (contents not visible)",
		        cf->encrypted_flows_dot, cf->encrypted_flows_doq);
		tel(dl, "dd", NULL, s);
		g_free(s);
	}
}

static void finding_article(const ctx *c, xmlNodePtr parent,
                            const rg_finding *f, guint index,
                            GPtrArray *entries)
{
	char id[32];
	g_snprintf(id, sizeof id, "finding-%u", index + 1);
	char cls[32];
	g_snprintf(cls, sizeof cls, "finding %s", sev_name(f->severity));
	xmlNodePtr art = el(parent, "article", cls);
	xmlNewProp(art, BAD_CAST "id", BAD_CAST id);
	xmlNewProp(art, BAD_CAST "data-kind", BAD_CAST f->id);
	xmlNodePtr h = el(art, "h3", NULL);
	severity_badge(h, f->severity);
	add_textf(h, "%u. ", index + 1);
	add_utext(h, f->title);
	if (f->entry && f->entry->explanation)
		tel(art, "p", "explanation", f->entry->explanation);
	tel(art, "h4", NULL, "What was seen");
	uel(art, "p", "seen", f->seen);
	if (f->servers->len) {
		xmlNodePtr p = el(art, "p", "servers");
		add_text(p, "Servers: ");
		for (guint i = 0; i < f->servers->len && i < 8; i++) {
			const rg_finding_server *fs = &g_array_index(
			        f->servers, rg_finding_server, i);
			char *a = addr_text(c, &fs->addr, true, -1);
			add_textf(p, "%s%s (%" G_GUINT64_FORMAT ")",
			          i ? ", " : "", a, fs->count);
			g_free(a);
		}
	}
	if (f->has_time) {
		char *a = time_text(c, f->first.sec, f->first.nsec, false);
		char *b = time_text(c, f->last.sec, f->last.nsec, false);
		xmlNodePtr p = el(art, "p", "time");
		add_textf(p, "Time: %s to %s (%s)", a, b, c->tz_name);
		g_free(a);
		g_free(b);
	}
	if (f->subjects->len) {
		xmlNodePtr ul = el(art, "ul", "subjects");
		for (guint i = 0; i < f->subjects->len; i++)
			uel(ul, "li", "mono",
			    g_ptr_array_index(f->subjects, i));
	}
	if (f->entry && f->entry->causes[0]) {
		tel(art, "h4", NULL, "Likely cause");
		xmlNodePtr ul = el(art, "ul", "causes");
		for (int i = 0; i < RCX_ENTRY_MAX_CAUSES && f->entry->causes[i];
		     i++)
			tel(ul, "li", NULL, f->entry->causes[i]);
	}
	if (f->entry && f->entry->next_steps[0]) {
		tel(art, "h4", NULL, "Next steps");
		xmlNodePtr ol = el(art, "ol", "steps");
		for (int i = 0;
		     i < RCX_ENTRY_MAX_STEPS && f->entry->next_steps[i]; i++)
			tel(ol, "li", NULL, f->entry->next_steps[i]);
	}
	tel(art, "h4", NULL, "Evidence");
	xmlNodePtr p = el(art, "p", "evidence");
	if (f->examples.n) {
		add_text(p, "Example frames: ");
		for (uint8_t i = 0; i < f->examples.n; i++)
			add_textf(p, "%s%" G_GUINT64_FORMAT, i ? ", " : "",
			          f->examples.frames[i]);
		add_text(p, ". ");
	}
	add_text(p, "Wireshark display filter:");
	const char *flt = finding_filter(c, f);
	if (flt)
		uel(art, "code", "filter", flt);
	char *frames = rg_examples_filter(&f->examples);
	if (frames) {
		uel(art, "code", "filter frames", frames);
		g_free(frames);
	}
	if (f->entry) {
		char anchor[96], href[100];
		entry_anchor(anchor, sizeof anchor, f->entry);
		g_snprintf(href, sizeof href, "#%s", anchor);
		xmlNodePtr ref = el(art, "p", "small");
		add_text(ref, "Reference: ");
		xmlNodePtr a = tel(ref, "a", NULL, f->entry->reference);
		xmlNewProp(a, BAD_CAST "href", BAD_CAST href);
		note_entry(entries, f->entry);
		note_entry(entries, f->entry2);
	}
}

static const char *code_class(const rg_code_row *r)
{
	if (r->rcode == 0) {
		if (r->condition == RCX_COND_ANSWER ||
		    r->condition == RCX_COND_SUCCESS)
			return "ok";
		return "warn";
	}
	if (r->rcode == 3)
		return "nx";
	return "err";
}

/* One zone a line, each whole: a zone name broken mid-label reads as two
 * names. */
static void ede_zones_cell(xmlNodePtr tr, const rg_ede_row *r)
{
	xmlNodePtr ul = el(el(tr, "td", "zones"), "ul", "cell-list");
	for (guint k = 0; r->zones && k < r->zones->len; k++) {
		const rg_ede_zone *z = &g_array_index(r->zones, rg_ede_zone, k);
		xmlNodePtr li = el(ul, "li", NULL);
		uel(li, "span", "mono", z->zone);
		add_textf(li, " ×%" G_GUINT64_FORMAT, z->count);
	}
}

/* An EXTRA-TEXT (untrusted) as a span cut to EDE_TEXT_SHOWN characters
 * whose tooltip is the whole text. */
static void ede_text_span(xmlNodePtr parent, const char *text)
{
	char *whole = clean(text);
	char *shown = whole;
	if (g_utf8_strlen(whole, -1) > EDE_TEXT_SHOWN) {
		char *cut = g_utf8_substring(whole, 0, EDE_TEXT_SHOWN - 1);
		shown = g_strconcat(cut, "…", NULL);
		g_free(cut);
	}
	xmlNodePtr span = tel(parent, "span", "mono", shown);
	xmlNewProp(span, BAD_CAST "title", BAD_CAST whole);
	if (shown != whole)
		g_free(shown);
	g_free(whole);
}

/* A code label ("NOERROR/NODATA") that may break after its slash. */
static void code_label_cell(xmlNodePtr tr, const char *label)
{
	xmlNodePtr td = el(tr, "td", NULL);
	const char *slash = strchr(label, '/');
	if (!slash) {
		add_text(td, label);
		return;
	}
	char *head = g_strndup(label, (gsize)(slash - label) + 1);
	add_text(td, head);
	g_free(head);
	el(td, "wbr", NULL);
	add_text(td, slash + 1);
}

/* Each distinct EXTRA-TEXT on a line of its own with its count, cut; the
 * whole text is its tooltip (and is listed whole in the findings it
 * explains). */
static void ede_texts_cell(xmlNodePtr tr, const rg_ede_row *r)
{
	xmlNodePtr ul = el(el(tr, "td", "texts"), "ul", "cell-list");
	for (guint k = 0; r->texts && k < r->texts->len; k++) {
		const rg_ede_text *t = &g_array_index(r->texts, rg_ede_text, k);
		xmlNodePtr li = el(ul, "li", NULL);
		ede_text_span(li, t->text);
		add_textf(li, " ×%" G_GUINT64_FORMAT, t->count);
	}
}

static void code_section(const ctx *c, xmlNodePtr body, GPtrArray *entries)
{
	const rg_aggregate *agg = c->agg;
	xmlNodePtr sec = el(body, "section", NULL);
	xmlNewProp(sec, BAD_CAST "id", BAD_CAST "codes");
	tel(sec, "h2", NULL, "Response codes");
	guint n = agg->codes ? agg->codes->len : 0;
	rg_svg_bar *bars = g_new0(rg_svg_bar, n ? n : 1);
	char **labels = g_new0(char *, n + 1);
	for (guint i = 0; i < n; i++) {
		const rg_code_row *r =
		        &g_array_index(agg->codes, rg_code_row, i);
		char lb[64];
		rg_code_row_label(r, lb, sizeof lb);
		labels[i] = g_strdup_printf("%s (%u)", lb, r->rcode);
		bars[i].label = labels[i];
		bars[i].value = r->count;
		bars[i].cls = code_class(r);
	}
	rg_svg_bars(sec, "Responses by effective response code and condition",
	            bars, n);
	static const char *const heads[] = {
	        "Code",      "Name",  "Source",        "Meaning",
	        "Responses", "Share", "Example frames"};
	static const bool numeric[] = {1, 0, 0, 0, 1, 1, 0};
	xmlNodePtr tb = table(sec, heads, numeric, G_N_ELEMENTS(heads));
	xmlNewProp(xmlGetLastChild(sec)->children, BAD_CAST "id",
	           BAD_CAST "code-table");
	for (guint i = 0; i < n; i++) {
		const rg_code_row *r =
		        &g_array_index(agg->codes, rg_code_row, i);
		const rcx_entry *e = rg_code_row_entry(r);
		xmlNodePtr tr = el(tb, "tr", NULL);
		char lb[64];
		rg_code_row_label(r, lb, sizeof lb);
		xmlNewProp(tr, BAD_CAST "data-code", BAD_CAST lb);
		cell_num(tr, r->rcode);
		tel(tr, "td", "name", lb);
		tel(tr, "td", NULL, rcx_source_name(r->source));
		tel(tr, "td", NULL, e ? e->title : "");
		cell_num(tr, r->count);
		char *s = g_strdup_printf("%.1f %%",
		                          pct(r->count, agg->totals.responses));
		tel(tr, "td", "n", s);
		g_free(s);
		examples_cell(tr, &r->examples);
		note_entry(entries, r->rcode_entry);
		if (r->rcode == 0 || r->condition != RCX_COND_ERROR ||
		    e == r->condition_entry)
			note_entry(entries, r->condition_entry);
	}
	for (guint i = 0; i < n; i++)
		g_free(labels[i]);
	g_free(labels);
	g_free(bars);

	if (agg->ede && agg->ede->len) {
		tel(sec, "h3", NULL, "Extended DNS Errors");
		static const char *const eh[] = {
		        "EDE",   "Name",       "Responses",     "With codes",
		        "Zones", "EXTRA-TEXT", "Example frames"};
		static const bool en[] = {1, 0, 1, 0, 0, 0, 0};
		xmlNodePtr etb = table(sec, eh, en, G_N_ELEMENTS(eh));
		for (guint i = 0; i < agg->ede->len; i++) {
			const rg_ede_row *r =
			        &g_array_index(agg->ede, rg_ede_row, i);
			const rcx_entry *e =
			        r->entry ? r->entry
			                 : rcx_ede_entry(r->info_code);
			note_entry(entries, e);
			xmlNodePtr tr = el(etb, "tr", NULL);
			cell_num(tr, r->info_code);
			tel(tr, "td", NULL, e->mnemonic);
			cell_num(tr, r->count);
			xmlNodePtr td = el(tr, "td", NULL);
			for (guint k = 0; r->codes && k < r->codes->len; k++) {
				const rg_code_count *cc = &g_array_index(
				        r->codes, rg_code_count, k);
				char lb[64];
				rg_code_label(cc->rcode, cc->source,
				              cc->condition, lb, sizeof lb);
				add_textf(td, "%s%s ×%" G_GUINT64_FORMAT,
				          k ? ", " : "", lb, cc->count);
			}
			ede_zones_cell(tr, r);
			ede_texts_cell(tr, r);
			examples_cell(tr, &r->examples);
		}
		if (agg->ede_untracked)
			add_textf(el(sec, "p", NULL),
			          "%" G_GUINT64_FORMAT
			          " more EDEs carried unassigned, private-use "
			          "or reserved codes beyond the %u rows kept: "
			          "counted, not listed.",
			          agg->ede_untracked, RG_MAX_EDE_OTHER_ROWS);
	}
	if (agg->tsig && agg->tsig->len) {
		tel(sec, "h3", NULL, "TSIG");
		static const char *const th[] = {"Key", "Error", "Responses",
		                                 "Clock skew (s)",
		                                 "Example frames"};
		static const bool tn[] = {0, 0, 1, 0, 0};
		xmlNodePtr ttb = table(sec, th, tn, G_N_ELEMENTS(th));
		for (guint i = 0; i < agg->tsig->len; i++) {
			const rg_tsig_row *r =
			        &g_array_index(agg->tsig, rg_tsig_row, i);
			const rcx_entry *e =
			        r->entry ? r->entry
			                 : rcx_rcode_entry(r->error,
			                                   RCX_CTX_TSIG);
			if (r->error)
				note_entry(entries, e);
			xmlNodePtr tr = el(ttb, "tr", NULL);
			uel(tr, "td", "mono name", r->key_name);
			char *s = g_strdup_printf("%s (%u)", e->mnemonic,
			                          r->error);
			tel(tr, "td", NULL, s);
			g_free(s);
			cell_num(tr, r->count);
			s = r->has_skew
			            ? g_strdup_printf("%" G_GINT64_FORMAT
			                              " to %" G_GINT64_FORMAT,
			                              r->skew_min, r->skew_max)
			            : g_strdup("");
			tel(tr, "td", "n", s);
			g_free(s);
			examples_cell(tr, &r->examples);
		}
	}
}

static void charts_section(const ctx *c, xmlNodePtr body)
{
	const rg_aggregate *agg = c->agg;
	xmlNodePtr sec = el(body, "section", NULL);
	xmlNewProp(sec, BAD_CAST "id", BAD_CAST "timeline");
	tel(sec, "h2", NULL, "Timeline");
	const GArray *b = agg->timeline.buckets;
	guint n = b ? b->len : 0;
	if (n) {
		enum {
			S_ANSWER,
			S_NODATA,
			S_NX,
			S_SF,
			S_REF,
			S_OTHER,
			S_LOST,
			S_N
		};
		uint64_t *v = g_new0(uint64_t, (gsize)n * S_N);
		for (guint i = 0; i < n; i++) {
			const rg_timeline_bucket *t =
			        &g_array_index(b, rg_timeline_bucket, i);
			v[S_ANSWER * n + i] = t->answer;
			v[S_NODATA * n + i] = t->nodata;
			v[S_NX * n + i] = t->nxdomain;
			v[S_SF * n + i] = t->servfail;
			v[S_REF * n + i] = t->refused;
			v[S_OTHER * n + i] = t->other_errors;
			v[S_LOST * n + i] = t->unanswered;
		}
		const rg_svg_series series[S_N] = {
		        {"answer", "ok", v + S_ANSWER * n},
		        {"NODATA", "warn", v + S_NODATA * n},
		        {"NXDOMAIN", "nx", v + S_NX * n},
		        {"SERVFAIL", "err", v + S_SF * n},
		        {"REFUSED", "other", v + S_REF * n},
		        {"other errors", "misc", v + S_OTHER * n},
		        {"unanswered queries", "lost", v + S_LOST * n},
		};
		const rg_timeline_bucket *first =
		        &g_array_index(b, rg_timeline_bucket, 0);
		const rg_timeline_bucket *last =
		        &g_array_index(b, rg_timeline_bucket, n - 1);
		char *a = time_text(c, first->start_sec, 0, false);
		char *z = time_text(
		        c, last->start_sec + agg->timeline.bucket_seconds, 0,
		        false);
		char *cap = g_strdup_printf("Responses by class and unanswered "
		                            "queries, %u s per column (%s)",
		                            agg->timeline.bucket_seconds,
		                            c->tz_name);
		rg_svg_stacked(sec, cap, series, S_N, n, a, z);
		g_free(cap);
		g_free(a);
		g_free(z);
		g_free(v);
	} else {
		tel(sec, "p", NULL, "No timed messages.");
	}

	tel(sec, "h2", NULL, "Response times");
	GPtrArray *labels = g_ptr_array_new_with_free_func(g_free);
	GArray *rows = g_array_new(FALSE, TRUE, sizeof(rg_svg_latency));
	for (guint i = 0; agg->servers && i < agg->servers->len &&
	                  rows->len < MAX_LATENCY_ROWS;
	     i++) {
		const rg_server_stats *s =
		        &g_array_index(agg->servers, rg_server_stats, i);
		if (!s->latency_summary.count)
			continue;
		char *a = addr_text(c, &s->addr, true, s->port);
		char *l = clean(a);
		g_free(a);
		g_ptr_array_add(labels, l);
		rg_svg_latency r = {l, s->latency_summary.p50_ns / 1e6,
		                    s->latency_summary.p90_ns / 1e6,
		                    s->latency_summary.p99_ns / 1e6,
		                    s->latency_summary.max_ns / 1e6};
		g_array_append_val(rows, r);
	}
	if (rows->len)
		rg_svg_latency_rows(sec,
		                    "Response time per server: median (p50), "
		                    "p90, p99 and maximum, logarithmic scale",
		                    (rg_svg_latency *)rows->data, rows->len);
	else
		tel(sec, "p", NULL, "No answered queries.");
	g_array_unref(rows);
	g_ptr_array_unref(labels);
}

static void servers_section(const ctx *c, xmlNodePtr body)
{
	const rg_aggregate *agg = c->agg;
	xmlNodePtr sec = el(body, "section", NULL);
	xmlNewProp(sec, BAD_CAST "id", BAD_CAST "servers");
	tel(sec, "h2", NULL, "Servers");
	static const char *const h[] = {
	        "Server", "Queries", "Answered", "Unanswered", "ICMP errors",
	        "Failed", "Codes",   "p50 ms",   "p90 ms",     "p99 ms"};
	static const bool nu[] = {0, 1, 1, 1, 1, 1, 0, 1, 1, 1};
	xmlNodePtr tb = table(sec, h, nu, G_N_ELEMENTS(h));
	for (guint i = 0;
	     agg->servers && i < agg->servers->len && i < MAX_TABLE_ROWS; i++) {
		const rg_server_stats *s =
		        &g_array_index(agg->servers, rg_server_stats, i);
		xmlNodePtr tr = el(tb, "tr", NULL);
		char *a = addr_text(c, &s->addr, true, s->port);
		uel(tr, "td", "mono", a);
		g_free(a);
		cell_num(tr, s->transactions);
		cell_num(tr, s->answered);
		cell_num(tr, s->unanswered_timeout);
		cell_num(tr, s->icmp_errors);
		cell_num(tr, s->failed);
		xmlNodePtr td = el(tr, "td", NULL);
		for (guint k = 0; s->codes && k < s->codes->len && k < 6; k++) {
			const rg_code_count *cc =
			        &g_array_index(s->codes, rg_code_count, k);
			char lb[64];
			rg_code_label(cc->rcode, cc->source, cc->condition, lb,
			              sizeof lb);
			add_textf(td, "%s%s ×%" G_GUINT64_FORMAT, k ? ", " : "",
			          lb, cc->count);
		}
		const rg_latency_summary *l = &s->latency_summary;
		char v[32];
		g_snprintf(v, sizeof v, "%.1f", l->p50_ns / 1e6);
		tel(tr, "td", "n", l->count ? v : "");
		g_snprintf(v, sizeof v, "%.1f", l->p90_ns / 1e6);
		tel(tr, "td", "n", l->count ? v : "");
		g_snprintf(v, sizeof v, "%.1f", l->p99_ns / 1e6);
		tel(tr, "td", "n", l->count ? v : "");
	}
	if (agg->servers && agg->servers->len > MAX_TABLE_ROWS)
		tel(sec, "p", "small",
		    "Only the servers with the most transactions are shown.");

	tel(sec, "h2", NULL, "Clients");
	static const char *const ch[] = {"Client",   "Queries",
	                                 "Answered", "Unanswered",
	                                 "Failed",   "Example failed frames"};
	static const bool cn[] = {0, 1, 1, 1, 1, 0};
	tb = table(sec, ch, cn, G_N_ELEMENTS(ch));
	for (guint i = 0;
	     agg->clients && i < agg->clients->len && i < MAX_TABLE_ROWS; i++) {
		const rg_client_stats *s =
		        &g_array_index(agg->clients, rg_client_stats, i);
		xmlNodePtr tr = el(tb, "tr", NULL);
		char *a = addr_text(c, &s->addr, false, -1);
		uel(tr, "td", "mono", a);
		g_free(a);
		cell_num(tr, s->transactions);
		cell_num(tr, s->answered);
		cell_num(tr, s->unanswered);
		cell_num(tr, s->failed);
		examples_cell(tr, &s->failed_examples);
	}
	if (agg->clients && agg->clients->len > MAX_TABLE_ROWS)
		tel(sec, "p", "small",
		    "Only the clients with the most transactions are shown.");
}

static void names_section(const ctx *c, xmlNodePtr body)
{
	const rg_aggregate *agg = c->agg;
	xmlNodePtr sec = el(body, "section", NULL);
	xmlNewProp(sec, BAD_CAST "id", BAD_CAST "names");
	tel(sec, "h2", NULL, "Names");
	tel(sec, "h3", NULL, "Failing names by code");
	static const char *const h[] = {"Name", "Type", "Code", "Count",
	                                "Example frames"};
	static const bool nu[] = {0, 0, 0, 1, 0};
	xmlNodePtr tb = table(sec, h, nu, G_N_ELEMENTS(h));
	const GArray *items = agg->top_failing.items;
	for (guint i = 0; items && i < items->len; i++) {
		const rg_top_item *t = &g_array_index(items, rg_top_item, i);
		xmlNodePtr tr = el(tb, "tr", NULL);
		uel(tr, "td", "mono name", t->qname);
		char tb2[24], lb[64];
		tel(tr, "td", NULL, rg_qtype_name(t->qtype, tb2, sizeof tb2));
		tel(tr, "td", NULL, rg_top_item_label(t, lb, sizeof lb));
		char *s = t->overcount
		                  ? g_strdup_printf("%" G_GUINT64_FORMAT
		                                    "–%" G_GUINT64_FORMAT,
		                                    t->count - t->overcount,
		                                    t->count)
		                  : num(t->count);
		tel(tr, "td", "n", s);
		g_free(s);
		examples_cell(tr, &t->examples);
	}
	tel(sec, "h3", NULL, "Most queried names");
	static const char *const qh[] = {"Name", "Queries", "Failed"};
	static const bool qn[] = {0, 1, 1};
	tb = table(sec, qh, qn, G_N_ELEMENTS(qh));
	items = agg->top_qnames.items;
	for (guint i = 0; items && i < items->len; i++) {
		const rg_top_item *t = &g_array_index(items, rg_top_item, i);
		xmlNodePtr tr = el(tb, "tr", NULL);
		uel(tr, "td", "mono name", t->qname);
		cell_num(tr, t->count);
		cell_num(tr, t->failed);
	}
	if (!agg->top_qnames.exact || !agg->top_failing.exact)
		tel(sec, "p", "small",
		    "Counts come from bounded top lists; a range gives the "
		    "lower "
		    "and upper bound.");
}

static void failed_section(const ctx *c, xmlNodePtr body)
{
	const rg_aggregate *agg = c->agg;
	xmlNodePtr sec = el(body, "section", NULL);
	xmlNewProp(sec, BAD_CAST "id", BAD_CAST "failed");
	tel(sec, "h2", NULL, "Failed transactions");
	static const char *const h[] = {"Time", "Client", "Server", "Proto",
	                                "Name", "Type",   "Result", "EDE",
	                                "ms",   "Frames"};
	static const bool nu[] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 0};
	xmlNodePtr tb = table(sec, h, nu, G_N_ELEMENTS(h));
	guint shown = 0;
	guint n = agg->failed ? agg->failed->len : 0;
	for (guint i = 0; i < n && shown < c->opts.max_failed_rows; i++) {
		const rg_transaction *t =
		        &g_array_index(agg->failed, rg_transaction, i);
		shown++;
		xmlNodePtr tr = el(tb, "tr", NULL);
		char *s = time_text(c, t->query_sec, t->query_nsec, true);
		tel(tr, "td", "mono", s);
		g_free(s);
		s = addr_text(c, &t->client, false, -1);
		uel(tr, "td", "mono", s);
		g_free(s);
		s = addr_text(c, &t->server, true, -1);
		uel(tr, "td", "mono", s);
		g_free(s);
		tel(tr, "td", NULL, rg_transport_name(t->transport));
		uel(tr, "td", "mono name", t->qname);
		char qb[24];
		tel(tr, "td", NULL,
		    t->has_question ? rg_qtype_name(t->qtype, qb, sizeof qb)
		                    : "");
		if (t->has_response) {
			char lb[64];
			rg_code_label(t->rcode, t->rcode_source, t->condition,
			              lb, sizeof lb);
			code_label_cell(tr, lb);
		} else {
			const char *r =
			        rg_unanswered_reason_name(t->unanswered_reason);
			tel(tr, "td", NULL, r ? r : rg_status_name(t->status));
		}
		xmlNodePtr td = el(tr, "td", NULL);
		for (uint8_t k = 0; k < t->n_ede && k < RG_TXN_MAX_EDE; k++) {
			add_textf(td, "%s%u", k ? ", " : "", t->ede[k].code);
			if (t->ede[k].has_text) {
				add_text(td, " ");
				ede_text_span(td, t->ede[k].text);
			}
		}
		char v[32] = "";
		if (t->latency_ns >= 0)
			g_snprintf(v, sizeof v, "%.1f", t->latency_ns / 1e6);
		tel(tr, "td", "n", v);
		td = el(tr, "td", "mono");
		if (t->query_frame)
			add_textf(td, "%" G_GUINT64_FORMAT, t->query_frame);
		if (t->response_frame)
			add_textf(td, "%s%" G_GUINT64_FORMAT,
			          t->query_frame ? " → " : "",
			          t->response_frame);
	}
	uint64_t more = (uint64_t)(n - shown) + agg->failed_dropped;
	if (more) {
		char *s = g_strdup_printf(
		        "%" G_GUINT64_FORMAT " more not shown.", more);
		tel(sec, "p", "more", s);
		g_free(s);
	}
	if (!n)
		tel(sec, "p", NULL, "None.");
}

static const char *kind_name(rcx_entry_kind k)
{
	switch (k) {
	case RCX_KIND_RCODE:
		return "Response code";
	case RCX_KIND_EDE:
		return "Extended DNS Error";
	case RCX_KIND_CONDITION:
		return "Condition";
	case RCX_KIND_OBSERVATION:
		return "Observation";
	default:
		return "Problem";
	}
}

static void appendix_section(xmlNodePtr body, GPtrArray *entries)
{
	xmlNodePtr sec = el(body, "section", "appendix");
	xmlNewProp(sec, BAD_CAST "id", BAD_CAST "appendix");
	tel(sec, "h2", NULL, "Appendix: codes in this report");
	xmlNodePtr dl = el(sec, "dl", NULL);
	for (guint i = 0; i < entries->len; i++) {
		const rcx_entry *e = g_ptr_array_index(entries, i);
		char anchor[96];
		entry_anchor(anchor, sizeof anchor, e);
		xmlNodePtr dt = el(dl, "dt", NULL);
		xmlNewProp(dt, BAD_CAST "id", BAD_CAST anchor);
		if (e->first == e->last &&
		    (e->kind == RCX_KIND_RCODE || e->kind == RCX_KIND_EDE))
			add_textf(dt, "%s %u %s — %s", kind_name(e->kind),
			          e->first, e->mnemonic, e->title);
		else
			add_textf(dt, "%s %s — %s", kind_name(e->kind),
			          e->mnemonic, e->title);
		xmlNodePtr dd = el(dl, "dd", NULL);
		tel(dd, "p", NULL, e->explanation);
		if (e->causes[0]) {
			xmlNodePtr p = el(dd, "p", NULL);
			tel(p, "strong", NULL, "Causes: ");
			for (int k = 0;
			     k < RCX_ENTRY_MAX_CAUSES && e->causes[k]; k++) {
				add_text(p, k ? " " : "");
				add_text(p, e->causes[k]);
			}
		}
		if (e->next_steps[0]) {
			xmlNodePtr ol = el(dd, "ol", NULL);
			for (int k = 0;
			     k < RCX_ENTRY_MAX_STEPS && e->next_steps[k]; k++)
				tel(ol, "li", NULL, e->next_steps[k]);
		}
		xmlNodePtr p = el(dd, "p", "small");
		add_textf(p, "Reference: %s", e->reference ? e->reference : "");
	}
}

static xmlDocPtr build(const ctx *c, GPtrArray *findings)
{
	const rg_aggregate *agg = c->agg;
	xmlDocPtr doc = htmlNewDocNoDtD(NULL, NULL);
	xmlCreateIntSubset(doc, BAD_CAST "html", NULL, NULL);
	xmlNodePtr html = xmlNewNode(NULL, BAD_CAST "html");
	xmlNewProp(html, BAD_CAST "lang", BAD_CAST "en");
	xmlDocSetRootElement(doc, html);
	xmlNodePtr head = el(html, "head", NULL);
	xmlNodePtr m = el(head, "meta", NULL);
	xmlNewProp(m, BAD_CAST "charset", BAD_CAST "utf-8");
	m = el(head, "meta", NULL);
	xmlNewProp(m, BAD_CAST "http-equiv",
	           BAD_CAST "Content-Security-Policy");
	xmlNewProp(m, BAD_CAST "content", BAD_CAST csp);
	m = el(head, "meta", NULL);
	xmlNewProp(m, BAD_CAST "name", BAD_CAST "viewport");
	xmlNewProp(m, BAD_CAST "content",
	           BAD_CAST "width=device-width, initial-scale=1");
	m = el(head, "meta", NULL);
	xmlNewProp(m, BAD_CAST "name", BAD_CAST "generator");
	char *gen = g_strdup_printf("rcreport (rcodex %s)", rcx_version());
	xmlNewProp(m, BAD_CAST "content", BAD_CAST gen);
	const char *title = c->opts.title ? c->opts.title : DEFAULT_TITLE;
	uel(head, "title", NULL, title);
	tel(head, "style", NULL, css);

	xmlNodePtr body = el(html, "body", NULL);
	xmlNodePtr header = el(body, "header", NULL);
	uel(header, "h1", NULL, title);
	xmlNodePtr meta = el(header, "p", "meta");
	add_textf(meta, "Generated by %s. All times are in %s.", gen,
	          c->tz_name);
	g_free(gen);
	if (c->opts.anonymize_clients || c->opts.anonymize_servers) {
		xmlNodePtr b = el(header, "p", "banner");
		xmlNewProp(b, BAD_CAST "id", BAD_CAST "anonymized");
		tel(b, "strong", NULL, "Anonymized report. ");
		add_text(b, c->opts.anonymize_servers
		                    ? "Client and server addresses"
		                    : "Client addresses");
		add_text(b,
		         " are replaced by pseudonyms (anon4-PPPP-HHHH, "
		         "anon6-PPPPPPPP-HHHHHHHH) computed with a random key "
		         "that was discarded after this run: the same "
		         "address always has the same pseudonym in this "
		         "report, addresses in the same /16 (IPv4) or /32 "
		         "(IPv6) share the first part, and the originals "
		         "cannot be recovered. Display filters here contain "
		         "no addresses.");
	}
	xmlNodePtr nav = el(header, "nav", NULL);
	static const char *const links[][2] = {
	        {"#findings", "Findings"}, {"#codes", "Codes"},
	        {"#timeline", "Timeline"}, {"#servers", "Servers"},
	        {"#names", "Names"},       {"#failed", "Failed transactions"},
	        {"#appendix", "Appendix"}};
	for (size_t i = 0; i < G_N_ELEMENTS(links); i++) {
		xmlNodePtr a = tel(nav, "a", NULL, links[i][1]);
		xmlNewProp(a, BAD_CAST "href", BAD_CAST links[i][0]);
	}

	GPtrArray *entries = g_ptr_array_new();

	xmlNodePtr sum = el(body, "section", NULL);
	xmlNewProp(sum, BAD_CAST "id", BAD_CAST "summary");
	tel(sum, "h2", NULL, "Summary");
	summary_paragraph(c, sum, findings);
	if (findings->len) {
		tel(sum, "h3", NULL, "Top findings");
		xmlNodePtr ol = el(sum, "ol", "top");
		for (guint i = 0; i < findings->len && i < 3; i++) {
			const rg_finding *f = g_ptr_array_index(findings, i);
			xmlNodePtr li = el(ol, "li", NULL);
			severity_badge(li, f->severity);
			char href[32];
			g_snprintf(href, sizeof href, "#finding-%u", i + 1);
			char *t = clean(f->title);
			xmlNodePtr a = tel(li, "a", NULL, t);
			g_free(t);
			xmlNewProp(a, BAD_CAST "href", BAD_CAST href);
			add_text(li, " — ");
			add_utext(li, f->seen);
			if (f->entry && f->entry->next_steps[0]) {
				tel(li, "strong", NULL, " Next: ");
				add_sentence(li, f->entry->next_steps[0]);
			}
		}
	}
	tel(sum, "h3", NULL, "Capture");
	capture_facts(c, sum);

	xmlNodePtr fs = el(body, "section", NULL);
	xmlNewProp(fs, BAD_CAST "id", BAD_CAST "findings");
	tel(fs, "h2", NULL, "Findings");
	if (!findings->len)
		tel(fs, "p", NULL, "None.");
	for (guint i = 0; i < findings->len; i++)
		finding_article(c, fs, g_ptr_array_index(findings, i), i,
		                entries);

	code_section(c, body, entries);
	charts_section(c, body);
	servers_section(c, body);
	names_section(c, body);
	failed_section(c, body);
	appendix_section(body, entries);
	g_ptr_array_unref(entries);
	(void)agg;
	return doc;
}

void rg_html_options_init(rg_html_options *opts)
{
	memset(opts, 0, sizeof *opts);
}

gboolean rg_html_report_write_full(const rg_aggregate *agg, GPtrArray *findings,
                                   const rg_html_options *opts, FILE *out,
                                   GError **err)
{
	ctx c = {.agg = agg};
	if (opts)
		c.opts = *opts;
	if (!c.opts.max_failed_rows)
		c.opts.max_failed_rows = DEFAULT_MAX_ROWS;
	const char *tzid = c.opts.timezone ? c.opts.timezone : "UTC";
	c.tz = g_time_zone_new_identifier(tzid);
	if (!c.tz) {
		g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_INVAL,
		            "unknown time zone \"%s\"", tzid);
		return FALSE;
	}
	c.tz_name = g_strdup(g_strcmp0(tzid, "UTC") == 0 ? "UTC" : tzid);
	for (size_t i = 0; i < sizeof c.salt; i += 4) {
		guint32 r = g_random_int();
		memcpy(c.salt + i, &r, 4);
	}
	GPtrArray *own = NULL;
	if (!findings)
		findings = own = rg_findings_compute(agg);

	scrub_ctx = &c;
	scrubbing = c.opts.anonymize_clients || c.opts.anonymize_servers;
	xmlDocPtr doc = build(&c, findings);
	scrubbing = false;
	scrub_ctx = NULL;
	xmlChar *mem = NULL;
	int len = 0;
	htmlDocDumpMemoryFormat(doc, &mem, &len, 1);
	gboolean ok = mem && len > 0;
	int write_errno = 0;
	if (ok && fwrite(mem, 1, (size_t)len, out) != (size_t)len) {
		ok = FALSE;
		write_errno = errno;
	}
	if (!ok)
		g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_IO,
		            "cannot write the HTML report: %s",
		            write_errno ? g_strerror(write_errno)
		                        : "the document could not be built");
	xmlFree(mem);
	xmlFreeDoc(doc);
	if (own)
		g_ptr_array_unref(own);
	memset(c.salt, 0, sizeof c.salt);
	g_time_zone_unref(c.tz);
	g_free(c.tz_name);
	return ok;
}

gboolean rg_html_report_write(const rg_aggregate *agg, FILE *out, GError **err)
{
	return rg_html_report_write_full(agg, NULL, NULL, out, err);
}
