/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "transactions.h"
#include "big_table.h"
#include "hash.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

/* Parsed queries are kept in a small ring so that a response arriving soon
 * after its query (the usual case) is diagnosed against the parse made when
 * the query arrived; older queries are parsed again from their saved bytes. */
#define PARSED_RING     1024
#define MAX_FOLLOWUPS   65536
#define FOLLOWUP_FILTER 16384

typedef struct {
	uint8_t transport;
	uint8_t version;
	uint16_t id;
	uint16_t client_port;
	uint16_t server_port;
	uint8_t client[16];
	uint8_t server[16];
} flow_key;

typedef struct pending pending;
struct pending {
	flow_key key;
	guint hash;             /* flow_key_hash(&key) */
	pending *same_key_next; /* other pending queries with this key (ID
	                           reuse), newest first */
	pending *older, *newer; /* FIFO by last transmission */
	uint64_t parsed_seq;
	uint8_t *wire;
	uint32_t wire_length;
	uint32_t qname_offset;
	bool has_question;
	uint16_t qtype, qclass;
	uint8_t opcode;
	int64_t first_ns, last_ns;             /* capture time */
	int64_t first_clock_ns, last_clock_ns; /* pairing clock of both */
	uint64_t first_frame, last_frame;
	uint32_t retransmissions;
	uint8_t n_frames;
	uint64_t frames[RG_TXN_MAX_QUERY_FRAMES];
	uint64_t problems; /* bit per rcx_problem, from the query */
	bool cookie_present, cookie_client, cookie_server, cookie_valid;
	bool tsig_present;
	uint16_t tsig_error;
	bool ip_fragmented, tcp_segmented, snaplen_cut;
	bool id_reused;
	bool icmp;
	bool icmp_v6;
	uint8_t icmp_type, icmp_code;
	uint64_t icmp_frame;
	rg_addr icmp_from;
};

/* A response that asked the client to do something: resend with the new
 * server cookie, or retry over TCP. */
typedef struct followup followup;
struct followup {
	uint8_t kind;
	uint8_t version;
	uint16_t qtype;
	uint8_t client[16];
	uint8_t server[16];
	uint8_t flat_length;
	uint8_t flat[RCX_NAME_MAX];
	/* not part of the key */
	uint64_t response_frame;
	int64_t deadline_ns;
	followup *newer;
};
#define FOLLOWUP_KEY_BYTES(f) (offsetof(followup, flat) + (f)->flat_length)

typedef struct {
	rcx_message msg;
	uint64_t seq;
} parsed_slot;

/* Open addressing with linear probing and backward-shift deletion: flow
 * key -> newest pending query with that key. One lookup per message makes
 * this the hottest table, so each slot keeps the key's hash beside the
 * pointer and a probe reads the table alone until the hashes match. */
typedef struct {
	guint hash;
	pending *p; /* NULL: empty */
} flow_slot;

typedef struct {
	flow_slot *slots;
	guint mask;
	guint used;
} flow_table;

/* Pending queries kept for reuse instead of being freed. */
#define SPARE_PENDING 4096

struct rg_tracker {
	rg_tracker_options options;
	flow_table pending;
	pending *oldest, *newest;
	uint32_t n_pending;
	size_t pending_bytes; /* of the pending queries and their bytes */
	pending *spare;       /* free list through same_key_next */
	uint32_t n_spare;
	GHashTable *followups; /* followup (key part) -> followup */
	/* Follow-ups waiting per hash of (client, server, type): most
	 * queries are checked with one array read. */
	uint32_t followup_pairs[FOLLOWUP_FILTER];
	followup *followup_oldest, *followup_newest;
	/* The pairing clock: capture time plus clock_offset_ns, which grows
	 * by the size of every step back of the capture's clock, so that
	 * pairing and timeouts never depend on time going forward. now_ns
	 * is the latest reading, message_clock_ns that of the message being
	 * added. */
	int64_t now_ns;
	int64_t clock_offset_ns;
	int64_t message_clock_ns;
	int64_t horizon_ns; /* pending queries are kept this long */
	bool has_time;
	uint64_t seq;
	parsed_slot *ring;
	rcx_message scratch_query;
	rcx_message response;
	rcx_diagnosis diag;
	rg_transaction txn;
};

static guint flow_key_hash(const flow_key *k)
{
	return (guint)rg_hash_bytes(RG_HASH_SEED, k, sizeof(*k));
}

G_STATIC_ASSERT(sizeof(flow_key) == 40);

static void ft_init(flow_table *ft, guint size)
{
	ft->slots = g_new0(flow_slot, size);
	ft->mask = size - 1;
	ft->used = 0;
}

static guint ft_index(const flow_table *ft, const flow_key *key, guint hash)
{
	for (guint i = hash & ft->mask;; i = (i + 1) & ft->mask) {
		const flow_slot *s = &ft->slots[i];
		if (!s->p)
			return G_MAXUINT;
		if (s->hash == hash &&
		    memcmp(&s->p->key, key, sizeof(*key)) == 0)
			return i;
	}
}

/* Ask for the slot where a lookup of hash starts, so that the cache miss
 * overlaps with parsing the message. */
static void ft_prefetch(const flow_table *ft, guint hash)
{
	__builtin_prefetch(&ft->slots[hash & ft->mask]);
}

static pending *ft_get(const flow_table *ft, const flow_key *key, guint hash)
{
	guint i = ft_index(ft, key, hash);
	return i == G_MAXUINT ? NULL : ft->slots[i].p;
}

static void ft_put_new(flow_table *ft, pending *p)
{
	guint i = p->hash & ft->mask;
	while (ft->slots[i].p)
		i = (i + 1) & ft->mask;
	ft->slots[i].hash = p->hash;
	ft->slots[i].p = p;
	ft->used++;
}

static void ft_resize(flow_table *ft, guint size)
{
	flow_slot *old = ft->slots;
	guint old_size = ft->mask + 1;
	ft_init(ft, size);
	for (guint i = 0; i < old_size; i++)
		if (old[i].p)
			ft_put_new(ft, old[i].p);
	g_free(old);
}

/* Make p the entry for its key (replacing the previous head, if any). */
static void ft_set(flow_table *ft, pending *p)
{
	guint i = ft_index(ft, &p->key, p->hash);
	if (i != G_MAXUINT) {
		ft->slots[i].p = p;
		return;
	}
	guint size = ft->mask + 1;
	if ((ft->used + 1) * 2 > size)
		ft_resize(ft, size * 2);
	ft_put_new(ft, p);
}

static void ft_del(flow_table *ft, const flow_key *key, guint hash)
{
	guint i = ft_index(ft, key, hash);
	if (i == G_MAXUINT)
		return;
	/* Backward-shift deletion: later entries of the probe chain move
	 * up, so lookups never meet a tombstone. */
	guint mask = ft->mask;
	guint j = i;
	ft->slots[i].p = NULL;
	ft->used--;
	for (;;) {
		j = (j + 1) & mask;
		flow_slot *s = &ft->slots[j];
		if (!s->p)
			return;
		guint home = s->hash & mask;
		/* Move j back to i when i lies cyclically in [home, j). */
		bool move = i <= j ? (home <= i || home > j)
		                   : (home <= i && home > j);
		if (move) {
			ft->slots[i] = *s;
			s->p = NULL;
			i = j;
		}
	}
}

static guint followup_hash(gconstpointer p)
{
	const followup *f = p;
	return (guint)rg_hash_bytes(RG_HASH_SEED, p, FOLLOWUP_KEY_BYTES(f));
}

static gboolean followup_equal(gconstpointer a, gconstpointer b)
{
	const followup *fa = a, *fb = b;
	return fa->flat_length == fb->flat_length &&
	       memcmp(a, b, FOLLOWUP_KEY_BYTES(fa)) == 0;
}

static int64_t payload_ns(const rg_dns_payload *p)
{
	/* Clamp hostile timestamps so that the arithmetic cannot overflow. */
	int64_t sec = p->ts_sec;
	const int64_t limit = INT64_C(9000000000);
	if (sec > limit)
		sec = limit;
	if (sec < -limit)
		sec = -limit;
	int32_t nsec = p->ts_nsec;
	if (nsec < 0 || nsec > 999999999)
		nsec = 0;
	return sec * 1000000000 + nsec;
}

/* Hostile captures can step the clock back and forth by centuries: the
 * pairing clock saturates instead of overflowing. */
static int64_t saturating_add(int64_t a, int64_t b)
{
	int64_t sum;
	if (__builtin_add_overflow(a, b, &sum))
		return b > 0 ? INT64_MAX : INT64_MIN;
	return sum;
}

/* later - earlier, saturated. */
static int64_t clock_elapsed(int64_t later, int64_t earlier)
{
	int64_t d;
	if (__builtin_sub_overflow(later, earlier, &d))
		return later > earlier ? INT64_MAX : INT64_MIN;
	return d;
}

static void ns_split(int64_t ns, int64_t *sec, int32_t *nsec)
{
	int64_t s = ns / 1000000000;
	int64_t r = ns % 1000000000;
	if (r < 0) {
		r += 1000000000;
		s -= 1;
	}
	*sec = s;
	*nsec = (int32_t)r;
}

const char *rg_status_name(rg_status s)
{
	switch (s) {
	case RG_STATUS_ANSWERED:
		return "answered";
	case RG_STATUS_UNANSWERED:
		return "unanswered";
	case RG_STATUS_UNSOLICITED:
		return "unsolicited";
	case RG_STATUS_UNKNOWN:
		break;
	}
	return "unknown";
}

const char *rg_unanswered_reason_name(rg_unanswered_reason r)
{
	switch (r) {
	case RG_UNANSWERED_TIMEOUT:
		return "timeout";
	case RG_UNANSWERED_CAPTURE_END:
		return "capture_ended";
	case RG_UNANSWERED_ICMP:
		return "icmp";
	case RG_UNANSWERED_NONE:
		break;
	}
	return NULL;
}

const char *rg_transport_name(rg_transport t)
{
	return t == RG_TRANSPORT_TCP ? "tcp" : "udp";
}

const char *rg_addr_to_text(const rg_addr *addr, char *buf, size_t size)
{
	const uint8_t *b = addr->bytes;
	if (addr->version == 4) {
		snprintf(buf, size, "%u.%u.%u.%u", b[0], b[1], b[2], b[3]);
		return buf;
	}
	if (addr->version != 6) {
		snprintf(buf, size, "?");
		return buf;
	}
	/* RFC 5952: longest run of two or more zero groups becomes "::". */
	uint16_t g[8];
	for (int i = 0; i < 8; i++)
		g[i] = (uint16_t)(b[2 * i] << 8 | b[2 * i + 1]);
	int best = -1, best_len = 0;
	for (int i = 0; i < 8;) {
		if (g[i] != 0) {
			i++;
			continue;
		}
		int j = i;
		while (j < 8 && g[j] == 0)
			j++;
		if (j - i > best_len && j - i >= 2) {
			best = i;
			best_len = j - i;
		}
		i = j;
	}
	size_t pos = 0;
	buf[0] = '\0';
	for (int i = 0; i < 8 && pos < size; i++) {
		if (i == best) {
			pos += (size_t)snprintf(buf + pos, size - pos, "::");
			i += best_len - 1;
			continue;
		}
		bool sep = i > 0 && i != best + best_len;
		pos += (size_t)snprintf(buf + pos, size - pos, "%s%x",
		                        sep ? ":" : "", g[i]);
	}
	return buf;
}

const char *rg_endpoint_to_text(const rg_addr *addr, uint16_t port, char *buf,
                                size_t size)
{
	char a[64];
	rg_addr_to_text(addr, a, sizeof(a));
	if (addr->version == 6)
		snprintf(buf, size, "[%s]:%u", a, port);
	else
		snprintf(buf, size, "%s:%u", a, port);
	return buf;
}

bool rg_transaction_failed(const rg_transaction *t)
{
	switch (t->status) {
	case RG_STATUS_UNANSWERED:
		/* Sent too close to the end of the capture: not judged. */
		return t->unanswered_reason != RG_UNANSWERED_CAPTURE_END;
	case RG_STATUS_UNSOLICITED:
	case RG_STATUS_UNKNOWN:
		return true;
	case RG_STATUS_ANSWERED:
		break;
	}
	return t->rcode != 0 || t->condition == RCX_COND_NODATA;
}

/* ---- pending queries ---- */

static void fifo_unlink(rg_tracker *tr, pending *p)
{
	if (p->older)
		p->older->newer = p->newer;
	else
		tr->oldest = p->newer;
	if (p->newer)
		p->newer->older = p->older;
	else
		tr->newest = p->older;
	p->older = p->newer = NULL;
}

static void fifo_append(rg_tracker *tr, pending *p)
{
	p->older = tr->newest;
	p->newer = NULL;
	if (tr->newest)
		tr->newest->newer = p;
	else
		tr->oldest = p;
	tr->newest = p;
}

/* Remove p from the key chain and the FIFO, and free it. */
static void pending_remove(rg_tracker *tr, pending *p)
{
	pending *head = ft_get(&tr->pending, &p->key, p->hash);
	if (head == p) {
		if (p->same_key_next)
			ft_set(&tr->pending, p->same_key_next);
		else
			ft_del(&tr->pending, &p->key, p->hash);
	} else {
		for (pending *q = head; q; q = q->same_key_next) {
			if (q->same_key_next == p) {
				q->same_key_next = p->same_key_next;
				break;
			}
		}
	}
	fifo_unlink(tr, p);
	tr->n_pending--;
	tr->pending_bytes -= sizeof(pending) + p->wire_length;
	g_free(p->wire);
	if (tr->n_spare < SPARE_PENDING) {
		p->same_key_next = tr->spare;
		tr->spare = p;
		tr->n_spare++;
	} else {
		g_free(p);
	}
}

/* A zeroed pending query. */
static pending *pending_new(rg_tracker *tr)
{
	pending *p = tr->spare;
	if (!p)
		return g_new0(pending, 1);
	tr->spare = p->same_key_next;
	tr->n_spare--;
	memset(p, 0, sizeof(*p));
	return p;
}

static void key_from_payload(flow_key *k, const rg_dns_payload *p,
                             bool is_query)
{
	memset(k, 0, sizeof(*k));
	k->transport = (uint8_t)p->transport;
	k->version = p->src.version;
	k->id = p->dns_len >= 2 ? (uint16_t)(p->dns[0] << 8 | p->dns[1]) : 0;
	const rg_addr *client = is_query ? &p->src : &p->dst;
	const rg_addr *server = is_query ? &p->dst : &p->src;
	memcpy(k->client, client->bytes, 16);
	memcpy(k->server, server->bytes, 16);
	k->client_port = is_query ? p->sport : p->dport;
	k->server_port = is_query ? p->dport : p->sport;
}

static void addr_from_key(rg_addr *a, uint8_t version, const uint8_t *bytes)
{
	a->version = version;
	memcpy(a->bytes, bytes, 16);
}

/* Flat (lower-cased, uncompressed) question name of a message. */
static bool question_flat(const uint8_t *wire, uint32_t length, uint32_t offset,
                          uint8_t *flat, size_t *flat_length)
{
	uint32_t next;
	return rcx_name_walk(wire, length, offset, &next, flat, flat_length) ==
	       RCX_OK;
}

static bool same_question(const pending *p, const rcx_message *msg)
{
	const rcx_question *q = rcx_message_question(msg);
	if (!q || !p->has_question)
		return !q && !p->has_question;
	if (q->qtype != p->qtype || q->qclass != p->qclass)
		return false;
	int plain =
	        rcx_name_equal_plain(p->wire, p->wire_length, p->qname_offset,
	                             msg->wire, msg->length, q->name);
	if (plain >= 0)
		return plain == 1;
	uint8_t a[RCX_NAME_MAX], b[RCX_NAME_MAX];
	size_t alen = 0, blen = 0;
	bool aok = question_flat(p->wire, p->wire_length, p->qname_offset, a,
	                         &alen);
	bool bok = question_flat(msg->wire, msg->length, q->name, b, &blen);
	if (!aok || !bok)
		return aok == bok;
	return alen == blen && memcmp(a, b, alen) == 0;
}

static uint64_t problem_mask(const rcx_message *msg, const rcx_diagnosis *diag)
{
	uint64_t mask = 0;
	for (unsigned i = 0; i < msg->n_problems; i++)
		if (msg->problems[i].code < 64)
			mask |= UINT64_C(1) << msg->problems[i].code;
	if (diag)
		for (unsigned i = 0; i < diag->n_anomalies; i++)
			if (diag->anomalies[i].code < 64)
				mask |= UINT64_C(1) << diag->anomalies[i].code;
	return mask;
}

static void set_problems(rg_transaction *t, uint64_t mask)
{
	t->n_problems = 0;
	for (unsigned i = 1; i < RCX_PROBLEM_COUNT && i < 64; i++) {
		if (!(mask & (UINT64_C(1) << i)))
			continue;
		if (t->n_problems < RG_TXN_MAX_PROBLEMS)
			t->problems[t->n_problems++] = (uint8_t)i;
		rcx_severity sev = rcx_problem_entry((rcx_problem)i)->severity;
		if (sev > t->severity)
			t->severity = sev;
	}
}

/* ---- building transactions ---- */

static void txn_reset(rg_transaction *t)
{
	memset(t, 0, offsetof(rg_transaction, qname));
	t->qname[0] = '\0';
	t->zone[0] = '\0';
	t->tsig_key[0] = '\0';
	t->latency_ns = -1;
}

static void txn_from_pending(rg_transaction *t, const pending *p)
{
	t->query_frame = p->first_frame;
	ns_split(p->first_ns, &t->query_sec, &t->query_nsec);
	t->retransmissions = p->retransmissions;
	t->n_query_frames = p->n_frames;
	memcpy(t->query_frames, p->frames, sizeof(p->frames));
	t->transport = (rg_transport)p->key.transport;
	addr_from_key(&t->client, p->key.version, p->key.client);
	addr_from_key(&t->server, p->key.version, p->key.server);
	t->client_port = p->key.client_port;
	t->server_port = p->key.server_port;
	t->id = p->key.id;
	t->opcode = p->opcode;
	t->has_question = p->has_question;
	t->qtype = p->qtype;
	t->qclass = p->qclass;
	if (p->has_question)
		rcx_name_to_text(p->wire, p->wire_length, p->qname_offset,
		                 t->qname, sizeof(t->qname));
	t->query_cookie_present = p->cookie_present;
	t->query_cookie_client = p->cookie_client;
	t->query_cookie_server = p->cookie_server;
	t->query_cookie_valid = p->cookie_valid;
	t->query_tsig_present = p->tsig_present;
	t->query_tsig_error = p->tsig_error;
	t->ip_fragmented = p->ip_fragmented;
	t->tcp_segmented = p->tcp_segmented;
	t->snaplen_cut = p->snaplen_cut;
	t->id_reused = p->id_reused;
	t->icmp = p->icmp;
	t->icmp_frame = p->icmp_frame;
	t->icmp_type = p->icmp_type;
	t->icmp_code = p->icmp_code;
	t->icmp_v6 = p->icmp_v6;
	t->icmp_from = p->icmp_from;
}

/* Copy at most size - 1 bytes of text as valid UTF-8 (invalid sequences
 * replaced), never cutting a character in two. */
static void copy_text(char *dst, size_t size, const uint8_t *src, size_t len)
{
	gchar *valid = g_utf8_make_valid((const gchar *)src, (gssize)len);
	size_t n = strlen(valid);
	if (n >= size) {
		n = size - 1;
		while (n > 0 && ((guchar)valid[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(dst, valid, n);
	dst[n] = '\0';
	g_free(valid);
}

static void txn_response_facts(rg_transaction *t, const rg_dns_payload *pl,
                               const rcx_message *msg,
                               const rcx_diagnosis *diag)
{
	t->has_response = true;
	t->response_frame = pl->frame;
	ns_split(payload_ns(pl), &t->response_sec, &t->response_nsec);
	t->rcode = diag->rcode;
	t->rcode_source = diag->source;
	t->rcode_entry = diag->rcode_entry;
	t->condition = diag->condition;
	t->condition_entry = diag->condition_entry;
	t->after_chain = diag->after_chain;
	t->aa = msg->header.aa;
	t->tc = msg->header.tc;
	t->has_negative_ttl = diag->has_negative_ttl;
	t->negative_ttl = diag->negative_ttl;
	if (msg->has_soa)
		rcx_name_to_text(msg->wire, msg->length, msg->soa_owner,
		                 t->zone, sizeof(t->zone));
	t->n_ede = 0;
	for (unsigned i = 0;
	     i < diag->n_ede && i < msg->opt.n_ede && t->n_ede < RG_TXN_MAX_EDE;
	     i++) {
		const rcx_ede *e = &msg->opt.ede[i];
		rg_ede_fact *f = &t->ede[t->n_ede++];
		f->code = e->info_code;
		f->entry = diag->ede_entries[i];
		f->has_text =
		        e->text_length > 0 &&
		        (size_t)e->text_offset + e->text_length <= msg->length;
		f->text[0] = '\0';
		if (f->has_text)
			copy_text(f->text, sizeof(f->text),
			          msg->wire + e->text_offset, e->text_length);
	}
	t->tsig_present = diag->tsig_present;
	t->tsig_error = diag->tsig_error;
	t->tsig_entry = diag->tsig_entry;
	t->has_tsig_skew = diag->has_tsig_skew;
	t->tsig_skew = diag->tsig_skew;
	if (msg->tsig.present)
		rcx_name_to_text(msg->wire, msg->length, msg->tsig.key_name,
		                 t->tsig_key, sizeof(t->tsig_key));
	t->cookie = diag->cookie;
	if (diag->severity > t->severity)
		t->severity = diag->severity;
}

static void emit(rg_tracker *tr, rg_transaction *t)
{
	if (tr->options.on_transaction)
		tr->options.on_transaction(t, tr->options.user);
}

static void emit_unanswered(rg_tracker *tr, pending *p,
                            rg_unanswered_reason reason)
{
	rg_transaction *t = &tr->txn;
	txn_reset(t);
	txn_from_pending(t, p);
	t->status = RG_STATUS_UNANSWERED;
	t->unanswered_reason = p->icmp ? RG_UNANSWERED_ICMP : reason;
	set_problems(t, p->problems);
	if (t->severity < RCX_SEV_WARN)
		t->severity = RCX_SEV_WARN;
	emit(tr, t);
}

/* ---- follow-ups (BADCOOKIE retry, TC=1 retry over TCP) ---- */

static void followup_key(followup *f, rg_followup_kind kind, uint8_t version,
                         const uint8_t *client, const uint8_t *server,
                         uint16_t qtype, const uint8_t *flat, size_t flat_len)
{
	memset(f, 0, offsetof(followup, flat));
	f->kind = (uint8_t)kind;
	f->version = version;
	f->qtype = qtype;
	memcpy(f->client, client, 16);
	memcpy(f->server, server, 16);
	f->flat_length = (uint8_t)flat_len;
	memcpy(f->flat, flat, flat_len);
}

static guint pair_slot(const uint8_t *client, const uint8_t *server,
                       uint16_t qtype)
{
	uint64_t a, b, c, d;
	memcpy(&a, client, 8);
	memcpy(&b, client + 8, 8);
	memcpy(&c, server, 8);
	memcpy(&d, server + 8, 8);
	uint64_t h = (a ^ (b * 0x9e3779b97f4a7c15u)) * 0xff51afd7ed558ccdu;
	h ^= (c ^ (d * 0xc2b2ae3d27d4eb4fu)) * 0x9e3779b97f4a7c15u;
	h ^= qtype;
	h *= 0xff51afd7ed558ccdu;
	h ^= h >> 29;
	return (guint)(h & (FOLLOWUP_FILTER - 1));
}

static void followup_done(rg_tracker *tr, followup *f, uint64_t retry_frame)
{
	if (tr->options.on_followup)
		tr->options.on_followup((rg_followup_kind)f->kind,
		                        f->response_frame, retry_frame,
		                        tr->options.user);
}

static void followup_unlink(rg_tracker *tr, followup *f)
{
	/* Singly linked FIFO: f is found from the oldest end. */
	if (tr->followup_oldest == f) {
		tr->followup_oldest = f->newer;
	} else {
		for (followup *q = tr->followup_oldest; q; q = q->newer) {
			if (q->newer == f) {
				q->newer = f->newer;
				break;
			}
		}
	}
	if (tr->followup_newest == f) {
		tr->followup_newest = tr->followup_oldest;
		while (tr->followup_newest && tr->followup_newest->newer)
			tr->followup_newest = tr->followup_newest->newer;
	}
	g_hash_table_remove(tr->followups, f);
	tr->followup_pairs[pair_slot(f->client, f->server, f->qtype)]--;
	g_free(f);
}

static void followup_add(rg_tracker *tr, rg_followup_kind kind,
                         const rg_transaction *t, const rcx_message *resp)
{
	const rcx_question *q = rcx_message_question(resp);
	uint8_t flat[RCX_NAME_MAX];
	size_t flat_len = 0;
	if (q &&
	    !question_flat(resp->wire, resp->length, q->name, flat, &flat_len))
		flat_len = 0;
	followup *f = g_new(followup, 1);
	followup_key(f, kind, t->client.version, t->client.bytes,
	             t->server.bytes, q ? q->qtype : 0, flat, flat_len);
	f->response_frame = t->response_frame;
	f->deadline_ns = tr->message_clock_ns + tr->options.timeout_ns;
	f->newer = NULL;
	followup *old = g_hash_table_lookup(tr->followups, f);
	if (old) {
		/* A newer response of the same kind replaces the older one,
		 * which got no retry before it. */
		followup_done(tr, old, 0);
		followup_unlink(tr, old);
	}
	if (g_hash_table_size(tr->followups) >= MAX_FOLLOWUPS) {
		followup *oldest = tr->followup_oldest;
		followup_done(tr, oldest, 0);
		followup_unlink(tr, oldest);
	}
	g_hash_table_add(tr->followups, f);
	tr->followup_pairs[pair_slot(f->client, f->server, f->qtype)]++;
	if (tr->followup_newest)
		tr->followup_newest->newer = f;
	else
		tr->followup_oldest = f;
	tr->followup_newest = f;
}

static void followup_check(rg_tracker *tr, const rg_dns_payload *pl,
                           const rcx_message *msg)
{
	const rcx_question *q = rcx_message_question(msg);
	uint16_t qtype = q ? q->qtype : 0;
	if (tr->followup_pairs[pair_slot(pl->src.bytes, pl->dst.bytes,
	                                 qtype)] == 0)
		return;
	uint8_t flat[RCX_NAME_MAX];
	size_t flat_len = 0;
	if (q &&
	    !question_flat(msg->wire, msg->length, q->name, flat, &flat_len))
		flat_len = 0;
	followup key;
	rg_followup_kind kinds[2] = {RG_FOLLOWUP_BADCOOKIE,
	                             RG_FOLLOWUP_TRUNCATED};
	for (int i = 0; i < 2; i++) {
		/* RFC 7766 §6.2.1.1: the retry after TC=1 goes over TCP. */
		if (kinds[i] == RG_FOLLOWUP_TRUNCATED &&
		    pl->transport != RG_TRANSPORT_TCP)
			continue;
		followup_key(&key, kinds[i], pl->src.version, pl->src.bytes,
		             pl->dst.bytes, q ? q->qtype : 0, flat, flat_len);
		followup *f = g_hash_table_lookup(tr->followups, &key);
		if (f) {
			followup_done(tr, f, pl->frame);
			followup_unlink(tr, f);
		}
	}
}

static void followups_expire(rg_tracker *tr, bool all)
{
	while (tr->followup_oldest &&
	       (all || tr->followup_oldest->deadline_ns < tr->now_ns)) {
		followup *f = tr->followup_oldest;
		followup_done(tr, f, 0);
		followup_unlink(tr, f);
	}
}

/* ---- the tracker ---- */

rg_tracker *rg_tracker_new(const rg_tracker_options *options)
{
	rg_tracker *tr = g_new0(rg_tracker, 1);
	tr->options = *options;
	if (tr->options.timeout_ns <= 0)
		tr->options.timeout_ns = RG_DEFAULT_TIMEOUT_NS;
	if (tr->options.max_pending_bytes == 0)
		tr->options.max_pending_bytes = RG_PENDING_MAX_BYTES;
	tr->horizon_ns = tr->options.timeout_ns > RG_LATE_HORIZON_NS
	                         ? tr->options.timeout_ns
	                         : RG_LATE_HORIZON_NS;
	ft_init(&tr->pending, 1024);
	tr->followups = g_hash_table_new(followup_hash, followup_equal);
	tr->ring = rg_big_table_new0(sizeof(parsed_slot) * PARSED_RING);
	return tr;
}

static void expire(rg_tracker *tr)
{
	while (tr->oldest &&
	       clock_elapsed(tr->now_ns, tr->oldest->last_clock_ns) >
	               tr->horizon_ns) {
		pending *p = tr->oldest;
		emit_unanswered(tr, p, RG_UNANSWERED_TIMEOUT);
		pending_remove(tr, p);
	}
	if (tr->followup_oldest)
		followups_expire(tr, false);
}

static void notify_message(rg_tracker *tr, const rg_dns_payload *pl,
                           const rcx_message *msg, const rcx_diagnosis *diag)
{
	if (tr->options.on_message)
		tr->options.on_message(pl, msg, diag, tr->options.user);
}

static void pending_set_query(pending *p, const rcx_message *msg, uint64_t seq)
{
	const rcx_question *q = rcx_message_question(msg);
	p->parsed_seq = seq;
	p->has_question = q != NULL;
	p->qname_offset = q ? q->name : 0;
	p->qtype = q ? q->qtype : 0;
	p->qclass = q ? q->qclass : 0;
	p->opcode = msg->header.opcode;
	p->cookie_present = msg->opt.present && msg->opt.cookie.present;
	p->cookie_client = p->cookie_present && msg->opt.cookie.length >= 8;
	p->cookie_server = p->cookie_present && msg->opt.cookie.length > 8;
	p->cookie_valid = p->cookie_present && msg->opt.cookie.valid;
	p->tsig_present = msg->tsig.present;
	p->tsig_error = msg->tsig.present ? msg->tsig.error : 0;
}

/* One more transmission of a pending query: the timeout runs from the
 * last one. */
static void pending_add_transmission(pending *p, const rg_dns_payload *pl,
                                     int64_t clock_ns)
{
	p->last_frame = pl->frame;
	p->last_ns = payload_ns(pl);
	p->last_clock_ns = clock_ns;
	if (p->n_frames < RG_TXN_MAX_QUERY_FRAMES)
		p->frames[p->n_frames++] = pl->frame;
	p->ip_fragmented |= pl->ip_fragmented;
	p->tcp_segmented |= pl->tcp_segmented;
	p->snaplen_cut |= pl->snaplen_cut;
}

/* The core's diagnosis under the rules of the message's protocol. */
static void diagnose(rg_tracker *tr, const rg_dns_payload *pl,
                     const rcx_message *msg, const rcx_message *query)
{
	if (rg_payload_is_mdns(pl))
		rcx_diagnose_mdns(&tr->diag, msg);
	else if (rg_payload_is_llmnr(pl))
		rcx_diagnose_llmnr(&tr->diag, msg, query);
	else
		rcx_diagnose(&tr->diag, msg, query);
}

/*
 * Keeps the pending queries within max_pending_bytes. The oldest query
 * gives way: as unanswered when its timeout has run out (only a late
 * answer is lost), otherwise it is dropped and reported through
 * on_query_dropped, never counted as unanswered. Returns true when a query
 * was removed.
 */
static bool make_room(rg_tracker *tr, size_t needed)
{
	bool removed = false;
	while (tr->oldest &&
	       tr->pending_bytes + needed > tr->options.max_pending_bytes) {
		pending *oldest = tr->oldest;
		if (clock_elapsed(tr->now_ns, oldest->last_clock_ns) >
		    tr->options.timeout_ns)
			emit_unanswered(tr, oldest, RG_UNANSWERED_TIMEOUT);
		else if (tr->options.on_query_dropped)
			tr->options.on_query_dropped(oldest->first_frame,
			                             tr->options.user);
		pending_remove(tr, oldest);
		removed = true;
	}
	return removed;
}

static void add_query(rg_tracker *tr, const rg_dns_payload *pl, uint8_t *wire)
{
	flow_key key;
	key_from_payload(&key, pl, true);
	guint hash = flow_key_hash(&key);
	ft_prefetch(&tr->pending, hash);
	uint64_t seq = ++tr->seq;
	parsed_slot *slot = &tr->ring[seq % PARSED_RING];
	slot->seq = seq;
	rcx_message *msg = &slot->msg;
	rcx_message_parse(msg, wire, pl->dns_len);
	diagnose(tr, pl, msg, NULL);
	notify_message(tr, pl, msg, &tr->diag);
	if (tr->followup_oldest)
		followup_check(tr, pl, msg);

	pending *head = ft_get(&tr->pending, &key, hash);
	for (pending *p = head; p; p = p->same_key_next) {
		if (!same_question(p, msg))
			continue;
		if (clock_elapsed(tr->message_clock_ns, p->first_clock_ns) >=
		    tr->options.timeout_ns) {
			/* Sent again after the timeout: the first one is
			 * unanswered and this starts a transaction of its own
			 * (as Wireshark's DNS dissector does after its
			 * retransmission timer, 5 s like our default). */
			emit_unanswered(tr, p, RG_UNANSWERED_TIMEOUT);
			pending_remove(tr, p);
			head = ft_get(&tr->pending, &key, hash);
			break;
		}
		/* The same query again before any response: a
		 * retransmission of the same transaction, which keeps its
		 * first transmission as its query (the one Wireshark's
		 * dns.response_to names): its bytes, frame and time. */
		g_free(wire);
		p->retransmissions++;
		p->problems |= problem_mask(msg, &tr->diag);
		pending_add_transmission(p, pl, tr->message_clock_ns);
		fifo_unlink(tr, p);
		fifo_append(tr, p);
		return;
	}
	if (make_room(tr, sizeof(pending) + pl->dns_len))
		head = ft_get(&tr->pending, &key, hash);
	pending *p = pending_new(tr);
	p->key = key;
	p->hash = hash;
	p->wire = wire;
	p->wire_length = pl->dns_len;
	tr->pending_bytes += sizeof(pending) + pl->dns_len;
	p->first_frame = pl->frame;
	p->first_ns = payload_ns(pl);
	p->first_clock_ns = tr->message_clock_ns;
	p->problems = problem_mask(msg, &tr->diag);
	p->id_reused = head != NULL;
	pending_set_query(p, msg, seq);
	pending_add_transmission(p, pl, tr->message_clock_ns);
	p->same_key_next = head;
	ft_set(&tr->pending, p);
	fifo_append(tr, p);
	tr->n_pending++;
}

static pending *find_for_response(rg_tracker *tr, const flow_key *key,
                                  guint hash, const rcx_message *resp)
{
	pending *head = ft_get(&tr->pending, key, hash);
	for (pending *p = head; p; p = p->same_key_next)
		if (same_question(p, resp))
			return p;
	/* Same ID and endpoints but another question: still the best match
	 * (the core reports the mismatch). */
	return head;
}

/* A message counted but not paired (see rg_tracker_add()). */
static void add_unpaired(rg_tracker *tr, const rg_dns_payload *pl)
{
	rcx_message *msg = &tr->response;
	rcx_message_parse(msg, pl->dns, pl->dns_len);
	diagnose(tr, pl, msg, NULL);
	notify_message(tr, pl, msg, &tr->diag);
}

static void add_response(rg_tracker *tr, const rg_dns_payload *pl)
{
	flow_key key;
	key_from_payload(&key, pl, false);
	guint hash = flow_key_hash(&key);
	ft_prefetch(&tr->pending, hash);
	rcx_message *resp = &tr->response;
	rcx_message_parse(resp, pl->dns, pl->dns_len);
	pending *p = find_for_response(tr, &key, hash, resp);
	rg_transaction *t = &tr->txn;
	txn_reset(t);
	if (!p) {
		diagnose(tr, pl, resp, NULL);
		notify_message(tr, pl, resp, &tr->diag);
		/* The answer to a query sent to the LLMNR group, which was
		 * not paired: any host on the link may answer it. */
		if (rg_payload_is_llmnr(pl))
			return;
		t->status = RG_STATUS_UNSOLICITED;
		t->transport = pl->transport;
		t->client = pl->dst;
		t->server = pl->src;
		t->client_port = pl->dport;
		t->server_port = pl->sport;
		t->id = resp->header.id;
		t->opcode = resp->header.opcode;
		ns_split(payload_ns(pl), &t->query_sec, &t->query_nsec);
		const rcx_question *q = rcx_message_question(resp);
		if (q) {
			t->has_question = true;
			t->qtype = q->qtype;
			t->qclass = q->qclass;
			rcx_name_to_text(resp->wire, resp->length, q->name,
			                 t->qname, sizeof(t->qname));
		}
		t->ip_fragmented = pl->ip_fragmented;
		t->tcp_segmented = pl->tcp_segmented;
		t->snaplen_cut = pl->snaplen_cut;
		txn_response_facts(t, pl, resp, &tr->diag);
		set_problems(t, problem_mask(resp, &tr->diag));
		emit(tr, t);
		return;
	}
	parsed_slot *slot = &tr->ring[p->parsed_seq % PARSED_RING];
	const rcx_message *query = &slot->msg;
	if (slot->seq != p->parsed_seq) {
		rcx_message_parse(&tr->scratch_query, p->wire, p->wire_length);
		query = &tr->scratch_query;
	}
	diagnose(tr, pl, resp, query);
	notify_message(tr, pl, resp, &tr->diag);
	txn_from_pending(t, p);
	t->status = RG_STATUS_ANSWERED;
	t->ip_fragmented |= pl->ip_fragmented;
	t->tcp_segmented |= pl->tcp_segmented;
	t->snaplen_cut |= pl->snaplen_cut;
	txn_response_facts(t, pl, resp, &tr->diag);
	/* A response timed before its query (the clock stepped back
	 * between them) has no latency to show. */
	t->latency_ns = payload_ns(pl) >= p->first_ns
	                        ? payload_ns(pl) - p->first_ns
	                        : -1;
	t->late = t->latency_ns > tr->options.timeout_ns;
	set_problems(t, p->problems | problem_mask(resp, &tr->diag));
	pending_remove(tr, p);
	emit(tr, t);
	if (t->tc && t->transport == RG_TRANSPORT_UDP)
		followup_add(tr, RG_FOLLOWUP_TRUNCATED, t, resp);
	if (t->rcode == RCX_RCODE_BADCOOKIE)
		followup_add(tr, RG_FOLLOWUP_BADCOOKIE, t, resp);
}

static void add_icmp(rg_tracker *tr, const rg_dns_payload *pl)
{
	notify_message(tr, pl, NULL, NULL);
	flow_key key;
	key_from_payload(&key, pl, true);
	pending *p = ft_get(&tr->pending, &key, flow_key_hash(&key));
	if (!p || p->icmp)
		return;
	p->icmp = true;
	p->icmp_frame = pl->frame;
	p->icmp_type = pl->icmp_type;
	p->icmp_code = pl->icmp_code;
	p->icmp_v6 = pl->icmp_from.version == 6;
	p->icmp_from = pl->icmp_from;
}

static void add_unknown(rg_tracker *tr, const rg_dns_payload *pl)
{
	rcx_message *msg = &tr->response;
	rcx_message_parse(msg, pl->dns, pl->dns_len);
	rcx_diagnose(&tr->diag, msg, NULL);
	notify_message(tr, pl, msg, &tr->diag);
	rg_transaction *t = &tr->txn;
	txn_reset(t);
	t->status = RG_STATUS_UNKNOWN;
	t->query_frame = pl->frame;
	ns_split(payload_ns(pl), &t->query_sec, &t->query_nsec);
	t->transport = pl->transport;
	t->client = pl->src;
	t->server = pl->dst;
	t->client_port = pl->sport;
	t->server_port = pl->dport;
	t->id = pl->dns_len >= 2 ? (uint16_t)(pl->dns[0] << 8 | pl->dns[1]) : 0;
	t->snaplen_cut = pl->snaplen_cut;
	set_problems(t, problem_mask(msg, &tr->diag));
	emit(tr, t);
}

/* mDNS and LLMNR queries (and mDNS responses) go to a multicast group
 * (RFC 6762 §5, RFC 4795 §2): there is no one server to pair with. */
static bool multicast(const rg_addr *a)
{
	if (a->version == 4)
		return (a->bytes[0] & 0xF0) == 0xE0;
	return a->version == 6 && a->bytes[0] == 0xFF;
}

/* A step back by more than this is the capture's clock being set back,
 * not packets of several queues or interfaces slightly out of order. */
#define CLOCK_STEP_BACK_NS INT64_C(1000000000)

static void advance_clock(rg_tracker *tr, int64_t capture_ns)
{
	int64_t clock = saturating_add(capture_ns, tr->clock_offset_ns);
	int64_t back = clock_elapsed(tr->now_ns, clock);
	if (tr->has_time && back > CLOCK_STEP_BACK_NS) {
		tr->clock_offset_ns = saturating_add(tr->clock_offset_ns, back);
		clock = tr->now_ns;
	}
	if (!tr->has_time || clock > tr->now_ns)
		tr->now_ns = clock;
	tr->has_time = true;
	tr->message_clock_ns = clock;
}

void rg_tracker_add(const rg_dns_payload *pl, void *user)
{
	rg_tracker *tr = user;
	advance_clock(tr, payload_ns(pl));
	if (tr->oldest || tr->followup_oldest)
		expire(tr);
	if (pl->from_icmp) {
		add_icmp(tr, pl);
		return;
	}
	/* QR is the top bit of octet 2; shorter messages cannot be told
	 * apart and are handed over whole for the core to name the fault. */
	if (pl->dns_len < RCX_HEADER_LEN) {
		add_unknown(tr, pl);
		return;
	}
	/* Messages to a multicast group have no one server; mDNS answers
	 * any of several questions and from any responder, so none of mDNS
	 * is paired. */
	if (multicast(&pl->dst) || rg_payload_is_mdns(pl)) {
		add_unpaired(tr, pl);
		return;
	}
	if (pl->dns[2] & 0x80) {
		add_response(tr, pl);
		return;
	}
	uint8_t *wire = g_memdup2(pl->dns, pl->dns_len);
	add_query(tr, pl, wire);
}

void rg_tracker_finish(rg_tracker *tr)
{
	while (tr->oldest) {
		pending *p = tr->oldest;
		rg_unanswered_reason reason =
		        clock_elapsed(tr->now_ns, p->last_clock_ns) >=
		                        tr->options.timeout_ns
		                ? RG_UNANSWERED_TIMEOUT
		                : RG_UNANSWERED_CAPTURE_END;
		emit_unanswered(tr, p, reason);
		pending_remove(tr, p);
	}
	followups_expire(tr, true);
}

void rg_tracker_free(rg_tracker *tr)
{
	if (!tr)
		return;
	while (tr->oldest)
		pending_remove(tr, tr->oldest);
	while (tr->followup_oldest)
		followup_unlink(tr, tr->followup_oldest);
	while (tr->spare) {
		pending *p = tr->spare;
		tr->spare = p->same_key_next;
		g_free(p);
	}
	g_free(tr->pending.slots);
	g_hash_table_destroy(tr->followups);
	rg_big_table_free(tr->ring, sizeof(parsed_slot) * PARSED_RING);
	g_free(tr);
}
