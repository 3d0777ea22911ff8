/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * rcodex postdissector: every DNS, mDNS and LLMNR message in a frame gets an
 * "RCODE analysis" subtree computed by the core.
 *
 * On the first pass the postdissector asks for the dns/mdns/llmnr protocol
 * items (and dns.length, dns.response_to and the ICMP protocols, to know
 * the framing, the matched query and whether a message is quoted inside an
 * ICMP error). It copies each message into file scope so that later passes
 * (refiltering, two-pass tshark, the GUI's packet details) can render the
 * analysis again without those fields. Nothing here decides what a code
 * means: names, explanations and advice come from the core's registry.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <epan/expert.h>
#include <epan/packet.h>
#include <epan/prefs.h>
#include <epan/proto.h>
#include <epan/proto_data.h>
#include <epan/tap.h>
#include <epan/unit_strings.h>

#include "epan_compat.h"
#include "packet-rcodex.h"
#include "report_menu.h"

#define MAX_PDUS_PER_FRAME 256

enum {
	PDU_TCP = 0x01,    /* two-octet length prefix (RFC 1035 §4.2.2) */
	PDU_QUOTED = 0x02, /* inside an ICMP/ICMPv6 error */
	PDU_MDNS = 0x04,
	PDU_LLMNR = 0x08,
};

enum { KIND_DNS, KIND_MDNS, KIND_LLMNR, KIND_COUNT };

typedef struct {
	const uint8_t *wire; /* the message, without a TCP length prefix */
	uint32_t length;
	uint32_t query_frame; /* frame of the matched query, 0 when none */
	uint8_t flags;
	uint8_t kind;
} pdu_rec;

typedef struct {
	uint32_t n;
	pdu_rec pdu[];
} frame_rec;

static int proto_rcodex = -1;
static int proto_dns_ids[KIND_COUNT] = {-1, -1, -1};
static int hf_dns_length_id = -1;
static int hf_dns_response_to_id = -1;
static int hf_dns_flags_id = -1;
static int hf_dns_flags_rcode_id = -1;
static int proto_icmp_id = -1;
static int proto_icmpv6_id = -1;

static int hf_summary = -1;
static int hf_rcode = -1;
static int hf_rcode_name = -1;
static int hf_rcode_source = -1;
static int hf_rcode_header = -1;
static int hf_rcode_ext = -1;
static int hf_rcode_note = -1;
static int hf_meaning = -1;
static int hf_explanation = -1;
static int hf_reference = -1;
static int hf_condition = -1;
static int hf_condition_meaning = -1;
static int hf_after_chain = -1;
static int hf_chain_length = -1;
static int hf_nodata = -1;
static int hf_negative_ttl = -1;
static int hf_ede_code = -1;
static int hf_ede_name = -1;
static int hf_ede_text = -1;
static int hf_ede_meaning = -1;
static int hf_tsig_error = -1;
static int hf_tsig_error_name = -1;
static int hf_tsig_skew = -1;
static int hf_tkey_error = -1;
static int hf_cookie_client = -1;
static int hf_cookie_server = -1;
static int hf_cookie_valid = -1;
static int hf_cookie_query_client = -1;
static int hf_cookie_retry = -1;
static int hf_anomaly = -1;
static int hf_anomaly_offset = -1;
static int hf_advice = -1;
static int hf_query_frame = -1;
static int hf_quoted = -1;
static int hf_severity = -1;

static gint ett_rcodex = -1;
static gint ett_rcode_note = -1;
static gint ett_ede = -1;
static gint ett_tsig = -1;
static gint ett_cookie = -1;
static gint ett_anomalies = -1;
static gint ett_advice = -1;
static gint ett_meaning = -1;

/* One expert field per registry entry, indexed like the registry. */
static expert_field *ei_entries;
static size_t ei_count;

static int rcodex_tap = -1;
static int expert_tap = -1;
static dissector_handle_t rcodex_handle;
static wmem_map_t *query_frames; /* frame number -> frame_rec (queries) */

static rcodex_pref_bool pref_in_dns_tree = true;
static rcodex_pref_bool pref_info_tags = true;

/* ---- registry to Wireshark ---- */

static int expert_severity(rcx_severity s)
{
	switch (s) {
	case RCX_SEV_NONE:
	case RCX_SEV_CHAT:
		return PI_CHAT;
	case RCX_SEV_NOTE:
		return PI_NOTE;
	case RCX_SEV_WARN:
		return PI_WARN;
	case RCX_SEV_ERROR:
		return PI_ERROR;
	}
	return PI_NOTE;
}

static int expert_group(rcx_group g)
{
	switch (g) {
	case RCX_GROUP_RESPONSE_CODE:
		return PI_RESPONSE_CODE;
	case RCX_GROUP_SECURITY:
		return PI_SECURITY;
	case RCX_GROUP_PROTOCOL:
		return PI_PROTOCOL;
	case RCX_GROUP_MALFORMED:
		return PI_MALFORMED;
	}
	return PI_PROTOCOL;
}

static const char *severity_name(rcx_severity s)
{
	static const char *const names[] = {"none", "chat", "note", "warning",
	                                    "error"};
	return (unsigned)s < G_N_ELEMENTS(names) ? names[s] : "unknown";
}

static expert_field *entry_expert(const rcx_entry *e)
{
	const rcx_entry *first = rcx_registry_at(0);

	if (!e || !first || e < first || (size_t)(e - first) >= ei_count)
		return NULL;
	return &ei_entries[e - first];
}

/* Set per frame: the tree is shown or someone listens to expert infos. */
static bool experts_shown;

static void add_expert(packet_info *pinfo, proto_item *item,
                       const rcx_entry *e, const char *fmt, ...)
        G_GNUC_PRINTF(4, 5);

static void add_expert(packet_info *pinfo, proto_item *item,
                       const rcx_entry *e, const char *fmt, ...)
{
	expert_field *ei = entry_expert(e);
	char text[ITEM_LABEL_LENGTH];
	va_list ap;

	if (!ei || e->severity == RCX_SEV_NONE)
		return;
	/* Formatting is the cost: skip it when nobody can see the result
	 * (an expert field used in a filter is referenced). */
	if (!experts_shown && !proto_field_is_referenced(item, ei->hf))
		return;
	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	expert_add_info_format(pinfo, item, ei, "%s", text);
}

/* ---- first pass: find and keep the messages ---- */

static GPtrArray *finfos(proto_tree *tree, int id)
{
	return id >= 0 ? proto_get_finfo_ptr_array(tree, id) : NULL;
}

static bool covers(const field_info *outer, const field_info *inner)
{
	return outer->ds_tvb == inner->ds_tvb && outer->start <= inner->start &&
	       inner->start < outer->start + MAX(outer->length, 1);
}

static bool quoted_in(GPtrArray *icmp, const field_info *dns)
{
	for (guint i = 0; icmp && i < icmp->len; i++)
		if (covers(g_ptr_array_index(icmp, i), dns))
			return true;
	return false;
}

static bool has_length_prefix(GPtrArray *lengths, const field_info *dns)
{
	for (guint i = 0; lengths && i < lengths->len; i++) {
		const field_info *fi = g_ptr_array_index(lengths, i);
		if (fi->ds_tvb == dns->ds_tvb && fi->start == dns->start)
			return true;
	}
	return false;
}

static uint32_t response_to(GPtrArray *resp, const field_info *dns)
{
	for (guint i = 0; resp && i < resp->len; i++) {
		field_info *fi = g_ptr_array_index(resp, i);
		if (covers(dns, fi))
			return rcodex_field_uint(fi);
	}
	return 0;
}

static frame_rec *collect(proto_tree *tree)
{
	GPtrArray *found[KIND_COUNT];
	guint total = 0;

	if (!tree)
		return NULL;
	for (int k = 0; k < KIND_COUNT; k++) {
		found[k] = finfos(tree, proto_dns_ids[k]);
		total += found[k] ? found[k]->len : 0;
	}
	if (total == 0)
		return NULL;
	total = MIN(total, MAX_PDUS_PER_FRAME);

	GPtrArray *icmp = finfos(tree, proto_icmp_id);
	GPtrArray *icmpv6 = finfos(tree, proto_icmpv6_id);
	GPtrArray *lengths = finfos(tree, hf_dns_length_id);
	GPtrArray *resp = finfos(tree, hf_dns_response_to_id);
	frame_rec *rec = wmem_alloc0(wmem_file_scope(),
	                             sizeof(*rec) + total * sizeof(pdu_rec));

	for (int k = 0; k < KIND_COUNT; k++) {
		for (guint i = 0; found[k] && i < found[k]->len; i++) {
			if (rec->n == total)
				break;
			const field_info *fi = g_ptr_array_index(found[k], i);
			pdu_rec *p = &rec->pdu[rec->n];
			gint avail;
			guint32 skip = 0;

			if (!fi->ds_tvb || fi->start < 0)
				continue;
			avail = tvb_captured_length_remaining(fi->ds_tvb,
			                                      fi->start);
			if (avail <= 0)
				continue;
			avail = MIN(avail, MAX(fi->length, 0));
			p->kind = (uint8_t)k;
			p->flags = k == KIND_MDNS    ? PDU_MDNS
			           : k == KIND_LLMNR ? PDU_LLMNR
			                             : 0;
			if (quoted_in(icmp, fi) || quoted_in(icmpv6, fi))
				p->flags |= PDU_QUOTED;
			if (has_length_prefix(lengths, fi)) {
				p->flags |= PDU_TCP;
				skip = 2;
			}
			if ((guint32)avail < skip)
				skip = (guint32)avail;
			p->length = (uint32_t)avail - skip;
			p->wire = p->length ? tvb_memdup(wmem_file_scope(),
			                                 fi->ds_tvb,
			                                 fi->start + (gint)skip,
			                                 p->length)
			                    : NULL;
			p->query_frame = response_to(resp, fi);
			rec->n++;
		}
	}
	return rec->n ? rec : NULL;
}

static bool rec_has_query(const frame_rec *rec)
{
	for (uint32_t i = 0; i < rec->n; i++) {
		const pdu_rec *p = &rec->pdu[i];
		if (p->length >= 3 && !(p->wire[2] & 0x80) &&
		    !(p->flags & PDU_QUOTED))
			return true;
	}
	return false;
}

/* The query a response answers: same frame as Wireshark matched, same ID. */
static const pdu_rec *find_query(const pdu_rec *resp)
{
	const frame_rec *qrec;

	if (!resp->query_frame || resp->length < 2)
		return NULL;
	qrec = wmem_map_lookup(query_frames,
	                       GUINT_TO_POINTER(resp->query_frame));
	if (!qrec)
		return NULL;
	for (uint32_t i = 0; i < qrec->n; i++) {
		const pdu_rec *q = &qrec->pdu[i];
		if (q->length >= 3 && !(q->flags & PDU_QUOTED) &&
		    !(q->wire[2] & 0x80) && q->wire[0] == resp->wire[0] &&
		    q->wire[1] == resp->wire[1])
			return q;
	}
	return NULL;
}

/* ---- later passes: where the DNS items are in a visible tree ---- */

typedef struct {
	proto_node *nodes[KIND_COUNT][MAX_PDUS_PER_FRAME];
	guint n[KIND_COUNT];
} dns_nodes;

static void find_dns_nodes(proto_node *node, gpointer data)
{
	dns_nodes *dn = data;
	field_info *fi = PNODE_FINFO(node);

	if (!fi || !fi->hfinfo)
		return;
	for (int k = 0; k < KIND_COUNT; k++) {
		if (fi->hfinfo->id == proto_dns_ids[k]) {
			if (dn->n[k] < MAX_PDUS_PER_FRAME)
				dn->nodes[k][dn->n[k]++] = node;
			return;
		}
	}
	/* DNS quoted in ICMP sits inside the ICMP protocol's subtree. */
	if (fi->hfinfo->type == FT_PROTOCOL)
		proto_tree_children_foreach(node, find_dns_nodes, data);
}

typedef struct {
	int id;
	proto_node *found;
} child_search;

static void find_child(proto_node *node, gpointer data)
{
	child_search *cs = data;
	field_info *fi = PNODE_FINFO(node);

	if (!cs->found && fi && fi->hfinfo && fi->hfinfo->id == cs->id)
		cs->found = node;
}

static proto_node *child_with_id(proto_node *parent, int id)
{
	child_search cs = {id, NULL};

	if (parent && id >= 0)
		proto_tree_children_foreach(parent, find_child, &cs);
	return cs.found;
}

/* ---- rendering ---- */

/* Bytes that items point at: the message in its data source, when known. */
typedef struct {
	tvbuff_t *tvb;
	gint base;
	bool bytes;
	uint32_t length;
} span_ctx;

static proto_item *gen(proto_item *item)
{
	proto_item_set_generated(item);
	return item;
}

static void span(const span_ctx *sc, uint32_t off, uint32_t len, gint *start,
                 gint *length)
{
	if (!sc->bytes || off >= sc->length) {
		*start = 0;
		*length = 0;
		return;
	}
	*start = sc->base + (gint)off;
	*length = (gint)MIN(len, sc->length - off);
}

static char *capture_text(wmem_allocator_t *pool, const uint8_t *p,
                          uint32_t len)
{
	/* EXTRA-TEXT should be UTF-8 (RFC 8914 §2) but is whatever was sent. */
	gchar *valid = g_utf8_make_valid((const gchar *)p, (gssize)len);
	char *out = wmem_strdup(pool, valid);
	g_free(valid);
	return out;
}

static void add_entry_text(proto_tree *tree, tvbuff_t *tvb,
                           const rcx_entry *e)
{
	if (!e)
		return;
	gen(proto_tree_add_string(tree, hf_explanation, tvb, 0, 0,
	                          e->explanation));
	gen(proto_tree_add_string(tree, hf_reference, tvb, 0, 0,
	                          e->reference));
}

static void render_query_facts(proto_tree *st, tvbuff_t *tvb,
                               const pdu_rec *q, const rcx_message *qmsg,
                               uint32_t frame)
{
	char facts[160];
	size_t n = 0;

	if (qmsg->opt.present)
		n += (size_t)snprintf(facts + n, sizeof(facts) - n,
		                      "EDNS version %u, UDP size %u%s",
		                      qmsg->opt.version, qmsg->opt.udp_size,
		                      qmsg->opt.do_bit ? ", DO" : "");
	else
		n += (size_t)snprintf(facts + n, sizeof(facts) - n, "no EDNS");
	if (n < sizeof(facts) && qmsg->opt.cookie.present)
		n += (size_t)snprintf(facts + n, sizeof(facts) - n, ", %s",
		                      qmsg->opt.cookie.server_length
		                              ? "client and server cookie"
		                              : "client cookie only");
	if (n < sizeof(facts) && qmsg->tsig.present)
		snprintf(facts + n, sizeof(facts) - n, ", TSIG-signed");
	(void)q;
	gen(proto_tree_add_uint_format_value(st, hf_query_frame, tvb, 0, 0,
	                                     frame, "%u (%s)", frame, facts));
}

static void render_ede(proto_tree *st, packet_info *pinfo,
                       const span_ctx *sc, const rcx_message *msg,
                       const rcx_diagnosis *d)
{
	for (uint8_t i = 0; i < d->n_ede; i++) {
		const rcx_ede *x = &msg->opt.ede[i];
		const rcx_entry *e = d->ede_entries[i];
		gint s, l;
		char *text = x->text_length
		                     ? capture_text(pinfo->pool,
		                                    msg->wire + x->text_offset,
		                                    x->text_length)
		                     : NULL;
		/* The option starts 4 octets (INFO-CODE + its header) before
		 * the text. */
		span(sc, x->text_offset >= 6 ? x->text_offset - 6 : 0,
		     (uint32_t)x->text_length + 6, &s, &l);
		proto_item *ti;
		proto_tree *et = proto_tree_add_subtree_format(
		        st, sc->tvb, s, l, ett_ede, &ti,
		        "Extended DNS Error %u: %s%s%s%s", x->info_code,
		        e->mnemonic, text ? " \xe2\x80\x94 \"" : "",
		        text ? text : "", text ? "\"" : "");
		gen(proto_tree_add_uint(et, hf_ede_code, sc->tvb, s, l,
		                        x->info_code));
		gen(proto_tree_add_string(et, hf_ede_name, sc->tvb, s, l,
		                          e->mnemonic));
		if (text)
			gen(proto_tree_add_string(et, hf_ede_text, sc->tvb, s,
			                          l, text));
		gen(proto_tree_add_string(et, hf_ede_meaning, sc->tvb, s, l,
		                          e->title));
		add_entry_text(et, sc->tvb, e);
		add_expert(pinfo, ti, e, "EDE %u %s: %s", x->info_code,
		           e->mnemonic, e->title);
	}
	if (msg->opt.ede_total > d->n_ede)
		proto_tree_add_expert_format(
		        st, pinfo, NULL, sc->tvb, 0, 0,
		        "%u more Extended DNS Errors not analysed",
		        msg->opt.ede_total - d->n_ede);
}

static void render_tsig(proto_tree *st, packet_info *pinfo,
                        const span_ctx *sc, const rcx_message *msg,
                        const rcx_diagnosis *d)
{
	if (!d->tsig_present)
		return;
	const rcx_entry *e = d->tsig_entry;
	proto_item *ti;
	proto_tree *tt = proto_tree_add_subtree_format(
	        st, sc->tvb, 0, 0, ett_tsig, &ti, "TSIG error: %s (%u)%s%s",
	        e ? e->mnemonic : "?", d->tsig_error,
	        d->tsig_error && e ? " \xe2\x80\x94 " : "",
	        d->tsig_error && e ? e->title : "");
	gen(ti);
	gen(proto_tree_add_uint(tt, hf_tsig_error, sc->tvb, 0, 0,
	                        d->tsig_error));
	if (e)
		gen(proto_tree_add_string(tt, hf_tsig_error_name, sc->tvb, 0,
		                          0, e->mnemonic));
	if (d->has_tsig_skew)
		gen(proto_tree_add_int64_format_value(
		        tt, hf_tsig_skew, sc->tvb, 0, 0, d->tsig_skew,
		        "%" PRId64 " s (client clock %s the server's)",
		        d->tsig_skew,
		        d->tsig_skew < 0 ? "behind" : "ahead of"));
	if (d->tsig_error && e && d->source != RCX_SOURCE_TSIG) {
		add_expert(pinfo, ti, e, "TSIG error %s (%u): %s", e->mnemonic,
		           d->tsig_error, e->title);
	}
	(void)msg;
}

static void render_cookie(proto_tree *st, const span_ctx *sc,
                          const rcx_message *msg, const rcx_diagnosis *d)
{
	const rcx_cookie_state *c = &d->cookie;
	gint s, l;

	if (!c->present && !c->query_client)
		return;
	span(sc, msg->opt.cookie.offset >= 4 ? msg->opt.cookie.offset - 4 : 0,
	     (uint32_t)msg->opt.cookie.length + 4, &s, &l);
	if (!c->present)
		s = l = 0;
	proto_item *ti;
	proto_tree *ct = proto_tree_add_subtree_format(
	        st, sc->tvb, s, l, ett_cookie, &ti, "DNS cookie: %s%s%s",
	        !c->present ? "none"
	        : c->server ? "client and server cookie"
	        : c->client ? "client cookie only"
	                    : "empty",
	        c->present && !c->valid ? ", invalid length" : "",
	        c->retry_expected ? ", retry with the new server cookie"
	                          : "");
	if (!c->present)
		gen(ti);
	gen(proto_tree_add_boolean(ct, hf_cookie_client, sc->tvb, s, l,
	                           c->client));
	gen(proto_tree_add_boolean(ct, hf_cookie_server, sc->tvb, s, l,
	                           c->server));
	if (c->present)
		gen(proto_tree_add_boolean(ct, hf_cookie_valid, sc->tvb, s, l,
		                           c->valid));
	if (d->has_query)
		gen(proto_tree_add_boolean(ct, hf_cookie_query_client, sc->tvb,
		                           0, 0, c->query_client));
	if (d->is_response)
		gen(proto_tree_add_boolean(ct, hf_cookie_retry, sc->tvb, 0, 0,
		                           c->retry_expected));
}

static void render_anomalies(proto_tree *st, packet_info *pinfo,
                             const span_ctx *sc, const rcx_diagnosis *d)
{
	proto_tree *at = NULL;
	guint shown = 0;

	for (uint8_t i = 0; i < d->n_anomalies; i++) {
		const rcx_anomaly *a = &d->anomalies[i];
		const rcx_entry *e = rcx_problem_entry(a->code);
		char text[256];
		gint s, l;

		if (!e)
			continue;
		if (!at)
			at = proto_tree_add_subtree(st, sc->tvb, 0, 0,
			                            ett_anomalies, NULL,
			                            "Anomalies");
		snprintf(text, sizeof(text), "%s: %s", e->mnemonic, e->title);
		span(sc, a->offset, 1, &s, &l);
		/* The offset goes in the tree only, so that Expert Information
		 * groups one problem under one summary. */
		proto_item *ti = proto_tree_add_string_format_value(
		        at, hf_anomaly, sc->tvb, s, l, text, "%s (offset %u)",
		        text, a->offset);
		gen(ti);
		gen(proto_tree_add_uint(proto_item_add_subtree(ti, ett_anomalies),
		                        hf_anomaly_offset, sc->tvb, s, l,
		                        a->offset));
		add_expert(pinfo, ti, e, "%s", text);
		shown++;
	}
	if (at && d->anomalies_total > d->n_anomalies)
		proto_tree_add_subtree_format(
		        at, sc->tvb, 0, 0, ett_anomalies, NULL,
		        "%u more not listed",
		        d->anomalies_total - d->n_anomalies);
	(void)shown;
}

static void render_advice(proto_tree *st, const span_ctx *sc,
                          const rcx_diagnosis *d)
{
	if (d->n_advice == 0)
		return;
	proto_tree *at = proto_tree_add_subtree(st, sc->tvb, 0, 0, ett_advice,
	                                        NULL, "What to check next");
	for (uint8_t i = 0; i < d->n_advice; i++)
		gen(proto_tree_add_string(at, hf_advice, sc->tvb, 0, 0,
		                          d->advice[i]));
}

static void queue_tap(packet_info *pinfo, const rcx_message *msg,
                      const rcx_diagnosis *d)
{
	if (!have_tap_listener(rcodex_tap))
		return;
	rcodex_tap_info *ti = wmem_new0(pinfo->pool, rcodex_tap_info);
	ti->rcode = d->rcode;
	ti->rcode_name = d->rcode_entry->mnemonic;
	ti->condition = rcx_condition_name(d->condition);
	ti->after_chain = d->after_chain;
	ti->n_ede = d->n_ede;
	for (uint8_t i = 0; i < d->n_ede; i++) {
		ti->ede[i] = msg->opt.ede[i].info_code;
		ti->ede_name[i] = d->ede_entries[i]->mnemonic;
	}
	ti->tsig = d->tsig_present;
	ti->tsig_error = d->tsig_error;
	ti->tsig_name = d->tsig_entry ? d->tsig_entry->mnemonic : NULL;
	tap_queue_packet(rcodex_tap, pinfo, ti);
}

/* The line added under Wireshark's 4-bit dns.flags.rcode. */
static void render_rcode_note(proto_node *dns_node, tvbuff_t *tvb,
                              const rcx_diagnosis *d, const char *summary)
{
	proto_node *flags = child_with_id(dns_node, hf_dns_flags_id);
	proto_node *rcode = child_with_id(flags, hf_dns_flags_rcode_id);

	if (!rcode || d->rcode == d->header_rcode)
		return;
	proto_tree *t = proto_item_add_subtree(rcode, ett_rcode_note);
	gen(proto_tree_add_string_format_value(t, hf_rcode_note, tvb, 0, 0,
	                                       summary, "%s", summary));
}

static void render_pdu(proto_tree *parent, packet_info *pinfo,
                       tvbuff_t *frame_tvb, const pdu_rec *p,
                       proto_node *dns_node)
{
	rcx_message msg, qmsg;
	rcx_diagnosis d;
	const pdu_rec *q = NULL;
	char summary[512];
	span_ctx sc = {frame_tvb, 0, false, p->length};
	bool mdns = (p->flags & PDU_MDNS) != 0;

	if (dns_node && PNODE_FINFO(dns_node) &&
	    PNODE_FINFO(dns_node)->ds_tvb) {
		field_info *fi = PNODE_FINFO(dns_node);
		gint off = fi->start + ((p->flags & PDU_TCP) ? 2 : 0);
		if (tvb_bytes_exist(fi->ds_tvb, off, (gint)p->length)) {
			sc.tvb = fi->ds_tvb;
			sc.base = off;
			sc.bytes = true;
		}
	}

	if (p->flags & PDU_QUOTED) {
		proto_item *ti = proto_tree_add_item(parent, proto_rcodex,
		                                     sc.tvb, 0, 0, ENC_NA);
		proto_item_set_text(ti, "RCODE analysis: DNS message quoted in "
		                        "an ICMP error, not a response");
		proto_tree *st = proto_item_add_subtree(ti, ett_rcodex);
		gen(proto_tree_add_boolean(st, hf_quoted, sc.tvb, 0, 0, TRUE));
		return;
	}

	rcx_message_parse(&msg, p->wire, p->length);
	q = find_query(p);
	if (q)
		rcx_message_parse(&qmsg, q->wire, q->length);
	if (mdns)
		rcx_diagnose_mdns(&d, &msg);
	else if (p->flags & PDU_LLMNR)
		rcx_diagnose_llmnr(&d, &msg, q ? &qmsg : NULL);
	else
		rcx_diagnose(&d, &msg, q ? &qmsg : NULL);
	/* The summary is only formatted for a shown tree or a filter. */
	summary[0] = '\0';
	if ((parent && PTREE_DATA(parent)->visible) ||
	    proto_field_is_referenced(parent, hf_summary))
		rcx_diagnosis_summary(&d, &msg, summary, sizeof(summary));

	if (pref_info_tags) {
		const char *tag = rcx_diagnosis_tag(&d);
		if (tag)
			col_append_fstr(pinfo->cinfo, COL_INFO, " [%s]", tag);
	}
	if (d.is_response && msg.header_complete)
		queue_tap(pinfo, &msg, &d);

	gint s, l;
	span(&sc, 0, p->length, &s, &l);
	proto_item *top = proto_tree_add_item(parent, proto_rcodex, sc.tvb, s,
	                                      l, ENC_NA);
	proto_item_set_text(top, "RCODE analysis: %s", summary);
	proto_tree *st = proto_item_add_subtree(top, ett_rcodex);
	gen(proto_tree_add_string(st, hf_summary, sc.tvb, s, l, summary));
	gen(proto_tree_add_string(st, hf_severity, sc.tvb, 0, 0,
	                          severity_name(d.severity)));
	if (q)
		render_query_facts(st, sc.tvb, q, &qmsg, p->query_frame);

	if (d.is_response && msg.header_complete) {
		const rcx_entry *re = d.rcode_entry;

		span(&sc, 2, 2, &s, &l);
		proto_item *ri = proto_tree_add_uint_format_value(
		        st, hf_rcode, sc.tvb, s, l, d.rcode, "%s (%u)",
		        re->mnemonic, d.rcode);
		gen(ri);
		proto_tree *mt = proto_item_add_subtree(ri, ett_meaning);
		gen(proto_tree_add_string(mt, hf_meaning, sc.tvb, 0, 0,
		                          re->title));
		add_entry_text(mt, sc.tvb, re);
		gen(proto_tree_add_string(st, hf_rcode_name, sc.tvb, s, l,
		                          re->mnemonic));
		gen(proto_tree_add_string(st, hf_rcode_source, sc.tvb, 0, 0,
		                          rcx_source_name(d.source)));
		gen(proto_tree_add_uint(st, hf_rcode_header, sc.tvb, s, l,
		                        d.header_rcode));
		if (msg.opt.present)
			gen(proto_tree_add_uint(st, hf_rcode_ext, sc.tvb, 0, 0,
			                        msg.opt.ext_rcode));
		if (d.tkey_present)
			gen(proto_tree_add_uint(st, hf_tkey_error, sc.tvb, 0,
			                        0, d.tkey_error));
		if (d.rcode != 0) {
			add_expert(pinfo, ri, re, "%s (%u): %s", re->mnemonic,
			           d.rcode, re->title);
		}

		{
			const rcx_entry *ce = d.condition_entry;
			proto_item *ci = proto_tree_add_string(
			        st, hf_condition, sc.tvb, 0, 0,
			        rcx_condition_name(d.condition));
			gen(ci);
			if (ce) {
				proto_tree *ct =
				        proto_item_add_subtree(ci, ett_meaning);
				gen(proto_tree_add_string(ct,
				                          hf_condition_meaning,
				                          sc.tvb, 0, 0,
				                          ce->title));
				add_entry_text(ct, sc.tvb, ce);
			}
			/* Only when true: a bare "rcodex.nodata" filter
			 * tests presence. */
			if (d.condition == RCX_COND_NODATA)
				gen(proto_tree_add_boolean(st, hf_nodata,
				                           sc.tvb, 0, 0, TRUE));
			if (d.after_chain || d.chain_length) {
				gen(proto_tree_add_boolean(st, hf_after_chain,
				                           sc.tvb, 0, 0,
				                           d.after_chain));
				gen(proto_tree_add_uint(st, hf_chain_length,
				                        sc.tvb, 0, 0,
				                        d.chain_length));
			}
			if (d.has_negative_ttl)
				gen(proto_tree_add_uint(st, hf_negative_ttl,
				                        sc.tvb, 0, 0,
				                        d.negative_ttl));
			bool notable = d.condition == RCX_COND_NODATA ||
			               d.condition == RCX_COND_REFERRAL ||
			               d.condition == RCX_COND_TRUNCATED ||
			               d.condition == RCX_COND_UNDETERMINED ||
			               d.after_chain;
			if (ce && notable) {
				add_expert(pinfo, ci, ce, "%s: %s",
				           ce->mnemonic, ce->title);
			}
		}
		render_ede(st, pinfo, &sc, &msg, &d);
	}
	render_tsig(st, pinfo, &sc, &msg, &d);
	render_cookie(st, &sc, &msg, &d);
	render_anomalies(st, pinfo, &sc, &d);
	if (d.is_response)
		render_advice(st, &sc, &d);

	if (dns_node && d.is_response && msg.header_complete)
		render_rcode_note(dns_node, sc.tvb, &d, summary);
}

static int dissect_rcodex(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
                          void *data _U_)
{
	frame_rec *rec;

	if (!PINFO_FD_VISITED(pinfo)) {
		rec = collect(tree);
		if (rec) {
			p_add_proto_data(wmem_file_scope(), pinfo, proto_rcodex,
			                 0, rec);
			if (rec_has_query(rec))
				wmem_map_insert(query_frames,
				                GUINT_TO_POINTER(pinfo->num),
				                rec);
		}
	} else {
		rec = p_get_proto_data(wmem_file_scope(), pinfo, proto_rcodex,
		                       0);
	}
	if (!rec)
		return 0;

	/* Nothing would show the result: no tree item is wanted, nobody
	 * listens and there are no columns. (The expert tap is registered
	 * after the handoffs, so it is looked up here.) */
	if (expert_tap <= 0)
		expert_tap = find_tap_id("expert");
	if (!proto_field_is_referenced(tree, proto_rcodex) && !pinfo->cinfo &&
	    !have_tap_listener(rcodex_tap) && !have_tap_listener(expert_tap))
		return 0;

	experts_shown = (tree && PTREE_DATA(tree)->visible) ||
	                have_tap_listener(expert_tap);
	dns_nodes *dn = NULL;
	if (tree && PTREE_DATA(tree)->visible && pref_in_dns_tree) {
		dn = wmem_new0(pinfo->pool, dns_nodes);
		proto_tree_children_foreach(tree, find_dns_nodes, dn);
	}
	guint used[KIND_COUNT] = {0, 0, 0};
	for (uint32_t i = 0; i < rec->n; i++) {
		const pdu_rec *p = &rec->pdu[i];
		proto_node *node = NULL;
		if (dn && used[p->kind] < dn->n[p->kind])
			node = dn->nodes[p->kind][used[p->kind]++];
		render_pdu(node ? (proto_tree *)node : tree, pinfo, tvb, p,
		           node);
	}
	return tvb_captured_length(tvb);
}

/* ---- registration ---- */

static void register_experts(void)
{
	static ei_register_info *ei;
	size_t n = rcx_registry_size(), used = 0;
	expert_module_t *module = expert_register_protocol(proto_rcodex);

	ei_entries = g_new0(expert_field, n);
	ei = g_new0(ei_register_info, n);
	ei_count = n;
	for (size_t i = 0; i < n; i++) {
		const rcx_entry *e = rcx_registry_at(i);
		GString *name;

		ei_entries[i].ei = EI_INIT_EI;
		ei_entries[i].hf = EI_INIT_HF;
		/* Observations span several messages: rcreport's, not a
		 * packet's. */
		if (!e || e->severity == RCX_SEV_NONE || !e->key ||
		    e->kind == RCX_KIND_OBSERVATION)
			continue;
		name = g_string_new("rcodex.expert.");
		for (const char *c = e->key; *c; c++)
			g_string_append_c(name, g_ascii_isalnum(*c) || *c == '.' ||
			                                *c == '_' || *c == '-'
			                        ? g_ascii_tolower(*c)
			                        : '_');
		ei[used].ids = &ei_entries[i];
		ei[used].eiinfo.name = g_string_free(name, FALSE);
		ei[used].eiinfo.group = expert_group(e->group);
		ei[used].eiinfo.severity = expert_severity(e->severity);
		ei[used].eiinfo.summary =
		        g_strdup_printf("%s: %s", e->mnemonic, e->title);
		HFILL_INIT(ei[used].eiinfo.hf_info);
		used++;
	}
	expert_register_field_array(module, ei, (int)used);
}

void proto_register_rcodex(void)
{
	static hf_register_info hf[] = {
	        {&hf_summary,
	         {"Summary", "rcodex.summary", FT_STRING, BASE_NONE, NULL, 0x0,
	          "One-line statement of what the response code means", HFILL}},
	        {&hf_severity,
	         {"Severity", "rcodex.severity", FT_STRING, BASE_NONE, NULL,
	          0x0, "Worst severity found: none, chat, note, warning, error",
	          HFILL}},
	        {&hf_rcode,
	         {"Effective RCODE", "rcodex.rcode", FT_UINT16, BASE_DEC, NULL,
	          0x0,
	          "The TSIG Error when non-zero, else the header RCODE "
	          "combined with the OPT extended RCODE, or the TKEY Error "
	          "when that is NOERROR",
	          HFILL}},
	        {&hf_rcode_name,
	         {"RCODE name", "rcodex.rcode.name", FT_STRING, BASE_NONE, NULL,
	          0x0, "Mnemonic of the effective RCODE, e.g. BADCOOKIE",
	          HFILL}},
	        {&hf_rcode_source,
	         {"RCODE source", "rcodex.rcode.source", FT_STRING, BASE_NONE,
	          NULL, 0x0,
	          "Where the effective RCODE came from: header, edns, tsig or "
	          "tkey",
	          HFILL}},
	        {&hf_rcode_header,
	         {"Header RCODE (4 bits)", "rcodex.rcode.header", FT_UINT8,
	          BASE_DEC, NULL, 0x0, "The RCODE field of the DNS header",
	          HFILL}},
	        {&hf_rcode_ext,
	         {"OPT extended RCODE", "rcodex.rcode.ext", FT_UINT8, BASE_DEC,
	          NULL, 0x0,
	          "Upper 8 bits of the 12-bit RCODE, from the OPT record",
	          HFILL}},
	        {&hf_rcode_note,
	         {"Effective RCODE", "rcodex.rcode.note", FT_STRING, BASE_NONE,
	          NULL, 0x0,
	          "The true response code, shown under the 4-bit header field "
	          "when they differ",
	          HFILL}},
	        {&hf_meaning,
	         {"Meaning", "rcodex.meaning", FT_STRING, BASE_NONE, NULL, 0x0,
	          "Short meaning of the effective RCODE", HFILL}},
	        {&hf_explanation,
	         {"Explanation", "rcodex.explanation", FT_STRING, BASE_NONE,
	          NULL, 0x0, "What the code or condition means", HFILL}},
	        {&hf_reference,
	         {"Reference", "rcodex.reference", FT_STRING, BASE_NONE, NULL,
	          0x0, "The RFC section that defines it", HFILL}},
	        {&hf_condition,
	         {"Condition", "rcodex.condition", FT_STRING, BASE_NONE, NULL,
	          0x0,
	          "answer, nodata, nxdomain, referral, error, success (NOERROR "
	          "to UPDATE/NOTIFY), truncated, or undetermined (NOERROR too "
	          "damaged to tell)",
	          HFILL}},
	        {&hf_condition_meaning,
	         {"Meaning", "rcodex.condition.meaning", FT_STRING, BASE_NONE,
	          NULL, 0x0, "Short meaning of the condition", HFILL}},
	        {&hf_after_chain,
	         {"At the end of a CNAME/DNAME chain",
	          "rcodex.condition.after_chain", FT_BOOLEAN, BASE_NONE, NULL,
	          0x0,
	          "The condition applies to the last target of the chain, not "
	          "to the name asked",
	          HFILL}},
	        {&hf_chain_length,
	         {"Chain links", "rcodex.chain_length", FT_UINT8, BASE_DEC,
	          NULL, 0x0,
	          "CNAME/DNAME links followed from the question name", HFILL}},
	        {&hf_nodata,
	         {"NODATA", "rcodex.nodata", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
	          "Present only on NODATA responses: NOERROR without data of "
	          "the asked type, the name exists",
	          HFILL}},
	        {&hf_negative_ttl,
	         {"Negative-caching TTL", "rcodex.negative_ttl", FT_UINT32,
	          BASE_DEC | BASE_UNIT_STRING, &units_second_seconds, 0x0,
	          "How long the negative answer may be cached: the smaller of "
	          "the SOA's TTL and MINIMUM (RFC 2308 §5)",
	          HFILL}},
	        {&hf_ede_code,
	         {"EDE INFO-CODE", "rcodex.ede.code", FT_UINT16, BASE_DEC, NULL,
	          0x0, "Extended DNS Error code (RFC 8914)", HFILL}},
	        {&hf_ede_name,
	         {"EDE name", "rcodex.ede.name", FT_STRING, BASE_NONE, NULL,
	          0x0, "Name of the Extended DNS Error code", HFILL}},
	        {&hf_ede_text,
	         {"EDE EXTRA-TEXT", "rcodex.ede.text", FT_STRING, BASE_NONE,
	          NULL, 0x0, "Text the server added to the Extended DNS Error",
	          HFILL}},
	        {&hf_ede_meaning,
	         {"Meaning", "rcodex.ede.meaning", FT_STRING, BASE_NONE, NULL,
	          0x0, "Short meaning of the Extended DNS Error", HFILL}},
	        {&hf_tsig_error,
	         {"TSIG error", "rcodex.tsig.error", FT_UINT16, BASE_DEC, NULL,
	          0x0, "Error field of the TSIG record (RFC 8945 §4.2)",
	          HFILL}},
	        {&hf_tsig_error_name,
	         {"TSIG error name", "rcodex.tsig.error.name", FT_STRING,
	          BASE_NONE, NULL, 0x0, "Mnemonic of the TSIG error", HFILL}},
	        {&hf_tsig_skew,
	         {"TSIG clock skew", "rcodex.tsig.skew", FT_INT64, BASE_DEC,
	          NULL, 0x0,
	          "Seconds the client's clock is ahead of the server's "
	          "(negative: behind), from a BADTIME response",
	          HFILL}},
	        {&hf_tkey_error,
	         {"TKEY error", "rcodex.tkey.error", FT_UINT16, BASE_DEC, NULL,
	          0x0, "Error field of the TKEY record (RFC 2930 §2.6)",
	          HFILL}},
	        {&hf_cookie_client,
	         {"Client cookie", "rcodex.cookie.client", FT_BOOLEAN,
	          BASE_NONE, NULL, 0x0,
	          "The message carries a client cookie (RFC 7873)", HFILL}},
	        {&hf_cookie_server,
	         {"Server cookie", "rcodex.cookie.server", FT_BOOLEAN,
	          BASE_NONE, NULL, 0x0,
	          "The message carries a server cookie (RFC 7873)", HFILL}},
	        {&hf_cookie_valid,
	         {"Cookie length valid", "rcodex.cookie.valid", FT_BOOLEAN,
	          BASE_NONE, NULL, 0x0,
	          "COOKIE option of 8 or 16 to 40 octets (RFC 7873 §4)",
	          HFILL}},
	        {&hf_cookie_query_client,
	         {"Query had a client cookie", "rcodex.cookie.query_client",
	          FT_BOOLEAN, BASE_NONE, NULL, 0x0,
	          "The matched query carried a client cookie", HFILL}},
	        {&hf_cookie_retry,
	         {"Retry expected", "rcodex.cookie.retry_expected", FT_BOOLEAN,
	          BASE_NONE, NULL, 0x0,
	          "BADCOOKIE with a fresh server cookie: the client should "
	          "resend with it (RFC 7873 §5.3)",
	          HFILL}},
	        {&hf_anomaly,
	         {"Anomaly", "rcodex.anomaly", FT_STRING, BASE_NONE, NULL, 0x0,
	          "Something malformed or unusual in the message", HFILL}},
	        {&hf_anomaly_offset,
	         {"Offset", "rcodex.anomaly.offset", FT_UINT32, BASE_DEC, NULL,
	          0x0,
	          "Where in the DNS message the anomaly was found (octets from "
	          "the header)",
	          HFILL}},
	        {&hf_advice,
	         {"Next step", "rcodex.advice", FT_STRING, BASE_NONE, NULL, 0x0,
	          "What to check next, most specific first", HFILL}},
	        {&hf_query_frame,
	         {"Matched query in frame", "rcodex.query_frame", FT_FRAMENUM,
	          BASE_NONE, FRAMENUM_TYPE(FT_FRAMENUM_REQUEST), 0x0,
	          "The query this analysis took into account: the one "
	          "Wireshark "
	          "matched (dns.response_to), the first transmission of a "
	          "retransmitted query; rcreport's query_frame names the same "
	          "frame",
	          HFILL}},
	        {&hf_quoted,
	         {"Quoted in ICMP error", "rcodex.quoted", FT_BOOLEAN,
	          BASE_NONE, NULL, 0x0,
	          "A DNS message quoted inside an ICMP error: not a response",
	          HFILL}},
	};
	static gint *ett[] = {&ett_rcodex,    &ett_rcode_note, &ett_ede,
	                      &ett_tsig,      &ett_cookie,     &ett_anomalies,
	                      &ett_advice,    &ett_meaning};

	proto_rcodex = proto_register_protocol("RCODE analysis", "rcodex",
	                                       "rcodex");
	proto_register_field_array(proto_rcodex, hf, G_N_ELEMENTS(hf));
	proto_register_subtree_array(ett, G_N_ELEMENTS(ett));
	register_experts();

	module_t *prefs = prefs_register_protocol(proto_rcodex, NULL);
	prefs_register_bool_preference(
	        prefs, "in_dns_tree", "Show the analysis inside the DNS tree",
	        "Put \"RCODE analysis\" inside each DNS message's tree (and a "
	        "line under the 4-bit RCODE). Off: a separate top-level item.",
	        &pref_in_dns_tree);
	prefs_register_bool_preference(
	        prefs, "info_tags", "Tag the Info column",
	        "Append the true code or condition, e.g. [BADCOOKIE] or "
	        "[NODATA], to the Info column where the DNS dissector's text "
	        "is wrong or vague.",
	        &pref_info_tags);
	rcodex_report_menu_register(proto_rcodex, prefs);

	rcodex_handle = register_dissector("rcodex", dissect_rcodex,
	                                   proto_rcodex);
	register_postdissector(rcodex_handle);
	rcodex_tap = register_tap(RCODEX_TAP_NAME);
	query_frames = wmem_map_new_autoreset(
	        wmem_epan_scope(), wmem_file_scope(), g_direct_hash,
	        g_direct_equal);
}

static void want_fields(void)
{
	GArray *wanted = g_array_new(FALSE, FALSE, (guint)sizeof(int));
	int ids[] = {proto_dns_ids[KIND_DNS], proto_dns_ids[KIND_MDNS],
	             proto_dns_ids[KIND_LLMNR], hf_dns_length_id,
	             hf_dns_response_to_id, proto_icmp_id, proto_icmpv6_id};

	for (size_t i = 0; i < G_N_ELEMENTS(ids); i++)
		if (ids[i] >= 0)
			g_array_append_val(wanted, ids[i]);
	set_postdissector_wanted_hfids(rcodex_handle, wanted);
}

void proto_reg_handoff_rcodex(void)
{
	proto_dns_ids[KIND_DNS] = proto_get_id_by_filter_name("dns");
	proto_dns_ids[KIND_MDNS] = proto_get_id_by_filter_name("mdns");
	proto_dns_ids[KIND_LLMNR] = proto_get_id_by_filter_name("llmnr");
	proto_icmp_id = proto_get_id_by_filter_name("icmp");
	proto_icmpv6_id = proto_get_id_by_filter_name("icmpv6");
	hf_dns_length_id = proto_registrar_get_id_byname("dns.length");
	hf_dns_response_to_id = proto_registrar_get_id_byname("dns.response_to");
	hf_dns_flags_id = proto_registrar_get_id_byname("dns.flags");
	hf_dns_flags_rcode_id = proto_registrar_get_id_byname("dns.flags.rcode");
	want_fields();
}
