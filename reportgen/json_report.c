/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "json_report.h"

#include "findings.h"
#include "jsonl_report.h"

static void member_int(JsonBuilder *b, const char *name, gint64 v)
{
	json_builder_set_member_name(b, name);
	json_builder_add_int_value(b, v);
}

static void member_uint(JsonBuilder *b, const char *name, uint64_t v)
{
	json_builder_set_member_name(b, name);
	json_builder_add_int_value(b, v > G_MAXINT64 ? G_MAXINT64 : (gint64)v);
}

static void member_str(JsonBuilder *b, const char *name, const char *v)
{
	json_builder_set_member_name(b, name);
	if (v)
		json_builder_add_string_value(b, v);
	else
		json_builder_add_null_value(b);
}

static void member_bool(JsonBuilder *b, const char *name, bool v)
{
	json_builder_set_member_name(b, name);
	json_builder_add_boolean_value(b, v);
}

static void member_double(JsonBuilder *b, const char *name, double v)
{
	json_builder_set_member_name(b, name);
	json_builder_add_double_value(b, v);
}

static void member_time(JsonBuilder *b, const char *name, int64_t sec,
                        int32_t nsec)
{
	char buf[48];
	rg_time_iso8601(sec, nsec, buf, sizeof(buf));
	member_str(b, name, buf[0] ? buf : NULL);
}

/* "examples": [frames], "filter": "frame.number in {...}" */
static void member_examples(JsonBuilder *b, const rg_examples *ex)
{
	json_builder_set_member_name(b, "examples");
	json_builder_begin_array(b);
	for (unsigned i = 0; i < ex->n; i++)
		json_builder_add_int_value(b, (gint64)ex->frames[i]);
	json_builder_end_array(b);
	char *filter = rg_examples_filter(ex);
	member_str(b, "filter", filter);
	g_free(filter);
}

static void member_entry(JsonBuilder *b, const char *name, const rcx_entry *e)
{
	json_builder_set_member_name(b, name);
	if (!e) {
		json_builder_add_null_value(b);
		return;
	}
	json_builder_begin_object(b);
	member_str(b, "key", e->key);
	member_str(b, "mnemonic", e->mnemonic);
	member_str(b, "title", e->title);
	member_str(b, "reference", e->reference);
	json_builder_end_object(b);
}

static void code_fields(JsonBuilder *b, uint16_t rcode, rcx_rcode_source source,
                        rcx_condition condition, bool llmnr)
{
	char label[96];
	rg_code_row row = {.rcode = rcode,
	                   .source = source,
	                   .condition = condition,
	                   .llmnr = llmnr};
	member_int(b, "rcode", rcode);
	member_str(b, "rcode_source", rcx_source_name(source));
	member_str(b, "condition", rcx_condition_name(condition));
	member_str(b, "label", rg_code_row_label(&row, label, sizeof(label)));
}

/* "servers": [{"server": "addr:port", "count"}] from rg_server_count. */
static void add_server_counts(JsonBuilder *b, const GArray *servers)
{
	json_builder_set_member_name(b, "servers");
	json_builder_begin_array(b);
	for (guint j = 0; servers && j < servers->len; j++) {
		const rg_server_count *s =
		        &g_array_index(servers, rg_server_count, j);
		char buf[64];
		json_builder_begin_object(b);
		member_str(b, "server", rg_endpoint_to_text(&s->addr, s->port,
		                                            buf, sizeof buf));
		member_uint(b, "count", s->count);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
}

static void add_code_counts(JsonBuilder *b, const char *name,
                            const GArray *counts)
{
	json_builder_set_member_name(b, name);
	json_builder_begin_array(b);
	for (guint i = 0; i < counts->len; i++) {
		const rg_code_count *c =
		        &g_array_index(counts, rg_code_count, i);
		json_builder_begin_object(b);
		code_fields(b, c->rcode, c->source, c->condition, false);
		member_uint(b, "count", c->count);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
}

static void add_latency(JsonBuilder *b, const char *name,
                        const rg_latency_summary *s)
{
	json_builder_set_member_name(b, name);
	json_builder_begin_object(b);
	member_uint(b, "count", s->count);
	if (s->count) {
		member_double(b, "min_ms", (double)s->min_ns / 1e6);
		member_double(b, "p50_ms", (double)s->p50_ns / 1e6);
		member_double(b, "p90_ms", (double)s->p90_ns / 1e6);
		member_double(b, "p99_ms", (double)s->p99_ns / 1e6);
		member_double(b, "max_ms", (double)s->max_ns / 1e6);
		member_double(b, "mean_ms", s->mean_ns / 1e6);
	}
	json_builder_end_object(b);
}

static void add_capture(JsonBuilder *b, const rg_capture_facts *c)
{
	json_builder_set_member_name(b, "capture");
	json_builder_begin_object(b);
	json_builder_set_member_name(b, "files");
	json_builder_begin_array(b);
	for (guint i = 0; i < c->files->len; i++) {
		const rg_capture_file *f =
		        &g_array_index(c->files, rg_capture_file, i);
		json_builder_begin_object(b);
		member_str(b, "path", f->path);
		member_str(b, "sha256", f->sha256);
		member_str(b, "format", f->format);
		member_uint(b, "size", f->size);
		member_uint(b, "packets", f->packets);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	json_builder_set_member_name(b, "link_types");
	json_builder_begin_array(b);
	for (guint i = 0; i < c->link_types->len; i++) {
		const rg_link_type *l =
		        &g_array_index(c->link_types, rg_link_type, i);
		json_builder_begin_object(b);
		member_int(b, "encap", l->encap);
		member_str(b, "name", l->name);
		member_uint(b, "packets", l->packets);
		member_bool(b, "supported", l->supported);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	json_builder_set_member_name(b, "tunnels");
	json_builder_begin_array(b);
	for (guint i = 0; i < c->tunnels->len; i++) {
		const rg_tunnel_count *t =
		        &g_array_index(c->tunnels, rg_tunnel_count, i);
		json_builder_begin_object(b);
		member_str(b, "name", t->name);
		member_uint(b, "packets", t->packets);
		member_bool(b, "decoded", t->decoded);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	member_uint(b, "packets", c->packets);
	member_uint(b, "bytes", c->bytes);
	if (c->has_time) {
		member_time(b, "first", c->first.sec, c->first.nsec);
		member_time(b, "last", c->last.sec, c->last.nsec);
		double span = (double)(c->last.sec - c->first.sec) +
		              (double)(c->last.nsec - c->first.nsec) / 1e9;
		member_double(b, "duration_s", span);
	} else {
		member_str(b, "first", NULL);
		member_str(b, "last", NULL);
		member_str(b, "duration_s", NULL);
	}
	member_uint(b, "dns_messages", c->dns_messages);
	member_uint(b, "ip_fragmented", c->ip_fragmented);
	member_uint(b, "tcp_segmented", c->tcp_segmented);
	member_uint(b, "empty_udp", c->empty_udp);
	json_builder_set_member_name(b, "encrypted");
	json_builder_begin_object(b);
	member_uint(b, "dot_flows", c->encrypted_flows_dot);
	member_uint(b, "doq_flows", c->encrypted_flows_doq);
	json_builder_end_object(b);
	member_bool(b, "damaged", c->damaged);
	json_builder_set_member_name(b, "damage");
	json_builder_begin_array(b);
	for (guint i = 0; i < c->damage->len; i++) {
		const rg_damage *d = &g_array_index(c->damage, rg_damage, i);
		json_builder_begin_object(b);
		member_str(b, "kind", d->kind);
		member_str(b, "detail", d->detail);
		member_uint(b, "count", d->count);
		member_examples(b, &d->examples);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	json_builder_end_object(b);
}

static void add_totals(JsonBuilder *b, const rg_aggregate *agg)
{
	const rg_totals *t = &agg->totals;
	json_builder_set_member_name(b, "totals");
	json_builder_begin_object(b);
	member_uint(b, "messages", t->messages);
	member_uint(b, "queries", t->queries);
	member_uint(b, "responses", t->responses);
	member_uint(b, "icmp_quoted", t->icmp_quoted);
	member_uint(b, "unparsable", t->unparsable);
	member_uint(b, "multicast", t->multicast);
	member_uint(b, "transactions", t->transactions);
	member_uint(b, "answered", t->answered);
	member_uint(b, "late", t->late);
	member_uint(b, "unanswered",
	            t->unanswered_timeout + t->unanswered_capture_end +
	                    t->unanswered_icmp);
	member_uint(b, "unanswered_timeout", t->unanswered_timeout);
	member_uint(b, "unanswered_capture_end", t->unanswered_capture_end);
	member_uint(b, "unanswered_icmp", t->unanswered_icmp);
	member_uint(b, "unsolicited", t->unsolicited);
	member_uint(b, "retransmissions", t->retransmissions);
	member_uint(b, "id_reuse", t->id_reuse);
	member_uint(b, "failed", t->failed);
	member_uint(b, "udp", t->udp);
	member_uint(b, "tcp", t->tcp);
	member_uint(b, "ipv4", t->v4);
	member_uint(b, "ipv6", t->v6);
	json_builder_end_object(b);
}

static void add_codes(JsonBuilder *b, const rg_aggregate *agg)
{
	json_builder_set_member_name(b, "codes");
	json_builder_begin_array(b);
	for (guint i = 0; i < agg->codes->len; i++) {
		const rg_code_row *r =
		        &g_array_index(agg->codes, rg_code_row, i);
		json_builder_begin_object(b);
		code_fields(b, r->rcode, r->source, r->condition, r->llmnr);
		member_str(b, "protocol", r->llmnr ? "llmnr" : "dns");
		member_str(b, "rcode_name", r->rcode_entry->mnemonic);
		member_entry(b, "entry", rg_code_row_entry(r));
		member_uint(b, "count", r->count);
		member_examples(b, &r->examples);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
}

static void add_servers(JsonBuilder *b, const rg_aggregate *agg)
{
	json_builder_set_member_name(b, "servers");
	json_builder_begin_array(b);
	for (guint i = 0; i < agg->servers->len; i++) {
		const rg_server_stats *s =
		        &g_array_index(agg->servers, rg_server_stats, i);
		json_builder_begin_object(b);
		member_str(b, "server", s->text);
		member_uint(b, "queries", s->queries);
		member_uint(b, "transactions", s->transactions);
		member_uint(b, "answered", s->answered);
		member_uint(b, "unanswered_timeout", s->unanswered_timeout);
		member_uint(b, "unanswered_capture_end",
		            s->unanswered_capture_end);
		member_uint(b, "icmp_errors", s->icmp_errors);
		member_uint(b, "retransmissions", s->retransmissions);
		member_uint(b, "unsolicited", s->unsolicited);
		member_uint(b, "responses", s->responses);
		member_uint(b, "failed", s->failed);
		member_uint(b, "udp", s->udp);
		member_uint(b, "tcp", s->tcp);
		add_code_counts(b, "codes", s->codes);
		add_latency(b, "latency", &s->latency_summary);
		json_builder_set_member_name(b, "unanswered");
		json_builder_begin_object(b);
		member_examples(b, &s->unanswered_examples);
		json_builder_end_object(b);
		json_builder_set_member_name(b, "failures");
		json_builder_begin_object(b);
		member_examples(b, &s->failed_examples);
		json_builder_end_object(b);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	member_uint(b, "servers_untracked_transactions",
	            agg->servers_untracked);
}

static void add_clients(JsonBuilder *b, const rg_aggregate *agg)
{
	json_builder_set_member_name(b, "clients");
	json_builder_begin_array(b);
	for (guint i = 0; i < agg->clients->len; i++) {
		const rg_client_stats *c =
		        &g_array_index(agg->clients, rg_client_stats, i);
		json_builder_begin_object(b);
		member_str(b, "client", c->text);
		member_uint(b, "queries", c->queries);
		member_uint(b, "transactions", c->transactions);
		member_uint(b, "answered", c->answered);
		member_uint(b, "unanswered", c->unanswered);
		member_uint(b, "failed", c->failed);
		member_examples(b, &c->failed_examples);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	member_uint(b, "clients_untracked_transactions",
	            agg->clients_untracked);
}

static void add_top(JsonBuilder *b, const char *name, const rg_top_list *l,
                    bool with_type, bool with_code)
{
	char buf[32];
	json_builder_set_member_name(b, name);
	json_builder_begin_object(b);
	member_uint(b, "capacity", l->capacity);
	member_uint(b, "total", l->total);
	member_bool(b, "exact", l->exact);
	json_builder_set_member_name(b, "items");
	json_builder_begin_array(b);
	for (guint i = 0; i < l->items->len; i++) {
		const rg_top_item *it =
		        &g_array_index(l->items, rg_top_item, i);
		json_builder_begin_object(b);
		member_str(b, "qname", it->qname);
		if (with_type) {
			member_int(b, "qtype", it->qtype);
			member_str(b, "qtype_name",
			           rg_qtype_name(it->qtype, buf, sizeof(buf)));
		}
		if (with_code) {
			bool unanswered = it->condition == RCX_COND_QUERY;
			member_str(b, "status",
			           unanswered ? "unanswered" : "answered");
			if (!unanswered)
				code_fields(b, it->rcode, it->source,
				            it->condition, it->llmnr);
		}
		member_uint(b, "count", it->count);
		member_uint(b, "overcount", it->overcount);
		member_uint(b, "failed", it->failed);
		member_examples(b, &it->examples);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	json_builder_end_object(b);
}

static void add_timeline(JsonBuilder *b, const rg_timeline *tl)
{
	json_builder_set_member_name(b, "timeline");
	json_builder_begin_object(b);
	member_uint(b, "bucket_seconds", tl->bucket_seconds);
	if (tl->buckets->len)
		member_time(b, "origin", tl->origin_sec, 0);
	else
		member_str(b, "origin", NULL);
	json_builder_set_member_name(b, "buckets");
	json_builder_begin_array(b);
	for (guint i = 0; i < tl->buckets->len; i++) {
		const rg_timeline_bucket *k =
		        &g_array_index(tl->buckets, rg_timeline_bucket, i);
		json_builder_begin_object(b);
		member_time(b, "start", k->start_sec, 0);
		member_uint(b, "queries", k->queries);
		member_uint(b, "responses", k->responses);
		member_uint(b, "answer", k->answer);
		member_uint(b, "nodata", k->nodata);
		member_uint(b, "nxdomain", k->nxdomain);
		member_uint(b, "servfail", k->servfail);
		member_uint(b, "refused", k->refused);
		member_uint(b, "other_errors", k->other_errors);
		member_uint(b, "unanswered", k->unanswered);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	json_builder_end_object(b);
}

static void add_ede(JsonBuilder *b, const rg_aggregate *agg)
{
	json_builder_set_member_name(b, "ede");
	json_builder_begin_array(b);
	for (guint i = 0; i < agg->ede->len; i++) {
		const rg_ede_row *r = &g_array_index(agg->ede, rg_ede_row, i);
		json_builder_begin_object(b);
		member_int(b, "code", r->info_code);
		member_str(b, "name", r->entry->mnemonic);
		member_entry(b, "entry", r->entry);
		member_uint(b, "count", r->count);
		add_code_counts(b, "with_codes", r->codes);
		json_builder_set_member_name(b, "texts");
		json_builder_begin_array(b);
		for (guint j = 0; j < r->texts->len; j++) {
			const rg_ede_text *t =
			        &g_array_index(r->texts, rg_ede_text, j);
			json_builder_begin_object(b);
			member_str(b, "text", t->text);
			member_uint(b, "count", t->count);
			member_examples(b, &t->examples);
			json_builder_end_object(b);
		}
		json_builder_end_array(b);
		json_builder_set_member_name(b, "zones");
		json_builder_begin_array(b);
		for (guint j = 0; j < r->zones->len; j++) {
			const rg_ede_zone *z =
			        &g_array_index(r->zones, rg_ede_zone, j);
			json_builder_begin_object(b);
			member_str(b, "zone", z->zone);
			member_uint(b, "count", z->count);
			json_builder_end_object(b);
		}
		json_builder_end_array(b);
		add_server_counts(b, r->servers);
		member_uint(b, "servers_untracked", r->servers_untracked);
		member_examples(b, &r->examples);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	member_uint(b, "ede_untracked", agg->ede_untracked);
}

static void add_tsig(JsonBuilder *b, const rg_aggregate *agg)
{
	json_builder_set_member_name(b, "tsig");
	json_builder_begin_array(b);
	for (guint i = 0; i < agg->tsig->len; i++) {
		const rg_tsig_row *r =
		        &g_array_index(agg->tsig, rg_tsig_row, i);
		json_builder_begin_object(b);
		member_str(b, "key_name", r->key_name);
		member_int(b, "error", r->error);
		member_str(b, "error_name",
		           r->entry ? r->entry->mnemonic : NULL);
		member_uint(b, "count", r->count);
		if (r->has_skew) {
			member_int(b, "skew_min_s", r->skew_min);
			member_int(b, "skew_max_s", r->skew_max);
		}
		member_examples(b, &r->examples);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
}

static void add_followups(JsonBuilder *b, const rg_aggregate *agg)
{
	const rg_cookie_stats *c = &agg->cookies;
	json_builder_set_member_name(b, "cookies");
	json_builder_begin_object(b);
	member_uint(b, "queries_with_client_cookie",
	            c->queries_with_client_cookie);
	member_uint(b, "queries_with_server_cookie",
	            c->queries_with_server_cookie);
	member_uint(b, "responses_with_server_cookie",
	            c->responses_with_server_cookie);
	member_uint(b, "malformed", c->malformed);
	member_uint(b, "badcookie", c->badcookie);
	member_uint(b, "badcookie_retried", c->badcookie_retried);
	member_uint(b, "badcookie_not_retried", c->badcookie_not_retried);
	json_builder_set_member_name(b, "badcookie_frames");
	json_builder_begin_object(b);
	member_examples(b, &c->badcookie_examples);
	json_builder_end_object(b);
	json_builder_set_member_name(b, "retry_frames");
	json_builder_begin_object(b);
	member_examples(b, &c->retried_examples);
	json_builder_end_object(b);
	json_builder_set_member_name(b, "not_retried_frames");
	json_builder_begin_object(b);
	member_examples(b, &c->not_retried_examples);
	json_builder_end_object(b);
	json_builder_end_object(b);

	const rg_truncation_stats *t = &agg->truncation;
	json_builder_set_member_name(b, "truncation");
	json_builder_begin_object(b);
	member_uint(b, "truncated", t->truncated);
	member_uint(b, "retried_over_tcp", t->retried_over_tcp);
	member_uint(b, "not_retried", t->not_retried);
	json_builder_set_member_name(b, "truncated_frames");
	json_builder_begin_object(b);
	member_examples(b, &t->truncated_examples);
	json_builder_end_object(b);
	json_builder_set_member_name(b, "retry_frames");
	json_builder_begin_object(b);
	member_examples(b, &t->retried_examples);
	json_builder_end_object(b);
	json_builder_set_member_name(b, "not_retried_frames");
	json_builder_begin_object(b);
	member_examples(b, &t->not_retried_examples);
	json_builder_end_object(b);
	json_builder_end_object(b);
}

static void add_icmp(JsonBuilder *b, const rg_aggregate *agg)
{
	char buf[64];
	json_builder_set_member_name(b, "icmp");
	json_builder_begin_array(b);
	for (guint i = 0; i < agg->icmp->len; i++) {
		const rg_icmp_row *r =
		        &g_array_index(agg->icmp, rg_icmp_row, i);
		json_builder_begin_object(b);
		member_str(b, "server", r->server_text);
		member_int(b, "icmp_version", r->v6 ? 6 : 4);
		member_int(b, "type", r->type);
		member_int(b, "code", r->code);
		member_str(b, "meaning", r->meaning);
		member_str(b, "from",
		           rg_addr_to_text(&r->from, buf, sizeof(buf)));
		member_uint(b, "count", r->count);
		member_uint(b, "matched_queries", r->matched);
		member_examples(b, &r->examples);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
}

static void add_anomalies(JsonBuilder *b, const rg_aggregate *agg)
{
	json_builder_set_member_name(b, "anomalies");
	json_builder_begin_array(b);
	for (guint i = 0; i < agg->anomalies->len; i++) {
		const rg_anomaly_row *r =
		        &g_array_index(agg->anomalies, rg_anomaly_row, i);
		json_builder_begin_object(b);
		member_str(b, "key", r->entry->key);
		member_str(b, "name", r->entry->mnemonic);
		member_str(b, "title", r->entry->title);
		member_int(b, "severity", r->entry->severity);
		member_uint(b, "count", r->count);
		member_examples(b, &r->examples);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
}

static void add_events(JsonBuilder *b, const char *name, uint64_t count,
                       const rg_examples *ex)
{
	json_builder_set_member_name(b, name);
	json_builder_begin_object(b);
	member_uint(b, "count", count);
	member_examples(b, ex);
	json_builder_end_object(b);
}

static void member_strings(JsonBuilder *b, const char *name,
                           const char *const *v, size_t max)
{
	json_builder_set_member_name(b, name);
	json_builder_begin_array(b);
	for (size_t i = 0; v && i < max && v[i]; i++)
		json_builder_add_string_value(b, v[i]);
	json_builder_end_array(b);
}

/* The ranked findings, as the HTML report and the terminal summary show
 * them: the explanation and next steps are the registry entry's. */
static void add_findings(JsonBuilder *b, const rg_aggregate *agg)
{
	GPtrArray *findings = rg_findings_compute(agg);
	json_builder_set_member_name(b, "findings");
	json_builder_begin_array(b);
	for (guint i = 0; i < findings->len; i++) {
		const rg_finding *f = g_ptr_array_index(findings, i);
		json_builder_begin_object(b);
		member_str(b, "id", f->id);
		member_str(b, "severity", rg_severity_name(f->severity));
		member_double(b, "impact", f->impact);
		member_uint(b, "count", f->count);
		if (f->total)
			member_uint(b, "total", f->total);
		else
			member_str(b, "total", NULL);
		member_str(b, "title", f->title);
		member_str(b, "seen", f->seen);
		member_entry(b, "entry", f->entry);
		member_entry(b, "entry2", f->entry2);
		member_str(b, "explanation",
		           f->entry ? f->entry->explanation : NULL);
		member_strings(b, "next_steps",
		               f->entry ? f->entry->next_steps : NULL,
		               RCX_ENTRY_MAX_STEPS);
		json_builder_set_member_name(b, "subjects");
		json_builder_begin_array(b);
		for (guint j = 0; f->subjects && j < f->subjects->len; j++)
			json_builder_add_string_value(
			        b, g_ptr_array_index(f->subjects, j));
		json_builder_end_array(b);
		member_str(b, "zone", f->zone);
		if (f->has_time) {
			member_time(b, "first", f->first.sec, f->first.nsec);
			member_time(b, "last", f->last.sec, f->last.nsec);
		} else {
			member_str(b, "first", NULL);
			member_str(b, "last", NULL);
		}
		add_server_counts(b, f->servers);
		member_examples(b, &f->examples);
		json_builder_set_member_name(b, "wireshark_filter");
		json_builder_add_string_value(b, f->filter ? f->filter : "");
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	g_ptr_array_unref(findings);
}

JsonNode *rg_json_report_build(const rg_aggregate *agg)
{
	JsonBuilder *b = json_builder_new();
	json_builder_begin_object(b);
	member_int(b, "schema_version", RG_JSON_SCHEMA_VERSION);
	json_builder_set_member_name(b, "generator");
	json_builder_begin_object(b);
	member_str(b, "name", "rcreport");
	member_str(b, "version", rcx_version());
	json_builder_end_object(b);
	json_builder_set_member_name(b, "options");
	json_builder_begin_object(b);
	member_double(b, "timeout_s", (double)agg->options.timeout_ns / 1e9);
	member_uint(b, "top_n", agg->options.top_n);
	member_uint(b, "top_capacity", agg->options.top_capacity);
	json_builder_end_object(b);
	add_capture(b, &agg->capture);
	add_totals(b, agg);
	add_findings(b, agg);
	add_codes(b, agg);
	add_servers(b, agg);
	add_clients(b, agg);
	json_builder_set_member_name(b, "top");
	json_builder_begin_object(b);
	add_top(b, "qnames", &agg->top_qnames, false, false);
	add_top(b, "qname_qtype", &agg->top_qname_qtype, true, false);
	add_top(b, "failing", &agg->top_failing, true, true);
	json_builder_end_object(b);
	add_timeline(b, &agg->timeline);
	add_latency(b, "latency", &agg->latency_summary);
	add_ede(b, agg);
	add_tsig(b, agg);
	add_followups(b, agg);
	add_icmp(b, agg);
	add_anomalies(b, agg);
	add_events(b, "retransmissions", agg->totals.retransmissions,
	           &agg->retransmission_examples);
	add_events(b, "unsolicited", agg->totals.unsolicited,
	           &agg->unsolicited_examples);
	add_events(b, "late", agg->totals.late, &agg->late_examples);
	add_events(b, "id_reuse", agg->totals.id_reuse,
	           &agg->id_reuse_examples);
	json_builder_set_member_name(b, "failed_transactions");
	json_builder_begin_object(b);
	member_uint(b, "total", agg->totals.failed);
	member_uint(b, "listed", agg->failed->len);
	member_uint(b, "not_listed", agg->failed_dropped);
	json_builder_set_member_name(b, "items");
	json_builder_begin_array(b);
	for (guint i = 0; i < agg->failed->len; i++)
		rg_json_add_transaction(
		        b, &g_array_index(agg->failed, rg_transaction, i));
	json_builder_end_array(b);
	json_builder_end_object(b);
	json_builder_end_object(b);
	JsonNode *root = json_builder_get_root(b);
	g_object_unref(b);
	return root;
}

bool rg_json_report_write(const rg_aggregate *agg, FILE *out)
{
	JsonNode *root = rg_json_report_build(agg);
	JsonGenerator *gen = json_generator_new();
	json_generator_set_pretty(gen, TRUE);
	json_generator_set_indent(gen, 2);
	json_generator_set_root(gen, root);
	gsize length = 0;
	gchar *text = json_generator_to_data(gen, &length);
	bool ok = fwrite(text, 1, length, out) == length &&
	          fputc('\n', out) != EOF;
	g_free(text);
	g_object_unref(gen);
	json_node_unref(root);
	return ok;
}
