/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "aggregate.h"
#include "big_table.h"
#include "hash.h"

#include <stdio.h>
#include <string.h>

#define MAX_TSIG_ROWS 256
#define MAX_ICMP_ROWS 256
#define TOP_KEY_MAX   (RCX_NAME_TEXT_MAX + 64)

/* ---- Filtered Space-Saving top-K ----
 *
 * Space-Saving (Metwally, Agrawal, El Abbadi, ICDT 2005) monitors capacity
 * items; the filter of Homem and Carvalho (ICC 2010) keeps names that were
 * seen too rarely to enter out of the monitored set, so a stream of
 * distinct names costs one hash and one counter increment each instead of
 * an eviction. Counts stay upper bounds and count - overcount lower bounds.
 */

/* Keys up to this long are kept in the slot itself, next to the counts an
 * offer updates, so that finding a key costs one visit to memory. */
#define TOPK_INLINE_KEY 48

typedef struct {
	uint32_t key_length;
	guint hash;
	char *key; /* key_inline, or allocated when longer */
	char key_inline[TOPK_INLINE_KEY];
	rg_top_item item; /* item.qname is filled at finish */
	char *qname;
} topk_slot;

/* A heap entry carries the count it is ordered by, so that sifting reads
 * the heap alone. */
typedef struct {
	uint64_t count;
	uint32_t slot;
} heap_entry;

typedef struct {
	uint32_t capacity, size;
	topk_slot *slots;
	heap_entry *heap;   /* min-heap by count */
	uint32_t *heap_pos; /* slot index -> position in heap */
	/* key -> slot: open addressing, linear probing, backward-shift
	 * deletion; entries are slot index + 1, 0 is empty, with the key's
	 * hash alongside. */
	uint32_t *index;
	guint *index_hash;
	uint32_t index_mask;
	uint32_t filter_mask;
	uint64_t *filter; /* counts of names not monitored, by hash */
	uint64_t total;
	bool evicted;
} topk;

/* Address (and port, for servers) as a hash key. */
typedef struct {
	uint8_t version;
	uint8_t bytes[16];
	uint8_t port[2];
	uint8_t zero;
} endpoint_key;

G_STATIC_ASSERT(sizeof(endpoint_key) == 20);

static gboolean endpoint_equal(gconstpointer a, gconstpointer b)
{
	return memcmp(a, b, sizeof(endpoint_key)) == 0;
}

static guint endpoint_hash(const endpoint_key *k)
{
	uint64_t a, b;
	uint32_t c;
	memcpy(&a, k, 8);
	memcpy(&b, (const uint8_t *)k + 8, 8);
	memcpy(&c, (const uint8_t *)k + 16, 4);
	uint64_t h = (a ^ (b * 0x9e3779b97f4a7c15u)) * 0xff51afd7ed558ccdu;
	h ^= c;
	h *= 0xc4ceb9fe1a85ec53u;
	h ^= h >> 32;
	return (guint)h;
}

/* endpoint_key -> index + 1 into the servers or clients array: open
 * addressing with linear probing and the keys in the table, so that a
 * lookup reads one place in memory. Entries are never removed. */
typedef struct {
	endpoint_key key;
	guint value; /* 0: empty */
} endpoint_slot;

typedef struct {
	endpoint_slot *slots;
	guint mask;
	guint used;
} endpoint_index;

static void endpoint_index_init(endpoint_index *ix, guint size)
{
	ix->slots = g_new0(endpoint_slot, size);
	ix->mask = size - 1;
	ix->used = 0;
}

/* The slot holding key, or the empty slot where it belongs. */
static endpoint_slot *endpoint_index_slot(const endpoint_index *ix,
                                          const endpoint_key *key)
{
	for (guint i = endpoint_hash(key) & ix->mask;; i = (i + 1) & ix->mask) {
		endpoint_slot *s = &ix->slots[i];
		if (!s->value || endpoint_equal(&s->key, key))
			return s;
	}
}

static guint endpoint_index_get(const endpoint_index *ix,
                                const endpoint_key *key)
{
	return endpoint_index_slot(ix, key)->value;
}

/* Add key, which is not in the index yet. */
static void endpoint_index_add(endpoint_index *ix, const endpoint_key *key,
                               guint value)
{
	if ((ix->used + 1) * 2 > ix->mask + 1) {
		endpoint_index old = *ix;
		endpoint_index_init(ix, (old.mask + 1) * 2);
		for (guint i = 0; i <= old.mask; i++)
			if (old.slots[i].value)
				endpoint_index_add(ix, &old.slots[i].key,
				                   old.slots[i].value);
		g_free(old.slots);
	}
	endpoint_slot *s = endpoint_index_slot(ix, key);
	s->key = *key;
	s->value = value;
	ix->used++;
}

static void endpoint_index_clear(endpoint_index *ix)
{
	g_free(ix->slots);
	endpoint_index_init(ix, 16);
}

static void endpoint_key_set(endpoint_key *k, const rg_addr *addr,
                             uint16_t port)
{
	memset(k, 0, sizeof(*k));
	k->version = addr->version;
	memcpy(k->bytes, addr->bytes, 16);
	k->port[0] = (uint8_t)(port >> 8);
	k->port[1] = (uint8_t)port;
}

/* Questions tracked at most, and the table that holds them, kept under
 * 3/8 full so that a lookup usually reads one or two neighbouring slots. */
#define ANSWER_TRACKED_MAX 49152u
#define ANSWER_TABLE_SIZE  131072u
#define ANSWER_FILTER_BITS (1u << 20)

struct answer_slot {
	uint64_t key;         /* 0: empty */
	uint64_t fingerprint; /* of the first answer */
	uint64_t first_frame;
	uint32_t responses;
	int32_t row; /* index into consistency.rows, -1 for none */
};

struct rg_aggregate_private {
	topk qnames, qname_qtype, failing;
	endpoint_index server_index; /* endpoint_key -> index + 1 */
	endpoint_index client_index; /* endpoint_key (port 0) -> index + 1 */
	int32_t anomaly_row[RCX_PROBLEM_COUNT];
	int32_t last_code_row;
	/* Most traffic goes to a few servers from a few clients: the last
	 * one looked up is checked before the hash tables. */
	endpoint_key last_server_key;
	guint last_server; /* index + 1, 0 for none */
	endpoint_key last_client_key;
	guint last_client;
	/* (server, question) -> answer fingerprint, open addressing over a
	 * fixed table; allocated with the first response it follows. */
	struct answer_slot *answers;
	uint32_t answers_used;
	/* For every key in the table, the bit that bits 32 and up of the
	 * key select: a clear bit says a question is new without reading the
	 * table, which then stays out of the cache when most questions are
	 * new. */
	uint64_t answers_filter[ANSWER_FILTER_BITS / 64];
	/* INFO-CODE -> EDE row + 1, 0 for none: one read per EDE. */
	uint8_t ede_row_of_code[65536];
	uint32_t ede_other_rows;
};

static void answers_free(struct rg_aggregate_private *p)
{
	rg_big_table_free(p->answers,
	                  sizeof(struct answer_slot) * ANSWER_TABLE_SIZE);
	p->answers = NULL;
}

static void slot_free_key(topk_slot *s)
{
	if (s->key != s->key_inline)
		g_free(s->key);
	s->key = NULL;
}

static void topk_init(topk *tk, uint32_t capacity)
{
	tk->capacity = capacity ? capacity : 1;
	tk->size = 0;
	tk->slots = g_new0(topk_slot, tk->capacity);
	tk->heap = g_new(heap_entry, tk->capacity);
	tk->heap_pos = g_new(uint32_t, tk->capacity);
	uint32_t index_size = 1;
	while (index_size < tk->capacity * 2)
		index_size <<= 1;
	tk->index = g_new0(uint32_t, index_size);
	tk->index_hash = g_new0(guint, index_size);
	tk->index_mask = index_size - 1;
	uint32_t filter = 1;
	while (filter < tk->capacity * 8)
		filter <<= 1;
	tk->filter_mask = filter - 1;
	tk->filter = g_new0(uint64_t, filter);
	tk->total = 0;
	tk->evicted = false;
}

static void topk_clear(topk *tk)
{
	for (uint32_t i = 0; i < tk->size; i++) {
		slot_free_key(&tk->slots[i]);
		g_free(tk->slots[i].qname);
	}
	g_free(tk->slots);
	g_free(tk->heap);
	g_free(tk->heap_pos);
	g_free(tk->filter);
	g_free(tk->index);
	g_free(tk->index_hash);
	memset(tk, 0, sizeof(*tk));
}

static void heap_swap(topk *tk, uint32_t a, uint32_t b)
{
	heap_entry ea = tk->heap[a], eb = tk->heap[b];
	tk->heap[a] = eb;
	tk->heap[b] = ea;
	tk->heap_pos[eb.slot] = a;
	tk->heap_pos[ea.slot] = b;
}

static void heap_down(topk *tk, uint32_t pos)
{
	for (;;) {
		uint32_t l = 2 * pos + 1, r = l + 1, m = pos;
		if (l < tk->size && tk->heap[l].count < tk->heap[m].count)
			m = l;
		if (r < tk->size && tk->heap[r].count < tk->heap[m].count)
			m = r;
		if (m == pos)
			return;
		heap_swap(tk, pos, m);
		pos = m;
	}
}

static void heap_up(topk *tk, uint32_t pos)
{
	while (pos > 0) {
		uint32_t parent = (pos - 1) / 2;
		if (tk->heap[parent].count <= tk->heap[pos].count)
			return;
		heap_swap(tk, pos, parent);
		pos = parent;
	}
}

static uint32_t index_find(const topk *tk, const char *key, uint32_t length,
                           guint hash)
{
	for (uint32_t i = hash & tk->index_mask;;
	     i = (i + 1) & tk->index_mask) {
		uint32_t e = tk->index[i];
		if (e == 0)
			return UINT32_MAX;
		if (tk->index_hash[i] != hash)
			continue;
		const topk_slot *s = &tk->slots[e - 1];
		if (s->key_length == length && memcmp(s->key, key, length) == 0)
			return i;
	}
}

static void index_insert(topk *tk, guint hash, uint32_t slot)
{
	uint32_t i = hash & tk->index_mask;
	while (tk->index[i])
		i = (i + 1) & tk->index_mask;
	tk->index[i] = slot + 1;
	tk->index_hash[i] = hash;
}

static void index_remove(topk *tk, uint32_t i)
{
	/* Backward-shift deletion keeps probe chains intact without
	 * tombstones. */
	uint32_t mask = tk->index_mask;
	uint32_t j = i;
	tk->index[i] = 0;
	for (;;) {
		j = (j + 1) & mask;
		uint32_t e = tk->index[j];
		if (e == 0)
			return;
		uint32_t home = tk->index_hash[j] & mask;
		/* Move e back to i when i lies cyclically in [home, j). */
		bool move = i <= j ? (home <= i || home > j)
		                   : (home <= i && home > j);
		if (move) {
			tk->index[i] = e;
			tk->index_hash[i] = tk->index_hash[j];
			tk->index[j] = 0;
			i = j;
		}
	}
}

static void slot_set(topk_slot *s, const char *key, uint32_t length, guint hash,
                     const char *qname, uint64_t count, uint64_t overcount)
{
	memset(&s->item, 0, sizeof(s->item));
	s->key =
	        length < TOPK_INLINE_KEY ? s->key_inline : g_malloc(length + 1);
	memcpy(s->key, key, length);
	s->key[length] = '\0';
	s->key_length = length;
	s->hash = hash;
	s->qname = g_strdup(qname);
	s->item.count = count;
	s->item.overcount = overcount;
}

/* g_str_hash() of key[0..length), which holds no NUL. */
static guint key_hash(const char *key, uint32_t length)
{
	guint32 h = 5381;
	for (uint32_t i = 0; i < length; i++)
		h = (h << 5) + h + (guint32)(signed char)key[i];
	return h;
}

/* key_hash() of key[0..length) continued over more bytes. */
static guint key_hash_more(guint hash, const char *more, uint32_t length)
{
	guint32 h = hash;
	for (uint32_t i = 0; i < length; i++)
		h = (h << 5) + h + (guint32)(signed char)more[i];
	return h;
}

/* The lists of one transaction are looked up together: asking for the
 * memory of all of them first lets the cache misses overlap. */
static void topk_prefetch_index(const topk *tk, guint hash)
{
	uint32_t i = hash & tk->index_mask;
	__builtin_prefetch(&tk->index[i]);
	__builtin_prefetch(&tk->index_hash[i]);
	/* read when the key is not monitored, the usual case when names
	 * are many */
	__builtin_prefetch(&tk->filter[hash & tk->filter_mask]);
}

static void topk_prefetch_slot(const topk *tk, guint hash)
{
	uint32_t e = tk->index[hash & tk->index_mask];
	if (e) {
		const char *slot = (const char *)&tk->slots[e - 1];
		__builtin_prefetch(slot);
		__builtin_prefetch(slot + 64);
	}
}

/* Count one occurrence of key (length bytes, no NUL inside, hash its
 * key_hash()); returns its slot when the key is monitored (valid until the
 * next offer), NULL when only the filter counted it. */
static topk_slot *topk_offer(topk *tk, const char *key, uint32_t length,
                             guint hash, const char *qname, uint64_t frame,
                             bool failed)
{
	tk->total++;
	uint32_t at = index_find(tk, key, length, hash);
	topk_slot *s;
	if (at != UINT32_MAX) {
		uint32_t i = tk->index[at] - 1;
		s = &tk->slots[i];
		s->item.count++;
		uint32_t pos = tk->heap_pos[i];
		tk->heap[pos].count = s->item.count;
		heap_down(tk, pos);
	} else {
		uint64_t *filtered = &tk->filter[hash & tk->filter_mask];
		if (tk->size < tk->capacity) {
			uint32_t i = tk->size++;
			s = &tk->slots[i];
			slot_set(s, key, length, hash, qname, *filtered + 1,
			         *filtered);
			tk->heap_pos[i] = i;
			tk->heap[i] = (heap_entry){s->item.count, i};
			heap_up(tk, i);
		} else {
			tk->evicted = true;
			/* heap[0] holds the least count: a newcomer that
			 * does not reach it stays in the filter without the
			 * slot being read. */
			if (*filtered + 1 < tk->heap[0].count) {
				(*filtered)++;
				return NULL;
			}
			topk_slot *min = &tk->slots[tk->heap[0].slot];
			/* The newcomer replaces the least counted item,
			 * whose count goes back to the filter. */
			uint64_t *back =
			        &tk->filter[min->hash & tk->filter_mask];
			if (*back < min->item.count)
				*back = min->item.count;
			index_remove(tk,
			             index_find(tk, min->key, min->key_length,
			                        min->hash));
			slot_free_key(min);
			g_free(min->qname);
			uint64_t base = *filtered;
			slot_set(min, key, length, hash, qname, base + 1, base);
			s = min;
			tk->heap[0].count = s->item.count;
			heap_down(tk, 0);
		}
		index_insert(tk, hash, (uint32_t)(s - tk->slots));
	}
	if (failed)
		s->item.failed++;
	rg_examples_add(&s->item.examples, frame);
	return s;
}

static gint top_item_cmp(gconstpointer a, gconstpointer b)
{
	const rg_top_item *x = a, *y = b;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return g_strcmp0(x->qname, y->qname);
}

static void top_item_clear(gpointer p)
{
	rg_top_item *item = p;
	g_free(item->qname);
}

static void topk_finish(topk *tk, rg_top_list *list, uint32_t top_n)
{
	list->capacity = tk->capacity;
	list->total = tk->total;
	list->exact = !tk->evicted;
	for (uint32_t i = 0; i < tk->size; i++) {
		rg_top_item item = tk->slots[i].item;
		/* After evictions, an item whose guaranteed count is 1 is
		 * noise among many names seen once: not listed. */
		if (tk->evicted && item.count - item.overcount < 2)
			continue;
		item.qname = tk->slots[i].qname;
		tk->slots[i].qname = NULL;
		g_array_append_val(list->items, item);
	}
	g_array_sort(list->items, top_item_cmp);
	if (list->items->len > top_n)
		g_array_set_size(list->items, top_n);
}

/* ---- small helpers ---- */

void rg_examples_add(rg_examples *ex, uint64_t frame)
{
	if (frame == 0 || ex->n >= RG_MAX_EXAMPLES)
		return;
	if (ex->n > 0 && ex->frames[ex->n - 1] == frame)
		return;
	ex->frames[ex->n++] = frame;
}

char *rg_examples_filter(const rg_examples *ex)
{
	if (ex->n == 0)
		return NULL;
	if (ex->n == 1)
		return g_strdup_printf("frame.number == %" G_GUINT64_FORMAT,
		                       ex->frames[0]);
	GString *s = g_string_new("frame.number in {");
	for (unsigned i = 0; i < ex->n; i++)
		g_string_append_printf(s, "%s%" G_GUINT64_FORMAT, i ? " " : "",
		                       ex->frames[i]);
	g_string_append_c(s, '}');
	return g_string_free(s, FALSE);
}

static rcx_code_context source_context(rcx_rcode_source source)
{
	switch (source) {
	case RCX_SOURCE_TSIG:
		return RCX_CTX_TSIG;
	case RCX_SOURCE_TKEY:
		return RCX_CTX_TKEY;
	case RCX_SOURCE_HEADER:
	case RCX_SOURCE_EDNS:
		break;
	}
	return RCX_CTX_RCODE;
}

const rcx_entry *rg_code_row_entry(const rg_code_row *row)
{
	if (row->rcode == 0 && row->condition_entry)
		return row->condition_entry;
	/* RCODE 3 from LLMNR: the LLMNR entry, not the zone-based one. */
	if (row->llmnr && row->condition == RCX_COND_NXDOMAIN &&
	    row->condition_entry)
		return row->condition_entry;
	/* An error condition with an entry of its own (mDNS, RFC 6762
	 * §18.11) explains the row better than the code's entry. */
	if (row->condition == RCX_COND_ERROR && row->condition_entry &&
	    row->condition_entry != rcx_condition_entry(RCX_COND_ERROR, false))
		return row->condition_entry;
	return row->rcode_entry ? row->rcode_entry
	                        : rcx_rcode_entry(row->rcode,
	                                          source_context(row->source));
}

const char *rg_code_label(uint16_t rcode, rcx_rcode_source source,
                          rcx_condition condition, char *buf, size_t size)
{
	const rcx_entry *code = rcx_rcode_entry(rcode, source_context(source));
	if (rcode == 0 && condition != RCX_COND_ANSWER &&
	    condition != RCX_COND_QUERY) {
		const rcx_entry *cond = rcx_condition_entry(condition, false);
		snprintf(buf, size, "%s/%s", code->mnemonic,
		         cond ? cond->mnemonic : rcx_condition_name(condition));
	} else if (source == RCX_SOURCE_TSIG || source == RCX_SOURCE_TKEY) {
		snprintf(buf, size, "%s (%s)", code->mnemonic,
		         source == RCX_SOURCE_TSIG ? "TSIG" : "TKEY");
	} else {
		snprintf(buf, size, "%s", code->mnemonic);
	}
	return buf;
}

const char *rg_code_row_label(const rg_code_row *row, char *buf, size_t size)
{
	rg_code_label(row->rcode, row->source, row->condition, buf, size);
	if (row->llmnr) {
		size_t used = strlen(buf);
		if (used < size)
			snprintf(buf + used, size - used, " (LLMNR)");
	}
	return buf;
}

const char *rg_top_item_label(const rg_top_item *item, char *buf, size_t size)
{
	if (item->condition == RCX_COND_QUERY) {
		snprintf(buf, size, "unanswered");
		return buf;
	}
	rg_code_row row = {.rcode = item->rcode,
	                   .source = item->source,
	                   .condition = item->condition,
	                   .llmnr = item->llmnr};
	return rg_code_row_label(&row, buf, size);
}

const char *rg_qtype_name(uint16_t qtype, char *buf, size_t size)
{
	/* IANA "Resource Record (RR) TYPEs" mnemonics of common types. */
	static const struct {
		uint16_t type;
		const char *name;
	} types[] = {
	        {1, "A"},           {2, "NS"},      {5, "CNAME"},
	        {6, "SOA"},         {10, "NULL"},   {12, "PTR"},
	        {13, "HINFO"},      {15, "MX"},     {16, "TXT"},
	        {17, "RP"},         {18, "AFSDB"},  {24, "SIG"},
	        {25, "KEY"},        {28, "AAAA"},   {29, "LOC"},
	        {33, "SRV"},        {35, "NAPTR"},  {36, "KX"},
	        {37, "CERT"},       {39, "DNAME"},  {41, "OPT"},
	        {42, "APL"},        {43, "DS"},     {44, "SSHFP"},
	        {45, "IPSECKEY"},   {46, "RRSIG"},  {47, "NSEC"},
	        {48, "DNSKEY"},     {49, "DHCID"},  {50, "NSEC3"},
	        {51, "NSEC3PARAM"}, {52, "TLSA"},   {53, "SMIMEA"},
	        {55, "HIP"},        {59, "CDS"},    {60, "CDNSKEY"},
	        {61, "OPENPGPKEY"}, {62, "CSYNC"},  {63, "ZONEMD"},
	        {64, "SVCB"},       {65, "HTTPS"},  {99, "SPF"},
	        {108, "EUI48"},     {109, "EUI64"}, {249, "TKEY"},
	        {250, "TSIG"},      {251, "IXFR"},  {252, "AXFR"},
	        {253, "MAILB"},     {254, "MAILA"}, {255, "ANY"},
	        {256, "URI"},       {257, "CAA"},   {32768, "TA"},
	        {32769, "DLV"},
	};
	for (size_t i = 0; i < G_N_ELEMENTS(types); i++) {
		if (types[i].type == qtype) {
			snprintf(buf, size, "%s", types[i].name);
			return buf;
		}
	}
	snprintf(buf, size, "TYPE%u", qtype);
	return buf;
}

const char *rg_time_iso8601(int64_t sec, int32_t nsec, char *buf, size_t size)
{
	/* Consecutive calls are mostly within the same second: the date
	 * and time part is kept from the previous call. */
	static _Thread_local int64_t cached_sec = INT64_MIN;
	static _Thread_local char cached[24];
	if (sec != cached_sec) {
		GDateTime *dt = g_date_time_new_from_unix_utc(sec);
		if (!dt) {
			if (size)
				buf[0] = '\0';
			return buf;
		}
		snprintf(cached, sizeof(cached),
		         "%04d-%02d-%02dT%02d:%02d:%02d",
		         g_date_time_get_year(dt), g_date_time_get_month(dt),
		         g_date_time_get_day_of_month(dt),
		         g_date_time_get_hour(dt), g_date_time_get_minute(dt),
		         g_date_time_get_second(dt));
		g_date_time_unref(dt);
		cached_sec = sec;
	}
	if (nsec < 0 || nsec > 999999999)
		nsec = 0;
	snprintf(buf, size, "%s.%06dZ", cached, (int)(nsec / 1000));
	return buf;
}

/* ---- latency histogram ---- */

static unsigned latency_bucket(uint64_t us)
{
	if (us < RG_LATENCY_SUB)
		return (unsigned)us;
	unsigned e = 63 - (unsigned)__builtin_clzll(us); /* >= 4 */
	if (e > RG_LATENCY_OCTAVES + 3)
		return RG_LATENCY_BUCKETS - 1;
	unsigned sub = (unsigned)(us >> (e - 4)) & (RG_LATENCY_SUB - 1);
	return (e - 3) * RG_LATENCY_SUB + sub;
}

static void latency_bounds(unsigned bucket, uint64_t *low, uint64_t *width)
{
	if (bucket < RG_LATENCY_SUB) {
		*low = bucket;
		*width = 1;
		return;
	}
	unsigned e = bucket / RG_LATENCY_SUB + 3;
	unsigned sub = bucket % RG_LATENCY_SUB;
	*low = (uint64_t)(RG_LATENCY_SUB + sub) << (e - 4);
	*width = UINT64_C(1) << (e - 4);
}

/* ns < 0: the latency is unknown (a response timed before its query). */
static void latency_add(rg_latency_histogram *h, int64_t ns)
{
	if (ns < 0)
		return;
	if (h->count == 0 || ns < h->min_ns)
		h->min_ns = ns;
	if (h->count == 0 || ns > h->max_ns)
		h->max_ns = ns;
	h->count++;
	h->sum_ns += (double)ns;
	h->buckets[latency_bucket((uint64_t)ns / 1000)]++;
}

int64_t rg_latency_percentile(const rg_latency_histogram *h, double q)
{
	if (h->count == 0)
		return 0;
	if (q <= 0)
		return h->min_ns;
	if (q >= 1)
		return h->max_ns;
	uint64_t rank = (uint64_t)(q * (double)h->count);
	if (rank >= h->count)
		rank = h->count - 1;
	uint64_t seen = 0;
	for (unsigned i = 0; i < RG_LATENCY_BUCKETS; i++) {
		seen += h->buckets[i];
		if (seen > rank) {
			uint64_t low, width;
			latency_bounds(i, &low, &width);
			int64_t ns = (int64_t)(low * 1000 + width * 500);
			if (ns > h->max_ns)
				ns = h->max_ns;
			if (ns < h->min_ns)
				ns = h->min_ns;
			return ns;
		}
	}
	return h->max_ns;
}

static void latency_summarize(const rg_latency_histogram *h,
                              rg_latency_summary *s)
{
	memset(s, 0, sizeof(*s));
	s->count = h->count;
	if (h->count == 0)
		return;
	s->p50_ns = rg_latency_percentile(h, 0.50);
	s->p90_ns = rg_latency_percentile(h, 0.90);
	s->p99_ns = rg_latency_percentile(h, 0.99);
	s->max_ns = h->max_ns;
	s->min_ns = h->min_ns;
	s->mean_ns = h->sum_ns / (double)h->count;
}

/* ---- timeline ---- */

static void timeline_merge(rg_timeline *tl)
{
	GArray *b = tl->buckets;
	guint n = (b->len + 1) / 2;
	for (guint i = 0; i < n; i++) {
		rg_timeline_bucket m =
		        g_array_index(b, rg_timeline_bucket, 2 * i);
		if (2 * i + 1 < b->len) {
			const rg_timeline_bucket *o = &g_array_index(
			        b, rg_timeline_bucket, 2 * i + 1);
			m.queries += o->queries;
			m.responses += o->responses;
			m.answer += o->answer;
			m.nodata += o->nodata;
			m.nxdomain += o->nxdomain;
			m.servfail += o->servfail;
			m.refused += o->refused;
			m.other_errors += o->other_errors;
			m.unanswered += o->unanswered;
		}
		g_array_index(b, rg_timeline_bucket, i) = m;
	}
	g_array_set_size(b, n);
	tl->bucket_seconds *= 2;
	for (guint i = 0; i < n; i++)
		g_array_index(b, rg_timeline_bucket, i).start_sec =
		        tl->origin_sec + (int64_t)i * tl->bucket_seconds;
}

static rg_timeline_bucket *timeline_at(rg_timeline *tl, int64_t sec)
{
	/* Within the printable years the span fits 600 buckets of at most
	 * 2^29 s, so the width cannot overflow. */
	sec = CLAMP(sec, 0, RG_LAST_PRINTABLE_SEC);
	GArray *b = tl->buckets;
	if (b->len == 0) {
		tl->origin_sec = sec;
		tl->bucket_seconds = 1;
	}
	if (sec < tl->origin_sec) {
		/* Earlier than anything so far (files merged, clock steps):
		 * widen until it fits, then prepend empty buckets. */
		while ((uint64_t)(tl->origin_sec - sec) / tl->bucket_seconds +
		               b->len + 1 >
		       RG_TIMELINE_MAX_BUCKETS)
			timeline_merge(tl);
		uint64_t k = ((uint64_t)(tl->origin_sec - sec) +
		              tl->bucket_seconds - 1) /
		             tl->bucket_seconds;
		tl->origin_sec -= (int64_t)(k * tl->bucket_seconds);
		rg_timeline_bucket empty = {0};
		for (uint64_t i = 0; i < k; i++)
			g_array_prepend_val(b, empty);
		for (guint i = 0; i < b->len; i++)
			g_array_index(b, rg_timeline_bucket, i).start_sec =
			        tl->origin_sec +
			        (int64_t)i * tl->bucket_seconds;
	}
	uint64_t idx = (uint64_t)(sec - tl->origin_sec) / tl->bucket_seconds;
	while (idx >= RG_TIMELINE_MAX_BUCKETS) {
		timeline_merge(tl);
		idx = (uint64_t)(sec - tl->origin_sec) / tl->bucket_seconds;
	}
	while (b->len <= idx) {
		rg_timeline_bucket nb = {0};
		nb.start_sec =
		        tl->origin_sec + (int64_t)b->len * tl->bucket_seconds;
		g_array_append_val(b, nb);
	}
	return &g_array_index(b, rg_timeline_bucket, idx);
}

/* ---- model ---- */

void rg_aggregate_options_init(rg_aggregate_options *o)
{
	o->timeout_ns = RG_DEFAULT_TIMEOUT_NS;
	o->top_n = 20;
	o->top_capacity = 4096;
	o->max_failed = 1000;
	o->max_servers = 4096;
	o->max_clients = 65536;
}

static void capture_file_clear(gpointer p)
{
	rg_capture_file *f = p;
	g_free(f->path);
	g_free(f->sha256);
	g_free(f->format);
}

static gint tunnel_cmp(gconstpointer a, gconstpointer b)
{
	const rg_tunnel_count *x = a, *y = b;
	return x->packets == y->packets ? 0 : x->packets > y->packets ? -1 : 1;
}

static void link_type_clear(gpointer p)
{
	rg_link_type *l = p;
	g_free(l->name);
}

static void damage_clear(gpointer p)
{
	rg_damage *d = p;
	g_free(d->kind);
	g_free(d->detail);
}

static void server_clear(gpointer p)
{
	rg_server_stats *s = p;
	g_free(s->text);
	g_array_unref(s->codes);
}

static void client_clear(gpointer p)
{
	rg_client_stats *c = p;
	g_free(c->text);
}

static void ede_row_clear(gpointer p)
{
	rg_ede_row *r = p;
	for (guint i = 0; i < r->texts->len; i++)
		g_free(g_array_index(r->texts, rg_ede_text, i).text);
	for (guint i = 0; i < r->zones->len; i++)
		g_free(g_array_index(r->zones, rg_ede_zone, i).zone);
	g_array_unref(r->codes);
	g_array_unref(r->texts);
	g_array_unref(r->zones);
	g_array_unref(r->servers);
}

static void tsig_row_clear(gpointer p)
{
	rg_tsig_row *r = p;
	g_free(r->key_name);
}

static void icmp_row_clear(gpointer p)
{
	rg_icmp_row *r = p;
	g_free(r->server_text);
	g_free(r->meaning);
}

static void inconsistent_row_clear(gpointer p)
{
	rg_inconsistent_row *r = p;
	g_free(r->qname);
}

static GArray *array_new(size_t element, GDestroyNotify clear)
{
	GArray *a = g_array_new(FALSE, TRUE, (guint)element);
	if (clear)
		g_array_set_clear_func(a, clear);
	return a;
}

static void top_list_init(rg_top_list *l)
{
	memset(l, 0, sizeof(*l));
	l->items = array_new(sizeof(rg_top_item), top_item_clear);
}

rg_aggregate *rg_aggregate_new(const rg_aggregate_options *options)
{
	rg_aggregate *agg = g_new0(rg_aggregate, 1);
	if (options)
		agg->options = *options;
	else
		rg_aggregate_options_init(&agg->options);
	rg_capture_facts *c = &agg->capture;
	c->files = array_new(sizeof(rg_capture_file), capture_file_clear);
	c->link_types = array_new(sizeof(rg_link_type), link_type_clear);
	c->tunnels = array_new(sizeof(rg_tunnel_count), NULL);
	c->damage = array_new(sizeof(rg_damage), damage_clear);
	agg->codes = array_new(sizeof(rg_code_row), NULL);
	agg->servers = array_new(sizeof(rg_server_stats), server_clear);
	agg->clients = array_new(sizeof(rg_client_stats), client_clear);
	top_list_init(&agg->top_qnames);
	top_list_init(&agg->top_qname_qtype);
	top_list_init(&agg->top_failing);
	agg->timeline.buckets = array_new(sizeof(rg_timeline_bucket), NULL);
	agg->timeline.bucket_seconds = 1;
	agg->ede = array_new(sizeof(rg_ede_row), ede_row_clear);
	agg->tsig = array_new(sizeof(rg_tsig_row), tsig_row_clear);
	agg->icmp = array_new(sizeof(rg_icmp_row), icmp_row_clear);
	agg->anomalies = array_new(sizeof(rg_anomaly_row), NULL);
	agg->consistency.rows = array_new(sizeof(rg_inconsistent_row),
	                                  inconsistent_row_clear);
	agg->failed = array_new(sizeof(rg_transaction), NULL);

	struct rg_aggregate_private *p = g_new0(struct rg_aggregate_private, 1);
	topk_init(&p->qnames, agg->options.top_capacity);
	topk_init(&p->qname_qtype, agg->options.top_capacity);
	topk_init(&p->failing, agg->options.top_capacity);
	endpoint_index_init(&p->server_index, 16);
	endpoint_index_init(&p->client_index, 16);
	for (int i = 0; i < RCX_PROBLEM_COUNT; i++)
		p->anomaly_row[i] = -1;
	p->last_code_row = -1;
	agg->priv = p;
	return agg;
}

void rg_aggregate_free(rg_aggregate *agg)
{
	if (!agg)
		return;
	g_array_unref(agg->capture.files);
	g_array_unref(agg->capture.link_types);
	g_array_unref(agg->capture.tunnels);
	g_array_unref(agg->capture.damage);
	g_array_unref(agg->codes);
	g_array_unref(agg->servers);
	g_array_unref(agg->clients);
	g_array_unref(agg->top_qnames.items);
	g_array_unref(agg->top_qname_qtype.items);
	g_array_unref(agg->top_failing.items);
	g_array_unref(agg->timeline.buckets);
	g_array_unref(agg->ede);
	g_array_unref(agg->tsig);
	g_array_unref(agg->icmp);
	g_array_unref(agg->anomalies);
	g_array_unref(agg->consistency.rows);
	g_array_unref(agg->failed);
	struct rg_aggregate_private *p = agg->priv;
	topk_clear(&p->qnames);
	topk_clear(&p->qname_qtype);
	topk_clear(&p->failing);
	g_free(p->server_index.slots);
	g_free(p->client_index.slots);
	answers_free(p);
	g_free(p);
	g_free(agg);
}

void rg_aggregate_add_damage(rg_aggregate *agg, const char *kind,
                             const char *detail, uint64_t frame)
{
	GArray *d = agg->capture.damage;
	agg->capture.damaged = true;
	for (guint i = 0; i < d->len; i++) {
		rg_damage *row = &g_array_index(d, rg_damage, i);
		if (strcmp(row->kind, kind) == 0) {
			row->count++;
			rg_examples_add(&row->examples, frame);
			if (!row->detail && detail)
				row->detail = g_strdup(detail);
			return;
		}
	}
	rg_damage row = {0};
	row.kind = g_strdup(kind);
	row.detail = g_strdup(detail);
	row.count = 1;
	rg_examples_add(&row.examples, frame);
	g_array_append_val(d, row);
}

/* ---- per message ---- */

/* One row per meaning: the same code can have several (NOTAUTH to an
 * UPDATE or to a NOTIFY, FORMERR with or without EDNS). */
static bool code_row_is(const rg_code_row *r, const rcx_diagnosis *diag,
                        bool llmnr)
{
	return r->rcode == diag->rcode && r->source == diag->source &&
	       r->condition == diag->condition && r->llmnr == llmnr &&
	       r->rcode_entry == diag->rcode_entry;
}

static rg_code_row *code_row(rg_aggregate *agg, const rcx_diagnosis *diag,
                             bool llmnr)
{
	GArray *rows = agg->codes;
	int32_t last = agg->priv->last_code_row;
	if (last >= 0) {
		rg_code_row *r = &g_array_index(rows, rg_code_row, last);
		if (code_row_is(r, diag, llmnr))
			return r;
	}
	for (guint i = 0; i < rows->len; i++) {
		rg_code_row *r = &g_array_index(rows, rg_code_row, i);
		if (code_row_is(r, diag, llmnr)) {
			agg->priv->last_code_row = (int32_t)i;
			return r;
		}
	}
	rg_code_row row = {0};
	row.rcode = diag->rcode;
	row.source = diag->source;
	row.condition = diag->condition;
	row.rcode_entry = diag->rcode_entry;
	row.condition_entry = diag->condition_entry;
	row.llmnr = llmnr;
	g_array_append_val(rows, row);
	agg->priv->last_code_row = (int32_t)rows->len - 1;
	return &g_array_index(rows, rg_code_row, rows->len - 1);
}

static void add_anomaly(rg_aggregate *agg, unsigned problem, uint64_t frame)
{
	if (problem == RCX_OK || problem >= RCX_PROBLEM_COUNT)
		return;
	int32_t *idx = &agg->priv->anomaly_row[problem];
	if (*idx < 0) {
		rg_anomaly_row row = {0};
		row.problem = (rcx_problem)problem;
		row.entry = rcx_problem_entry((rcx_problem)problem);
		g_array_append_val(agg->anomalies, row);
		*idx = (int32_t)agg->anomalies->len - 1;
	}
	rg_anomaly_row *row =
	        &g_array_index(agg->anomalies, rg_anomaly_row, *idx);
	row->count++;
	rg_examples_add(&row->examples, frame);
}

static void count_anomalies(rg_aggregate *agg, const rcx_message *msg,
                            const rcx_diagnosis *diag, uint64_t frame)
{
	uint64_t seen = 0;
	for (unsigned i = 0; i < msg->n_problems; i++) {
		unsigned p = msg->problems[i].code;
		if (p < 64 && !(seen & (UINT64_C(1) << p))) {
			seen |= UINT64_C(1) << p;
			add_anomaly(agg, p, frame);
		}
	}
	for (unsigned i = 0; i < diag->n_anomalies; i++) {
		unsigned p = diag->anomalies[i].code;
		if (p < 64 && !(seen & (UINT64_C(1) << p))) {
			seen |= UINT64_C(1) << p;
			add_anomaly(agg, p, frame);
		}
	}
}

static void code_count_add(GArray *counts, uint16_t rcode,
                           rcx_rcode_source source, rcx_condition condition)
{
	for (guint i = 0; i < counts->len; i++) {
		rg_code_count *c = &g_array_index(counts, rg_code_count, i);
		if (c->rcode == rcode && c->source == source &&
		    c->condition == condition) {
			c->count++;
			return;
		}
	}
	rg_code_count c = {rcode, source, condition, 1};
	g_array_append_val(counts, c);
}

static const char *message_zone(const rcx_message *msg, char *buf, size_t size)
{
	const rcx_question *q = rcx_message_question(msg);
	if (msg->has_soa)
		rcx_name_to_text(msg->wire, msg->length, msg->soa_owner, buf,
		                 size);
	else if (q)
		rcx_name_to_text(msg->wire, msg->length, q->name, buf, size);
	else
		snprintf(buf, size, ".");
	return buf;
}

static void ede_server_add(rg_ede_row *row, const rg_addr *addr,
                           uint16_t port)
{
	for (guint j = 0; j < row->servers->len; j++) {
		rg_server_count *s = &g_array_index(row->servers, rg_server_count, j);
		if (s->port == port &&
		    memcmp(&s->addr, addr, sizeof s->addr) == 0) {
			s->count++;
			return;
		}
	}
	if (row->servers->len < RG_MAX_EDE_SERVERS) {
		rg_server_count s = {.addr = *addr, .port = port, .count = 1};
		g_array_append_val(row->servers, s);
	} else {
		row->servers_untracked++;
	}
}

/* The row of an INFO-CODE, made when there is room (RG_MAX_EDE_ROWS);
 * NULL when there is none. */
static rg_ede_row *ede_row(rg_aggregate *agg, uint16_t code,
                           const rcx_entry *entry)
{
	struct rg_aggregate_private *p = agg->priv;
	uint8_t index = p->ede_row_of_code[code];
	if (index)
		return &g_array_index(agg->ede, rg_ede_row, index - 1);
	bool other = !entry || rcx_entry_is_unassigned(entry);
	if (agg->ede->len >= RG_MAX_EDE_ROWS ||
	    (other && p->ede_other_rows >= RG_MAX_EDE_OTHER_ROWS))
		return NULL;
	p->ede_other_rows += other;
	rg_ede_row nr = {0};
	nr.info_code = code;
	nr.entry = entry;
	nr.codes = array_new(sizeof(rg_code_count), NULL);
	nr.texts = array_new(sizeof(rg_ede_text), NULL);
	nr.zones = array_new(sizeof(rg_ede_zone), NULL);
	nr.servers = array_new(sizeof(rg_server_count), NULL);
	g_array_append_val(agg->ede, nr);
	p->ede_row_of_code[code] = (uint8_t)agg->ede->len;
	return &g_array_index(agg->ede, rg_ede_row, agg->ede->len - 1);
}

/* EXTRA-TEXT as kept: invalid UTF-8 replaced, at most RG_EDE_TEXT_MAX - 1
 * octets, cut at a character boundary. Only the start of a long text is
 * read. */
static gchar *ede_text(const uint8_t *wire, uint16_t length)
{
	gssize read =
	        length < 4 * RG_EDE_TEXT_MAX ? length : 4 * RG_EDE_TEXT_MAX;
	gchar *text = g_utf8_make_valid((const gchar *)wire, read);
	size_t n = strlen(text);
	if (n >= RG_EDE_TEXT_MAX) {
		n = RG_EDE_TEXT_MAX - 1;
		while (n > 0 && ((guchar)text[n] & 0xC0) == 0x80)
			n--;
		text[n] = '\0';
	}
	return text;
}

static void add_ede(rg_aggregate *agg, const rg_dns_payload *pl,
                    const rcx_message *msg, const rcx_diagnosis *diag)
{
	char zone[RCX_NAME_TEXT_MAX];
	bool have_zone = false;
	for (unsigned i = 0; i < diag->n_ede && i < msg->opt.n_ede; i++) {
		const rcx_ede *e = &msg->opt.ede[i];
		rg_ede_row *row =
		        ede_row(agg, e->info_code, diag->ede_entries[i]);
		if (!row) {
			agg->ede_untracked++;
			continue;
		}
		row->count++;
		rg_examples_add(&row->examples, pl->frame);
		code_count_add(row->codes, diag->rcode, diag->source,
		               diag->condition);
		if (e->text_length > 0 &&
		    (size_t)e->text_offset + e->text_length <= msg->length) {
			gchar *text = ede_text(msg->wire + e->text_offset,
			                       e->text_length);
			bool found = false;
			for (guint j = 0; j < row->texts->len; j++) {
				rg_ede_text *t = &g_array_index(row->texts,
				                                rg_ede_text, j);
				if (strcmp(t->text, text) == 0) {
					t->count++;
					rg_examples_add(&t->examples,
					                pl->frame);
					found = true;
					break;
				}
			}
			if (!found && row->texts->len < RG_MAX_EDE_TEXTS) {
				rg_ede_text t = {0};
				t.text = text;
				text = NULL;
				t.count = 1;
				rg_examples_add(&t.examples, pl->frame);
				g_array_append_val(row->texts, t);
			}
			g_free(text);
		}
		if (!have_zone) {
			message_zone(msg, zone, sizeof(zone));
			have_zone = true;
		}
		bool found = false;
		for (guint j = 0; j < row->zones->len; j++) {
			rg_ede_zone *z =
			        &g_array_index(row->zones, rg_ede_zone, j);
			if (strcmp(z->zone, zone) == 0) {
				z->count++;
				found = true;
				break;
			}
		}
		if (!found && row->zones->len < RG_MAX_EDE_ZONES) {
			rg_ede_zone z = {g_strdup(zone), 1};
			g_array_append_val(row->zones, z);
		}
		ede_server_add(row, &pl->src, pl->sport);
	}
}

static void add_tsig(rg_aggregate *agg, const rg_dns_payload *pl,
                     const rcx_message *msg, const rcx_diagnosis *diag)
{
	char key[RCX_NAME_TEXT_MAX];
	rcx_name_to_text(msg->wire, msg->length, msg->tsig.key_name, key,
	                 sizeof(key));
	rg_tsig_row *row = NULL;
	for (guint i = 0; i < agg->tsig->len; i++) {
		rg_tsig_row *r = &g_array_index(agg->tsig, rg_tsig_row, i);
		if (r->error == diag->tsig_error &&
		    strcmp(r->key_name, key) == 0) {
			row = r;
			break;
		}
	}
	if (!row) {
		if (agg->tsig->len >= MAX_TSIG_ROWS)
			return;
		rg_tsig_row nr = {0};
		nr.key_name = g_strdup(key);
		nr.error = diag->tsig_error;
		nr.entry = diag->tsig_entry;
		g_array_append_val(agg->tsig, nr);
		row = &g_array_index(agg->tsig, rg_tsig_row,
		                     agg->tsig->len - 1);
	}
	row->count++;
	rg_examples_add(&row->examples, pl->frame);
	if (diag->has_tsig_skew) {
		if (!row->has_skew || diag->tsig_skew < row->skew_min)
			row->skew_min = diag->tsig_skew;
		if (!row->has_skew || diag->tsig_skew > row->skew_max)
			row->skew_max = diag->tsig_skew;
		row->has_skew = true;
	}
}

static const char *icmp_meaning(bool v6, uint8_t type, uint8_t code)
{
	if (!v6 && type == 3) {
		static const char *const names[16] = {
		        "network unreachable",
		        "host unreachable",
		        "protocol unreachable",
		        "port unreachable",
		        "fragmentation needed",
		        "source route failed",
		        "destination network unknown",
		        "destination host unknown",
		        "source host isolated",
		        "network administratively prohibited",
		        "host administratively prohibited",
		        "network unreachable for TOS",
		        "host unreachable for TOS",
		        "communication administratively prohibited",
		        "host precedence violation",
		        "precedence cutoff in effect"};
		return code < 16 ? names[code] : "destination unreachable";
	}
	if (!v6 && type == 11)
		return "time exceeded";
	if (!v6 && type == 12)
		return "parameter problem";
	if (v6 && type == 1) {
		static const char *const names[8] = {
		        "no route to destination",
		        "communication administratively prohibited",
		        "beyond scope of source address",
		        "address unreachable",
		        "port unreachable",
		        "source address failed policy",
		        "reject route to destination",
		        "error in source routing header"};
		return code < 8 ? names[code] : "destination unreachable";
	}
	if (v6 && type == 2)
		return "packet too big";
	if (v6 && type == 3)
		return "time exceeded";
	if (v6 && type == 4)
		return "parameter problem";
	return "ICMP error";
}

static rg_icmp_row *icmp_row(rg_aggregate *agg, const rg_addr *server,
                             uint16_t port, bool v6, uint8_t type, uint8_t code,
                             bool create)
{
	for (guint i = 0; i < agg->icmp->len; i++) {
		rg_icmp_row *r = &g_array_index(agg->icmp, rg_icmp_row, i);
		if (r->v6 == v6 && r->type == type && r->code == code &&
		    r->port == port &&
		    memcmp(&r->server, server, sizeof(*server)) == 0)
			return r;
	}
	if (!create || agg->icmp->len >= MAX_ICMP_ROWS)
		return NULL;
	rg_icmp_row r = {0};
	r.server = *server;
	r.port = port;
	r.v6 = v6;
	r.type = type;
	r.code = code;
	char buf[80];
	r.server_text =
	        g_strdup(rg_endpoint_to_text(server, port, buf, sizeof(buf)));
	r.meaning = g_strdup(icmp_meaning(v6, type, code));
	g_array_append_val(agg->icmp, r);
	return &g_array_index(agg->icmp, rg_icmp_row, agg->icmp->len - 1);
}

static void add_icmp_message(rg_aggregate *agg, const rg_dns_payload *pl)
{
	agg->totals.icmp_quoted++;
	bool v6 = pl->icmp_from.version == 6;
	rg_icmp_row *r = icmp_row(agg, &pl->dst, pl->dport, v6, pl->icmp_type,
	                          pl->icmp_code, true);
	if (!r)
		return;
	r->from = pl->icmp_from;
	r->count++;
	rg_examples_add(&r->examples, pl->frame);
}

static void timeline_response(rg_timeline_bucket *b, const rcx_diagnosis *d)
{
	b->responses++;
	if (d->rcode == RCX_RCODE_NXDOMAIN)
		b->nxdomain++;
	else if (d->rcode == RCX_RCODE_SERVFAIL)
		b->servfail++;
	else if (d->rcode == RCX_RCODE_REFUSED)
		b->refused++;
	else if (d->rcode != 0)
		b->other_errors++;
	else if (d->condition == RCX_COND_NODATA)
		b->nodata++;
	else if (d->condition == RCX_COND_ANSWER ||
	         d->condition == RCX_COND_SUCCESS)
		b->answer++;
}

/* ---- Answer consistency ---- */

/* Hash of a name in RDATA, uncompressed and lower-cased; *next is set past
 * it. False when the name cannot be decoded. */
static bool hash_rdata_name(const rcx_message *msg, uint32_t offset,
                            uint32_t end, uint64_t *h, uint32_t *next)
{
	uint8_t flat[RCX_NAME_MAX];
	size_t flen = 0;
	if (offset >= end ||
	    rcx_name_walk(msg->wire, end, offset, next, flat, &flen) != RCX_OK)
		return false;
	*h = rg_hash_bytes(*h, flat, flen);
	return true;
}

/* Hash of one record's type, class and RDATA, names uncompressed. */
static bool hash_rr(const rcx_message *msg, const rcx_rr *rr, uint64_t *out)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	uint32_t start = rr->rdata, end = rr->rdata + rr->rdlength;
	if (end < start || end > msg->length)
		return false;
	h = rg_hash_word(h, (uint32_t)rr->type << 16 | rr->rclass);
	uint32_t fixed = 0, names = 0, pos = start;
	switch (rr->type) {
	case 2:  /* NS */
	case 5:  /* CNAME */
	case 12: /* PTR */
	case 39: /* DNAME */
		names = 1;
		break;
	case 15: /* MX: preference, exchange */
		fixed = 2;
		names = 1;
		break;
	case 33: /* SRV: priority, weight, port, target */
		fixed = 6;
		names = 1;
		break;
	case 6: /* SOA: MNAME, RNAME, then 20 octets */
		names = 2;
		break;
	default:
		break;
	}
	if (fixed) {
		if (end - pos < fixed)
			return false;
		h = rg_hash_bytes(h, msg->wire + pos, fixed);
		pos += fixed;
	}
	for (uint32_t i = 0; i < names; i++)
		if (!hash_rdata_name(msg, pos, msg->length, &h, &pos) ||
		    pos > end)
			return false;
	h = rg_hash_bytes(h, msg->wire + pos, end - pos);
	*out = h;
	return true;
}

/* Fingerprint of a response's answer: its code and the set of answer
 * records, in any order. */
static bool answer_fingerprint(const rcx_message *msg, uint16_t rcode,
                               uint64_t *out)
{
	uint64_t sum = 0, xored = 0;
	uint32_t n = 0;
	for (uint16_t i = 0; i < msg->n_rrs; i++) {
		const rcx_rr *rr = &msg->rrs[i];
		if (rr->section != RCX_SECTION_ANSWER || rr->type == 46)
			continue;
		uint64_t h;
		if (!hash_rr(msg, rr, &h))
			return false;
		h = rg_hash_final(h);
		sum += h;
		xored ^= h;
		n++;
	}
	*out = rg_hash_final(sum ^ rg_hash_final(xored + n) ^
	                     ((uint64_t)rcode << 56));
	return true;
}

static void consistency_row_new(rg_aggregate *agg, struct answer_slot *slot,
                                const rg_dns_payload *pl,
                                const rcx_message *msg, uint64_t fp)
{
	rg_answer_consistency *ac = &agg->consistency;
	ac->differing++;
	if (ac->rows->len >= RG_MAX_INCONSISTENT)
		return;
	rg_inconsistent_row r = {0};
	r.server = pl->src;
	r.port = pl->sport;
	char text[RCX_NAME_TEXT_MAX];
	rcx_name_to_text(msg->wire, msg->length, msg->questions[0].name, text,
	                 sizeof text);
	r.qname = g_strdup(text);
	r.qtype = msg->questions[0].qtype;
	r.variants = 2;
	r.responses = slot->responses;
	r.fingerprints[0] = slot->fingerprint;
	r.fingerprints[1] = fp;
	rg_examples_add(&r.examples, slot->first_frame);
	rg_examples_add(&r.examples, pl->frame);
	slot->row = (int32_t)ac->rows->len;
	g_array_append_val(ac->rows, r);
}

static void follow_answer(rg_aggregate *agg, const rg_dns_payload *pl,
                          const rcx_message *msg, const rcx_diagnosis *diag)
{
	if (diag->rcode != 0 && diag->rcode != 3)
		return;
	if (msg->header.tc || msg->n_problems || msg->n_questions != 1 ||
	    msg->header.qdcount != 1 || msg->rrs_parsed != msg->n_rrs ||
	    msg->header.opcode != 0)
		return;
	/* Multicast DNS answers come from many responders. */
	if (pl->sport == RG_PORT_MDNS || pl->sport == RG_PORT_LLMNR)
		return;
	const rcx_question *q = &msg->questions[0];
	uint8_t flat[RCX_NAME_MAX];
	size_t flen = 0;
	uint32_t next;
	if (rcx_name_walk(msg->wire, msg->length, q->name, &next, flat,
	                  &flen) != RCX_OK)
		return;
	uint64_t head = (uint64_t)pl->src.version << 48 |
	                (uint64_t)pl->sport << 32 | (uint32_t)q->qclass << 16 |
	                q->qtype;
	uint64_t key = rg_hash_word(RG_HASH_SEED, head);
	key = rg_hash_bytes(key, pl->src.bytes, pl->src.version == 6 ? 16 : 4);
	key = rg_hash_bytes(key, flat, flen);
	key = rg_hash_final(key) | 1; /* never 0, the empty mark */

	struct rg_aggregate_private *p = agg->priv;
	if (!p->answers)
		p->answers = rg_big_table_new0(sizeof(struct answer_slot) *
		                               ANSWER_TABLE_SIZE);
	rg_answer_consistency *ac = &agg->consistency;
	uint32_t bit = (uint32_t)(key >> 32) & (ANSWER_FILTER_BITS - 1);
	uint64_t *word = &p->answers_filter[bit / 64];
	uint64_t flag = UINT64_C(1) << (bit % 64);
	uint32_t mask = ANSWER_TABLE_SIZE - 1;
	uint32_t i = (uint32_t)key & mask;
	/* The fingerprint's hashing covers the wait for both. */
	__builtin_prefetch(word);
	__builtin_prefetch(&p->answers[i]);
	uint64_t fp;
	if (!answer_fingerprint(msg, diag->rcode, &fp))
		return;
	if (!(*word & flag) && p->answers_used >= ANSWER_TRACKED_MAX) {
		ac->untracked++;
		return;
	}
	while (p->answers[i].key && p->answers[i].key != key)
		i = (i + 1) & mask;
	struct answer_slot *slot = &p->answers[i];
	if (!slot->key && p->answers_used >= ANSWER_TRACKED_MAX) {
		ac->untracked++;
		return;
	}
	if (!slot->key) {
		*word |= flag;
		p->answers_used++;
		ac->questions++;
		slot->key = key;
		slot->fingerprint = fp;
		slot->first_frame = pl->frame;
		slot->responses = 1;
		slot->row = -1;
		return;
	}
	if (slot->responses < UINT32_MAX)
		slot->responses++;
	if (slot->row >= 0) {
		rg_inconsistent_row *r = &g_array_index(
		        ac->rows, rg_inconsistent_row, (guint)slot->row);
		r->responses++;
		uint32_t known = MIN(r->variants, RG_MAX_VARIANTS);
		for (uint32_t k = 0; k < known; k++)
			if (r->fingerprints[k] == fp)
				return;
		if (r->variants < RG_MAX_VARIANTS)
			r->fingerprints[r->variants] = fp;
		if (r->variants < RG_MAX_VARIANTS)
			r->variants++;
		rg_examples_add(&r->examples, pl->frame);
		return;
	}
	if (slot->fingerprint != fp && slot->row == -1) {
		consistency_row_new(agg, slot, pl, msg, fp);
		if (slot->row == -1)
			slot->row = -2; /* counted, not listed */
	}
}

void rg_aggregate_add_message(const rg_dns_payload *pl, const rcx_message *msg,
                              const rcx_diagnosis *diag, void *user)
{
	rg_aggregate *agg = user;
	rg_totals *t = &agg->totals;
	rg_capture_facts *c = &agg->capture;
	if (pl->from_icmp) {
		add_icmp_message(agg, pl);
		return;
	}
	c->dns_messages++;
	t->messages++;
	if (pl->transport == RG_TRANSPORT_TCP)
		t->tcp++;
	else
		t->udp++;
	if (pl->src.version == 6)
		t->v6++;
	else
		t->v4++;
	if (pl->ip_fragmented)
		c->ip_fragmented++;
	if (pl->tcp_segmented)
		c->tcp_segmented++;
	count_anomalies(agg, msg, diag, pl->frame);
	if (pl->dst.version == 4 ? (pl->dst.bytes[0] & 0xF0) == 0xE0
	                         : pl->dst.bytes[0] == 0xFF)
		t->multicast++;
	if (!msg->header_complete) {
		t->unparsable++;
		return;
	}
	rg_timeline_bucket *b = timeline_at(&agg->timeline, pl->ts_sec);
	if (!msg->header.qr) {
		t->queries++;
		b->queries++;
		const rcx_cookie *ck = &msg->opt.cookie;
		if (msg->opt.present && ck->present) {
			if (ck->length >= 8)
				agg->cookies.queries_with_client_cookie++;
			if (ck->length > 8)
				agg->cookies.queries_with_server_cookie++;
			if (!ck->valid)
				agg->cookies.malformed++;
		}
		return;
	}
	t->responses++;
	timeline_response(b, diag);
	rg_code_row *row = code_row(agg, diag, rg_payload_is_llmnr(pl));
	row->count++;
	rg_examples_add(&row->examples, pl->frame);
	if (diag->n_ede)
		add_ede(agg, pl, msg, diag);
	if (msg->tsig.present)
		add_tsig(agg, pl, msg, diag);
	if (diag->cookie.present) {
		if (diag->cookie.server)
			agg->cookies.responses_with_server_cookie++;
		if (!diag->cookie.valid)
			agg->cookies.malformed++;
	}
	if (diag->rcode == RCX_RCODE_BADCOOKIE) {
		agg->cookies.badcookie++;
		rg_examples_add(&agg->cookies.badcookie_examples, pl->frame);
	}
	if (msg->header.tc && pl->transport == RG_TRANSPORT_UDP) {
		agg->truncation.truncated++;
		rg_examples_add(&agg->truncation.truncated_examples, pl->frame);
	}
	if (diag->condition == RCX_COND_REFERRAL && msg->header.rd) {
		agg->referrals_rd++;
		rg_examples_add(&agg->referral_rd_examples, pl->frame);
		for (int i = 0; i < RG_MAX_REFERRAL_SERVERS; i++) {
			rg_referral_server *r = &agg->referral_rd_servers[i];
			if (!r->count) {
				r->addr = pl->src;
				r->port = pl->sport;
			} else if (r->port != pl->sport ||
			           memcmp(&r->addr, &pl->src, sizeof r->addr)) {
				continue;
			}
			r->count++;
			break;
		}
	}
	follow_answer(agg, pl, msg, diag);
}

void rg_aggregate_add_followup(rg_aggregate *agg, rg_followup_kind kind,
                               uint64_t response_frame, uint64_t retry_frame)
{
	if (kind == RG_FOLLOWUP_BADCOOKIE) {
		if (retry_frame) {
			agg->cookies.badcookie_retried++;
			rg_examples_add(&agg->cookies.retried_examples,
			                retry_frame);
		} else {
			agg->cookies.badcookie_not_retried++;
			rg_examples_add(&agg->cookies.not_retried_examples,
			                response_frame);
		}
		return;
	}
	if (retry_frame) {
		agg->truncation.retried_over_tcp++;
		rg_examples_add(&agg->truncation.retried_examples, retry_frame);
	} else {
		agg->truncation.not_retried++;
		rg_examples_add(&agg->truncation.not_retried_examples,
		                response_frame);
	}
}

/* ---- per transaction ---- */

static rg_server_stats *server_stats(rg_aggregate *agg, const rg_addr *addr,
                                     uint16_t port)
{
	endpoint_key key;
	endpoint_key_set(&key, addr, port);
	struct rg_aggregate_private *p = agg->priv;
	if (p->last_server && endpoint_equal(&p->last_server_key, &key))
		return &g_array_index(agg->servers, rg_server_stats,
		                      p->last_server - 1);
	guint v = endpoint_index_get(&p->server_index, &key);
	if (!v) {
		if (agg->servers->len >= agg->options.max_servers)
			return NULL;
		rg_server_stats s;
		memset(&s, 0, sizeof(s));
		s.addr = *addr;
		s.port = port;
		char buf[80];
		s.text = g_strdup(
		        rg_endpoint_to_text(addr, port, buf, sizeof(buf)));
		s.codes = array_new(sizeof(rg_code_count), NULL);
		g_array_append_val(agg->servers, s);
		v = agg->servers->len;
		endpoint_index_add(&p->server_index, &key, v);
	}
	p->last_server_key = key;
	p->last_server = v;
	return &g_array_index(agg->servers, rg_server_stats, v - 1);
}

static rg_client_stats *client_stats(rg_aggregate *agg, const rg_addr *addr)
{
	endpoint_key key;
	endpoint_key_set(&key, addr, 0);
	struct rg_aggregate_private *p = agg->priv;
	if (p->last_client && endpoint_equal(&p->last_client_key, &key))
		return &g_array_index(agg->clients, rg_client_stats,
		                      p->last_client - 1);
	guint v = endpoint_index_get(&p->client_index, &key);
	if (!v) {
		if (agg->clients->len >= agg->options.max_clients)
			return NULL;
		rg_client_stats c = {0};
		c.addr = *addr;
		char buf[64];
		c.text = g_strdup(rg_addr_to_text(addr, buf, sizeof(buf)));
		g_array_append_val(agg->clients, c);
		v = agg->clients->len;
		endpoint_index_add(&p->client_index, &key, v);
	}
	p->last_client_key = key;
	p->last_client = v;
	return &g_array_index(agg->clients, rg_client_stats, v - 1);
}

static void add_to_server(rg_aggregate *agg, const rg_transaction *t,
                          bool failed)
{
	rg_server_stats *s = server_stats(agg, &t->server, t->server_port);
	if (!s) {
		agg->servers_untracked++;
		return;
	}
	s->transactions++;
	if (t->status != RG_STATUS_UNSOLICITED)
		s->queries += (uint64_t)t->retransmissions + 1;
	if (t->transport == RG_TRANSPORT_TCP)
		s->tcp++;
	else
		s->udp++;
	s->retransmissions += t->retransmissions;
	if (t->has_response) {
		s->responses++;
		code_count_add(s->codes, t->rcode, t->rcode_source,
		               t->condition);
	}
	if (t->icmp)
		s->icmp_errors++;
	switch (t->status) {
	case RG_STATUS_ANSWERED:
		s->answered++;
		latency_add(&s->latency, t->latency_ns);
		break;
	case RG_STATUS_UNANSWERED:
		if (t->unanswered_reason == RG_UNANSWERED_CAPTURE_END)
			s->unanswered_capture_end++;
		else
			s->unanswered_timeout++;
		rg_examples_add(&s->unanswered_examples, t->query_frame);
		break;
	case RG_STATUS_UNSOLICITED:
		s->unsolicited++;
		break;
	case RG_STATUS_UNKNOWN:
		break;
	}
	if (failed) {
		s->failed++;
		rg_examples_add(&s->failed_examples, t->response_frame
		                                             ? t->response_frame
		                                             : t->query_frame);
	}
}

static void add_to_client(rg_aggregate *agg, const rg_transaction *t,
                          bool failed)
{
	rg_client_stats *c = client_stats(agg, &t->client);
	if (!c) {
		agg->clients_untracked++;
		return;
	}
	c->transactions++;
	c->queries += t->status == RG_STATUS_UNSOLICITED
	                      ? 0
	                      : (uint64_t)t->retransmissions + 1;
	if (t->status == RG_STATUS_ANSWERED)
		c->answered++;
	if (t->status == RG_STATUS_UNANSWERED)
		c->unanswered++;
	if (failed) {
		c->failed++;
		rg_examples_add(&c->failed_examples, t->response_frame
		                                             ? t->response_frame
		                                             : t->query_frame);
	}
}

/* Append "\x1f<v>" at key[len]; returns the new length. */
static size_t key_append(char *key, size_t len, uint32_t v)
{
	char digits[12];
	size_t n = 0;
	do {
		digits[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	key[len++] = '\x1f';
	while (n)
		key[len++] = digits[--n];
	key[len] = '\0';
	return len;
}

/* A transaction's keys in the three name lists. They extend one another:
 * qname, then the type, then the outcome. */
typedef struct {
	char key[TOP_KEY_MAX];
	uint32_t name_len, type_len, fail_len;
	guint name_hash, type_hash, fail_hash;
	bool llmnr;
} name_keys;

/* Builds the keys and asks for the lists' index entries, so that the
 * cache misses overlap with the transaction's other aggregates before
 * add_to_names() reads them. */
static void name_keys_prepare(const rg_aggregate *agg, const rg_transaction *t,
                              bool failed, name_keys *k)
{
	const struct rg_aggregate_private *p = agg->priv;
	k->llmnr = t->server_port == RG_PORT_LLMNR;
	size_t name_len = strlen(t->qname);
	memcpy(k->key, t->qname, name_len);
	size_t type_len = key_append(k->key, name_len, t->qtype);
	size_t fail_len = type_len;
	if (failed) {
		fail_len = key_append(k->key, fail_len, (uint32_t)t->status);
		fail_len = key_append(k->key, fail_len, t->rcode);
		fail_len =
		        key_append(k->key, fail_len, (uint32_t)t->rcode_source);
		fail_len = key_append(k->key, fail_len, (uint32_t)t->condition);
		fail_len = key_append(k->key, fail_len, k->llmnr);
	}
	k->name_len = (uint32_t)name_len;
	k->type_len = (uint32_t)type_len;
	k->fail_len = (uint32_t)fail_len;
	k->name_hash = key_hash(k->key, k->name_len);
	k->type_hash = key_hash_more(k->name_hash, k->key + name_len,
	                             k->type_len - k->name_len);
	k->fail_hash = key_hash_more(k->type_hash, k->key + type_len,
	                             k->fail_len - k->type_len);
	topk_prefetch_index(&p->qnames, k->name_hash);
	topk_prefetch_index(&p->qname_qtype, k->type_hash);
	if (failed)
		topk_prefetch_index(&p->failing, k->fail_hash);
}

static void add_to_names(rg_aggregate *agg, const rg_transaction *t,
                         bool failed, const name_keys *k)
{
	struct rg_aggregate_private *p = agg->priv;
	uint64_t frame = t->query_frame ? t->query_frame : t->response_frame;
	topk_prefetch_slot(&p->qnames, k->name_hash);
	topk_prefetch_slot(&p->qname_qtype, k->type_hash);
	if (failed)
		topk_prefetch_slot(&p->failing, k->fail_hash);

	topk_offer(&p->qnames, k->key, k->name_len, k->name_hash, t->qname,
	           frame, failed);
	topk_slot *s = topk_offer(&p->qname_qtype, k->key, k->type_len,
	                          k->type_hash, t->qname, frame, failed);
	if (s)
		s->item.qtype = t->qtype;
	if (!failed)
		return;
	uint64_t ex = t->response_frame ? t->response_frame : t->query_frame;
	s = topk_offer(&p->failing, k->key, k->fail_len, k->fail_hash, t->qname,
	               ex, true);
	if (!s)
		return;
	s->item.qtype = t->qtype;
	s->item.rcode = t->rcode;
	s->item.source = t->rcode_source;
	s->item.condition = t->has_response ? t->condition : RCX_COND_QUERY;
	s->item.llmnr = k->llmnr;
}

void rg_aggregate_add_transaction(rg_aggregate *agg, const rg_transaction *t)
{
	rg_totals *tot = &agg->totals;
	bool failed = rg_transaction_failed(t);
	bool listed = t->status != RG_STATUS_UNKNOWN;
	name_keys keys;
	if (listed && t->has_question)
		name_keys_prepare(agg, t, failed, &keys);
	tot->transactions++;
	tot->retransmissions += t->retransmissions;
	if (t->retransmissions)
		rg_examples_add(&agg->retransmission_examples, t->query_frame);
	if (t->id_reused) {
		tot->id_reuse++;
		rg_examples_add(&agg->id_reuse_examples, t->query_frame);
	}
	switch (t->status) {
	case RG_STATUS_ANSWERED:
		tot->answered++;
		latency_add(&agg->latency, t->latency_ns);
		if (t->late) {
			tot->late++;
			rg_examples_add(&agg->late_examples, t->response_frame);
		}
		break;
	case RG_STATUS_UNANSWERED:
		if (t->unanswered_reason == RG_UNANSWERED_CAPTURE_END)
			tot->unanswered_capture_end++;
		else if (t->unanswered_reason == RG_UNANSWERED_ICMP)
			tot->unanswered_icmp++;
		else
			tot->unanswered_timeout++;
		timeline_at(&agg->timeline, t->query_sec)->unanswered++;
		break;
	case RG_STATUS_UNSOLICITED:
		tot->unsolicited++;
		rg_examples_add(&agg->unsolicited_examples, t->response_frame);
		break;
	case RG_STATUS_UNKNOWN:
		break;
	}
	if (t->icmp) {
		bool v6 = t->icmp_from.version == 6;
		rg_icmp_row *r = icmp_row(agg, &t->server, t->server_port, v6,
		                          t->icmp_type, t->icmp_code, false);
		if (r)
			r->matched++;
	}
	if (listed) {
		add_to_server(agg, t, failed);
		add_to_client(agg, t, failed);
		if (t->has_question)
			add_to_names(agg, t, failed, &keys);
	}
	if (failed) {
		tot->failed++;
		if (agg->failed->len < agg->options.max_failed)
			g_array_append_vals(agg->failed, t, 1);
		else
			agg->failed_dropped++;
	}
}

/* ---- finish ---- */

static gint code_row_cmp(gconstpointer a, gconstpointer b)
{
	const rg_code_row *x = a, *y = b;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	if (x->rcode != y->rcode)
		return x->rcode < y->rcode ? -1 : 1;
	return (int)x->condition - (int)y->condition;
}

static gint code_count_cmp(gconstpointer a, gconstpointer b)
{
	const rg_code_count *x = a, *y = b;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return (int)x->rcode - (int)y->rcode;
}

static gint server_cmp(gconstpointer a, gconstpointer b)
{
	const rg_server_stats *x = a, *y = b;
	if (x->transactions != y->transactions)
		return x->transactions > y->transactions ? -1 : 1;
	return g_strcmp0(x->text, y->text);
}

static gint client_cmp(gconstpointer a, gconstpointer b)
{
	const rg_client_stats *x = a, *y = b;
	if (x->transactions != y->transactions)
		return x->transactions > y->transactions ? -1 : 1;
	return g_strcmp0(x->text, y->text);
}

static gint ede_cmp(gconstpointer a, gconstpointer b)
{
	const rg_ede_row *x = a, *y = b;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return (int)x->info_code - (int)y->info_code;
}

static gint ede_text_cmp(gconstpointer a, gconstpointer b)
{
	const rg_ede_text *x = a, *y = b;
	return x->count == y->count ? 0 : x->count > y->count ? -1 : 1;
}

static gint ede_zone_cmp(gconstpointer a, gconstpointer b)
{
	const rg_ede_zone *x = a, *y = b;
	return x->count == y->count ? 0 : x->count > y->count ? -1 : 1;
}

static gint ede_server_cmp(gconstpointer a, gconstpointer b)
{
	const rg_server_count *x = a, *y = b;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	int c = memcmp(&x->addr, &y->addr, sizeof x->addr);
	if (c)
		return c;
	return x->port < y->port ? -1 : x->port > y->port;
}

static gint tsig_cmp(gconstpointer a, gconstpointer b)
{
	const rg_tsig_row *x = a, *y = b;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return g_strcmp0(x->key_name, y->key_name);
}

static gint inconsistent_cmp(gconstpointer a, gconstpointer b)
{
	const rg_inconsistent_row *x = a, *y = b;
	if (x->variants != y->variants)
		return x->variants > y->variants ? -1 : 1;
	if (x->responses != y->responses)
		return x->responses > y->responses ? -1 : 1;
	return x->examples.frames[0] < y->examples.frames[0] ? -1 : 1;
}

static gint icmp_cmp(gconstpointer a, gconstpointer b)
{
	const rg_icmp_row *x = a, *y = b;
	return x->count == y->count ? 0 : x->count > y->count ? -1 : 1;
}

static gint anomaly_cmp(gconstpointer a, gconstpointer b)
{
	const rg_anomaly_row *x = a, *y = b;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return (int)x->problem - (int)y->problem;
}

static gint damage_cmp(gconstpointer a, gconstpointer b)
{
	const rg_damage *x = a, *y = b;
	return x->count == y->count ? 0 : x->count > y->count ? -1 : 1;
}

static gint link_cmp(gconstpointer a, gconstpointer b)
{
	const rg_link_type *x = a, *y = b;
	return x->packets == y->packets ? 0 : x->packets > y->packets ? -1 : 1;
}

void rg_aggregate_finish(rg_aggregate *agg)
{
	if (agg->finished)
		return;
	agg->finished = true;
	struct rg_aggregate_private *p = agg->priv;
	g_array_sort(agg->codes, code_row_cmp);
	agg->priv->last_code_row = -1;
	for (guint i = 0; i < agg->servers->len; i++) {
		rg_server_stats *s =
		        &g_array_index(agg->servers, rg_server_stats, i);
		g_array_sort(s->codes, code_count_cmp);
		latency_summarize(&s->latency, &s->latency_summary);
	}
	g_array_sort(agg->servers, server_cmp);
	g_array_sort(agg->clients, client_cmp);
	endpoint_index_clear(&p->server_index);
	endpoint_index_clear(&p->client_index);
	p->last_server = 0;
	p->last_client = 0;
	topk_finish(&p->qnames, &agg->top_qnames, agg->options.top_n);
	topk_finish(&p->qname_qtype, &agg->top_qname_qtype, agg->options.top_n);
	topk_finish(&p->failing, &agg->top_failing, agg->options.top_n);
	topk_clear(&p->qnames);
	topk_clear(&p->qname_qtype);
	topk_clear(&p->failing);
	latency_summarize(&agg->latency, &agg->latency_summary);
	for (guint i = 0; i < agg->ede->len; i++) {
		rg_ede_row *r = &g_array_index(agg->ede, rg_ede_row, i);
		g_array_sort(r->codes, code_count_cmp);
		g_array_sort(r->texts, ede_text_cmp);
		g_array_sort(r->zones, ede_zone_cmp);
		g_array_sort(r->servers, ede_server_cmp);
	}
	g_array_sort(agg->ede, ede_cmp);
	g_array_sort(agg->tsig, tsig_cmp);
	g_array_sort(agg->icmp, icmp_cmp);
	g_array_sort(agg->anomalies, anomaly_cmp);
	g_array_sort(agg->consistency.rows, inconsistent_cmp);
	answers_free(p);
	for (int i = 0; i < RCX_PROBLEM_COUNT; i++)
		p->anomaly_row[i] = -1;
	g_array_sort(agg->capture.damage, damage_cmp);
	g_array_sort(agg->capture.link_types, link_cmp);
	g_array_sort(agg->capture.tunnels, tunnel_cmp);
	agg->capture.damaged = agg->capture.damage->len > 0;
}
