/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "jsonl_report.h"

#include <string.h>

#include "aggregate.h"

/*
 * The transaction object is described once, against a small sink
 * interface with two implementations: a JsonBuilder (for the JSON
 * document) and a direct line writer (for JSON Lines, where building a
 * json-glib tree per transaction would dominate the run time). Every
 * string that needs escaping is escaped by json-glib in both.
 */
typedef struct sink sink;
struct sink {
	void (*begin_object)(sink *s);
	void (*end_object)(sink *s);
	void (*begin_array)(sink *s);
	void (*end_array)(sink *s);
	void (*member)(sink *s, const char *name);
	void (*string)(sink *s, const char *value);
	void (*integer)(sink *s, int64_t value);
	void (*number)(sink *s, double value);
	void (*boolean)(sink *s, bool value);
	void (*null)(sink *s);
};

/* ---- the transaction object ---- */

static void put_string(sink *s, const char *name, const char *value)
{
	s->member(s, name);
	if (value)
		s->string(s, value);
	else
		s->null(s);
}

static void put_int(sink *s, const char *name, int64_t value)
{
	s->member(s, name);
	s->integer(s, value);
}

static void put_bool(sink *s, const char *name, bool value)
{
	s->member(s, name);
	s->boolean(s, value);
}

static void put_frame(sink *s, const char *name, uint64_t frame)
{
	s->member(s, name);
	if (frame)
		s->integer(s, (int64_t)frame);
	else
		s->null(s);
}

static void put_time(sink *s, const char *name, int64_t sec, int32_t nsec)
{
	char buf[48];
	rg_time_iso8601(sec, nsec, buf, sizeof(buf));
	put_string(s, name, buf[0] ? buf : NULL);
}

static void put_endpoint(sink *s, const char *name, const rg_addr *a,
                         uint16_t port)
{
	char buf[80];
	put_string(s, name, rg_endpoint_to_text(a, port, buf, sizeof(buf)));
}

static void put_cookie(sink *s, const char *name, bool present, bool client,
                       bool server, bool valid)
{
	s->member(s, name);
	if (!present) {
		s->null(s);
		return;
	}
	s->begin_object(s);
	put_bool(s, "client", client);
	put_bool(s, "server", server);
	put_bool(s, "valid", valid);
	s->end_object(s);
}

static void put_response_facts(sink *s, const rg_transaction *t)
{
	put_int(s, "rcode", t->rcode);
	put_string(s, "rcode_name", t->rcode_entry->mnemonic);
	put_string(s, "rcode_source", rcx_source_name(t->rcode_source));
	put_string(s, "condition", rcx_condition_name(t->condition));
	s->member(s, "ede");
	s->begin_array(s);
	for (unsigned i = 0; i < t->n_ede; i++) {
		const rg_ede_fact *e = &t->ede[i];
		s->begin_object(s);
		put_int(s, "code", e->code);
		put_string(s, "name", e->entry->mnemonic);
		put_string(s, "text", e->has_text ? e->text : NULL);
		s->end_object(s);
	}
	s->end_array(s);
	s->member(s, "tsig_error");
	if (t->tsig_present)
		s->integer(s, t->tsig_error);
	else
		s->null(s);
	put_cookie(s, "cookie", t->cookie.present, t->cookie.client,
	           t->cookie.server, t->cookie.valid);
	s->member(s, "latency_ms");
	if (t->latency_ns >= 0)
		s->number(s, (double)t->latency_ns / 1e6);
	else
		s->null(s);
}

static void put_no_response(sink *s)
{
	static const char *const keys[] = {"rcode", "rcode_name",
	                                   "rcode_source", "condition"};
	for (size_t i = 0; i < G_N_ELEMENTS(keys); i++)
		put_string(s, keys[i], NULL);
	s->member(s, "ede");
	s->begin_array(s);
	s->end_array(s);
	put_string(s, "tsig_error", NULL);
	put_string(s, "cookie", NULL);
	put_string(s, "latency_ms", NULL);
}

static void put_icmp(sink *s, const rg_transaction *t)
{
	char buf[64];
	s->member(s, "icmp");
	s->begin_object(s);
	put_frame(s, "frame", t->icmp_frame);
	put_int(s, "version", t->icmp_v6 ? 6 : 4);
	put_int(s, "type", t->icmp_type);
	put_int(s, "code", t->icmp_code);
	put_string(s, "from", rg_addr_to_text(&t->icmp_from, buf, sizeof(buf)));
	s->end_object(s);
}

static void put_extras(sink *s, const rg_transaction *t)
{
	char buf[64];
	s->member(s, "query_frames");
	s->begin_array(s);
	for (unsigned i = 0; i < t->n_query_frames; i++)
		s->integer(s, (int64_t)t->query_frames[i]);
	s->end_array(s);
	put_int(s, "retransmissions", t->retransmissions);
	if (t->late)
		put_bool(s, "late", true);
	put_string(s, "unanswered_reason",
	           rg_unanswered_reason_name(t->unanswered_reason));
	if (t->has_response)
		put_time(s, "response_time", t->response_sec, t->response_nsec);
	put_string(s, "qtype_name",
	           t->has_question ? rg_qtype_name(t->qtype, buf, sizeof(buf))
	                           : NULL);
	s->member(s, "qclass");
	if (t->has_question)
		s->integer(s, t->qclass);
	else
		s->null(s);
	put_int(s, "opcode", t->opcode);
	if (t->has_response) {
		put_string(s, "rcode_key", t->rcode_entry->key);
		put_bool(s, "aa", t->aa);
		put_bool(s, "tc", t->tc);
		put_bool(s, "after_chain", t->after_chain);
		if (t->zone[0])
			put_string(s, "zone", t->zone);
		if (t->has_negative_ttl)
			put_int(s, "negative_ttl", t->negative_ttl);
	}
	if (t->tsig_present) {
		put_string(s, "tsig_error_name",
		           t->tsig_entry ? t->tsig_entry->mnemonic : NULL);
		put_string(s, "tsig_key", t->tsig_key);
		s->member(s, "tsig_skew_s");
		if (t->has_tsig_skew)
			s->integer(s, t->tsig_skew);
		else
			s->null(s);
	}
	if (t->status != RG_STATUS_UNSOLICITED) {
		put_cookie(s, "query_cookie", t->query_cookie_present,
		           t->query_cookie_client, t->query_cookie_server,
		           t->query_cookie_valid);
		s->member(s, "query_tsig_error");
		if (t->query_tsig_present)
			s->integer(s, t->query_tsig_error);
		else
			s->null(s);
	}
	s->member(s, "problems");
	s->begin_array(s);
	for (unsigned i = 0; i < t->n_problems; i++)
		s->string(s,
		          rcx_problem_entry((rcx_problem)t->problems[i])->key);
	s->end_array(s);
	if (t->icmp)
		put_icmp(s, t);
	static const char *const flags[] = {"ip_fragmented", "tcp_segmented",
	                                    "snaplen_cut", "id_reused"};
	const bool values[] = {t->ip_fragmented, t->tcp_segmented,
	                       t->snaplen_cut, t->id_reused};
	for (size_t i = 0; i < G_N_ELEMENTS(flags); i++)
		if (values[i])
			put_bool(s, flags[i], true);
}

static void put_transaction(sink *s, const rg_transaction *t)
{
	s->begin_object(s);
	put_string(s, "status", rg_status_name(t->status));
	put_frame(s, "query_frame", t->query_frame);
	put_frame(s, "response_frame", t->response_frame);
	put_time(s, "time", t->query_sec, t->query_nsec);
	put_string(s, "transport", rg_transport_name(t->transport));
	put_endpoint(s, "client", &t->client, t->client_port);
	put_endpoint(s, "server", &t->server, t->server_port);
	put_int(s, "id", t->id);
	put_string(s, "qname", t->has_question ? t->qname : NULL);
	s->member(s, "qtype");
	if (t->has_question)
		s->integer(s, t->qtype);
	else
		s->null(s);
	if (t->has_response)
		put_response_facts(s, t);
	else
		put_no_response(s);
	put_extras(s, t);
	s->end_object(s);
}

/* ---- JsonBuilder sink ---- */

typedef struct {
	sink base;
	JsonBuilder *b;
} builder_sink;

#define BUILDER(s) (((builder_sink *)(s))->b)

static void b_begin_object(sink *s)
{
	json_builder_begin_object(BUILDER(s));
}
static void b_end_object(sink *s)
{
	json_builder_end_object(BUILDER(s));
}
static void b_begin_array(sink *s)
{
	json_builder_begin_array(BUILDER(s));
}
static void b_end_array(sink *s)
{
	json_builder_end_array(BUILDER(s));
}
static void b_member(sink *s, const char *name)
{
	json_builder_set_member_name(BUILDER(s), name);
}
static void b_string(sink *s, const char *v)
{
	json_builder_add_string_value(BUILDER(s), v);
}
static void b_integer(sink *s, int64_t v)
{
	json_builder_add_int_value(BUILDER(s), v);
}
static void b_number(sink *s, double v)
{
	json_builder_add_double_value(BUILDER(s), v);
}
static void b_boolean(sink *s, bool v)
{
	json_builder_add_boolean_value(BUILDER(s), v);
}
static void b_null(sink *s)
{
	json_builder_add_null_value(BUILDER(s));
}

void rg_json_add_transaction(JsonBuilder *b, const rg_transaction *t)
{
	builder_sink s = {{b_begin_object, b_end_object, b_begin_array,
	                   b_end_array, b_member, b_string, b_integer, b_number,
	                   b_boolean, b_null},
	                  b};
	put_transaction(&s.base, t);
}

/* ---- line sink ---- */

struct rg_jsonl {
	sink base;
	FILE *out;
	GString *line;
	bool need_comma; /* a value was written at this nesting level */
	JsonNode *node;  /* scratch string node for escaping */
	JsonGenerator *gen;
	uint64_t count;
};

static void l_sep(rg_jsonl *j)
{
	if (j->need_comma)
		g_string_append_c(j->line, ',');
	j->need_comma = true;
}

static void l_begin_object(sink *s)
{
	rg_jsonl *j = (rg_jsonl *)s;
	l_sep(j);
	g_string_append_c(j->line, '{');
	j->need_comma = false;
}
static void l_end_object(sink *s)
{
	rg_jsonl *j = (rg_jsonl *)s;
	g_string_append_c(j->line, '}');
	j->need_comma = true;
}
static void l_begin_array(sink *s)
{
	rg_jsonl *j = (rg_jsonl *)s;
	l_sep(j);
	g_string_append_c(j->line, '[');
	j->need_comma = false;
}
static void l_end_array(sink *s)
{
	rg_jsonl *j = (rg_jsonl *)s;
	g_string_append_c(j->line, ']');
	j->need_comma = true;
}

/* True when value can be written between quotes as it is: printable
 * ASCII without quote or backslash. Anything else goes to json-glib. */
static bool plain_ascii(const char *value)
{
	for (const unsigned char *p = (const unsigned char *)value; *p; p++)
		if (*p < 0x20 || *p > 0x7E || *p == '"' || *p == '\\')
			return false;
	return true;
}

static void l_quoted(rg_jsonl *j, const char *value)
{
	if (plain_ascii(value)) {
		g_string_append_c(j->line, '"');
		g_string_append(j->line, value);
		g_string_append_c(j->line, '"');
		return;
	}
	json_node_set_string(j->node, value);
	json_generator_set_root(j->gen, j->node);
	gsize length = 0;
	gchar *text = json_generator_to_data(j->gen, &length);
	g_string_append_len(j->line, text, (gssize)length);
	g_free(text);
}

static void l_member(sink *s, const char *name)
{
	rg_jsonl *j = (rg_jsonl *)s;
	l_sep(j);
	l_quoted(j, name);
	g_string_append_c(j->line, ':');
	j->need_comma = false;
}
static void l_string(sink *s, const char *v)
{
	rg_jsonl *j = (rg_jsonl *)s;
	l_sep(j);
	l_quoted(j, v);
}
static void l_integer(sink *s, int64_t v)
{
	rg_jsonl *j = (rg_jsonl *)s;
	l_sep(j);
	g_string_append_printf(j->line, "%" G_GINT64_FORMAT, v);
}
static void l_number(sink *s, double v)
{
	rg_jsonl *j = (rg_jsonl *)s;
	char buf[G_ASCII_DTOSTR_BUF_SIZE];
	l_sep(j);
	g_ascii_dtostr(buf, sizeof(buf), v);
	g_string_append(j->line, buf);
	/* Keep numbers typed as numbers with a fraction, as json-glib
	 * writes them. */
	if (!strpbrk(buf, ".eEn"))
		g_string_append(j->line, ".0");
}
static void l_boolean(sink *s, bool v)
{
	rg_jsonl *j = (rg_jsonl *)s;
	l_sep(j);
	g_string_append(j->line, v ? "true" : "false");
}
static void l_null(sink *s)
{
	rg_jsonl *j = (rg_jsonl *)s;
	l_sep(j);
	g_string_append(j->line, "null");
}

rg_jsonl *rg_jsonl_new(FILE *out)
{
	rg_jsonl *j = g_new0(rg_jsonl, 1);
	j->base =
	        (sink){l_begin_object, l_end_object, l_begin_array, l_end_array,
	               l_member,       l_string,     l_integer,     l_number,
	               l_boolean,      l_null};
	j->out = out;
	j->line = g_string_sized_new(1024);
	j->node = json_node_new(JSON_NODE_VALUE);
	j->gen = json_generator_new();
	return j;
}

void rg_jsonl_write(const rg_transaction *t, void *user)
{
	rg_jsonl *j = user;
	g_string_truncate(j->line, 0);
	j->need_comma = false;
	put_transaction(&j->base, t);
	g_string_append_c(j->line, '\n');
	fwrite(j->line->str, 1, j->line->len, j->out);
	j->count++;
}

uint64_t rg_jsonl_count(const rg_jsonl *j)
{
	return j->count;
}

void rg_jsonl_free(rg_jsonl *j)
{
	if (!j)
		return;
	g_string_free(j->line, TRUE);
	json_node_unref(j->node);
	g_object_unref(j->gen);
	g_free(j);
}
