/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The decoding stages on hand-built frames: TCP segmentation,
 * retransmission, reordering and gaps; IPv4/IPv6 fragments with overlaps,
 * duplicates and losses; IPv6 extension headers; ICMP errors quoting DNS;
 * snaplen cuts; hostile bytes.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wiretap/wtap.h>

#include "packet_decode.h"
#include "tcp_reassembly.h"

static int failures;

#define CHECK(cond)                                                            \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr, "%s:%d: FAIL %s\n", __FILE__,          \
			        __LINE__, #cond);                              \
			failures++;                                            \
		}                                                              \
	} while (0)

#define MAXGOT 32
typedef struct {
	int n;
	rg_dns_payload p[MAXGOT];
	uint8_t bytes[MAXGOT][600];
	int damage;
	char last_damage[64];
	uint64_t damage_frame;
} got;

static void on_dns(const rg_dns_payload *p, void *user)
{
	got *g = user;
	if (g->n >= MAXGOT)
		return;
	g->p[g->n] = *p;
	uint32_t n = p->dns_len < 600 ? p->dns_len : 600;
	memcpy(g->bytes[g->n], p->dns, n);
	g->p[g->n].dns = g->bytes[g->n];
	g->n++;
}

static void on_damage(const char *kind, const char *detail, uint64_t frame,
                      void *user)
{
	(void)detail;
	got *g = user;
	g->damage++;
	snprintf(g->last_damage, sizeof(g->last_damage), "%s", kind);
	g->damage_frame = frame;
}

/* A DNS message of len bytes (>= 12) with the given ID. */
static size_t dns(uint8_t *b, uint16_t id, size_t len)
{
	memset(b, 0, len);
	b[0] = (uint8_t)(id >> 8);
	b[1] = (uint8_t)id;
	for (size_t i = 12; i < len; i++)
		b[i] = (uint8_t)(i * 7);
	return len;
}

static void w16(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void w32(uint8_t *p, uint32_t v)
{
	w16(p, v >> 16);
	w16(p + 2, v & 0xffff);
}

/* IPv4 header (20 bytes) at p for a payload of n bytes. */
static size_t ip4(uint8_t *p, uint8_t proto, size_t n, uint16_t id,
                  uint16_t frag, uint8_t s, uint8_t d)
{
	memset(p, 0, 20);
	p[0] = 0x45;
	w16(p + 2, (uint32_t)(20 + n));
	w16(p + 4, id);
	w16(p + 6, frag);
	p[8] = 64;
	p[9] = proto;
	p[12] = 192, p[13] = 0, p[14] = 2, p[15] = s;
	p[16] = 192, p[17] = 0, p[18] = 2, p[19] = d;
	return 20;
}

static size_t udp(uint8_t *p, uint16_t sp, uint16_t dp, size_t n)
{
	w16(p, sp);
	w16(p + 2, dp);
	w16(p + 4, (uint32_t)(8 + n));
	w16(p + 6, 0);
	return 8;
}

static size_t tcp(uint8_t *p, uint16_t sp, uint16_t dp, uint32_t seq,
                  uint8_t flags)
{
	memset(p, 0, 20);
	w16(p, sp);
	w16(p + 2, dp);
	w32(p + 4, seq);
	p[12] = 5 << 4;
	p[13] = flags;
	return 20;
}

static void frame(rg_decoder *d, uint64_t no, const uint8_t *f, size_t n,
                  got *g)
{
	rg_decoder_frame(d, WTAP_ENCAP_RAW_IP, no, 1700000000 + (int64_t)no, 0,
	                 f, (uint32_t)n, (uint32_t)n, on_dns, on_damage, g);
}

/* TCP segment of the stream 192.0.2.1:40000 -> 192.0.2.2:53 */
static void seg(rg_decoder *d, uint64_t no, uint32_t seq, uint8_t flags,
                const uint8_t *data, size_t n, got *g)
{
	uint8_t f[4096];
	size_t o = ip4(f, 6, 20 + n, 1, 0x4000, 1, 2);
	o += tcp(f + o, 40000, 53, seq, flags);
	if (n)
		memcpy(f + o, data, n);
	frame(d, no, f, o + n, g);
}

static void test_tcp(void)
{
	rg_decoder *d = rg_decoder_new(NULL, 0);
	got g = {0};
	uint8_t s[2048];
	size_t n = 0;
	/* two messages in one segment, a third split in three parts */
	w16(s + n, 30);
	n += 2 + dns(s + n + 2, 1, 30);
	w16(s + n, 40);
	n += 2 + dns(s + n + 2, 2, 40);
	size_t third = n;
	w16(s + n, 300);
	n += 2 + dns(s + n + 2, 3, 300);
	seg(d, 1, 1000, 0x02, NULL, 0, &g); /* SYN */
	seg(d, 2, 1001, 0x18, s, third + 1, &g);
	CHECK(g.n == 2);
	CHECK(g.n == 2 && g.p[0].dns_len == 30 && g.p[1].dns_len == 40);
	CHECK(g.n == 2 && !g.p[0].tcp_segmented && g.p[1].frame == 2);
	/* out of order: the last part before the middle one */
	seg(d, 3, 1001 + (uint32_t)third + 100, 0x18, s + third + 100,
	    n - third - 100, &g);
	CHECK(g.n == 2);
	seg(d, 4, 1001 + (uint32_t)third + 1, 0x18, s + third + 1, 99, &g);
	CHECK(g.n == 3);
	CHECK(g.n == 3 && g.p[2].frame == 4 && g.p[2].tcp_segmented &&
	      g.p[2].dns_len == 300 && g.p[2].dns[1] == 3);
	/* retransmission of everything: nothing new */
	seg(d, 5, 1001, 0x18, s, n, &g);
	CHECK(g.n == 3);
	CHECK(g.damage == 0);
	/* a gap: the next message is lost, the one after arrives, FIN */
	uint32_t next = 1001 + (uint32_t)n;
	uint8_t m[64];
	w16(m, 20);
	dns(m + 2, 4, 20);
	uint8_t m5[64];
	w16(m5, 25);
	dns(m5 + 2, 5, 25);
	seg(d, 6, next + 22, 0x18, m5, 27, &g);
	CHECK(g.n == 3);
	seg(d, 7, next + 22 + 27, 0x11, NULL, 0, &g); /* FIN */
	/* the message keeps the frame that carried it, not the FIN's */
	CHECK(g.n == 4 && g.p[3].dns[1] == 5 && g.p[3].frame == 6);
	CHECK(g.damage >= 1);
	CHECK(rg_decoder_stats(d)->tcp_gaps == 1);
	/* after FIN: a late retransmission is not delivered again */
	seg(d, 8, next + 22, 0x18, m5, 27, &g);
	CHECK(g.n == 4);
	/* a message cut by the end of the capture */
	rg_decoder *d2 = rg_decoder_new(NULL, 0);
	got g2 = {0};
	seg(d2, 1, 5000, 0x18, s + third, 50, &g2);
	CHECK(g2.n == 0);
	rg_decoder_finish(d2, on_damage, &g2);
	CHECK(g2.damage == 1 &&
	      !strcmp(g2.last_damage, "tcp_message_incomplete"));
	rg_decoder_free(d2);
	/* a capture that begins in the middle of a message: the rest of
	 * it is skipped, the next message is found */
	rg_decoder *d4 = rg_decoder_new(NULL, 0);
	got g4 = {0};
	seg(d4, 1, 7000, 0x18, s + third + 40, 50, &g4);
	seg(d4, 2, 7050, 0x18, s + third + 90, n - third - 90, &g4);
	CHECK(g4.n == 0);
	seg(d4, 3, 7050 + (uint32_t)(n - third - 90), 0x18, s, third, &g4);
	CHECK(g4.n == 2 && g4.p[0].dns[1] == 1 && g4.p[1].dns[1] == 2);
	rg_decoder_free(d4);
	/* hostile length prefix 0 and 65535 */
	rg_decoder *d3 = rg_decoder_new(NULL, 0);
	got g3 = {0};
	uint8_t h[6] = {0, 0, 0xff, 0xff, 1, 2};
	seg(d3, 1, 1, 0x18, h, sizeof(h), &g3);
	CHECK(g3.n == 0);
	rg_decoder_finish(d3, on_damage, &g3);
	rg_decoder_free(d3);
	rg_decoder_free(d);
}

/* A segment of 192.0.2.1:40000 <-> 192.0.2.2:53 at capture time ts, in
 * either direction, with an acknowledgment number (ACK set). */
static void tcp_at(rg_decoder *d, uint64_t no, int64_t ts, bool from_client,
                   uint32_t seq, uint32_t ack, const uint8_t *data, size_t n,
                   got *g)
{
	uint8_t f[4096];
	size_t o = ip4(f, 6, 20 + n, 1, 0x4000, from_client ? 1 : 2,
	               from_client ? 2 : 1);
	o += tcp(f + o, from_client ? 40000 : 53, from_client ? 53 : 40000, seq,
	         0x18);
	w32(f + 20 + 8, ack);
	if (n)
		memcpy(f + o, data, n);
	rg_decoder_frame(d, WTAP_ENCAP_RAW_IP, no, ts, 0, f, (uint32_t)(o + n),
	                 (uint32_t)(o + n), on_dns, on_damage, g);
}

/* A length-prefixed message of 20 octets with the given ID. */
static size_t prefixed(uint8_t *b, uint16_t id)
{
	w16(b, 20);
	dns(b + 2, id, 20);
	return 22;
}

/* The server acknowledges bytes beyond a hole in the client's stream: they
 * reached the server, the capture will never hold them. The query after
 * the hole is delivered at once, with its own frame, before the response
 * that acknowledged it; the gap is reported at that query's frame. */
static void tcp_hole_acknowledged_by_the_peer_is_given_up_at_once(void)
{
	rg_decoder *d = rg_decoder_new(NULL, 0);
	got g = {0};
	uint8_t q1[32], q3[32], r3[32];
	size_t n = prefixed(q1, 1);
	prefixed(q3, 3);
	prefixed(r3, 3);
	r3[2 + 2] |= 0x80; /* QR */
	tcp_at(d, 1, 100, true, 1000, 5000, q1, n, &g);
	/* the client's second query (22 octets) was not captured */
	tcp_at(d, 2, 100, true, 1000 + 44, 5000, q3, n, &g);
	CHECK(g.n == 1);
	tcp_at(d, 3, 100, false, 5000, 1000 + 66, r3, n, &g);
	CHECK(g.n == 3);
	CHECK(g.n == 3 && g.p[1].dns[1] == 3 && !(g.p[1].dns[2] & 0x80) &&
	      g.p[1].frame == 2 && g.p[1].sport == 40000);
	CHECK(g.n == 3 && (g.p[2].dns[2] & 0x80) && g.p[2].frame == 3 &&
	      g.p[2].sport == 53);
	CHECK(g.damage == 1 && !strcmp(g.last_damage, "tcp_gap") &&
	      g.damage_frame == 2);
	rg_decoder_free(d);
}

/* Without an acknowledgment (one direction captured), a hole waits
 * RG_TCPR_HOLE_WAIT seconds of capture time, then what follows it is
 * delivered with the frames and times that carried it. */
static void tcp_hole_is_given_up_after_a_short_wait(void)
{
	rg_decoder *d = rg_decoder_new(NULL, 0);
	got g = {0};
	uint8_t m[32];
	size_t n = prefixed(m, 1);
	tcp_at(d, 1, 100, true, 1000, 0, m, n, &g);
	prefixed(m, 3);
	tcp_at(d, 2, 101, true, 1000 + 44, 0, m, n, &g);
	CHECK(g.n == 1);
	/* traffic of another stream, later */
	uint8_t f[64];
	size_t o = ip4(f, 17, 8 + 20, 2, 0, 5, 6);
	o += udp(f + o, 40001, 53, 20);
	o += dns(f + o, 9, 20);
	rg_decoder_frame(d, WTAP_ENCAP_RAW_IP, 3, 101 + RG_TCPR_HOLE_WAIT + 1,
	                 0, f, (uint32_t)o, (uint32_t)o, on_dns, on_damage, &g);
	CHECK(g.n == 3 && g.p[1].dns[1] == 3 && g.p[1].frame == 2 &&
	      g.p[1].ts_sec == 101 && g.p[2].frame == 3);
	CHECK(g.damage == 1 && g.damage_frame == 2);
	rg_decoder_free(d);
}

/* A hole still open when the capture ends: what follows it is delivered,
 * not dropped. */
static void tcp_hole_at_the_end_of_the_capture_keeps_what_follows(void)
{
	rg_decoder *d = rg_decoder_new(NULL, 0);
	got g = {0};
	uint8_t m[32];
	size_t n = prefixed(m, 1);
	tcp_at(d, 1, 100, true, 1000, 0, m, n, &g);
	prefixed(m, 3);
	tcp_at(d, 2, 100, true, 1000 + 44, 0, m, n, &g);
	prefixed(m, 4);
	tcp_at(d, 3, 100, true, 1000 + 66, 0, m, n, &g);
	CHECK(g.n == 1);
	rg_decoder_finish(d, on_damage, &g);
	CHECK(g.n == 3 && g.p[1].frame == 2 && g.p[2].frame == 3 &&
	      g.p[2].dns[1] == 4);
	CHECK(rg_decoder_stats(d)->tcp_gaps == 1 && g.damage_frame == 2);
	rg_decoder_free(d);
}

static void count_message(const rg_tcpr_key *key, const uint8_t *msg,
                          uint32_t len, bool segmented,
                          const rg_tcpr_origin *origin, void *user)
{
	(void)key;
	(void)msg;
	(void)len;
	(void)segmented;
	(void)origin;
	(*(unsigned *)user)++;
}

static void ignore_gap(const rg_tcpr_key *key, uint64_t frame, void *user)
{
	(void)key;
	(void)frame;
	(void)user;
}

static rg_tcpr_result tcpr_segment(rg_tcp_reassembly *t, const rg_tcpr_key *k,
                                   uint32_t seq, uint8_t flags,
                                   const uint8_t *data, uint32_t len,
                                   int64_t now)
{
	rg_tcpr_origin origin = {1, now, 0};
	return rg_tcpr_segment(t, k, seq, 0, flags, data, len, &origin);
}

/* Streams closed by FIN or RST leave the table RG_TCPR_CLOSED_LINGER
 * seconds later, open ones after RG_TCPR_IDLE; when the table is full, a
 * new stream is reported as not followed rather than dropped silently. */
static void test_tcp_flow_lifetime(void)
{
	unsigned messages = 0;
	rg_tcpr_callbacks cb = {count_message, ignore_gap, &messages};
	rg_tcp_reassembly *t = rg_tcpr_new(&cb);
	rg_tcpr_key k = {.version = 4, .sport = 40000, .dport = 53};
	k.src[0] = 192;
	k.dst[0] = 198;
	int64_t now = 1700000000;
	for (uint32_t i = 0; i < 100; i++) {
		k.sport = (uint16_t)(40000 + i);
		tcpr_segment(t, &k, 1, RG_TCP_SYN, NULL, 0, now);
		if (i % 2)
			tcpr_segment(t, &k, 2, RG_TCP_FIN, NULL, 0, now);
	}
	CHECK(rg_tcpr_flows(t) == 100);
	/* a late retransmission after FIN is still recognised */
	k.sport = 40001;
	uint8_t m[2 + 12] = {0, 12};
	tcpr_segment(t, &k, 2, 0x18, m, sizeof m, now + 5);
	CHECK(messages == 0);
	k.sport = 50000;
	tcpr_segment(t, &k, 1, RG_TCP_SYN, NULL, 0,
	             now + RG_TCPR_CLOSED_LINGER + 11);
	CHECK(rg_tcpr_flows(t) == 51);
	tcpr_segment(t, &k, 2, 0, NULL, 0, now + RG_TCPR_IDLE + 20);
	CHECK(rg_tcpr_flows(t) == 1);
	/* a full table: the new stream is counted as not followed */
	for (uint32_t i = 1; i < RG_TCPR_MAX_FLOWS; i++) {
		k.src[1] = (uint8_t)(i >> 8);
		k.src[2] = (uint8_t)i;
		tcpr_segment(t, &k, 1, RG_TCP_SYN, NULL, 0,
		             now + RG_TCPR_IDLE + 21);
	}
	CHECK(rg_tcpr_flows(t) == RG_TCPR_MAX_FLOWS);
	k.src[3] = 7;
	rg_tcpr_result r = tcpr_segment(t, &k, 1, RG_TCP_SYN, NULL, 0,
	                                now + RG_TCPR_IDLE + 22);
	CHECK(r.untracked == 1);
	rg_tcpr_free(t);
}

static void test_ipv4_fragments(void)
{
	rg_decoder *d = rg_decoder_new(NULL, 0);
	got g = {0};
	uint8_t dg[8 + 500];
	udp(dg, 53, 33333, 500);
	dns(dg + 8, 0x77, 500);
	uint8_t f[1024];
	/* fragments: [0,200) [200,400) [400,508), sent 3, 1, 1 again, 2 */
	size_t o = ip4(f, 17, 108, 9, 50, 2, 1);
	memcpy(f + o, dg + 400, 108);
	frame(d, 1, f, o + 108, &g);
	o = ip4(f, 17, 200, 9, 0x2000, 2, 1);
	memcpy(f + o, dg, 200);
	frame(d, 2, f, o + 200, &g);
	frame(d, 3, f, o + 200, &g); /* duplicate */
	CHECK(g.n == 0);
	/* overlapping middle fragment [192,400) */
	o = ip4(f, 17, 208, 9, 0x2000 | 24, 2, 1);
	memcpy(f + o, dg + 192, 208);
	frame(d, 4, f, o + 208, &g);
	CHECK(g.n == 1);
	CHECK(g.n == 1 && g.p[0].ip_fragmented && g.p[0].frame == 4 &&
	      g.p[0].dns_len == 500 && !memcmp(g.p[0].dns, dg + 8, 500));
	CHECK(g.n == 1 && g.p[0].sport == 53 && g.p[0].src.bytes[3] == 2);
	/* a datagram that never completes */
	o = ip4(f, 17, 200, 10, 0x2000, 2, 1);
	memcpy(f + o, dg, 200);
	frame(d, 5, f, o + 200, &g);
	rg_decoder_finish(d, on_damage, &g);
	CHECK(g.damage == 1 && g.damage_frame == 5 &&
	      !strcmp(g.last_damage, "ip_fragments_incomplete"));
	rg_decoder_free(d);
}

static size_t ip6(uint8_t *p, uint8_t next, size_t n)
{
	memset(p, 0, 40);
	p[0] = 0x60;
	w16(p + 4, (uint32_t)n);
	p[6] = next;
	p[7] = 64;
	w32(p + 8, 0x20010db8);
	p[23] = 1;
	w32(p + 24, 0x20010db8);
	p[39] = 2;
	return 40;
}

static void test_ipv6(void)
{
	rg_decoder *d = rg_decoder_new(NULL, 0);
	got g = {0};
	uint8_t f[1024];
	uint8_t dg[8 + 100];
	udp(dg, 33333, 53, 100);
	dns(dg + 8, 0x66, 100);
	/* hop-by-hop (8) + destination options (16) + UDP */
	size_t o = ip6(f, 0, 24 + sizeof(dg));
	memset(f + o, 0, 24);
	f[o] = 60;
	f[o + 8] = 17;
	f[o + 9] = 1;
	o += 24;
	memcpy(f + o, dg, sizeof(dg));
	frame(d, 1, f, o + sizeof(dg), &g);
	CHECK(g.n == 1 && g.p[0].src.version == 6 && g.p[0].dport == 53 &&
	      g.p[0].dns_len == 100 && g.p[0].src.bytes[15] == 1);
	/* two fragments behind a routing header */
	for (int part = 0; part < 2; part++) {
		size_t len = part ? sizeof(dg) - 56 : 56;
		o = ip6(f, 43, 8 + 8 + len);
		memset(f + o, 0, 8);
		f[o] = 44;
		o += 8;
		f[o] = 17;
		f[o + 1] = 0;
		w16(f + o + 2, part ? 56 : 1);
		w32(f + o + 4, 0xabcdef);
		o += 8;
		memcpy(f + o, dg + (part ? 56 : 0), len);
		frame(d, 2 + (uint64_t)part, f, o + len, &g);
	}
	CHECK(g.n == 2 && g.p[1].ip_fragmented && g.p[1].frame == 3 &&
	      !memcmp(g.p[1].dns, dg + 8, 100));
	/* extension header claiming more than the packet holds */
	o = ip6(f, 0, 16);
	f[o] = 17;
	f[o + 1] = 200;
	frame(d, 4, f, o + 16, &g);
	CHECK(g.n == 2 && rg_decoder_stats(d)->corrupt == 1);
	rg_decoder_free(d);
}

static void test_icmp_and_cut(void)
{
	rg_decoder *d = rg_decoder_new(NULL, 0);
	got g = {0};
	uint8_t q[20 + 8 + 40];
	ip4(q, 17, 48, 3, 0, 1, 2);
	udp(q + 20, 40001, 53, 40);
	dns(q + 28, 0x55, 40);
	uint8_t f[256];
	size_t o = ip4(f, 1, 8 + sizeof(q), 4, 0, 2, 1);
	memset(f + o, 0, 8);
	f[o] = 3;     /* destination unreachable */
	f[o + 1] = 3; /* port */
	memcpy(f + o + 8, q, sizeof(q));
	frame(d, 1, f, o + 8 + sizeof(q), &g);
	CHECK(g.n == 1 && g.p[0].from_icmp && g.p[0].icmp_type == 3 &&
	      g.p[0].icmp_code == 3 && g.p[0].icmp_from.bytes[3] == 2 &&
	      g.p[0].src.bytes[3] == 1 && g.p[0].dport == 53 &&
	      g.p[0].dns[1] == 0x55);
	CHECK(rg_decoder_stats(d)->icmp_dns == 1);
	/* snaplen: the frame is 100 bytes on the wire, 60 captured */
	uint8_t u[20 + 8 + 72];
	ip4(u, 17, 80, 5, 0, 2, 1);
	udp(u + 20, 53, 40001, 72);
	dns(u + 28, 0x56, 72);
	rg_decoder_frame(d, WTAP_ENCAP_RAW_IP, 2, 1, 0, u, 60, sizeof(u),
	                 on_dns, on_damage, &g);
	CHECK(g.n == 2 && g.p[1].snaplen_cut && g.p[1].dns_len == 32);
	CHECK(g.damage == 1 && !strcmp(g.last_damage, "snaplen_cut") &&
	      g.damage_frame == 2);
	/* DoT and DoQ flows are counted once per flow */
	for (int i = 0; i < 3; i++) {
		o = ip4(f, 6, 20, 6, 0, 1, 2);
		tcp(f + o, 40002, 853, 1, 0x10);
		frame(d, 3, f, o + 20, &g);
		o = ip4(f, 6, 20, 6, 0, 2, 1);
		tcp(f + o, 853, 40002, 1, 0x10);
		frame(d, 4, f, o + 20, &g);
		o = ip4(f, 17, 8, 7, 0, 1, 2);
		udp(f + o, 40003, 853, 0);
		frame(d, 5, f, o + 8, &g);
	}
	CHECK(rg_decoder_stats(d)->dot_flows == 1);
	CHECK(rg_decoder_stats(d)->doq_flows == 1);
	/* extra port */
	rg_decoder *d2 = rg_decoder_new((const uint16_t[]){5300}, 1);
	got g2 = {0};
	ip4(u, 17, 80, 5, 0, 2, 1);
	udp(u + 20, 5300, 40001, 72);
	frame(d2, 1, u, sizeof(u), &g2);
	frame(d, 6, u, sizeof(u), &g);
	CHECK(g2.n == 1);
	CHECK(g.n == 2);
	rg_decoder_free(d2);
	rg_decoder_free(d);
}

/* ---- link layers and tunnels (encapsulation.h) ---- */

/* The DNS query every wrapper below carries: 192.0.2.7:40000 -> 192.0.2.8:53,
 * ID 0x7777, 40 octets. Returns its length. */
static size_t inner_query(uint8_t *p)
{
	size_t o = ip4(p, 17, 8 + 40, 9, 0, 7, 8);
	o += udp(p + o, 40000, 53, 40);
	return o + dns(p + o, 0x7777, 40);
}

static size_t ethernet(uint8_t *p, uint16_t ethertype)
{
	memset(p, 0, 12);
	p[0] = 0x02;
	p[6] = 0x02;
	w16(p + 12, ethertype);
	return 14;
}

/* An outer IPv4/UDP datagram to port dport around payload[0..n). */
static size_t outer_udp(uint8_t *p, uint16_t dport, const uint8_t *payload,
                        size_t n)
{
	size_t o = ip4(p, 17, 8 + n, 1, 0, 1, 2);
	o += udp(p + o, 50000, dport, n);
	memcpy(p + o, payload, n);
	return o + n;
}

/* An outer IPv4 packet of protocol proto around payload[0..n). */
static size_t outer_ip(uint8_t *p, uint8_t proto, const uint8_t *payload,
                       size_t n)
{
	size_t o = ip4(p, proto, n, 1, 0, 1, 2);
	memcpy(p + o, payload, n);
	return o + n;
}

/* Decodes one frame; the inner query must come out once, with the inner
 * addresses, and the frame must count for the tunnel (RG_TUNNEL_COUNT:
 * none). */
static void expect_inner_query(const char *what, int encap, const uint8_t *f,
                               size_t n, rg_tunnel tunnel)
{
	rg_decoder *d = rg_decoder_new(NULL, 0);
	got g = {0};
	rg_decoder_frame(d, encap, 1, 1700000000, 0, f, (uint32_t)n,
	                 (uint32_t)n, on_dns, on_damage, &g);
	bool ok = g.n == 1 && g.p[0].dns_len == 40 && g.p[0].dns[0] == 0x77 &&
	          g.p[0].src.bytes[3] == 7 && g.p[0].dst.bytes[3] == 8 &&
	          g.p[0].dport == 53 && g.damage == 0;
	if (tunnel < RG_TUNNEL_COUNT)
		ok = ok && rg_decoder_stats(d)->tunnel_packets[tunnel] == 1;
	if (!ok) {
		fprintf(stderr, "%s: %d messages, %d damage\n", what, g.n,
		        g.damage);
		failures++;
	}
	rg_decoder_free(d);
}

static void test_dns_inside_each_tunnel(void)
{
	uint8_t in[128], eth[160], t[256], f[512];
	size_t ni = inner_query(in);
	size_t ne = ethernet(eth, 0x0800);
	memcpy(eth + ne, in, ni);
	ne += ni;
	size_t n;

	/* VXLAN, RFC 7348 §5: flags with I set, VNI, Ethernet */
	memset(t, 0, 8);
	t[0] = 0x08;
	memcpy(t + 8, eth, ne);
	n = outer_udp(f, 4789, t, 8 + ne);
	expect_inner_query("VXLAN", WTAP_ENCAP_RAW_IP, f, n, RG_TUNNEL_VXLAN);

	/* Geneve, RFC 8926 §3.4: one 4-octet option, then Ethernet */
	memset(t, 0, 12);
	t[0] = 0x01;
	w16(t + 2, 0x6558);
	memcpy(t + 12, eth, ne);
	n = outer_udp(f, 6081, t, 12 + ne);
	expect_inner_query("Geneve/Ethernet", WTAP_ENCAP_RAW_IP, f, n,
	                   RG_TUNNEL_GENEVE);
	/* Geneve carrying IPv4 directly */
	memset(t, 0, 8);
	w16(t + 2, 0x0800);
	memcpy(t + 8, in, ni);
	n = outer_udp(f, 6081, t, 8 + ni);
	expect_inner_query("Geneve/IPv4", WTAP_ENCAP_RAW_IP, f, n,
	                   RG_TUNNEL_GENEVE);

	/* GTP-U, TS 29.281 §5.1: S flag, one 4-octet extension header */
	memset(t, 0, 16);
	t[0] = 0x36; /* version 1, PT, E, S */
	t[1] = 0xff;
	w16(t + 2, (uint32_t)(8 + ni));
	w32(t + 4, 0x1234);
	t[11] = 0x85;
	t[12] = 1; /* 4 octets, next type 0 */
	memcpy(t + 16, in, ni);
	n = outer_udp(f, 2152, t, 16 + ni);
	expect_inner_query("GTP-U", WTAP_ENCAP_RAW_IP, f, n, RG_TUNNEL_GTPU);

	/* GRE carrying IPv4, RFC 2784 */
	memset(t, 0, 4);
	w16(t + 2, 0x0800);
	memcpy(t + 4, in, ni);
	n = outer_ip(f, 47, t, 4 + ni);
	expect_inner_query("GRE/IPv4", WTAP_ENCAP_RAW_IP, f, n, RG_TUNNEL_GRE);
	/* GRE with checksum, key and sequence number, bridging Ethernet */
	memset(t, 0, 16);
	w16(t, 0xb000);
	w16(t + 2, 0x6558);
	memcpy(t + 16, eth, ne);
	n = outer_ip(f, 47, t, 16 + ne);
	expect_inner_query("GRE/Ethernet", WTAP_ENCAP_RAW_IP, f, n,
	                   RG_TUNNEL_GRE);

	/* ERSPAN type I: GRE 0x88BE without sequence number, no header */
	memset(t, 0, 4);
	w16(t + 2, 0x88be);
	memcpy(t + 4, eth, ne);
	n = outer_ip(f, 47, t, 4 + ne);
	expect_inner_query("ERSPAN I", WTAP_ENCAP_RAW_IP, f, n,
	                   RG_TUNNEL_ERSPAN_I);
	/* type II: sequence number, 8-octet header of version 1 */
	memset(t, 0, 16);
	w16(t, 0x1000);
	w16(t + 2, 0x88be);
	t[8] = 0x10;
	memcpy(t + 16, eth, ne);
	n = outer_ip(f, 47, t, 16 + ne);
	expect_inner_query("ERSPAN II", WTAP_ENCAP_RAW_IP, f, n,
	                   RG_TUNNEL_ERSPAN_II);
	/* type III: 12-octet header of version 2 with the O bit, so an
	 * 8-octet platform subheader follows */
	memset(t, 0, 8 + 20);
	w16(t, 0x1000);
	w16(t + 2, 0x22eb);
	t[8] = 0x20;
	w16(t + 8 + 10, 0x0001);
	memcpy(t + 8 + 20, eth, ne);
	n = outer_ip(f, 47, t, 8 + 20 + ne);
	expect_inner_query("ERSPAN III", WTAP_ENCAP_RAW_IP, f, n,
	                   RG_TUNNEL_ERSPAN_III);

	/* PPTP, RFC 2637 §4.1: key (payload length, call ID), sequence
	 * number, PPP with address and control octets, protocol 0x0021 */
	memset(t, 0, 16);
	w16(t, 0x3001);
	w16(t + 2, 0x880b);
	w16(t + 4, (uint32_t)(4 + ni));
	memcpy(t + 12, "\xff\x03\x00\x21", 4);
	memcpy(t + 16, in, ni);
	n = outer_ip(f, 47, t, 16 + ni);
	expect_inner_query("PPTP", WTAP_ENCAP_RAW_IP, f, n, RG_TUNNEL_PPTP);
	/* the same with the protocol field compressed to one octet and no
	 * address and control octets */
	memset(t, 0, 12);
	w16(t, 0x2001);
	w16(t + 2, 0x880b);
	w16(t + 4, (uint32_t)(1 + ni));
	t[8] = 0x21;
	memcpy(t + 9, in, ni);
	n = outer_ip(f, 47, t, 9 + ni);
	expect_inner_query("PPTP compressed", WTAP_ENCAP_RAW_IP, f, n,
	                   RG_TUNNEL_PPTP);

	/* GRE in UDP, RFC 8086 */
	memset(t, 0, 4);
	w16(t + 2, 0x0800);
	memcpy(t + 4, in, ni);
	n = outer_udp(f, 4754, t, 4 + ni);
	expect_inner_query("GRE in UDP", WTAP_ENCAP_RAW_IP, f, n,
	                   RG_TUNNEL_GRE);

	/* IPv4 in IPv4, RFC 2003 */
	n = outer_ip(f, 4, in, ni);
	expect_inner_query("IP in IP", WTAP_ENCAP_RAW_IP, f, n,
	                   RG_TUNNEL_IP_IN_IP);

	/* Teredo, RFC 4380 §5.1.1: origin indication, then IPv6 */
	uint8_t in6[128];
	size_t o6 = ip6(in6, 17, 8 + 40);
	o6 += udp(in6 + o6, 40000, 53, 40);
	o6 += dns(in6 + o6, 0x7777, 40);
	memset(t, 0, 8);
	memcpy(t + 8, in6, o6);
	n = outer_udp(f, 3544, t, 8 + o6);
	rg_decoder *d = rg_decoder_new(NULL, 0);
	got g = {0};
	rg_decoder_frame(d, WTAP_ENCAP_RAW_IP, 1, 0, 0, f, (uint32_t)n,
	                 (uint32_t)n, on_dns, on_damage, &g);
	CHECK(g.n == 1 && g.p[0].src.version == 6 &&
	      rg_decoder_stats(d)->tunnel_packets[RG_TUNNEL_TEREDO] == 1);
	rg_decoder_free(d);
}

/* Tunnels not decoded are counted under their names, never silently. */
static void test_undecoded_tunnels_are_counted(void)
{
	uint8_t in[128], t[256], f[512];
	size_t ni = inner_query(in);
	rg_decoder *d = rg_decoder_new(NULL, 0);
	got g = {0};
	/* PPTP carrying encrypted PPP (MPPE, protocol 0x00fd) */
	memset(t, 0, 12);
	w16(t, 0x2001);
	w16(t + 2, 0x880b);
	w16(t + 4, (uint32_t)(4 + ni));
	memcpy(t + 8, "\xff\x03\x00\xfd", 4);
	memcpy(t + 12, in, ni);
	size_t n = outer_ip(f, 47, t, 12 + ni);
	rg_decoder_frame(d, WTAP_ENCAP_RAW_IP, 1, 0, 0, f, (uint32_t)n,
	                 (uint32_t)n, on_dns, on_damage, &g);
	/* L2TP */
	n = outer_udp(f, 1701, in, ni);
	rg_decoder_frame(d, WTAP_ENCAP_RAW_IP, 2, 0, 0, f, (uint32_t)n,
	                 (uint32_t)n, on_dns, on_damage, &g);
	const rg_decode_stats *s = rg_decoder_stats(d);
	CHECK(g.n == 0 && g.damage == 0);
	CHECK(s->tunnel_packets[RG_TUNNEL_PPP_OTHER] == 1);
	CHECK(s->tunnel_packets[RG_TUNNEL_L2TP] == 1);
	CHECK(!strcmp(rg_tunnel_name(RG_TUNNEL_PPP_OTHER),
	              "PPTP other than IP packets"));
	rg_decoder_free(d);
}

/* A tunnel inside itself without end stops at a fixed depth. */
static void test_nested_tunnels_are_bounded(void)
{
	uint8_t f[4096];
	size_t n = inner_query(f);
	for (int level = 0; level < 40; level++) {
		uint8_t t[4096];
		memcpy(t, f, n);
		n = outer_ip(f, 4, t, n);
	}
	rg_decoder *d = rg_decoder_new(NULL, 0);
	got g = {0};
	rg_decoder_frame(d, WTAP_ENCAP_RAW_IP, 1, 0, 0, f, (uint32_t)n,
	                 (uint32_t)n, on_dns, on_damage, &g);
	CHECK(g.n == 0);
	rg_decoder_free(d);
}

static void test_dns_in_each_link_layer(void)
{
	uint8_t in[128], f[512];
	size_t ni = inner_query(in);
	size_t n;

	/* NFLOG: family AF_INET, NFULA_PACKET_HDR, NFULA_PAYLOAD (TLV
	 * headers in host byte order) */
	memset(f, 0, sizeof(f));
	f[0] = 2;
	uint16_t tlv[2] = {8, 1};
	memcpy(f + 4, tlv, 4);
	w16(f + 8, 0x0800);
	tlv[0] = (uint16_t)(4 + ni);
	tlv[1] = 9;
	memcpy(f + 12, tlv, 4);
	memcpy(f + 16, in, ni);
	n = 16 + ((ni + 3) & ~(size_t)3);
	expect_inner_query("NFLOG", WTAP_ENCAP_NFLOG, f, n, RG_TUNNEL_COUNT);

	/* 802.11 QoS data frame to the AP behind radiotap with the Flags
	 * field saying the frame ends with its FCS */
	uint8_t wlan[256];
	memset(wlan, 0, 34);
	wlan[0] = 0x88;
	wlan[1] = 0x01;
	size_t nw = 26;
	memcpy(wlan + nw, "\xaa\xaa\x03\x00\x00\x00\x08\x00", 8);
	nw += 8;
	memcpy(wlan + nw, in, ni);
	nw += ni;
	uint8_t radiotap[9] = {0, 0, 9, 0, 0x02, 0, 0, 0, 0x10};
	memcpy(f, radiotap, 9);
	memcpy(f + 9, wlan, nw);
	memset(f + 9 + nw, 0xee, 4);
	expect_inner_query("radiotap", WTAP_ENCAP_IEEE_802_11_RADIOTAP, f,
	                   9 + nw + 4, RG_TUNNEL_COUNT);
	expect_inner_query("802.11", WTAP_ENCAP_IEEE_802_11, wlan, nw,
	                   RG_TUNNEL_COUNT);

	/* PPI header announcing 802.11 (DLT 105) */
	uint8_t ppi[8] = {0, 0, 8, 0, 105, 0, 0, 0};
	memcpy(f, ppi, 8);
	memcpy(f + 8, wlan, nw);
	expect_inner_query("PPI", WTAP_ENCAP_PPI, f, 8 + nw, RG_TUNNEL_COUNT);

	/* PKTAP: 108-octet header, record type 1, DLT 1 (Ethernet) */
	memset(f, 0, 108);
	f[0] = 108;
	f[4] = 1;
	f[8] = 1;
	n = 108 + ethernet(f + 108, 0x0800);
	memcpy(f + n, in, ni);
	expect_inner_query("PKTAP", WTAP_ENCAP_PKTAP, f, n + ni,
	                   RG_TUNNEL_COUNT);

	/* FDDI: frame control, addresses, LLC/SNAP */
	memset(f, 0, 13);
	memcpy(f + 13, "\xaa\xaa\x03\x00\x00\x00\x08\x00", 8);
	memcpy(f + 21, in, ni);
	expect_inner_query("FDDI", WTAP_ENCAP_FDDI, f, 21 + ni,
	                   RG_TUNNEL_COUNT);

	/* a protected (encrypted) 802.11 data frame has nothing to read */
	wlan[1] |= 0x40;
	rg_decoder *d = rg_decoder_new(NULL, 0);
	got g = {0};
	rg_decoder_frame(d, WTAP_ENCAP_IEEE_802_11, 1, 0, 0, wlan, (uint32_t)nw,
	                 (uint32_t)nw, on_dns, on_damage, &g);
	CHECK(g.n == 0 && g.damage == 0);
	rg_decoder_free(d);
}

/* Wireshark calls an IPv4 packet on an IPv6 link type "bogus": it is
 * damage, not DNS. An IPv6 packet where IPv4 was announced is still
 * decoded, as Wireshark does. */
static void test_ip_version_must_match_the_link_type(void)
{
	uint8_t in[128];
	size_t ni = inner_query(in);
	rg_decoder *d = rg_decoder_new(NULL, 0);
	got g = {0};
	rg_decoder_frame(d, WTAP_ENCAP_RAW_IP6, 1, 0, 0, in, (uint32_t)ni,
	                 (uint32_t)ni, on_dns, on_damage, &g);
	CHECK(g.n == 0 && g.damage == 1 &&
	      !strcmp(g.last_damage, "corrupt_packet"));
	uint8_t f[160];
	size_t n = ethernet(f, 0x86dd);
	memcpy(f + n, in, ni);
	rg_decoder_frame(d, WTAP_ENCAP_ETHERNET, 2, 0, 0, f, (uint32_t)(n + ni),
	                 (uint32_t)(n + ni), on_dns, on_damage, &g);
	CHECK(g.n == 0 && g.damage == 2 && rg_decoder_stats(d)->corrupt == 2);
	uint8_t in6[128];
	size_t n6 = ip6(in6, 17, 8 + 40);
	n6 += udp(in6 + n6, 40000, 53, 40);
	n6 += dns(in6 + n6, 0x7777, 40);
	rg_decoder_frame(d, WTAP_ENCAP_RAW_IP4, 3, 0, 0, in6, (uint32_t)n6,
	                 (uint32_t)n6, on_dns, on_damage, &g);
	CHECK(g.n == 1 && g.damage == 2);
	rg_decoder_free(d);
}

/* A UDP datagram to port 53 without payload is not a DNS message
 * (Wireshark does not dissect it as DNS); it is counted apart. */
static void test_empty_udp_payload_is_not_dns(void)
{
	uint8_t f[64];
	size_t o = ip4(f, 17, 8, 3, 0, 1, 2);
	o += udp(f + o, 40000, 53, 0);
	rg_decoder *d = rg_decoder_new(NULL, 0);
	got g = {0};
	frame(d, 1, f, o, &g);
	CHECK(g.n == 0 && g.damage == 0);
	CHECK(rg_decoder_stats(d)->empty_udp == 1);
	CHECK(rg_decoder_stats(d)->dns_messages == 0);
	rg_decoder_free(d);
}

static void test_hostile(void)
{
	static const int encaps[] = {WTAP_ENCAP_ETHERNET,
	                             WTAP_ENCAP_SLL,
	                             WTAP_ENCAP_SLL2,
	                             WTAP_ENCAP_RAW_IP,
	                             WTAP_ENCAP_NULL,
	                             WTAP_ENCAP_LOOP,
	                             WTAP_ENCAP_RAW_IP6,
	                             WTAP_ENCAP_NFLOG,
	                             WTAP_ENCAP_IEEE_802_11,
	                             WTAP_ENCAP_IEEE_802_11_RADIOTAP,
	                             WTAP_ENCAP_IEEE_802_11_PRISM,
	                             WTAP_ENCAP_IEEE_802_11_AVS,
	                             WTAP_ENCAP_PPI,
	                             WTAP_ENCAP_PKTAP};
	const int n_encaps = (int)(sizeof(encaps) / sizeof(encaps[0]));
	rg_decoder *d = rg_decoder_new(NULL, 0);
	got g = {0};
	uint64_t x = 88172645463325252ull;
	for (int round = 0; round < 200000; round++) {
		uint8_t f[256];
		size_t n = (size_t)(x % sizeof(f));
		for (size_t i = 0; i < n; i++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			f[i] = (uint8_t)x;
		}
		/* make some frames look like IP to get deeper */
		if (n > 20 && (round & 1))
			f[0] = (round & 2) ? 0x45 : 0x60;
		int e = encaps[round % n_encaps];
		if (e == WTAP_ENCAP_RAW_IP || e == WTAP_ENCAP_RAW_IP6) {
			if (n > 20 && (round & 4))
				f[9] = (round & 16) ? 47 : 17;
			/* tunnel ports, to get into the tunnels */
			if (n > 24 && (round & 32))
				f[23] = (round & 64) ? 0x12 : 0x68;
		}
		rg_decoder_frame(d, e, (uint64_t)round + 1, round / 1000, 0, f,
		                 (uint32_t)n, (uint32_t)n + (round & 8), on_dns,
		                 on_damage, &g);
		g.n = 0;
	}
	rg_decoder_finish(d, on_damage, &g);
	CHECK(rg_decoder_stats(d)->packets == 200000);
	CHECK(!rg_decoder_frame(d, 105, 1, 0, 0, (const uint8_t *)"", 0, 0,
	                        on_dns, on_damage, &g));
	CHECK(rg_decoder_stats(d)->undecoded_link == 1);
	rg_decoder_free(d);
}

int main(void)
{
	test_tcp();
	test_tcp_flow_lifetime();
	tcp_hole_acknowledged_by_the_peer_is_given_up_at_once();
	tcp_hole_is_given_up_after_a_short_wait();
	tcp_hole_at_the_end_of_the_capture_keeps_what_follows();
	test_ipv4_fragments();
	test_ipv6();
	test_icmp_and_cut();
	test_dns_inside_each_tunnel();
	test_undecoded_tunnels_are_counted();
	test_nested_tunnels_are_bounded();
	test_dns_in_each_link_layer();
	test_ip_version_must_match_the_link_type();
	test_empty_udp_payload_is_not_dns();
	test_hostile();
	if (failures)
		fprintf(stderr, "%d failures\n", failures);
	else
		printf("all input unit checks passed\n");
	return failures ? 1 : 0;
}
