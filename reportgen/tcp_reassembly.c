/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "tcp_reassembly.h"

#include <string.h>

#include <glib.h>

#define DNS_HEADER 12u

typedef struct ooo_seg {
	struct ooo_seg *next;
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
} flow;

/* now is at least secs after then (capture time may go backwards a
 * little in merged captures: that is not idleness) */
static bool elapsed(int64_t now, int64_t then, int64_t secs)
{
	return now > then && (uint64_t)now - (uint64_t)then >= (uint64_t)secs;
}

struct rg_tcp_reassembly {
	GHashTable *flows;
	uint64_t bytes;
	int64_t last_sweep;
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
	f->ooo_bytes = f->ooo_count = 0;
}

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
	if (f->len || f->ooo)
		c->incomplete++;
	drop_data(c->t, f);
	return TRUE;
}

rg_tcp_reassembly *rg_tcpr_new(void)
{
	rg_tcp_reassembly *t = g_new0(rg_tcp_reassembly, 1);
	t->flows = g_hash_table_new_full(key_hash, key_equal, NULL, g_free);
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

/* In-order bytes of the stream. */
static void consume(rg_tcp_reassembly *t, flow *f, const uint8_t *data,
                    uint32_t len, rg_tcpr_message_callback cb, void *user,
                    rg_tcpr_result *res)
{
	if (f->resync) {
		if (!plausible_start(data, len))
			return; /* not a message start: wait for the next */
		f->resync = false;
	}
	uint32_t pos = 0;
	if (f->len) {
		/* finish the buffered message first */
		uint32_t need;
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
		uint32_t mlen = f->len - 2;
		if (mlen)
			cb(f->buf + 2, mlen, true, user);
		f->len = 0;
	}
	while (len - pos >= 2) {
		uint32_t l = (uint32_t)data[pos] << 8 | data[pos + 1];
		if (len - pos - 2 < l)
			break;
		if (l)
			cb(data + pos + 2, l, false, user);
		pos += 2 + l;
	}
	if (pos < len && !append(t, f, data + pos, len - pos)) {
		res->incomplete++;
		drop_data(t, f);
		f->resync = true;
	}
}

/* Feeds buffered out-of-order segments that have become in order. */
static void drain(rg_tcp_reassembly *t, flow *f, rg_tcpr_message_callback cb,
                  void *user, rg_tcpr_result *res)
{
	while (f->ooo) {
		ooo_seg *s = f->ooo;
		int32_t d = (int32_t)(s->seq - f->next_seq);
		if (d > 0)
			break;
		f->ooo = s->next;
		f->ooo_bytes -= s->len;
		f->ooo_count--;
		t->bytes -= s->len;
		if ((int64_t)d + s->len > 0) {
			uint32_t skip = (uint32_t)-d;
			consume(t, f, s->data + skip, s->len - skip, cb, user,
			        res);
			f->next_seq += s->len - skip;
		}
		g_free(s);
	}
}

/* A hole that will not be filled: give up the unfinished message and
 * continue with the first buffered segment. */
static void skip_gap(rg_tcp_reassembly *t, flow *f, rg_tcpr_message_callback cb,
                     void *user, rg_tcpr_result *res)
{
	res->gaps++;
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
	drain(t, f, cb, user, res);
}

static void store_ooo(rg_tcp_reassembly *t, flow *f, uint32_t seq,
                      const uint8_t *data, uint32_t len)
{
	ooo_seg **pp = &f->ooo;
	while (*pp && (int32_t)((*pp)->seq - seq) < 0)
		pp = &(*pp)->next;
	if (*pp && (*pp)->seq == seq && (*pp)->len >= len)
		return; /* duplicate */
	if (t->bytes + len > RG_TCPR_MAX_BYTES)
		return;
	ooo_seg *s = g_malloc(sizeof(*s) + len);
	s->seq = seq;
	s->len = len;
	memcpy(s->data, data, len);
	s->next = *pp;
	*pp = s;
	f->ooo_bytes += len;
	f->ooo_count++;
	t->bytes += len;
}

rg_tcpr_result rg_tcpr_segment(rg_tcp_reassembly *t, const rg_tcpr_key *key,
                               uint32_t seq, uint8_t flags, const uint8_t *data,
                               uint32_t len, int64_t now,
                               rg_tcpr_message_callback cb, void *user)
{
	rg_tcpr_result res = {0, 0, 0};
	if (!t->swept || elapsed(now, t->last_sweep, 10)) {
		t->swept = true;
		t->last_sweep = now;
		res.incomplete += rg_tcpr_expire(t, now);
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
		if (f->len || f->ooo)
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
			store_ooo(t, f, seq, data, len);
			if (f->ooo_bytes > RG_TCPR_MAX_OOO_BYTES ||
			    f->ooo_count > RG_TCPR_MAX_OOO_SEGMENTS)
				skip_gap(t, f, cb, user, &res);
		} else if ((int64_t)d + len > 0) {
			uint32_t skip = (uint32_t)-d;
			consume(t, f, data + skip, len - skip, cb, user, &res);
			f->next_seq += len - skip;
			drain(t, f, cb, user, &res);
		}
	}
	if (flags & (RG_TCP_FIN | RG_TCP_RST)) {
		if (f->ooo && !(flags & RG_TCP_RST))
			skip_gap(t, f, cb, user, &res);
		if (f->len || f->ooo)
			res.incomplete++;
		drop_data(t, f);
		f->closed = true;
	}
	return res;
}
