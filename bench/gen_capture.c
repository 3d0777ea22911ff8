/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * gen_capture: writes a synthetic DNS capture (pcap, Ethernet, microsecond
 * timestamps) for benchmarks and tests. The traffic mixes UDP and TCP,
 * IPv4 and IPv6, IP-fragmented large responses, TCP messages split across
 * segments, and responses of many kinds: answers, NXDOMAIN, NODATA with
 * SOA, SERVFAIL and REFUSED with Extended DNS Errors, BADCOOKIE, TSIG
 * BADSIG, and queries left unanswered. Addresses are from the
 * documentation prefixes (192.0.2.0/24, 198.51.100.0/24, 2001:db8::/32).
 *
 *   gen_capture --packets N --out FILE [--distinct-names] [--seed S]
 *               [--udp-only] [--ipv4-only]
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FRAME 1600
#define MAX_MSG   8192

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rnd(void)
{
	uint64_t x = rng_state;
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	rng_state = x;
	return x * 0x2545f4914f6cdd1dull;
}

static uint32_t rnd_below(uint32_t n)
{
	return (uint32_t)((rnd() >> 32) % n);
}

/* ---- pending frames, written in time order ---- */

typedef struct {
	uint64_t t_us;
	uint64_t order;
	uint32_t len, wire_len;
	uint8_t *data;
} frame;

static frame *heap;
static size_t heap_n, heap_cap;
static uint64_t order_counter;
static FILE *out;
static uint64_t written;

static bool before(const frame *a, const frame *b)
{
	return a->t_us < b->t_us || (a->t_us == b->t_us && a->order < b->order);
}

static void heap_push(uint64_t t_us, const uint8_t *data, uint32_t len)
{
	if (heap_n == heap_cap) {
		heap_cap = heap_cap ? heap_cap * 2 : 1024;
		heap = realloc(heap, heap_cap * sizeof(frame));
		if (!heap)
			exit(1);
	}
	frame f = {t_us, order_counter++, len, len, malloc(len)};
	if (!f.data)
		exit(1);
	memcpy(f.data, data, len);
	size_t i = heap_n++;
	while (i > 0) {
		size_t p = (i - 1) / 2;
		if (!before(&f, &heap[p]))
			break;
		heap[i] = heap[p];
		i = p;
	}
	heap[i] = f;
}

static frame heap_pop(void)
{
	frame top = heap[0];
	frame last = heap[--heap_n];
	size_t i = 0;
	for (;;) {
		size_t c = 2 * i + 1;
		if (c >= heap_n)
			break;
		if (c + 1 < heap_n && before(&heap[c + 1], &heap[c]))
			c++;
		if (!before(&heap[c], &last))
			break;
		heap[i] = heap[c];
		i = c;
	}
	if (heap_n)
		heap[i] = last;
	return top;
}

static void put32(uint32_t v)
{
	fwrite(&v, 4, 1, out);
}

static void write_frame(const frame *f)
{
	put32((uint32_t)(f->t_us / 1000000));
	put32((uint32_t)(f->t_us % 1000000));
	put32(f->len);
	put32(f->wire_len);
	fwrite(f->data, 1, f->len, out);
	written++;
}

static void flush_until(uint64_t t_us)
{
	while (heap_n && heap[0].t_us <= t_us) {
		frame f = heap_pop();
		write_frame(&f);
		free(f.data);
	}
}

/* ---- packet building ---- */

typedef struct {
	int v; /* 4 or 6 */
	uint8_t a[16];
} addr;

static void wr16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void wr32(uint8_t *p, uint32_t v)
{
	wr16(p, (uint16_t)(v >> 16));
	wr16(p + 2, (uint16_t)v);
}

static uint32_t sum16(const uint8_t *p, size_t n, uint32_t s)
{
	for (size_t i = 0; i + 1 < n; i += 2)
		s += (uint32_t)p[i] << 8 | p[i + 1];
	if (n & 1)
		s += (uint32_t)p[n - 1] << 8;
	return s;
}

static uint16_t fold(uint32_t s)
{
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)~s;
}

static uint16_t l4_checksum(const addr *src, const addr *dst, uint8_t proto,
                            const uint8_t *l4, size_t len)
{
	uint32_t s = 0;
	unsigned n = src->v == 4 ? 4 : 16;
	s = sum16(src->a, n, s);
	s = sum16(dst->a, n, s);
	s += proto;
	s += (uint32_t)len;
	s = sum16(l4, len, s);
	uint16_t c = fold(s);
	return c ? c : 0xffff;
}

static size_t eth_header(uint8_t *p, int v)
{
	static const uint8_t macs[12] = {0x02, 0, 0, 0, 0, 0x02,
	                                 0x02, 0, 0, 0, 0, 0x01};
	memcpy(p, macs, 12);
	wr16(p + 12, v == 4 ? 0x0800 : 0x86dd);
	return 14;
}

static uint16_t ip_id = 1;

/* An IP packet with the given upper-layer bytes, fragmented when larger
 * than the 1500-byte MTU; every frame is queued at t_us. */
static void emit_ip(uint64_t t_us, const addr *src, const addr *dst,
                    uint8_t proto, const uint8_t *l4, size_t len)
{
	uint8_t f[MAX_FRAME + 64];
	size_t maxchunk = src->v == 4 ? 1480 : 1448;
	bool frag = len > (src->v == 4 ? 1480u : 1460u);
	uint32_t id = ip_id++;
	size_t off = 0;
	do {
		size_t chunk = len - off;
		bool more = false;
		if (frag && chunk > maxchunk) {
			chunk = maxchunk;
			more = true;
		}
		size_t p = eth_header(f, src->v);
		if (src->v == 4) {
			uint8_t *ip = f + p;
			memset(ip, 0, 20);
			ip[0] = 0x45;
			wr16(ip + 2, (uint16_t)(20 + chunk));
			wr16(ip + 4, (uint16_t)id);
			uint16_t fo = (uint16_t)(off / 8);
			if (more)
				fo |= 0x2000;
			if (!frag)
				fo = 0x4000; /* DF */
			wr16(ip + 6, fo);
			ip[8] = 64;
			ip[9] = proto;
			memcpy(ip + 12, src->a, 4);
			memcpy(ip + 16, dst->a, 4);
			wr16(ip + 10, fold(sum16(ip, 20, 0)));
			p += 20;
		} else {
			uint8_t *ip = f + p;
			memset(ip, 0, 40);
			ip[0] = 0x60;
			wr16(ip + 4, (uint16_t)(chunk + (frag ? 8 : 0)));
			ip[6] = frag ? 44 : proto;
			ip[7] = 64;
			memcpy(ip + 8, src->a, 16);
			memcpy(ip + 24, dst->a, 16);
			p += 40;
			if (frag) {
				uint8_t *fh = f + p;
				fh[0] = proto;
				fh[1] = 0;
				wr16(fh + 2, (uint16_t)(off | (more ? 1 : 0)));
				wr32(fh + 4, 0x10000 + id);
				p += 8;
			}
		}
		memcpy(f + p, l4 + off, chunk);
		p += chunk;
		/* Ethernet minimum frame: padding after short IP packets */
		while (p < 60)
			f[p++] = 0;
		heap_push(t_us, f, (uint32_t)p);
		off += chunk;
	} while (off < len);
}

static void emit_udp(uint64_t t_us, const addr *src, const addr *dst,
                     uint16_t sport, uint16_t dport, const uint8_t *msg,
                     size_t len)
{
	static uint8_t l4[8 + MAX_MSG];
	wr16(l4, sport);
	wr16(l4 + 2, dport);
	wr16(l4 + 4, (uint16_t)(8 + len));
	wr16(l4 + 6, 0);
	memcpy(l4 + 8, msg, len);
	wr16(l4 + 6, l4_checksum(src, dst, 17, l4, 8 + len));
	emit_ip(t_us, src, dst, 17, l4, 8 + len);
}

static void emit_tcp(uint64_t t_us, const addr *src, const addr *dst,
                     uint16_t sport, uint16_t dport, uint32_t seq, uint32_t ack,
                     uint8_t flags, const uint8_t *data, size_t len)
{
	static uint8_t l4[20 + MAX_MSG];
	memset(l4, 0, 20);
	wr16(l4, sport);
	wr16(l4 + 2, dport);
	wr32(l4 + 4, seq);
	wr32(l4 + 8, ack);
	l4[12] = 5 << 4;
	l4[13] = flags;
	wr16(l4 + 14, 65535);
	if (len)
		memcpy(l4 + 20, data, len);
	wr16(l4 + 16, l4_checksum(src, dst, 6, l4, 20 + len));
	emit_ip(t_us, src, dst, 6, l4, 20 + len);
}

/* ---- DNS messages ---- */

typedef struct {
	uint8_t b[MAX_MSG];
	size_t n;
} msg;

static void m8(msg *m, uint8_t v)
{
	if (m->n < MAX_MSG)
		m->b[m->n++] = v;
}

static void m16(msg *m, uint16_t v)
{
	m8(m, (uint8_t)(v >> 8));
	m8(m, (uint8_t)v);
}

static void m32(msg *m, uint32_t v)
{
	m16(m, (uint16_t)(v >> 16));
	m16(m, (uint16_t)v);
}

static void mbytes(msg *m, const void *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		m8(m, ((const uint8_t *)p)[i]);
}

static void mname(msg *m, const char *name)
{
	while (*name) {
		const char *dot = strchr(name, '.');
		size_t l = dot ? (size_t)(dot - name) : strlen(name);
		m8(m, (uint8_t)l);
		mbytes(m, name, l);
		name += l;
		if (*name == '.')
			name++;
	}
	m8(m, 0);
}

static const char *words[] = {"www",   "mail",  "api",  "cdn",    "static",
                              "login", "shop",  "blog", "docs",   "status",
                              "img",   "vpn",   "git",  "ns1",    "auth",
                              "media", "app",   "m",    "search", "files",
                              "news",  "cloud", "dev",  "test",   "portal"};
static const char *zones[] = {"example.com", "example.net", "example.org",
                              "test",        "invalid",     "example"};

static void make_name(char *buf, size_t cap, bool distinct, uint64_t n)
{
	if (distinct) {
		snprintf(buf, cap, "h%06llx-%s.%s", (unsigned long long)n,
		         words[rnd_below(25)], zones[rnd_below(6)]);
		return;
	}
	uint32_t pick = rnd_below(2000);
	snprintf(buf, cap, "%s%u.%s", words[pick % 25], pick / 25 % 40,
	         zones[pick % 6]);
}

static const uint16_t qtypes[] = {1, 28, 1, 28, 1, 28, 16, 1, 16, 1};

enum outcome {
	O_ANSWER,
	O_NXDOMAIN,
	O_NODATA,
	O_SERVFAIL_EDE,
	O_REFUSED,
	O_BADCOOKIE,
	O_TSIG_BADSIG,
	O_LARGE,
	O_UNANSWERED,
};

static enum outcome pick_outcome(void)
{
	uint32_t r = rnd_below(1000);
	if (r < 660)
		return O_ANSWER;
	if (r < 760)
		return O_NXDOMAIN;
	if (r < 820)
		return O_NODATA;
	if (r < 860)
		return O_SERVFAIL_EDE;
	if (r < 880)
		return O_REFUSED;
	if (r < 890)
		return O_BADCOOKIE;
	if (r < 900)
		return O_TSIG_BADSIG;
	if (r < 950)
		return O_LARGE;
	return O_UNANSWERED;
}

static void opt_rr(msg *m, uint8_t ext_rcode, const uint8_t *opts, size_t olen)
{
	m8(m, 0);
	m16(m, 41);
	m16(m, 1232);
	m8(m, ext_rcode);
	m8(m, 0);
	m16(m, 0);
	m16(m, (uint16_t)olen);
	mbytes(m, opts, olen);
}

static void soa_rr(msg *m, const char *zone)
{
	m8(m, 0xc0);
	m8(m, 12); /* owner: the question name (close enough) */
	(void)zone;
	m16(m, 6);
	m16(m, 1);
	m32(m, 300);
	size_t rdlen_at = m->n;
	m16(m, 0);
	size_t start = m->n;
	mname(m, "ns1.example.net");
	mname(m, "hostmaster.example.net");
	m32(m, 2024010101);
	m32(m, 7200);
	m32(m, 3600);
	m32(m, 1209600);
	m32(m, 300);
	wr16(m->b + rdlen_at, (uint16_t)(m->n - start));
}

static void build_query(msg *m, uint16_t id, const char *qname, uint16_t qtype,
                        const uint8_t *cookie, bool tsig)
{
	m->n = 0;
	m16(m, id);
	m16(m, 0x0100); /* RD */
	m16(m, 1);
	m16(m, 0);
	m16(m, 0);
	m16(m, 1 + (tsig ? 1 : 0));
	mname(m, qname);
	m16(m, qtype);
	m16(m, 1);
	uint8_t opts[12];
	size_t olen = 0;
	if (cookie) {
		wr16(opts, 10);
		wr16(opts + 2, 8);
		memcpy(opts + 4, cookie, 8);
		olen = 12;
	}
	opt_rr(m, 0, opts, olen);
	if (tsig) {
		mname(m, "key.example");
		m16(m, 250);
		m16(m, 255);
		m32(m, 0);
		size_t at = m->n;
		m16(m, 0);
		size_t start = m->n;
		mname(m, "hmac-sha256");
		m16(m, 0);
		m32(m, 1700000000);
		m16(m, 300);
		m16(m, 32);
		for (int i = 0; i < 32; i++)
			m8(m, (uint8_t)rnd());
		m16(m, id);
		m16(m, 0);
		m16(m, 0);
		wr16(m->b + at, (uint16_t)(m->n - start));
	}
}

static void build_response(msg *m, const msg *q, enum outcome o, uint16_t qtype,
                           const uint8_t *cookie)
{
	/* copy header + question from the query */
	size_t qend = 12;
	while (qend < q->n && q->b[qend])
		qend += q->b[qend] + 1;
	qend += 5;
	memcpy(m->b, q->b, qend);
	m->n = qend;
	uint16_t flags = 0x8180; /* QR RD RA */
	uint16_t an = 0, ns = 0, ar = 1;
	uint8_t opts[128];
	size_t olen = 0;
	uint8_t ext = 0;
	if (cookie) {
		wr16(opts, 10);
		wr16(opts + 2, 24);
		memcpy(opts + 4, cookie, 8);
		for (int i = 0; i < 16; i++)
			opts[12 + i] = (uint8_t)rnd();
		olen = 28;
	}
	switch (o) {
	case O_ANSWER:
	case O_LARGE:
		an = o == O_LARGE ? 1 : (uint16_t)(1 + rnd_below(3));
		break;
	case O_NXDOMAIN:
		flags |= 3;
		ns = 1;
		break;
	case O_NODATA:
		ns = 1;
		break;
	case O_SERVFAIL_EDE:
	case O_REFUSED: {
		static const char *texts[] = {
		        "no reachable authority at delegation example.com",
		        "validation failure <example.com/DNSKEY>",
		        "query refused by policy"};
		uint16_t code = o == O_REFUSED ? 18 : (rnd_below(2) ? 22 : 6);
		const char *t =
		        o == O_REFUSED ? texts[2] : texts[code == 22 ? 0 : 1];
		flags |= o == O_REFUSED ? 5 : 2;
		size_t tl = strlen(t);
		wr16(opts + olen, 15);
		wr16(opts + olen + 2, (uint16_t)(2 + tl));
		wr16(opts + olen + 4, code);
		memcpy(opts + olen + 6, t, tl);
		olen += 6 + tl;
		break;
	}
	case O_BADCOOKIE:
		flags |= 7; /* 23 = (1 << 4) | 7 */
		ext = 1;
		break;
	case O_TSIG_BADSIG:
		flags |= 9; /* NOTAUTH */
		ar = 2;
		break;
	case O_UNANSWERED:
		break;
	}
	wr16(m->b + 2, flags);
	wr16(m->b + 6, an);
	wr16(m->b + 8, ns);
	wr16(m->b + 10, ar);
	for (uint16_t i = 0; i < an; i++) {
		m8(m, 0xc0);
		m8(m, 12);
		uint16_t t = o == O_LARGE ? 16 : qtype;
		m16(m, t);
		m16(m, 1);
		m32(m, 300);
		if (t == 28) {
			m16(m, 16);
			m32(m, 0x20010db8);
			m32(m, 0);
			m32(m, 0);
			m32(m, 1 + i);
		} else if (t == 16) {
			size_t len = o == O_LARGE ? 2800 + rnd_below(1200) : 40;
			size_t rd = 0;
			size_t at = m->n;
			m16(m, 0);
			while (rd < len) {
				size_t s = len - rd > 255 ? 255 : len - rd;
				m8(m, (uint8_t)s);
				for (size_t k = 0; k < s; k++)
					m8(m, (uint8_t)('a' + (k + rd) % 26));
				rd += s + 1;
			}
			wr16(m->b + at, (uint16_t)(m->n - at - 2));
		} else {
			m16(m, 4);
			m8(m, 192);
			m8(m, 0);
			m8(m, 2);
			m8(m, (uint8_t)(10 + i));
		}
	}
	if (ns)
		soa_rr(m, "example.com");
	opt_rr(m, ext, opts, olen);
	if (o == O_TSIG_BADSIG) {
		mname(m, "key.example");
		m16(m, 250);
		m16(m, 255);
		m32(m, 0);
		size_t at = m->n;
		m16(m, 0);
		size_t start = m->n;
		mname(m, "hmac-sha256");
		m16(m, 0);
		m32(m, 1700000000);
		m16(m, 300);
		m16(m, 0);
		m16(m, (uint16_t)(m->b[0] << 8 | m->b[1]));
		m16(m, 16); /* BADSIG */
		m16(m, 0);
		wr16(m->b + at, (uint16_t)(m->n - start));
	}
}

static void client_addr(addr *a, int v, uint32_t n)
{
	memset(a, 0, sizeof(*a));
	a->v = v;
	if (v == 4) {
		a->a[0] = 192;
		a->a[1] = 0;
		a->a[2] = 2;
		a->a[3] = (uint8_t)(1 + n % 200);
	} else {
		wr32(a->a, 0x20010db8);
		wr16(a->a + 4, 0x0001);
		wr16(a->a + 14, (uint16_t)(1 + n % 200));
	}
}

static void server_addr(addr *a, int v, uint32_t n)
{
	memset(a, 0, sizeof(*a));
	a->v = v;
	if (v == 4) {
		a->a[0] = 198;
		a->a[1] = 51;
		a->a[2] = 100;
		a->a[3] = (uint8_t)(1 + n % 8);
	} else {
		wr32(a->a, 0x20010db8);
		wr16(a->a + 4, 0x0053);
		wr16(a->a + 14, (uint16_t)(1 + n % 8));
	}
}

static void usage(void)
{
	fprintf(stderr, "usage: gen_capture --packets N --out FILE "
	                "[--distinct-names] [--seed S] [--udp-only] "
	                "[--ipv4-only]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	uint64_t packets = 0;
	const char *path = NULL;
	bool distinct = false, udp_only = false, v4_only = false;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--packets") && i + 1 < argc)
			packets = strtoull(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--out") && i + 1 < argc)
			path = argv[++i];
		else if (!strcmp(argv[i], "--seed") && i + 1 < argc)
			rng_state ^= strtoull(argv[++i], NULL, 10) *
			             0x9e3779b97f4a7c15ull;
		else if (!strcmp(argv[i], "--distinct-names"))
			distinct = true;
		else if (!strcmp(argv[i], "--udp-only"))
			udp_only = true;
		else if (!strcmp(argv[i], "--ipv4-only"))
			v4_only = true;
		else
			usage();
	}
	if (!packets || !path)
		usage();
	if (!rng_state)
		rng_state = 1;
	out = strcmp(path, "-") ? fopen(path, "wb") : stdout;
	if (!out) {
		perror(path);
		return 2;
	}
	static char obuf[1 << 20];
	setvbuf(out, obuf, _IOFBF, sizeof(obuf));
	put32(0xa1b2c3d4);
	uint16_t ver[2] = {2, 4};
	fwrite(ver, 2, 2, out);
	put32(0);
	put32(0);
	put32(262144);
	put32(1); /* Ethernet */

	uint64_t t = 1700000000ull * 1000000ull;
	uint64_t n = 0;
	static msg q, r;
	char qname[256];
	while (written + heap_n < packets) {
		t += 20 + rnd_below(400);
		flush_until(t);
		int v = v4_only ? 4 : (rnd_below(10) < 7 ? 4 : 6);
		bool tcp = !udp_only && rnd_below(100) < 12;
		addr c, s;
		client_addr(&c, v, rnd_below(1000));
		server_addr(&s, v, rnd_below(1000));
		uint16_t cport = (uint16_t)(1024 + rnd_below(60000));
		uint16_t id = (uint16_t)rnd();
		make_name(qname, sizeof(qname), distinct, n++);
		uint16_t qtype = qtypes[rnd_below(10)];
		enum outcome o = pick_outcome();
		if (o == O_LARGE)
			qtype = 16;
		uint8_t cookie[8];
		bool with_cookie = o == O_BADCOOKIE || rnd_below(4) == 0;
		for (int i = 0; i < 8; i++)
			cookie[i] = (uint8_t)rnd();
		build_query(&q, id, qname, qtype, with_cookie ? cookie : NULL,
		            o == O_TSIG_BADSIG);
		if (o != O_UNANSWERED)
			build_response(&r, &q, o, qtype,
			               with_cookie ? cookie : NULL);
		uint64_t lat = 200 + rnd_below(30000);
		if (!tcp) {
			emit_udp(t, &c, &s, cport, 53, q.b, q.n);
			if (o == O_UNANSWERED) {
				if (rnd_below(2))
					emit_udp(t + 1000000, &c, &s, cport, 53,
					         q.b, q.n); /* retry */
				continue;
			}
			emit_udp(t + lat, &s, &c, 53, cport, r.b, r.n);
			continue;
		}
		uint32_t cs = (uint32_t)rnd(), ss = (uint32_t)rnd();
		uint64_t rtt = 50 + rnd_below(500);
		emit_tcp(t, &c, &s, cport, 53, cs, 0, 0x02, NULL, 0);
		emit_tcp(t + rtt, &s, &c, 53, cport, ss, cs + 1, 0x12, NULL, 0);
		uint8_t seg[MAX_MSG + 2];
		wr16(seg, (uint16_t)q.n);
		memcpy(seg + 2, q.b, q.n);
		emit_tcp(t + 2 * rtt, &c, &s, cport, 53, cs + 1, ss + 1, 0x18,
		         seg, q.n + 2);
		uint32_t sseq = ss + 1;
		uint64_t rt = t + 2 * rtt + lat;
		if (o != O_UNANSWERED) {
			wr16(seg, (uint16_t)r.n);
			memcpy(seg + 2, r.b, r.n);
			size_t total = r.n + 2;
			/* segments of at most 1400 bytes; one in three
			 * small responses split in two */
			size_t first = total;
			if (total <= 1400 && rnd_below(3) == 0)
				first = 1 + rnd_below((uint32_t)total - 1);
			size_t off = 0;
			while (off < total) {
				size_t len = off == 0 ? first : total - off;
				if (len > 1400)
					len = 1400;
				emit_tcp(rt + off / 100, &s, &c, 53, cport,
				         sseq + (uint32_t)off, cs + 3 + q.n,
				         0x18, seg + off, len);
				off += len;
			}
			sseq += (uint32_t)total;
		}
		emit_tcp(rt + 100, &c, &s, cport, 53, cs + 3 + (uint32_t)q.n,
		         sseq, 0x11, NULL, 0);
		emit_tcp(rt + 100 + rtt, &s, &c, 53, cport, sseq,
		         cs + 4 + (uint32_t)q.n, 0x11, NULL, 0);
	}
	flush_until(UINT64_MAX);
	if (fflush(out) != 0 || (out != stdout && fclose(out) != 0)) {
		perror(path);
		return 2;
	}
	free(heap);
	return 0;
}
