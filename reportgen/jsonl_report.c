/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "jsonl_report.h"

#include "aggregate.h"

struct rg_jsonl {
	FILE *out;
	JsonGenerator *gen;
	uint64_t count;
};

static void add_endpoint(JsonBuilder *b, const char *member, const rg_addr *a,
                         uint16_t port)
{
	char buf[80];
	json_builder_set_member_name(b, member);
	json_builder_add_string_value(
	        b, rg_endpoint_to_text(a, port, buf, sizeof(buf)));
}

static void add_frame(JsonBuilder *b, const char *member, uint64_t frame)
{
	json_builder_set_member_name(b, member);
	if (frame)
		json_builder_add_int_value(b, (gint64)frame);
	else
		json_builder_add_null_value(b);
}

static void add_time(JsonBuilder *b, const char *member, int64_t sec,
                     int32_t nsec)
{
	char buf[48];
	rg_time_iso8601(sec, nsec, buf, sizeof(buf));
	json_builder_set_member_name(b, member);
	if (buf[0])
		json_builder_add_string_value(b, buf);
	else
		json_builder_add_null_value(b);
}

static void add_cookie(JsonBuilder *b, const char *member, bool present,
                       bool client, bool server, bool valid)
{
	json_builder_set_member_name(b, member);
	if (!present) {
		json_builder_add_null_value(b);
		return;
	}
	json_builder_begin_object(b);
	json_builder_set_member_name(b, "client");
	json_builder_add_boolean_value(b, client);
	json_builder_set_member_name(b, "server");
	json_builder_add_boolean_value(b, server);
	json_builder_set_member_name(b, "valid");
	json_builder_add_boolean_value(b, valid);
	json_builder_end_object(b);
}

static void add_response_facts(JsonBuilder *b, const rg_transaction *t)
{
	json_builder_set_member_name(b, "rcode");
	json_builder_add_int_value(b, t->rcode);
	json_builder_set_member_name(b, "rcode_name");
	json_builder_add_string_value(b, t->rcode_entry->mnemonic);
	json_builder_set_member_name(b, "rcode_source");
	json_builder_add_string_value(b, rcx_source_name(t->rcode_source));
	json_builder_set_member_name(b, "condition");
	json_builder_add_string_value(b, rcx_condition_name(t->condition));
	json_builder_set_member_name(b, "ede");
	json_builder_begin_array(b);
	for (unsigned i = 0; i < t->n_ede; i++) {
		const rg_ede_fact *e = &t->ede[i];
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "code");
		json_builder_add_int_value(b, e->code);
		json_builder_set_member_name(b, "name");
		json_builder_add_string_value(b, e->entry->mnemonic);
		json_builder_set_member_name(b, "text");
		if (e->has_text)
			json_builder_add_string_value(b, e->text);
		else
			json_builder_add_null_value(b);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	json_builder_set_member_name(b, "tsig_error");
	if (t->tsig_present)
		json_builder_add_int_value(b, t->tsig_error);
	else
		json_builder_add_null_value(b);
	add_cookie(b, "cookie", t->cookie.present, t->cookie.client,
	           t->cookie.server, t->cookie.valid);
	json_builder_set_member_name(b, "latency_ms");
	if (t->latency_ns >= 0)
		json_builder_add_double_value(b, (double)t->latency_ns / 1e6);
	else
		json_builder_add_null_value(b);
}

static void add_no_response(JsonBuilder *b)
{
	static const char *const keys[] = {"rcode", "rcode_name",
	                                   "rcode_source", "condition"};
	for (size_t i = 0; i < G_N_ELEMENTS(keys); i++) {
		json_builder_set_member_name(b, keys[i]);
		json_builder_add_null_value(b);
	}
	json_builder_set_member_name(b, "ede");
	json_builder_begin_array(b);
	json_builder_end_array(b);
	json_builder_set_member_name(b, "tsig_error");
	json_builder_add_null_value(b);
	json_builder_set_member_name(b, "cookie");
	json_builder_add_null_value(b);
	json_builder_set_member_name(b, "latency_ms");
	json_builder_add_null_value(b);
}

static void add_extras(JsonBuilder *b, const rg_transaction *t)
{
	char buf[64];
	json_builder_set_member_name(b, "query_frames");
	json_builder_begin_array(b);
	for (unsigned i = 0; i < t->n_query_frames; i++)
		json_builder_add_int_value(b, (gint64)t->query_frames[i]);
	json_builder_end_array(b);
	json_builder_set_member_name(b, "retransmissions");
	json_builder_add_int_value(b, t->retransmissions);
	json_builder_set_member_name(b, "unanswered_reason");
	const char *reason = rg_unanswered_reason_name(t->unanswered_reason);
	if (reason)
		json_builder_add_string_value(b, reason);
	else
		json_builder_add_null_value(b);
	if (t->has_response)
		add_time(b, "response_time", t->response_sec, t->response_nsec);
	json_builder_set_member_name(b, "qtype_name");
	if (t->has_question)
		json_builder_add_string_value(
		        b, rg_qtype_name(t->qtype, buf, sizeof(buf)));
	else
		json_builder_add_null_value(b);
	json_builder_set_member_name(b, "qclass");
	if (t->has_question)
		json_builder_add_int_value(b, t->qclass);
	else
		json_builder_add_null_value(b);
	json_builder_set_member_name(b, "opcode");
	json_builder_add_int_value(b, t->opcode);
	if (t->has_response) {
		json_builder_set_member_name(b, "rcode_key");
		json_builder_add_string_value(b, t->rcode_entry->key);
		json_builder_set_member_name(b, "aa");
		json_builder_add_boolean_value(b, t->aa);
		json_builder_set_member_name(b, "tc");
		json_builder_add_boolean_value(b, t->tc);
		json_builder_set_member_name(b, "after_chain");
		json_builder_add_boolean_value(b, t->after_chain);
		if (t->zone[0]) {
			json_builder_set_member_name(b, "zone");
			json_builder_add_string_value(b, t->zone);
		}
		if (t->has_negative_ttl) {
			json_builder_set_member_name(b, "negative_ttl");
			json_builder_add_int_value(b, t->negative_ttl);
		}
	}
	if (t->tsig_present) {
		json_builder_set_member_name(b, "tsig_error_name");
		json_builder_add_string_value(
		        b, t->tsig_entry ? t->tsig_entry->mnemonic : "");
		json_builder_set_member_name(b, "tsig_key");
		json_builder_add_string_value(b, t->tsig_key);
		json_builder_set_member_name(b, "tsig_skew_s");
		if (t->has_tsig_skew)
			json_builder_add_int_value(b, t->tsig_skew);
		else
			json_builder_add_null_value(b);
	}
	if (t->has_question || t->query_frame)
		add_cookie(b, "query_cookie", t->query_cookie_present,
		           t->query_cookie_client, t->query_cookie_server,
		           t->query_cookie_valid);
	json_builder_set_member_name(b, "problems");
	json_builder_begin_array(b);
	for (unsigned i = 0; i < t->n_problems; i++)
		json_builder_add_string_value(
		        b, rcx_problem_entry((rcx_problem)t->problems[i])->key);
	json_builder_end_array(b);
	if (t->icmp) {
		json_builder_set_member_name(b, "icmp");
		json_builder_begin_object(b);
		add_frame(b, "frame", t->icmp_frame);
		json_builder_set_member_name(b, "version");
		json_builder_add_int_value(b, t->icmp_v6 ? 6 : 4);
		json_builder_set_member_name(b, "type");
		json_builder_add_int_value(b, t->icmp_type);
		json_builder_set_member_name(b, "code");
		json_builder_add_int_value(b, t->icmp_code);
		json_builder_set_member_name(b, "from");
		json_builder_add_string_value(
		        b, rg_addr_to_text(&t->icmp_from, buf, sizeof(buf)));
		json_builder_end_object(b);
	}
	if (t->ip_fragmented || t->tcp_segmented || t->snaplen_cut ||
	    t->id_reused) {
		static const char *const names[] = {"ip_fragmented",
		                                    "tcp_segmented",
		                                    "snaplen_cut", "id_reused"};
		const bool values[] = {t->ip_fragmented, t->tcp_segmented,
		                       t->snaplen_cut, t->id_reused};
		for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
			if (!values[i])
				continue;
			json_builder_set_member_name(b, names[i]);
			json_builder_add_boolean_value(b, true);
		}
	}
}

void rg_json_add_transaction(JsonBuilder *b, const rg_transaction *t)
{
	json_builder_begin_object(b);
	json_builder_set_member_name(b, "status");
	json_builder_add_string_value(b, rg_status_name(t->status));
	add_frame(b, "query_frame", t->query_frame);
	add_frame(b, "response_frame", t->response_frame);
	add_time(b, "time", t->query_sec, t->query_nsec);
	json_builder_set_member_name(b, "transport");
	json_builder_add_string_value(b, rg_transport_name(t->transport));
	add_endpoint(b, "client", &t->client, t->client_port);
	add_endpoint(b, "server", &t->server, t->server_port);
	json_builder_set_member_name(b, "id");
	json_builder_add_int_value(b, t->id);
	json_builder_set_member_name(b, "qname");
	if (t->has_question)
		json_builder_add_string_value(b, t->qname);
	else
		json_builder_add_null_value(b);
	json_builder_set_member_name(b, "qtype");
	if (t->has_question)
		json_builder_add_int_value(b, t->qtype);
	else
		json_builder_add_null_value(b);
	if (t->has_response)
		add_response_facts(b, t);
	else
		add_no_response(b);
	add_extras(b, t);
	json_builder_end_object(b);
}

rg_jsonl *rg_jsonl_new(FILE *out)
{
	rg_jsonl *j = g_new0(rg_jsonl, 1);
	j->out = out;
	j->gen = json_generator_new();
	json_generator_set_pretty(j->gen, FALSE);
	return j;
}

void rg_jsonl_write(const rg_transaction *t, void *user)
{
	rg_jsonl *j = user;
	JsonBuilder *b = json_builder_new_immutable();
	rg_json_add_transaction(b, t);
	JsonNode *root = json_builder_get_root(b);
	json_generator_set_root(j->gen, root);
	gsize length = 0;
	gchar *text = json_generator_to_data(j->gen, &length);
	fwrite(text, 1, length, j->out);
	fputc('\n', j->out);
	g_free(text);
	json_node_unref(root);
	g_object_unref(b);
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
	g_object_unref(j->gen);
	g_free(j);
}
