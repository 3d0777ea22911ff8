/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "tcp_reassembly.h"

#include <string.h>

#include <glib.h>

#define DNS_HEADER 12u

typedef struct ooo_seg {
	struct ooo_seg *next;
	rg_tcpr_origin origin;
	uint32_t seq;
	uint32_t len;
	uint8_t data[];
} ooo_seg;

typedef struct {
	rg_tcpr_key key;
	bool have_seq;
	bool closed;
	bool resync; /* the next in-order byte must start a message */
	uint32_t next_seq;
	int64_t last_seen;
	uint8_t *buf; /* start of an unfinished message */
	uint32_t len, cap;
	ooo_seg *ooo; /* sorted by seq */
	uint32_t ooo_bytes, ooo_count;
	int64_t hole_since; /* capture time the first segment after a hole
	                       came, while ooo is not empty */
	rg_tcpr_origin buf_origin; /* the latest segment of buf's bytes */
} flow;

/* now is at least secs after then (capture time may go backwards a
 * little in merged captures: that is not idleness) */
static bool elapsed(int64_t now, int64_t then, int64_t secs)
{
	return now > then && (uint64_t)now - (uint64_t)then >= (uint64_t)secs;
}

struct rg_tcp_reassembly {
	GHashTable *flows;
	rg_tcpr_callbacks cb;
	uint64_t bytes;
	uint64_t ooo_segments; /* all flows: while not 0, holes are swept */
	int64_t last_sweep, last_hole_sweep;
	bool swept;
};

static guint key_hash(gconstpointer p)
{
	const rg_tcpr_key *k = p;
	uint32_t h = 2166136261u ^ ((uint32_t)k->sport << 16 | k->dport);
	unsigned n = k->version == 4 ? 4 : 16;
	for (unsigned i = 0; i < n; i++)
		h = (h ^ k->src[i]) * 16777619u;
	for (unsigned i = 0; i < n; i++)
		h = (h ^ k->dst[i]) * 16777619u;
	return h;
}

static gboolean key_equal(gconstpointer a, gconstpointer b)
{
	return memcmp(a, b, sizeof(rg_tcpr_key)) == 0;
}

static void drop_data(rg_tcp_reassembly *t, flow *f)
{
	t->bytes -= f->cap + f->ooo_bytes;
	g_free(f->buf);
	f->buf = NULL;
	f->len = f->cap = 0;
	while (f->ooo) {
		ooo_seg *s = f->ooo;
		f->ooo = s->next;
		g_free(s);
	}
	t->ooo_segments -= f->ooo_count;
	f->ooo_bytes = f->ooo_count = 0;
}

static void flush_holes(rg_tcp_reassembly *t, flow *f, rg_tcpr_result *res);

typedef struct {
	rg_tcp_reassembly *t;
	uint32_t incomplete;
	int64_t now;
} sweep_ctx;

static gboolean sweep_one(gpointer k, gpointer v, gpointer u)
{
	(void)k;
	sweep_ctx *c = u;
	flow *f = v;
	if (c->now != INT64_MAX &&
	    !elapsed(c->now, f->last_seen,
	             f->closed ? RG_TCPR_CLOSED_LINGER : RG_TCPR_IDLE))
		return FALSE;
	rg_tcpr_result res = {0, 0};
	flush_holes(c->t, f, &res);
	c->incomplete += res.incomplete;
	if (f->len)
		c->incomplete++;
	drop_data(c->t, f);
	return TRUE;
}

/* Holes that waited RG_TCPR_HOLE_WAIT seconds are given up. */
static void sweep_holes(gpointer k, gpointer v, gpointer u)
{
	(void)k;
	sweep_ctx *c = u;
	flow *f = v;
	if (f->ooo && elapsed(c->now, f->hole_since, RG_TCPR_HOLE_WAIT)) {
		rg_tcpr_result res = {0, 0};
		flush_holes(c->t, f, &res);
		c->incomplete += res.incomplete;
	}
}

rg_tcp_reassembly *rg_tcpr_new(const rg_tcpr_callbacks *callbacks)
{
	rg_tcp_reassembly *t = g_new0(rg_tcp_reassembly, 1);
	t->flows = g_hash_table_new_full(key_hash, key_equal, NULL, g_free);
	t->cb = *callbacks;
	return t;
}

uint32_t rg_tcpr_expire(rg_tcp_reassembly *t, int64_t now)
{
	sweep_ctx c = {t, 0, now};
	g_hash_table_foreach_remove(t->flows, sweep_one, &c);
	return c.incomplete;
}

void rg_tcpr_free(rg_tcp_reassembly *t)
{
	if (!t)
		return;
	rg_tcpr_expire(t, INT64_MAX);
	g_hash_table_destroy(t->flows);
	g_free(t);
}

unsigned rg_tcpr_flows(const rg_tcp_reassembly *t)
{
	return g_hash_table_size(t->flows);
}

static bool append(rg_tcp_reassembly *t, flow *f, const uint8_t *data,
                   uint32_t len)
{
	if (f->len + len > f->cap) {
		uint32_t cap = f->cap ? f->cap : 512;
		while (cap < f->len + len)
			cap *= 2;
		if (t->bytes + (cap - f->cap) > RG_TCPR_MAX_BYTES)
			return false;
		f->buf = g_realloc(f->buf, cap);
		t->bytes += cap - f->cap;
		f->cap = cap;
	}
	memcpy(f->buf + f->len, data, len);
	f->len += len;
	return true;
}

/* Whether a segment can start with a length-prefixed DNS message: used
 * after a hole and when the capture began in the middle of a stream. */
static bool plausible_start(const uint8_t *p, uint32_t len)
{
	if (len < 2)
		return false;
	uint32_t l = (uint32_t)p[0] << 8 | p[1];
	if (l < DNS_HEADER)
		return false;
	if (len < 2 + DNS_HEADER)
		return true;
	unsigned opcode = (p[4] >> 3) & 0x0f;
	unsigned qdcount = (unsigned)p[6] << 8 | p[7];
	return (opcode <= 2 || (opcode >= 4 && opcode <= 6)) && qdcount <= 1;
}

static void message(rg_tcp_reassembly *t, const flow *f, const uint8_t *msg,
                    uint32_t len, bool segmented, const rg_tcpr_origin *origin)
{
	if (len)
		t->cb.on_message(&f->key, msg, len, segmented, origin,
		                 t->cb.user);
}

/* In-order bytes of the stream, from the segment origin. */
static void consume(rg_tcp_reassembly *t, flow *f, const uint8_t *data,
                    uint32_t len, const rg_tcpr_origin *origin,
                    rg_tcpr_result *res)
{
	if (f->resync) {
		if (!plausible_start(data, len))
			return; /* not a message start: wait for the next */
		f->resync = false;
	}
	uint32_t pos = 0;
	if (f->len) {
		/* finish the buffered message first; it is complete at the
		 * later of its segments (a hole before it may have been filled
		 * after it was captured) */
		uint32_t need;
		if (origin->frame > f->buf_origin.frame)
			f->buf_origin = *origin;
		if (f->len < 2) {
			uint32_t take = 2 - f->len;
			if (take > len)
				take = len;
			if (!append(t, f, data, take)) {
				res->incomplete++;
				drop_data(t, f);
				f->resync = true;
				return;
			}
			pos = take;
			if (f->len < 2)
				return;
		}
		need = 2 + ((uint32_t)f->buf[0] << 8 | f->buf[1]) - f->len;
		uint32_t take = len - pos < need ? len - pos : need;
		if (!append(t, f, data + pos, take)) {
			res->incomplete++;
			drop_data(t, f);
			f->resync = true;
			return;
		}
		pos += take;
		if (take < need)
			return;
		message(t, f, f->buf + 2, f->len - 2, true, &f->buf_origin);
		f->len = 0;
	}
	while (len - pos >= 2) {
		uint32_t l = (uint32_t)data[pos] << 8 | data[pos + 1];
		if (len - pos - 2 < l)
			break;
		message(t, f, data + pos + 2, l, false, origin);
		pos += 2 + l;
	}
	if (pos == len)
		return;
	f->buf_origin = *origin;
	if (!append(t, f, data + pos, len - pos)) {
		res->incomplete++;
		drop_data(t, f);
		f->resync = true;
	}
}

/* Feeds buffered out-of-order segments that have become in order. */
static void drain(rg_tcp_reassembly *t, flow *f, rg_tcpr_result *res)
{
	while (f->ooo) {
		ooo_seg *s = f->ooo;
		int32_t d = (int32_t)(s->seq - f->next_seq);
		if (d > 0)
			break;
		f->ooo = s->next;
		f->ooo_bytes -= s->len;
		f->ooo_count--;
		t->ooo_segments--;
		t->bytes -= s->len;
		if ((int64_t)d + s->len > 0) {
			uint32_t skip = (uint32_t)-d;
			consume(t, f, s->data + skip, s->len - skip, &s->origin,
			        res);
			f->next_seq += s->len - skip;
		}
		g_free(s);
	}
	if (f->ooo)
		f->hole_since = f->ooo->origin.ts_sec;
}

/* A hole that will not be filled: give up the unfinished message and
 * continue with the first buffered segment. */
static void skip_gap(rg_tcp_reassembly *t, flow *f, rg_tcpr_result *res)
{
	if (f->ooo)
		t->cb.on_gap(&f->key, f->ooo->origin.frame, t->cb.user);
	if (f->len) {
		res->incomplete++;
		t->bytes -= f->cap;
		g_free(f->buf);
		f->buf = NULL;
		f->len = f->cap = 0;
	}
	f->resync = true;
	if (f->ooo)
		f->next_seq = f->ooo->seq;
	drain(t, f, res);
}

/* Every hole of the flow given up, what follows them delivered. */
static void flush_holes(rg_tcp_reassembly *t, flow *f, rg_tcpr_result *res)
{
	while (f->ooo)
		skip_gap(t, f, res);
}

/* The other side acknowledged bytes beyond a hole of this flow: they
 * reached the receiver, so the capture will never hold them. */
static void acknowledged(rg_tcp_reassembly *t, flow *f, uint32_t ack,
                         rg_tcpr_result *res)
{
	while (f->ooo && (int32_t)(ack - f->next_seq) > 0)
		skip_gap(t, f, res);
}

static void store_ooo(rg_tcp_reassembly *t, flow *f, uint32_t seq,
                      const uint8_t *data, uint32_t len,
                      const rg_tcpr_origin *origin)
{
	ooo_seg **pp = &f->ooo;
	while (*pp && (int32_t)((*pp)->seq - seq) < 0)
		pp = &(*pp)->next;
	if (*pp && (*pp)->seq == seq && (*pp)->len >= len)
		return; /* duplicate */
	if (t->bytes + len > RG_TCPR_MAX_BYTES)
		return;
	ooo_seg *s = g_malloc(sizeof(*s) + len);
	if (!f->ooo)
		f->hole_since = origin->ts_sec;
	s->origin = *origin;
	s->seq = seq;
	s->len = len;
	memcpy(s->data, data, len);
	s->next = *pp;
	*pp = s;
	f->ooo_bytes += len;
	f->ooo_count++;
	t->ooo_segments++;
	t->bytes += len;
}

static void reverse_key(rg_tcpr_key *r, const rg_tcpr_key *k)
{
	*r = *k;
	memcpy(r->src, k->dst, sizeof(r->src));
	memcpy(r->dst, k->src, sizeof(r->dst));
	r->sport = k->dport;
	r->dport = k->sport;
}

uint32_t rg_tcpr_tick(rg_tcp_reassembly *t, int64_t now)
{
	uint32_t incomplete = 0;
	if (!t->swept || elapsed(now, t->last_sweep, 10)) {
		t->swept = true;
		t->last_sweep = now;
		t->last_hole_sweep = now;
		incomplete += rg_tcpr_expire(t, now);
	}
	if (t->ooo_segments && elapsed(now, t->last_hole_sweep, 1)) {
		t->last_hole_sweep = now;
		sweep_ctx c = {t, 0, now};
		g_hash_table_foreach(t->flows, sweep_holes, &c);
		incomplete += c.incomplete;
	}
	return incomplete;
}

rg_tcpr_result rg_tcpr_segment(rg_tcp_reassembly *t, const rg_tcpr_key *key,
                               uint32_t seq, uint32_t ack, uint8_t flags,
                               const uint8_t *data, uint32_t len,
                               const rg_tcpr_origin *origin)
{
	rg_tcpr_result res = {0, 0};
	int64_t now = origin->ts_sec;
	res.incomplete += rg_tcpr_tick(t, now);
	if ((flags & RG_TCP_ACK) && t->ooo_segments) {
		rg_tcpr_key rk;
		reverse_key(&rk, key);
		flow *r = g_hash_table_lookup(t->flows, &rk);
		if (r)
			acknowledged(t, r, ack, &res);
	}
	flow *f = g_hash_table_lookup(t->flows, key);
	if (!f) {
		if (len == 0 && !(flags & RG_TCP_SYN))
			return res;
		if (g_hash_table_size(t->flows) >= RG_TCPR_MAX_FLOWS) {
			res.untracked = 1;
			return res;
		}
		f = g_new0(flow, 1);
		f->key = *key;
		g_hash_table_insert(t->flows, &f->key, f);
	}
	f->last_seen = now;
	if (flags & RG_TCP_SYN) {
		flush_holes(t, f, &res);
		if (f->len)
			res.incomplete++;
		drop_data(t, f);
		f->closed = false;
		f->resync = false;
		f->have_seq = true;
		f->next_seq = seq + 1;
		seq++;
	}
	if (f->closed)
		return res;
	if (!f->have_seq) {
		/* the capture began in the middle of this stream */
		f->have_seq = true;
		f->next_seq = seq;
		f->resync = true;
	}
	if (len) {
		int32_t d = (int32_t)(seq - f->next_seq);
		if (d > 0) {
			store_ooo(t, f, seq, data, len, origin);
			if (f->ooo &&
			    (f->ooo_bytes > RG_TCPR_MAX_OOO_BYTES ||
			     f->ooo_count > RG_TCPR_MAX_OOO_SEGMENTS ||
			     elapsed(now, f->hole_since, RG_TCPR_HOLE_WAIT)))
				skip_gap(t, f, &res);
		} else if ((int64_t)d + len > 0) {
			uint32_t skip = (uint32_t)-d;
			consume(t, f, data + skip, len - skip, origin, &res);
			f->next_seq += len - skip;
			drain(t, f, &res);
		}
	}
	if (flags & (RG_TCP_FIN | RG_TCP_RST)) {
		flush_holes(t, f, &res);
		if (f->len)
			res.incomplete++;
		drop_data(t, f);
		f->closed = true;
	}
	return res;
}
