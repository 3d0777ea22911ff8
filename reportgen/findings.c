/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Findings from the aggregate. Each finding names its registry entry (the
 * explanation, causes and next steps) and adds what the capture shows:
 * counts, shares, time range, servers, names and a display filter.
 */
#include "findings.h"

#include <string.h>

/* Servers slower than this at the 90th percentile are reported. */
#define SLOW_P90_NS  (500 * 1000 * 1000LL)
#define MAX_SUBJECTS 8

const char *rg_severity_name(rcx_severity s)
{
	switch (s) {
	case RCX_SEV_ERROR:
		return "error";
	case RCX_SEV_WARN:
		return "warning";
	case RCX_SEV_NOTE:
		return "note";
	default:
		return "info";
	}
}

void rg_finding_free(rg_finding *f)
{
	if (!f)
		return;
	g_free(f->id);
	g_free(f->title);
	g_free(f->seen);
	g_ptr_array_unref(f->subjects);
	g_free(f->zone);
	g_array_unref(f->servers);
	g_free(f->filter);
	g_free(f->filter_anon);
	g_free(f);
}

static rg_finding *finding_new(const char *id, const rcx_entry *entry,
                               rcx_severity fallback)
{
	rg_finding *f = g_new0(rg_finding, 1);
	f->id = g_strdup(id);
	f->entry = entry;
	f->severity = entry && entry->severity > RCX_SEV_CHAT ? entry->severity
	                                                      : fallback;
	f->subjects = g_ptr_array_new_with_free_func(g_free);
	f->servers = g_array_new(FALSE, TRUE, sizeof(rg_finding_server));
	return f;
}

static void set_share(rg_finding *f, uint64_t count, uint64_t total)
{
	f->count = count;
	f->total = total;
	f->impact = total ? (double)count / (double)total : 0.0;
	if (f->impact > 1.0)
		f->impact = 1.0;
}

static double pct(uint64_t count, uint64_t total)
{
	return total ? 100.0 * (double)count / (double)total : 0.0;
}

static void add_subject(rg_finding *f, const char *s)
{
	if (!s || !*s || f->subjects->len >= MAX_SUBJECTS)
		return;
	for (guint i = 0; i < f->subjects->len; i++)
		if (strcmp(g_ptr_array_index(f->subjects, i), s) == 0)
			return;
	g_ptr_array_add(f->subjects, g_strdup(s));
}

static void add_server(rg_finding *f, const rg_server_stats *s, uint64_t count)
{
	rg_finding_server fs = {
	        .addr = s->addr, .port = s->port, .count = count};
	guint i = 0;
	while (i < f->servers->len &&
	       g_array_index(f->servers, rg_finding_server, i).count >= count)
		i++;
	g_array_insert_val(f->servers, i, fs);
}

static uint64_t server_code_count(const rg_server_stats *s, uint16_t rcode,
                                  int condition)
{
	uint64_t n = 0;
	for (guint i = 0; s->codes && i < s->codes->len; i++) {
		const rg_code_count *c =
		        &g_array_index(s->codes, rg_code_count, i);
		if (c->rcode == rcode &&
		    (condition < 0 || (int)c->condition == condition))
			n += c->count;
	}
	return n;
}

/* "ip.src == 192.0.2.1" or "ipv6.src == 2001:db8::1" for a server. */
static char *server_clause(const rg_addr *a, const char *dir)
{
	char buf[64];
	rg_addr_to_text(a, buf, sizeof buf);
	return g_strdup_printf("%s.%s == %s", a->version == 6 ? "ipv6" : "ip",
	                       dir, buf);
}

/* filter_anon = base; filter = base && (one clause per listed server). */
static void set_filter(rg_finding *f, const char *base, const char *dir)
{
	f->filter_anon = g_strdup(base);
	if (f->servers->len == 0 || f->servers->len > 4) {
		f->filter = g_strdup(base);
		return;
	}
	GString *s = g_string_new(base);
	g_string_append(s, f->servers->len > 1 ? " && (" : " && ");
	for (guint i = 0; i < f->servers->len; i++) {
		char *c = server_clause(
		        &g_array_index(f->servers, rg_finding_server, i).addr,
		        dir);
		if (i)
			g_string_append(s, " || ");
		g_string_append(s, c);
		g_free(c);
	}
	if (f->servers->len > 1)
		g_string_append_c(s, ')');
	f->filter = g_string_free(s, FALSE);
}

/* Time range of timeline buckets where field (an offset into
 * rg_timeline_bucket) is non-zero. */
static void time_range(rg_finding *f, const rg_aggregate *agg, size_t offset)
{
	const rg_timeline *tl = &agg->timeline;
	if (!tl->buckets)
		return;
	for (guint i = 0; i < tl->buckets->len; i++) {
		const rg_timeline_bucket *b =
		        &g_array_index(tl->buckets, rg_timeline_bucket, i);
		uint64_t v = *(const uint64_t *)((const char *)b + offset);
		if (!v)
			continue;
		if (!f->has_time) {
			f->has_time = true;
			f->first.sec = b->start_sec;
		}
		f->last.sec = b->start_sec + tl->bucket_seconds;
	}
	if (f->has_time && agg->capture.has_time) {
		if (f->first.sec < agg->capture.first.sec)
			f->first = agg->capture.first;
		if (f->last.sec > agg->capture.last.sec)
			f->last = agg->capture.last;
	}
}

static const rg_code_row *find_code(const rg_aggregate *agg, uint16_t rcode,
                                    int condition, uint64_t *total)
{
	const rg_code_row *first = NULL;
	*total = 0;
	for (guint i = 0; agg->codes && i < agg->codes->len; i++) {
		const rg_code_row *r =
		        &g_array_index(agg->codes, rg_code_row, i);
		/* LLMNR rows have their own entries, and their own
		 * findings through the anomalies. */
		if (r->rcode != rcode || r->source == RCX_SOURCE_TSIG ||
		    r->source == RCX_SOURCE_TKEY || r->llmnr)
			continue;
		if (condition >= 0 && (int)r->condition != condition)
			continue;
		*total += r->count;
		if (!first)
			first = r;
	}
	return first;
}

static void servers_with_code(rg_finding *f, const rg_aggregate *agg,
                              uint16_t rcode, int condition)
{
	for (guint i = 0; agg->servers && i < agg->servers->len; i++) {
		const rg_server_stats *s =
		        &g_array_index(agg->servers, rg_server_stats, i);
		if (s->port == RG_PORT_LLMNR)
			continue;
		uint64_t n = server_code_count(s, rcode, condition);
		if (n)
			add_server(f, s, n);
	}
}

static void names_with(rg_finding *f, const rg_aggregate *agg, uint16_t rcode,
                       int condition, uint16_t qtype)
{
	const GArray *items = agg->top_failing.items;
	for (guint i = 0; items && i < items->len; i++) {
		const rg_top_item *t = &g_array_index(items, rg_top_item, i);
		if (t->rcode != rcode || t->llmnr)
			continue;
		if (condition >= 0 && (int)t->condition != condition)
			continue;
		if (qtype && t->qtype != qtype)
			continue;
		if (t->qtype) {
			char tb[24];
			char *s = g_strdup_printf(
			        "%s %s", t->qname,
			        rg_qtype_name(t->qtype, tb, sizeof tb));
			add_subject(f, s);
			g_free(s);
		} else {
			add_subject(f, t->qname);
		}
	}
}

/* The word for a count: "1 response", "2 responses". */
static const char *noun(uint64_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

static uint64_t responses(const rg_aggregate *agg)
{
	return agg->totals.responses ? agg->totals.responses : 1;
}

/* A simple finding for one response code (all servers). */
static rg_finding *code_finding(const rg_aggregate *agg, const char *id,
                                uint16_t rcode, int condition,
                                const char *filter, size_t tl_offset)
{
	uint64_t n;
	const rg_code_row *row = find_code(agg, rcode, condition, &n);
	if (!row || !n)
		return NULL;
	const rcx_entry *e = rg_code_row_entry(row);
	rg_finding *f = finding_new(id, e, RCX_SEV_WARN);
	set_share(f, n, responses(agg));
	char lb[64];
	rg_code_row_label(row, lb, sizeof lb);
	f->title = g_strdup_printf("%s: %s", lb, e ? e->title : "");
	f->seen = g_strdup_printf(
	        "%" G_GUINT64_FORMAT " %s (%.1f %% of all responses) %s %s.", n,
	        noun(n, "response", "responses"), pct(n, agg->totals.responses),
	        noun(n, "was", "were"), lb);
	f->examples = row->examples;
	servers_with_code(f, agg, rcode, condition);
	names_with(f, agg, rcode, condition, 0);
	set_filter(f, filter, "src");
	if (tl_offset != (size_t)-1)
		time_range(f, agg, tl_offset);
	return f;
}

static bool has_code(const GArray *codes, uint16_t rcode, uint64_t *n)
{
	*n = 0;
	for (guint i = 0; codes && i < codes->len; i++) {
		const rg_code_count *c =
		        &g_array_index(codes, rg_code_count, i);
		if (c->rcode == rcode)
			*n += c->count;
	}
	return *n > 0;
}

/* The longest common parent (whole labels, at least two) of an EDE's
 * names, when the listed names account for every response with it. */
static char *common_zone(const rg_ede_row *r)
{
	if (!r->zones || !r->zones->len)
		return NULL;
	uint64_t covered = 0;
	for (guint i = 0; i < r->zones->len; i++)
		covered += g_array_index(r->zones, rg_ede_zone, i).count;
	if (covered != r->count)
		return NULL;
	char *common = NULL;
	for (guint i = 0; i < r->zones->len; i++) {
		const char *z = g_array_index(r->zones, rg_ede_zone, i).zone;
		if (!z || !*z)
			return g_free(common), NULL;
		char *name = g_ascii_strdown(z, -1);
		size_t l = strlen(name);
		if (l > 1 && name[l - 1] == '.')
			name[l - 1] = '\0';
		if (!common) {
			common = name;
			continue;
		}
		/* Keep the longest suffix of both that starts at a label. */
		size_t a = strlen(common), b = strlen(name), n = 0;
		while (n < a && n < b && common[a - 1 - n] == name[b - 1 - n])
			n++;
		while (n > 0 && !((n == a || common[a - 1 - n] == '.') &&
		                  (n == b || name[b - 1 - n] == '.')))
			n--;
		memmove(common, common + a - n, n + 1);
		g_free(name);
		if (!n)
			break;
	}
	if (common && !strchr(common, '.'))
		g_clear_pointer(&common, g_free);
	return common;
}

static void ede_findings(GPtrArray *out, const rg_aggregate *agg,
                         uint64_t *servfail_with_ede)
{
	*servfail_with_ede = 0;
	for (guint i = 0; agg->ede && i < agg->ede->len; i++) {
		const rg_ede_row *r = &g_array_index(agg->ede, rg_ede_row, i);
		const rcx_entry *e =
		        r->entry ? r->entry : rcx_ede_entry(r->info_code);
		uint64_t sf = 0;
		bool servfail = has_code(r->codes, 2, &sf);
		*servfail_with_ede += sf;
		bool dnssec = e->group == RCX_GROUP_SECURITY;
		rg_finding *f = finding_new(dnssec     ? "dnssec"
		                            : servfail ? "servfail_ede"
		                                       : "ede",
		                            e, RCX_SEV_NOTE);
		if (servfail || dnssec)
			f->severity = servfail ? RCX_SEV_ERROR : RCX_SEV_WARN;
		f->entry2 = servfail ? rcx_rcode_entry(2, RCX_CTX_RCODE) : NULL;
		set_share(f, r->count, responses(agg));
		f->title = g_strdup_printf("%sEDE %u %s",
		                           servfail ? "SERVFAIL with " : "",
		                           r->info_code, e->mnemonic);
		GString *seen = g_string_new(NULL);
		g_string_append_printf(
		        seen,
		        "%" G_GUINT64_FORMAT " %s (%.1f %% of all responses) "
		        "carried EDE %u (%s)",
		        r->count, noun(r->count, "response", "responses"),
		        pct(r->count, agg->totals.responses), r->info_code,
		        e->mnemonic);
		if (servfail)
			g_string_append_printf(seen,
			                       ", %" G_GUINT64_FORMAT
			                       " of them with SERVFAIL",
			                       sf);
		if (r->zones && r->zones->len) {
			const rg_ede_zone *z =
			        &g_array_index(r->zones, rg_ede_zone, 0);
			g_string_append_printf(seen, "; %.0f %% for %s",
			                       pct(z->count, r->count),
			                       z->zone);
		}
		g_string_append_c(seen, '.');
		f->seen = g_string_free(seen, FALSE);
		for (guint z = 0; r->zones && z < r->zones->len; z++) {
			const rg_ede_zone *ez =
			        &g_array_index(r->zones, rg_ede_zone, z);
			char *s = g_strdup_printf("%s (%" G_GUINT64_FORMAT ")",
			                          ez->zone, ez->count);
			add_subject(f, s);
			g_free(s);
		}
		for (guint t = 0; r->texts && t < r->texts->len; t++) {
			const rg_ede_text *et =
			        &g_array_index(r->texts, rg_ede_text, t);
			char *s =
			        g_strdup_printf("EXTRA-TEXT \"%s\"", et->text);
			add_subject(f, s);
			g_free(s);
		}
		f->zone = common_zone(r);
		f->examples = r->examples;
		if (r->servers && r->servers->len)
			g_array_append_vals(f->servers, r->servers->data,
			                    r->servers->len);
		char *base =
		        g_strdup_printf("rcodex.ede.code == %u", r->info_code);
		set_filter(f, base, "src");
		if (r->servers_untracked) { /* not all senders are listed */
			g_free(f->filter);
			f->filter = g_strdup(base);
		}
		g_free(base);
		if (servfail)
			time_range(
			        f, agg,
			        G_STRUCT_OFFSET(rg_timeline_bucket, servfail));
		g_ptr_array_add(out, f);
	}
}

/* Edit distance of two short strings (insertions, deletions,
 * substitutions and transpositions of neighbours: "mial" is one edit from
 * "mail"); 99 for long strings. */
static guint edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 255 || lb > 255)
		return 99;
	guint prev2[256], prev[256], cur[256];
	for (size_t j = 0; j <= lb; j++)
		prev[j] = (guint)j;
	memcpy(prev2, prev, sizeof prev2);
	for (size_t i = 1; i <= la; i++) {
		cur[0] = (guint)i;
		for (size_t j = 1; j <= lb; j++) {
			guint d = prev[j - 1] + (a[i - 1] != b[j - 1]);
			guint x = prev[j] + 1, y = cur[j - 1] + 1;
			cur[j] = MIN(d, MIN(x, y));
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1])
				cur[j] = MIN(cur[j], prev2[j - 2] + 1);
		}
		memcpy(prev2, prev, (lb + 1) * sizeof(guint));
		memcpy(prev, cur, (lb + 1) * sizeof(guint));
	}
	return prev[lb];
}

/* A subject that explains others (a likely typo, a search-list suffix):
 * listed before the plain names, which make room for it. */
static void add_hint(rg_finding *f, guint *hints, const char *s)
{
	for (guint i = 0; i < f->subjects->len; i++)
		if (strcmp(g_ptr_array_index(f->subjects, i), s) == 0)
			return;
	if (*hints >= MAX_SUBJECTS / 2)
		return;
	g_ptr_array_insert(f->subjects, (gint)*hints, g_strdup(s));
	(*hints)++;
	if (f->subjects->len > MAX_SUBJECTS)
		g_ptr_array_remove_index(f->subjects, f->subjects->len - 1);
}

static void nxdomain_hints(rg_finding *f, const rg_aggregate *agg)
{
	guint hints = 0;
	const GArray *fail = agg->top_failing.items;
	const GArray *all = agg->top_qnames.items;
	for (guint i = 0; fail && i < fail->len; i++) {
		const rg_top_item *t = &g_array_index(fail, rg_top_item, i);
		if (t->rcode != 3)
			continue;
		for (guint j = 0; all && j < all->len; j++) {
			const rg_top_item *q =
			        &g_array_index(all, rg_top_item, j);
			if (strcmp(q->qname, t->qname) == 0)
				continue;
			size_t lq = strlen(q->qname);
			char *hint = NULL;
			/* "www.example.com." + "corp.example." */
			if (lq > 1 && q->qname[lq - 1] == '.' &&
			    strncmp(t->qname, q->qname, lq) == 0)
				hint = g_strdup_printf("%s = %s + search-list "
				                       "suffix %s",
				                       t->qname, q->qname,
				                       t->qname + lq);
			else if (edit_distance(t->qname, q->qname) == 1)
				hint = g_strdup_printf(
				        "%s: likely a typo of %s", t->qname,
				        q->qname);
			if (hint) {
				add_hint(f, &hints, hint);
				g_free(hint);
				break;
			}
		}
	}
}

static void nxdomain_burst(rg_finding *f, const rg_aggregate *agg)
{
	const rg_timeline *tl = &agg->timeline;
	if (!tl->buckets || tl->buckets->len < 3)
		return;
	uint64_t max = 0, sum = 0;
	guint at = 0;
	for (guint i = 0; i < tl->buckets->len; i++) {
		uint64_t v = g_array_index(tl->buckets, rg_timeline_bucket, i)
		                     .nxdomain;
		sum += v;
		if (v > max) {
			max = v;
			at = i;
		}
	}
	double mean = (double)sum / tl->buckets->len;
	if (max >= 10 && (double)max > 5.0 * mean) {
		char tb[40];
		int64_t s = g_array_index(tl->buckets, rg_timeline_bucket, at)
		                    .start_sec;
		GDateTime *dt = g_date_time_new_from_unix_utc(s);
		char *when =
		        dt ? g_date_time_format(dt, "%Y-%m-%d %H:%M:%S") : NULL;
		g_snprintf(tb, sizeof tb, "%s UTC", when ? when : "?");
		g_free(when);
		if (dt)
			g_date_time_unref(dt);
		char *extra = g_strdup_printf(
		        "%s Burst: %" G_GUINT64_FORMAT
		        " in the %u s from %s (average %.1f per %u s).",
		        f->seen, max, tl->bucket_seconds, tb, mean,
		        tl->bucket_seconds);
		g_free(f->seen);
		f->seen = extra;
	}
}

static void nodata_detail(rg_finding *f, const rg_aggregate *agg)
{
	uint64_t aaaa = 0, mx = 0;
	const GArray *items = agg->top_failing.items;
	for (guint i = 0; items && i < items->len; i++) {
		const rg_top_item *t = &g_array_index(items, rg_top_item, i);
		if (t->rcode != 0 || t->condition != RCX_COND_NODATA)
			continue;
		if (t->qtype == 28)
			aaaa += t->count;
		if (t->qtype == 15)
			mx += t->count;
	}
	if (!aaaa && !mx)
		return;
	char *extra =
	        g_strdup_printf("%s Among the most frequent: %" G_GUINT64_FORMAT
	                        " for AAAA, %" G_GUINT64_FORMAT " for MX.",
	                        f->seen, aaaa, mx);
	g_free(f->seen);
	f->seen = extra;
}

/* Referrals are how authoritative servers answer resolvers (RD=0); one
 * that answers a query asking for recursion (RD=1) is a finding. */
static void referral_finding(GPtrArray *out, const rg_aggregate *agg)
{
	if (!agg->referrals_rd)
		return;
	const rcx_entry *e = rcx_condition_entry(RCX_COND_REFERRAL, false);
	rg_finding *f = finding_new("referral", e, RCX_SEV_WARN);
	f->severity = RCX_SEV_WARN;
	set_share(f, agg->referrals_rd, responses(agg));
	f->title = g_strdup_printf("Referral to a query that asked for "
	                           "recursion: %s",
	                           e->title);
	uint64_t all;
	find_code(agg, 0, RCX_COND_REFERRAL, &all);
	f->seen = g_strdup_printf(
	        "%" G_GUINT64_FORMAT " %s to queries with RD=1 %s "
	        "instead of answers (%" G_GUINT64_FORMAT " %s in all).",
	        agg->referrals_rd,
	        noun(agg->referrals_rd, "response", "responses"),
	        noun(agg->referrals_rd, "was a referral", "were referrals"),
	        all, noun(all, "referral", "referrals"));
	for (int i = 0; i < RG_MAX_REFERRAL_SERVERS; i++) {
		if (!agg->referral_rd_servers[i].count)
			break;
		rg_finding_server fs = {
		        .addr = agg->referral_rd_servers[i].addr,
		        .port = agg->referral_rd_servers[i].port,
		        .count = agg->referral_rd_servers[i].count};
		guint k = 0;
		while (k < f->servers->len &&
		       g_array_index(f->servers, rg_finding_server, k).count >=
		               fs.count)
			k++;
		g_array_insert_val(f->servers, k, fs);
	}
	f->examples = agg->referral_rd_examples;
	names_with(f, agg, 0, RCX_COND_REFERRAL, 0);
	set_filter(f,
	           "rcodex.condition == \"referral\" && "
	           "dns.flags.recdesired == 1",
	           "src");
	g_ptr_array_add(out, f);
}

static void per_server_refused(GPtrArray *out, const rg_aggregate *agg)
{
	uint64_t n;
	const rg_code_row *row = find_code(agg, 5, -1, &n);
	if (!row)
		return;
	const rcx_entry *e = rg_code_row_entry(row);
	for (guint i = 0; agg->servers && i < agg->servers->len; i++) {
		const rg_server_stats *s =
		        &g_array_index(agg->servers, rg_server_stats, i);
		uint64_t c = server_code_count(s, 5, -1);
		if (!c)
			continue;
		rg_finding *f = finding_new("refused", e, RCX_SEV_WARN);
		uint64_t base = s->responses ? s->responses : 1;
		set_share(f, c, base);
		f->impact = (double)c / (double)responses(agg);
		f->title = g_strdup_printf("REFUSED by a server: %s", e->title);
		f->seen = g_strdup_printf(
		        "%" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT
		        " %s (%.1f %%) from this server %s REFUSED.",
		        c, s->responses,
		        noun(s->responses, "response", "responses"),
		        pct(c, s->responses), noun(c, "was", "were"));
		add_server(f, s, c);
		f->examples = s->failed_examples;
		names_with(f, agg, 5, -1, 0);
		set_filter(f, "rcodex.rcode == 5", "src");
		time_range(f, agg,
		           G_STRUCT_OFFSET(rg_timeline_bucket, refused));
		g_ptr_array_add(out, f);
	}
}

static void tsig_findings(GPtrArray *out, const rg_aggregate *agg)
{
	for (guint i = 0; agg->tsig && i < agg->tsig->len; i++) {
		const rg_tsig_row *r =
		        &g_array_index(agg->tsig, rg_tsig_row, i);
		if (r->error == 0)
			continue;
		const rcx_entry *e =
		        r->entry ? r->entry
		                 : rcx_rcode_entry(r->error, RCX_CTX_TSIG);
		rg_finding *f = finding_new("tsig", e, RCX_SEV_ERROR);
		set_share(f, r->count, responses(agg));
		f->title =
		        g_strdup_printf("TSIG %s: %s", e->mnemonic, e->title);
		const char *key = r->key_name ? r->key_name : "";
		if (r->has_skew)
			f->seen = g_strdup_printf(
			        "%" G_GUINT64_FORMAT " %s signed with key %s "
			        "carried TSIG error %u (%s); measured clock "
			        "skew "
			        "(client minus server) %" G_GINT64_FORMAT
			        " s to %" G_GINT64_FORMAT " s.",
			        r->count,
			        noun(r->count, "response", "responses"), key,
			        r->error, e->mnemonic, r->skew_min,
			        r->skew_max);
		else
			f->seen = g_strdup_printf(
			        "%" G_GUINT64_FORMAT " %s signed with key %s "
			        "carried TSIG error %u (%s).",
			        r->count,
			        noun(r->count, "response", "responses"), key,
			        r->error, e->mnemonic);
		char *k = g_strdup_printf("key %s",
		                          r->key_name ? r->key_name : "");
		add_subject(f, k);
		g_free(k);
		f->examples = r->examples;
		char *base =
		        g_strdup_printf("rcodex.tsig.error == %u", r->error);
		set_filter(f, base, "src");
		g_free(base);
		g_ptr_array_add(out, f);
	}
}

static void followup_findings(GPtrArray *out, const rg_aggregate *agg)
{
	const rg_cookie_stats *c = &agg->cookies;
	if (c->badcookie_not_retried) {
		const rcx_entry *e = rcx_rcode_entry(23, RCX_CTX_RCODE);
		rg_finding *f =
		        finding_new("badcookie_no_retry", e, RCX_SEV_WARN);
		set_share(f, c->badcookie_not_retried, responses(agg));
		f->title = g_strdup_printf("BADCOOKIE without a retry: %s",
		                           e->title);
		f->seen = g_strdup_printf(
		        "%" G_GUINT64_FORMAT " BADCOOKIE %s; the client "
		        "asked again with the new server cookie after "
		        "%" G_GUINT64_FORMAT
		        " and did not after %" G_GUINT64_FORMAT ".",
		        c->badcookie,
		        noun(c->badcookie, "response", "responses"),
		        c->badcookie_retried, c->badcookie_not_retried);
		f->examples = c->not_retried_examples;
		servers_with_code(f, agg, 23, -1);
		set_filter(f, "rcodex.rcode == 23", "src");
		g_ptr_array_add(out, f);
	}
	const rg_truncation_stats *t = &agg->truncation;
	if (t->not_retried) {
		const rcx_entry *e =
		        rcx_condition_entry(RCX_COND_TRUNCATED, false);
		rg_finding *f = finding_new("tc_no_retry", e, RCX_SEV_WARN);
		set_share(f, t->not_retried, responses(agg));
		f->title = g_strdup_printf("TC=1 without a TCP retry: %s",
		                           e->title);
		f->seen = g_strdup_printf(
		        "%" G_GUINT64_FORMAT " truncated UDP %s; the client "
		        "retried over TCP after %" G_GUINT64_FORMAT
		        " and did not after %" G_GUINT64_FORMAT ".",
		        t->truncated,
		        noun(t->truncated, "response", "responses"),
		        t->retried_over_tcp, t->not_retried);
		f->examples = t->not_retried_examples;
		set_filter(f, "dns.flags.truncated == 1 && udp", "src");
		g_ptr_array_add(out, f);
	}
}

static void server_findings(GPtrArray *out, const rg_aggregate *agg)
{
	const rcx_entry *unans = rcx_registry_find("transaction.unanswered");
	const rcx_entry *slow = rcx_registry_find("transaction.slow");
	for (guint i = 0; agg->servers && i < agg->servers->len; i++) {
		const rg_server_stats *s =
		        &g_array_index(agg->servers, rg_server_stats, i);
		if (s->unanswered_timeout) {
			rg_finding *f =
			        finding_new("unanswered", unans, RCX_SEV_ERROR);
			uint64_t base = s->transactions ? s->transactions : 1;
			set_share(f, s->unanswered_timeout, base);
			f->impact = (double)s->unanswered_timeout /
			            (double)(agg->totals.transactions
			                             ? agg->totals.transactions
			                             : 1);
			f->title =
			        g_strdup("Queries to a server went unanswered");
			f->seen = g_strdup_printf(
			        "%" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT
			        " %s (%.1f %%) to this server got no "
			        "response "
			        "within %.1f s; %" G_GUINT64_FORMAT
			        " ICMP %s came back for queries to it.",
			        s->unanswered_timeout, s->transactions,
			        noun(s->transactions, "query", "queries"),
			        pct(s->unanswered_timeout, s->transactions),
			        agg->options.timeout_ns / 1e9, s->icmp_errors,
			        noun(s->icmp_errors, "error", "errors"));
			add_server(f, s, s->unanswered_timeout);
			f->examples = s->unanswered_examples;
			set_filter(
			        f,
			        "dns.flags.response == 0 && !dns.response_in",
			        "dst");
			time_range(f, agg,
			           G_STRUCT_OFFSET(rg_timeline_bucket,
			                           unanswered));
			g_ptr_array_add(out, f);
		}
		if (s->latency_summary.count >= 5 &&
		    s->latency_summary.p90_ns >= SLOW_P90_NS) {
			rg_finding *f =
			        finding_new("slow_server", slow, RCX_SEV_NOTE);
			set_share(f, s->latency_summary.count,
			          agg->totals.answered ? agg->totals.answered
			                               : 1);
			f->impact *= 0.5;
			f->title = g_strdup("A server answers slowly");
			f->seen = g_strdup_printf(
			        "Response time over %" G_GUINT64_FORMAT
			        " answered queries: median %.1f ms, 90th "
			        "percentile "
			        "%.1f ms, 99th percentile %.1f ms, maximum "
			        "%.1f ms.",
			        s->latency_summary.count,
			        s->latency_summary.p50_ns / 1e6,
			        s->latency_summary.p90_ns / 1e6,
			        s->latency_summary.p99_ns / 1e6,
			        s->latency_summary.max_ns / 1e6);
			add_server(f, s, s->latency_summary.count);
			char *base = g_strdup_printf("dns.time > %.3f",
			                             SLOW_P90_NS / 1e9);
			set_filter(f, base, "src");
			g_free(base);
			g_ptr_array_add(out, f);
		}
	}
	for (guint i = 0; agg->icmp && i < agg->icmp->len; i++) {
		const rg_icmp_row *r =
		        &g_array_index(agg->icmp, rg_icmp_row, i);
		rg_finding *f = finding_new(
		        "icmp", rcx_registry_find("transaction.icmp"),
		        RCX_SEV_ERROR);
		set_share(f, r->count,
		          agg->totals.transactions ? agg->totals.transactions
		                                   : 1);
		f->title = g_strdup_printf("ICMP %s for queries to a server",
		                           r->meaning ? r->meaning : "error");
		f->seen = g_strdup_printf(
		        "%" G_GUINT64_FORMAT " ICMP%s %s (type %u, code %u) "
		        "quoted queries to this server; %" G_GUINT64_FORMAT
		        " of them matched a query in the capture.",
		        r->count, r->v6 ? "v6" : "",
		        noun(r->count, "error", "errors"), r->type, r->code,
		        r->matched);
		rg_finding_server fs = {
		        .addr = r->server, .port = r->port, .count = r->count};
		g_array_append_val(f->servers, fs);
		f->examples = r->examples;
		set_filter(f, r->v6 ? "icmpv6 && dns" : "icmp && dns", "dst");
		g_ptr_array_add(out, f);
	}
}

/* A name Wireshark's dns.qry.name shows as it is, safe inside quotes. */
static bool plain_name(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!g_ascii_isalnum(*s) && *s != '.' && *s != '-' && *s != '_')
			return false;
	return true;
}

static void consistency_findings(GPtrArray *out, const rg_aggregate *agg)
{
	const rg_answer_consistency *ac = &agg->consistency;
	if (!ac->differing || !ac->rows || !ac->rows->len)
		return;
	rg_finding *f = finding_new(
	        "inconsistent", rcx_registry_find("transaction.inconsistent"),
	        RCX_SEV_NOTE);
	set_share(f, ac->differing, ac->questions ? ac->questions : 1);
	f->title = g_strdup(
	        "Different answers to the same question from one server");
	uint64_t responses = 0;
	for (guint i = 0; i < ac->rows->len; i++) {
		const rg_inconsistent_row *r =
		        &g_array_index(ac->rows, rg_inconsistent_row, i);
		responses += r->responses;
		char tb[24];
		char *s = g_strdup_printf(
		        "%s %s: %u different answers in %" G_GUINT64_FORMAT
		        " responses",
		        r->qname, rg_qtype_name(r->qtype, tb, sizeof tb),
		        r->variants, r->responses);
		add_subject(f, s);
		g_free(s);
		guint k = 0;
		while (k < f->servers->len &&
		       !(g_array_index(f->servers, rg_finding_server, k).port ==
		                 r->port &&
		         memcmp(&g_array_index(f->servers, rg_finding_server, k)
		                         .addr,
		                &r->server, sizeof r->server) == 0))
			k++;
		if (k < f->servers->len) {
			g_array_index(f->servers, rg_finding_server, k).count++;
		} else {
			rg_finding_server fs = {
			        .addr = r->server, .port = r->port, .count = 1};
			g_array_append_val(f->servers, fs);
		}
	}
	f->seen = g_strdup_printf(
	        "%" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT
	        " questions (name, type) asked of the same server address "
	        "more than once got different answers (%" G_GUINT64_FORMAT
	        " responses to them listed).",
	        ac->differing, ac->questions, responses);
	const rg_inconsistent_row *top =
	        &g_array_index(ac->rows, rg_inconsistent_row, 0);
	f->examples = top->examples;
	char *base;
	if (plain_name(top->qname))
		base = g_strdup_printf("dns.flags.response == 1 && "
		                       "dns.qry.name == \"%s\" && "
		                       "dns.qry.type == %u",
		                       top->qname, top->qtype);
	else
		base = rg_examples_filter(&top->examples);
	GArray *all = f->servers;
	/* The filter names the server of the first listed question. */
	f->servers = g_array_new(FALSE, TRUE, sizeof(rg_finding_server));
	rg_finding_server fs = {.addr = top->server, .port = top->port};
	g_array_append_val(f->servers, fs);
	set_filter(f, base ? base : "dns", "src");
	g_array_unref(f->servers);
	f->servers = all;
	g_free(base);
	g_ptr_array_add(out, f);
}

static void message_findings(GPtrArray *out, const rg_aggregate *agg)
{
	for (guint i = 0; agg->anomalies && i < agg->anomalies->len; i++) {
		const rg_anomaly_row *r =
		        &g_array_index(agg->anomalies, rg_anomaly_row, i);
		const rcx_entry *e =
		        r->entry ? r->entry : rcx_problem_entry(r->problem);
		bool malformed = e->group == RCX_GROUP_MALFORMED;
		rg_finding *f = finding_new(malformed ? "malformed" : "anomaly",
		                            e, RCX_SEV_NOTE);
		set_share(f, r->count,
		          agg->totals.messages ? agg->totals.messages : 1);
		f->title = g_strdup_printf("%s: %s", e->mnemonic, e->title);
		f->seen = g_strdup_printf(
		        "%" G_GUINT64_FORMAT " DNS %s (%.1f %%) showed this.",
		        r->count, noun(r->count, "message", "messages"),
		        pct(r->count, agg->totals.messages));
		f->examples = r->examples;
		char *base = g_strdup_printf("rcodex.anomaly contains \"%s\"",
		                             e->mnemonic);
		set_filter(f,
		           malformed ? "_ws.malformed || _ws.expert.severity "
		                       ">= warning && dns"
		                     : base,
		           "src");
		g_free(base);
		g_ptr_array_add(out, f);
	}
	if (agg->capture.ip_fragmented) {
		rg_finding *f = finding_new(
		        "fragmented",
		        rcx_registry_find("transport.ip_fragmented"),
		        RCX_SEV_NOTE);
		set_share(f, agg->capture.ip_fragmented,
		          agg->totals.messages ? agg->totals.messages : 1);
		f->title = g_strdup("DNS messages arrived in IP fragments");
		uint64_t n = agg->capture.ip_fragmented;
		f->seen = g_strdup_printf(
		        "%" G_GUINT64_FORMAT " DNS %s reassembled from "
		        "IP fragments; fragments are often "
		        "dropped by firewalls.",
		        n, noun(n, "message was", "messages were"));
		set_filter(f,
		           "dns && ip.flags.mf == 0 && ip.frag_offset > 0 || "
		           "dns && ipv6.fragment",
		           "src");
		g_ptr_array_add(out, f);
	}
	for (guint i = 0; agg->capture.damage && i < agg->capture.damage->len;
	     i++) {
		const rg_damage *d =
		        &g_array_index(agg->capture.damage, rg_damage, i);
		rg_finding *f = finding_new(
		        "damage", rcx_registry_find("capture.damaged"),
		        RCX_SEV_WARN);
		set_share(f, d->count,
		          agg->capture.packets ? agg->capture.packets : 1);
		f->impact *= 0.5;
		f->title =
		        g_strdup_printf("The capture is damaged: %s", d->kind);
		f->seen = g_strdup_printf("%" G_GUINT64_FORMAT " %s. %s",
		                          d->count,
		                          noun(d->count, "place", "places"),
		                          d->detail ? d->detail : "");
		f->examples = d->examples;
		set_filter(f, "_ws.malformed || _ws.expert.severity >= error",
		           "src");
		g_ptr_array_add(out, f);
	}
}

static gint finding_cmp(gconstpointer a, gconstpointer b)
{
	const rg_finding *x = *(rg_finding *const *)a;
	const rg_finding *y = *(rg_finding *const *)b;
	if (x->severity != y->severity)
		return x->severity > y->severity ? -1 : 1;
	if (x->impact != y->impact)
		return x->impact > y->impact ? -1 : 1;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->title, y->title);
}

GPtrArray *rg_findings_compute(const rg_aggregate *agg)
{
	GPtrArray *out =
	        g_ptr_array_new_with_free_func((GDestroyNotify)rg_finding_free);
	if (!agg)
		return out;
	uint64_t servfail_with_ede = 0;
	ede_findings(out, agg, &servfail_with_ede);

	uint64_t n;
	if (find_code(agg, 2, -1, &n) && n > servfail_with_ede) {
		rg_finding *f = code_finding(
		        agg, "servfail", 2, -1,
		        "rcodex.rcode == 2 && !rcodex.ede.code",
		        G_STRUCT_OFFSET(rg_timeline_bucket, servfail));
		if (f) {
			uint64_t without = n - servfail_with_ede;
			set_share(f, without, responses(agg));
			f->severity = RCX_SEV_ERROR;
			char *s = g_strdup_printf(
			        "%" G_GUINT64_FORMAT
			        " SERVFAIL %s (%.1f %% of all "
			        "responses) carried no Extended DNS Error; "
			        "%" G_GUINT64_FORMAT " did.",
			        without, noun(without, "response", "responses"),
			        pct(without, agg->totals.responses),
			        servfail_with_ede);
			g_free(f->seen);
			f->seen = s;
			g_ptr_array_add(out, f);
		}
	}
	per_server_refused(out, agg);

	rg_finding *f =
	        code_finding(agg, "nxdomain", 3, -1, "rcodex.rcode == 3",
	                     G_STRUCT_OFFSET(rg_timeline_bucket, nxdomain));
	if (f) {
		nxdomain_hints(f, agg);
		nxdomain_burst(f, agg);
		g_ptr_array_add(out, f);
	}
	f = code_finding(agg, "nodata", 0, RCX_COND_NODATA, "rcodex.nodata",
	                 G_STRUCT_OFFSET(rg_timeline_bucket, nodata));
	if (f) {
		nodata_detail(f, agg);
		g_ptr_array_add(out, f);
	}
	referral_finding(out, agg);

	static const struct {
		uint16_t rcode;
		const char *id;
	} simple[] = {{1, "formerr"}, {4, "notimp"}, {16, "badvers"}};
	for (size_t i = 0; i < G_N_ELEMENTS(simple); i++) {
		char *flt =
		        g_strdup_printf("rcodex.rcode == %u", simple[i].rcode);
		f = code_finding(
		        agg, simple[i].id, simple[i].rcode, -1, flt,
		        G_STRUCT_OFFSET(rg_timeline_bucket, other_errors));
		g_free(flt);
		if (f)
			g_ptr_array_add(out, f);
	}
	/* Every other error code that reached a response header. */
	for (guint i = 0; agg->codes && i < agg->codes->len; i++) {
		const rg_code_row *r =
		        &g_array_index(agg->codes, rg_code_row, i);
		if (r->rcode == 0 || r->rcode == 1 || r->rcode == 2 ||
		    r->rcode == 3 || r->rcode == 4 || r->rcode == 5 ||
		    r->rcode == 16 || r->rcode == 23 ||
		    r->source == RCX_SOURCE_TSIG ||
		    r->source == RCX_SOURCE_TKEY)
			continue;
		char id[32], flt[48];
		g_snprintf(id, sizeof id, "rcode_%u", r->rcode);
		g_snprintf(flt, sizeof flt, "rcodex.rcode == %u", r->rcode);
		f = code_finding(
		        agg, id, r->rcode, -1, flt,
		        G_STRUCT_OFFSET(rg_timeline_bucket, other_errors));
		if (f)
			g_ptr_array_add(out, f);
	}
	tsig_findings(out, agg);
	followup_findings(out, agg);
	server_findings(out, agg);
	consistency_findings(out, agg);
	message_findings(out, agg);
	g_ptr_array_sort(out, finding_cmp);
	return out;
}
