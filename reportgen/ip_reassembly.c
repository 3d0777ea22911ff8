/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "ip_reassembly.h"

#include <string.h>

#include <glib.h>

#define MAX_PAYLOAD 65535u
#define BLOCKS      ((MAX_PAYLOAD + 7) / 8 + 1)

typedef struct datagram datagram;
struct datagram {
	rg_ipr_key key;
	datagram *older, *newer; /* by first fragment */
	uint64_t first_frame;
	int64_t first_seen;
	uint8_t *buf;
	uint32_t cap;
	uint32_t total; /* payload length, known once the last fragment came */
	bool have_total;
	uint8_t covered[(BLOCKS + 7) / 8]; /* 8-byte blocks received */
};

struct rg_ip_reassembly {
	GHashTable *table; /* rg_ipr_key -> datagram */
	datagram *oldest, *newest;
	uint64_t bytes;
	uint8_t *done; /* last completed payload */
	uint32_t done_len;
};

static guint key_hash(gconstpointer p)
{
	const rg_ipr_key *k = p;
	uint32_t h = 2166136261u ^ k->id ^ ((uint32_t)k->proto << 24);
	unsigned n = k->version == 4 ? 4 : 16;
	for (unsigned i = 0; i < n; i++)
		h = (h ^ k->src[i]) * 16777619u;
	for (unsigned i = 0; i < n; i++)
		h = (h ^ k->dst[i]) * 16777619u;
	return h;
}

static gboolean key_equal(gconstpointer a, gconstpointer b)
{
	return memcmp(a, b, sizeof(rg_ipr_key)) == 0;
}

static void datagram_free(gpointer p)
{
	datagram *d = p;
	g_free(d->buf);
	g_free(d);
}

rg_ip_reassembly *rg_ipr_new(void)
{
	rg_ip_reassembly *ipr = g_new0(rg_ip_reassembly, 1);
	ipr->table =
	        g_hash_table_new_full(key_hash, key_equal, NULL, datagram_free);
	return ipr;
}

void rg_ipr_free(rg_ip_reassembly *ipr)
{
	if (!ipr)
		return;
	g_hash_table_destroy(ipr->table);
	g_free(ipr->done);
	g_free(ipr);
}

unsigned rg_ipr_pending(const rg_ip_reassembly *ipr)
{
	return g_hash_table_size(ipr->table);
}

static void list_append(rg_ip_reassembly *ipr, datagram *d)
{
	d->older = ipr->newest;
	d->newer = NULL;
	if (ipr->newest)
		ipr->newest->newer = d;
	else
		ipr->oldest = d;
	ipr->newest = d;
}

static void list_unlink(rg_ip_reassembly *ipr, datagram *d)
{
	if (d->older)
		d->older->newer = d->newer;
	else
		ipr->oldest = d->newer;
	if (d->newer)
		d->newer->older = d->older;
	else
		ipr->newest = d->older;
}

/* Forgets a datagram; frees it through the table. */
static void forget(rg_ip_reassembly *ipr, datagram *d)
{
	list_unlink(ipr, d);
	ipr->bytes -= d->cap;
	g_hash_table_remove(ipr->table, &d->key);
}

/* Gives up the oldest datagram unfinished. */
static void drop_oldest(rg_ip_reassembly *ipr, rg_ipr_drop_callback on_drop,
                        void *user)
{
	datagram *d = ipr->oldest;
	if (on_drop)
		on_drop(d->first_frame, user);
	forget(ipr, d);
}

static bool expired(const datagram *d, int64_t now)
{
	return now == INT64_MAX ||
	       (now > d->first_seen &&
	        (uint64_t)now - (uint64_t)d->first_seen >= RG_IPR_TIMEOUT);
}

/* Datagrams are kept in the order of their first fragment, so expiry looks
 * at the oldest ones only. */
void rg_ipr_expire(rg_ip_reassembly *ipr, int64_t now,
                   rg_ipr_drop_callback on_drop, void *user)
{
	while (ipr->oldest && expired(ipr->oldest, now))
		drop_oldest(ipr, on_drop, user);
}

static bool complete(const datagram *d)
{
	if (!d->have_total)
		return false;
	uint32_t blocks = (d->total + 7) / 8;
	for (uint32_t b = 0; b < blocks; b++)
		if (!(d->covered[b >> 3] & (1u << (b & 7))))
			return false;
	return true;
}

const uint8_t *rg_ipr_add(rg_ip_reassembly *ipr, const rg_ipr_key *key,
                          uint32_t offset, const uint8_t *data, uint32_t len,
                          bool more, uint64_t frame, int64_t now,
                          uint32_t *out_len, rg_ipr_drop_callback on_drop,
                          void *user)
{
	*out_len = 0;
	if (offset > MAX_PAYLOAD || len > MAX_PAYLOAD - offset)
		return NULL;
	uint32_t end = offset + len;
	datagram *d = g_hash_table_lookup(ipr->table, key);
	if (!d) {
		/* A full table gives up its oldest datagram, counted. */
		if (g_hash_table_size(ipr->table) >= RG_IPR_MAX_PENDING)
			drop_oldest(ipr, on_drop, user);
		d = g_new0(datagram, 1);
		d->key = *key;
		d->first_frame = frame;
		d->first_seen = now;
		g_hash_table_insert(ipr->table, &d->key, d);
		list_append(ipr, d);
	}
	if (!more) {
		if (d->have_total && d->total != end)
			return NULL; /* two different ends: keep the first */
		if (end < d->cap && d->cap > 0) {
			/* data already beyond this end: inconsistent */
			for (uint32_t b = (end + 7) / 8; b < (d->cap + 7) / 8;
			     b++)
				if (d->covered[b >> 3] & (1u << (b & 7)))
					return NULL;
		}
		d->have_total = true;
		d->total = end;
	} else if (d->have_total && end > d->total) {
		return NULL;
	}
	if (end > d->cap) {
		uint32_t cap = end < 2048 ? 2048 : end;
		if (cap > MAX_PAYLOAD)
			cap = MAX_PAYLOAD;
		while (ipr->bytes + (cap - d->cap) > RG_IPR_MAX_BYTES &&
		       ipr->oldest != d)
			drop_oldest(ipr, on_drop, user);
		if (ipr->bytes + (cap - d->cap) > RG_IPR_MAX_BYTES)
			return NULL;
		d->buf = g_realloc(d->buf, cap);
		memset(d->buf + d->cap, 0, cap - d->cap);
		ipr->bytes += cap - d->cap;
		d->cap = cap;
	}
	if (len)
		memcpy(d->buf + offset, data, len);
	for (uint32_t b = offset / 8; b < (end + 7) / 8; b++)
		d->covered[b >> 3] |= (uint8_t)(1u << (b & 7));
	if (!complete(d))
		return NULL;
	g_free(ipr->done);
	ipr->done = d->buf;
	ipr->done_len = d->total;
	d->buf = NULL;
	forget(ipr, d);
	*out_len = ipr->done_len;
	return ipr->done;
}
