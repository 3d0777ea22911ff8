/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "packet_decode.h"

#include <stdio.h>
#include <string.h>

#include <glib.h>
#include <wiretap/wtap.h>

#include "encapsulation.h"
#include "ip_reassembly.h"
#include "tcp_reassembly.h"

#define DNS_HEADER 12u
#define PORT_DOT   853
/* Tunnels and link layers inside each other, at most: deeper nesting is
 * not followed (a hostile capture could nest without end). */
#define MAX_NESTING 8

struct rg_decoder {
	uint8_t dns_port[65536 / 8];
	rg_ip_reassembly *ipr;
	rg_tcp_reassembly *tcpr;
	GHashTable *encrypted; /* flows on port 853, both directions as one */
	int64_t last_ipr_sweep;
	bool ipr_swept;
	rg_decode_stats stats;
	/* the frame being decoded */
	rg_dns_payload cur;
	rg_dns_callback on_dns;
	rg_damage_callback on_damage;
	void *user;
	bool frame_cut;            /* caplen < wire length */
	unsigned nesting;          /* tunnels and link layers entered */
	uint32_t tunnels_in_frame; /* bit per rg_tunnel seen in this frame */
};

typedef struct {
	uint8_t proto;
	uint8_t version;
	uint8_t lo[16], hi[16];
	uint16_t lport, hport;
} enc_key;

static guint enc_hash(gconstpointer p)
{
	const uint8_t *b = p;
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < sizeof(enc_key); i++)
		h = (h ^ b[i]) * 16777619u;
	return h;
}

static gboolean enc_equal(gconstpointer a, gconstpointer b)
{
	return memcmp(a, b, sizeof(enc_key)) == 0;
}

static inline uint16_t rd16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static inline uint32_t rd32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static inline bool is_dns_port(const rg_decoder *d, uint16_t port)
{
	return d->dns_port[port >> 3] & (1u << (port & 7));
}

static void set_port(rg_decoder *d, uint16_t port)
{
	d->dns_port[port >> 3] |= (uint8_t)(1u << (port & 7));
}

static void on_tcp_message(const rg_tcpr_key *key, const uint8_t *msg,
                           uint32_t len, bool segmented,
                           const rg_tcpr_origin *origin, void *user);
static void on_tcp_gap(const rg_tcpr_key *key, uint64_t frame, void *user);

rg_decoder *rg_decoder_new(const uint16_t *extra_ports, size_t n_extra_ports)
{
	rg_decoder *d = g_new0(rg_decoder, 1);
	set_port(d, 53);
	set_port(d, RG_PORT_MDNS);
	set_port(d, RG_PORT_LLMNR);
	for (size_t i = 0; extra_ports && i < n_extra_ports; i++)
		set_port(d, extra_ports[i]);
	d->ipr = rg_ipr_new();
	rg_tcpr_callbacks tcp_callbacks = {on_tcp_message, on_tcp_gap, d};
	d->tcpr = rg_tcpr_new(&tcp_callbacks);
	d->encrypted = g_hash_table_new_full(enc_hash, enc_equal, g_free, NULL);
	return d;
}

void rg_decoder_free(rg_decoder *d)
{
	if (!d)
		return;
	rg_ipr_free(d->ipr);
	rg_tcpr_free(d->tcpr);
	g_hash_table_destroy(d->encrypted);
	g_free(d);
}

const rg_decode_stats *rg_decoder_stats(const rg_decoder *d)
{
	return &d->stats;
}

bool rg_decoder_link_supported(int encap)
{
	switch (encap) {
	case WTAP_ENCAP_ETHERNET:
	case WTAP_ENCAP_SLL:
	case WTAP_ENCAP_SLL2:
	case WTAP_ENCAP_RAW_IP:
	case WTAP_ENCAP_RAW_IP4:
	case WTAP_ENCAP_RAW_IP6:
	case WTAP_ENCAP_NULL:
	case WTAP_ENCAP_LOOP:
	case WTAP_ENCAP_NFLOG:
	case WTAP_ENCAP_IEEE_802_11:
	case WTAP_ENCAP_IEEE_802_11_WITH_RADIO:
	case WTAP_ENCAP_IEEE_802_11_RADIOTAP:
	case WTAP_ENCAP_IEEE_802_11_PRISM:
	case WTAP_ENCAP_IEEE_802_11_AVS:
	case WTAP_ENCAP_PPI:
	case WTAP_ENCAP_PKTAP:
	case WTAP_ENCAP_USER2: /* PKTAP as macOS 10.9 wrote it */
	case WTAP_ENCAP_FDDI:
	case WTAP_ENCAP_FDDI_BITSWAPPED:
		return true;
	default:
		return false;
	}
}

static void damage(rg_decoder *d, const char *kind, const char *detail)
{
	if (d->on_damage)
		d->on_damage(kind, detail, d->cur.frame, d->user);
}

static void deliver(rg_decoder *d, const uint8_t *dns, uint32_t len)
{
	d->cur.dns = dns;
	d->cur.dns_len = len;
	d->stats.dns_messages++;
	if (d->cur.snaplen_cut)
		d->stats.snaplen_cut++;
	if (d->cur.tcp_segmented)
		d->stats.tcp_segmented++;
	d->on_dns(&d->cur, d->user);
}

static void count_encrypted(rg_decoder *d, uint8_t proto, const rg_addr *src,
                            const rg_addr *dst, uint16_t sport, uint16_t dport)
{
	enc_key k;
	memset(&k, 0, sizeof(k));
	k.proto = proto;
	k.version = src->version;
	int c = memcmp(src->bytes, dst->bytes, 16);
	if (c < 0 || (c == 0 && sport <= dport)) {
		memcpy(k.lo, src->bytes, 16);
		memcpy(k.hi, dst->bytes, 16);
		k.lport = sport;
		k.hport = dport;
	} else {
		memcpy(k.lo, dst->bytes, 16);
		memcpy(k.hi, src->bytes, 16);
		k.lport = dport;
		k.hport = sport;
	}
	if (g_hash_table_contains(d->encrypted, &k))
		return;
	if (g_hash_table_size(d->encrypted) >= 1u << 20)
		g_hash_table_remove_all(d->encrypted);
	g_hash_table_add(d->encrypted, g_memdup2(&k, sizeof(k)));
	if (proto == 6)
		d->stats.dot_flows++;
	else
		d->stats.doq_flows++;
}

static void decode_inner(rg_decoder *d, const rg_inner *inner);

/* A UDP datagram on no DNS port: DNS over TLS/QUIC is counted, tunnels are
 * entered. */
static void decode_udp_other(rg_decoder *d, uint16_t sport, uint16_t dport,
                             const uint8_t *payload, uint32_t len)
{
	rg_tunnel tunnel;
	rg_inner inner;
	if (sport == PORT_DOT || dport == PORT_DOT) {
		count_encrypted(d, 17, &d->cur.src, &d->cur.dst, sport, dport);
	} else if (rg_udp_tunnel_port(sport, dport, &tunnel) &&
	           rg_unwrap_udp_tunnel(tunnel, payload, len, &inner)) {
		decode_inner(d, &inner);
		return;
	}
	d->stats.non_dns++;
}

/* UDP header + payload. cut: the datagram was cut by the snaplen. */
static void decode_udp(rg_decoder *d, const uint8_t *p, uint32_t len, bool cut)
{
	if (len < 8) {
		if (!cut) {
			d->stats.corrupt++;
			damage(d, "corrupt_packet", "UDP header too short");
		}
		d->stats.non_dns++;
		return;
	}
	uint16_t sport = rd16(p), dport = rd16(p + 2);
	if (!is_dns_port(d, sport) && !is_dns_port(d, dport)) {
		uint32_t ulen = rd16(p + 4);
		uint32_t plen =
		        ulen >= 8 && ulen - 8 <= len - 8 ? ulen - 8 : len - 8;
		decode_udp_other(d, sport, dport, p + 8, plen);
		return;
	}
	uint32_t ulen = rd16(p + 4);
	uint32_t plen = len - 8;
	if (ulen >= 8 && ulen - 8 <= plen) {
		plen = ulen - 8; /* Ethernet padding after the datagram */
	} else if (ulen < 8 || !cut) {
		d->stats.corrupt++;
		damage(d, "corrupt_packet", "UDP length does not match");
		if (ulen < 8 && ulen != 0) {
			d->stats.non_dns++;
			return;
		}
	} else {
		d->cur.snaplen_cut = true;
	}
	if (plen == 0) {
		/* No DNS header at all: not a DNS message (Wireshark does not
		 * dissect it as DNS either); counted apart. */
		if (d->cur.snaplen_cut)
			damage(d, "snaplen_cut",
			       "UDP datagram cut by the snaplen before its DNS "
			       "header");
		else
			d->stats.empty_udp++;
		d->stats.non_dns++;
		return;
	}
	d->cur.sport = sport;
	d->cur.dport = dport;
	d->cur.transport = RG_TRANSPORT_UDP;
	if (d->cur.snaplen_cut) {
		char detail[64];
		snprintf(detail, sizeof(detail),
		         "DNS message cut by the snaplen (%u bytes captured)",
		         plen);
		damage(d, "snaplen_cut", detail);
	}
	deliver(d, p + 8, plen);
}

/* A message of a TCP stream: the frame being decoded is not always the one
 * that completed it (a hole was given up later), nor of the same direction
 * (the other side's acknowledgment gave it up). */
static void on_tcp_message(const rg_tcpr_key *key, const uint8_t *msg,
                           uint32_t len, bool segmented,
                           const rg_tcpr_origin *origin, void *user)
{
	rg_decoder *d = user;
	rg_dns_payload frame = d->cur;
	if (origin->frame != frame.frame) {
		d->cur.frame = origin->frame;
		d->cur.ts_sec = origin->ts_sec;
		d->cur.ts_nsec = origin->ts_nsec;
		d->cur.ip_fragmented = false;
		d->cur.snaplen_cut = false;
	}
	d->cur.src.version = key->version;
	d->cur.dst.version = key->version;
	memcpy(d->cur.src.bytes, key->src, 16);
	memcpy(d->cur.dst.bytes, key->dst, 16);
	d->cur.sport = key->sport;
	d->cur.dport = key->dport;
	d->cur.transport = RG_TRANSPORT_TCP;
	d->cur.tcp_segmented = segmented;
	deliver(d, msg, len);
	d->cur = frame;
}

static void on_tcp_gap(const rg_tcpr_key *key, uint64_t frame, void *user)
{
	(void)key;
	rg_decoder *d = user;
	d->stats.tcp_gaps++;
	if (d->on_damage)
		d->on_damage(
		        "tcp_gap",
		        "bytes missing from a DNS-over-TCP stream (the first "
		        "segment after them is at this frame)",
		        frame, d->user);
}

static void decode_tcp(rg_decoder *d, const uint8_t *p, uint32_t len, bool cut)
{
	if (len < 20) {
		if (!cut) {
			d->stats.corrupt++;
			damage(d, "corrupt_packet", "TCP header too short");
		}
		d->stats.non_dns++;
		return;
	}
	uint16_t sport = rd16(p), dport = rd16(p + 2);
	if (!is_dns_port(d, sport) && !is_dns_port(d, dport)) {
		if (sport == PORT_DOT || dport == PORT_DOT)
			count_encrypted(d, 6, &d->cur.src, &d->cur.dst, sport,
			                dport);
		d->stats.non_dns++;
		return;
	}
	uint32_t hlen = (uint32_t)(p[12] >> 4) * 4;
	if (hlen < 20 || hlen > len) {
		if (!cut || hlen < 20) {
			d->stats.corrupt++;
			damage(d, "corrupt_packet", "TCP header length");
		}
		d->stats.non_dns++;
		return;
	}
	uint32_t seq = rd32(p + 4);
	uint32_t ack = rd32(p + 8);
	uint8_t flags = 0;
	if (p[13] & 0x01)
		flags |= RG_TCP_FIN;
	if (p[13] & 0x02)
		flags |= RG_TCP_SYN;
	if (p[13] & 0x04)
		flags |= RG_TCP_RST;
	if (p[13] & 0x10)
		flags |= RG_TCP_ACK;
	d->cur.sport = sport;
	d->cur.dport = dport;
	d->cur.transport = RG_TRANSPORT_TCP;
	rg_tcpr_key key;
	memset(&key, 0, sizeof(key));
	key.version = d->cur.src.version;
	memcpy(key.src, d->cur.src.bytes, 16);
	memcpy(key.dst, d->cur.dst.bytes, 16);
	key.sport = sport;
	key.dport = dport;
	if (cut) {
		/* The stream has a hole where the snaplen cut it. */
		damage(d, "snaplen_cut", "TCP segment cut by the snaplen");
		d->stats.snaplen_cut++;
	}
	rg_tcpr_origin origin = {d->cur.frame, d->cur.ts_sec, d->cur.ts_nsec};
	rg_tcpr_result r = rg_tcpr_segment(d->tcpr, &key, seq, ack, flags,
	                                   p + hlen, len - hlen, &origin);
	if (r.incomplete)
		damage(d, "tcp_message_incomplete",
		       "a DNS-over-TCP message was never completed");
	if (r.untracked) {
		d->stats.tcp_untracked += r.untracked;
		damage(d, "tcp_untracked",
		       "DNS-over-TCP stream not followed: too many TCP streams "
		       "open at once");
	}
}

static void decode_transport(rg_decoder *d, uint8_t proto, const uint8_t *p,
                             uint32_t len, bool cut);

static void on_ip_drop(uint64_t first_frame, void *user)
{
	rg_decoder *d = user;
	d->stats.ip_incomplete++;
	if (d->on_damage)
		d->on_damage("ip_fragments_incomplete",
		             "IP datagram whose fragments never all arrived",
		             first_frame, d->user);
}

static void fragment(rg_decoder *d, uint8_t proto, uint32_t id, uint32_t offset,
                     bool more, const uint8_t *p, uint32_t len, bool cut)
{
	d->stats.ip_fragments++;
	if (cut) {
		damage(d, "snaplen_cut", "IP fragment cut by the snaplen");
		return;
	}
	if (!d->ipr_swept ||
	    (d->cur.ts_sec > d->last_ipr_sweep &&
	     (uint64_t)d->cur.ts_sec - (uint64_t)d->last_ipr_sweep >= 5)) {
		d->ipr_swept = true;
		d->last_ipr_sweep = d->cur.ts_sec;
		rg_ipr_expire(d->ipr, d->cur.ts_sec, on_ip_drop, d);
	}
	rg_ipr_key key;
	memset(&key, 0, sizeof(key));
	key.version = d->cur.src.version;
	key.proto = proto;
	memcpy(key.src, d->cur.src.bytes, 16);
	memcpy(key.dst, d->cur.dst.bytes, 16);
	key.id = id;
	uint32_t out_len;
	const uint8_t *dg =
	        rg_ipr_add(d->ipr, &key, offset, p, len, more, d->cur.frame,
	                   d->cur.ts_sec, &out_len, on_ip_drop, d);
	if (!dg)
		return;
	d->stats.ip_reassembled++;
	d->cur.ip_fragmented = true;
	decode_transport(d, proto, dg, out_len, false);
}

static void decode_ip(rg_decoder *d, const uint8_t *p, uint32_t len,
                      bool quoted);
static void decode_ip_announced(rg_decoder *d, unsigned version,
                                const uint8_t *p, uint32_t len);

/* ICMP error: the quoted datagram starts at q. */
static void decode_quoted(rg_decoder *d, uint8_t type, uint8_t code,
                          const uint8_t *q, uint32_t len)
{
	rg_dns_payload saved = d->cur;
	d->cur.from_icmp = true;
	d->cur.icmp_type = type;
	d->cur.icmp_code = code;
	d->cur.icmp_from = saved.src;
	uint64_t before = d->stats.dns_messages;
	decode_ip(d, q, len, true);
	if (d->stats.dns_messages != before)
		d->stats.icmp_dns++;
	else
		d->stats.non_dns++;
	d->cur = saved;
}

static void decode_transport(rg_decoder *d, uint8_t proto, const uint8_t *p,
                             uint32_t len, bool cut)
{
	switch (proto) {
	case 17:
		decode_udp(d, p, len, cut);
		return;
	case 6:
		decode_tcp(d, p, len, cut);
		return;
	case 4:  /* IPv4 in IP, RFC 2003 */
	case 41: /* IPv6 in IP, RFC 4213 */
		d->tunnels_in_frame |= 1u << RG_TUNNEL_IP_IN_IP;
		if (d->nesting < MAX_NESTING) {
			d->nesting++;
			decode_ip_announced(d, proto == 4 ? 4 : 6, p, len);
			d->nesting--;
			return;
		}
		break;
	case 47: {
		rg_inner inner;
		if (rg_unwrap_gre(p, len, &inner)) {
			decode_inner(d, &inner);
			return;
		}
		break;
	}
	case 1:
		if (d->cur.src.version == 4 && len >= 8 && !d->cur.from_icmp &&
		    (p[0] == 3 || p[0] == 4 || p[0] == 5 || p[0] == 11 ||
		     p[0] == 12)) {
			decode_quoted(d, p[0], p[1], p + 8, len - 8);
			return;
		}
		break;
	case 58:
		if (d->cur.src.version == 6 && len >= 8 && !d->cur.from_icmp &&
		    p[0] >= 1 && p[0] <= 4) {
			decode_quoted(d, p[0], p[1], p + 8, len - 8);
			return;
		}
		break;
	}
	d->stats.non_dns++;
}

/* A quoted datagram (inside ICMP) is only looked at for UDP with at least
 * a DNS header after it. */
static void decode_quoted_udp(rg_decoder *d, const uint8_t *p, uint32_t len)
{
	if (len < 8 + DNS_HEADER)
		return;
	uint16_t sport = rd16(p), dport = rd16(p + 2);
	if (!is_dns_port(d, sport) && !is_dns_port(d, dport))
		return;
	uint32_t ulen = rd16(p + 4);
	uint32_t plen = len - 8;
	if (ulen >= 8 && ulen - 8 < plen)
		plen = ulen - 8;
	if (plen < DNS_HEADER)
		return;
	d->cur.sport = sport;
	d->cur.dport = dport;
	d->cur.transport = RG_TRANSPORT_UDP;
	deliver(d, p + 8, plen);
}

static void decode_ipv4(rg_decoder *d, const uint8_t *p, uint32_t len,
                        bool quoted)
{
	if (len < 20) {
		if (!d->frame_cut && !quoted) {
			d->stats.corrupt++;
			damage(d, "corrupt_packet", "IPv4 header too short");
		}
		d->stats.non_dns++;
		return;
	}
	uint32_t ihl = (uint32_t)(p[0] & 0x0f) * 4;
	uint32_t total = rd16(p + 2);
	if (ihl < 20 || ihl > len || (!quoted && total < ihl)) {
		if (!quoted) {
			d->stats.corrupt++;
			damage(d, "corrupt_packet", "IPv4 header length");
		}
		d->stats.non_dns++;
		return;
	}
	bool cut = false;
	if (quoted) {
		total = len; /* the quote holds what the error sender kept */
	} else if (total > len) {
		if (d->frame_cut) {
			cut = true;
		} else {
			d->stats.corrupt++;
			damage(d, "corrupt_packet",
			       "IPv4 total length beyond the frame");
		}
		total = len;
	}
	d->cur.src.version = 4;
	d->cur.dst.version = 4;
	memset(d->cur.src.bytes, 0, 16);
	memset(d->cur.dst.bytes, 0, 16);
	memcpy(d->cur.src.bytes, p + 12, 4);
	memcpy(d->cur.dst.bytes, p + 16, 4);
	uint8_t proto = p[9];
	uint16_t frag = rd16(p + 6);
	bool more = frag & 0x2000;
	uint32_t offset = (uint32_t)(frag & 0x1fff) * 8;
	if (quoted) {
		if (proto == 17 && offset == 0)
			decode_quoted_udp(d, p + ihl, total - ihl);
		return;
	}
	if (more || offset)
		fragment(d, proto, rd16(p + 4), offset, more, p + ihl,
		         total - ihl, cut);
	else
		decode_transport(d, proto, p + ihl, total - ihl, cut);
}

static void decode_ipv6(rg_decoder *d, const uint8_t *p, uint32_t len,
                        bool quoted)
{
	if (len < 40) {
		if (!d->frame_cut && !quoted) {
			d->stats.corrupt++;
			damage(d, "corrupt_packet", "IPv6 header too short");
		}
		d->stats.non_dns++;
		return;
	}
	uint32_t plen = rd16(p + 4);
	bool cut = false;
	uint32_t avail = len - 40;
	if (quoted || plen == 0) {
		plen = avail; /* quote, or jumbogram */
	} else if (plen > avail) {
		if (d->frame_cut) {
			cut = true;
		} else {
			d->stats.corrupt++;
			damage(d, "corrupt_packet",
			       "IPv6 payload length beyond the frame");
		}
		plen = avail;
	}
	d->cur.src.version = 6;
	d->cur.dst.version = 6;
	memcpy(d->cur.src.bytes, p + 8, 16);
	memcpy(d->cur.dst.bytes, p + 24, 16);
	const uint8_t *q = p + 40;
	uint8_t next = p[6];
	bool is_frag = false, more = false;
	uint32_t offset = 0, id = 0;
	for (int hops = 0; hops < 16; hops++) {
		uint32_t hl;
		switch (next) {
		case 0:  /* hop-by-hop */
		case 43: /* routing */
		case 60: /* destination options */
			if (plen < 8)
				goto bad;
			hl = ((uint32_t)q[1] + 1) * 8;
			break;
		case 51: /* AH */
			if (plen < 8)
				goto bad;
			hl = ((uint32_t)q[1] + 2) * 4;
			break;
		case 44: /* fragment */
			if (plen < 8)
				goto bad;
			hl = 8;
			is_frag = true;
			offset = rd16(q + 2) & 0xfff8;
			more = q[3] & 1;
			id = rd32(q + 4);
			break;
		default:
			goto done;
		}
		if (hl > plen)
			goto bad;
		next = q[0];
		q += hl;
		plen -= hl;
	}
bad:
	if (!cut && !quoted) {
		d->stats.corrupt++;
		damage(d, "corrupt_packet", "IPv6 extension headers");
	}
	d->stats.non_dns++;
	return;
done:
	if (quoted) {
		if (next == 17 && (!is_frag || offset == 0))
			decode_quoted_udp(d, q, plen);
		return;
	}
	if (is_frag && (more || offset))
		fragment(d, next, id, offset, more, q, plen, cut);
	else
		decode_transport(d, next, q, plen, cut);
}

static void decode_ip(rg_decoder *d, const uint8_t *p, uint32_t len,
                      bool quoted)
{
	if (len < 1) {
		d->stats.non_ip++;
		return;
	}
	switch (p[0] >> 4) {
	case 4:
		decode_ipv4(d, p, len, quoted);
		return;
	case 6:
		decode_ipv6(d, p, len, quoted);
		return;
	}
	if (!quoted)
		d->stats.non_ip++;
}

/* An IP packet whose version the layer below announced (EtherType, link
 * type, tunnel): a packet of another version is damage ("bogus IP
 * version"), except IPv6 where IPv4 was announced, which Wireshark still
 * decodes (Linux cooked captures hold such packets). */
static void decode_ip_announced(rg_decoder *d, unsigned version,
                                const uint8_t *p, uint32_t len)
{
	unsigned found = len >= 1 ? (unsigned)(p[0] >> 4) : version;
	if (found != version && !(version == 4 && found == 6)) {
		char detail[80];
		snprintf(detail, sizeof(detail),
		         "IP version %u where the layer below announces IPv%u",
		         (unsigned)(p[0] >> 4), version);
		d->stats.corrupt++;
		damage(d, "corrupt_packet", detail);
		d->stats.non_ip++;
		return;
	}
	decode_ip(d, p, len, false);
}

static void decode_ethertype(rg_decoder *d, uint16_t type, const uint8_t *p,
                             uint32_t len)
{
	/* VLAN tags: 802.1Q, 802.1ad, and the older QinQ 0x9100 */
	for (int tags = 0; tags < 8; tags++) {
		if (type != 0x8100 && type != 0x88a8 && type != 0x9100)
			break;
		if (len < 4) {
			d->stats.non_ip++;
			return;
		}
		type = rd16(p + 2);
		p += 4;
		len -= 4;
	}
	if (type == 0x0800)
		decode_ip_announced(d, 4, p, len);
	else if (type == 0x86dd)
		decode_ip_announced(d, 6, p, len);
	else
		d->stats.non_ip++;
}

static void decode_ethernet(rg_decoder *d, const uint8_t *p, uint32_t len)
{
	if (len < 14) {
		d->stats.non_ip++;
		return;
	}
	decode_ethertype(d, rd16(p + 12), p + 14, len - 14);
}

static bool decode_link(rg_decoder *d, int encap, const uint8_t *data,
                        uint32_t caplen);

/* What a tunnel or a link-layer header wraps. */
static void decode_inner(rg_decoder *d, const rg_inner *inner)
{
	if (inner->tunnel < RG_TUNNEL_COUNT)
		d->tunnels_in_frame |= 1u << inner->tunnel;
	if (inner->kind == RG_INNER_NONE || d->nesting >= MAX_NESTING) {
		d->stats.non_ip++;
		return;
	}
	d->nesting++;
	switch (inner->kind) {
	case RG_INNER_ETHERNET:
		decode_ethernet(d, inner->data, inner->len);
		break;
	case RG_INNER_ETHERTYPE:
		decode_ethertype(d, inner->ethertype, inner->data, inner->len);
		break;
	case RG_INNER_IP:
		decode_ip(d, inner->data, inner->len, false);
		break;
	case RG_INNER_LINK:
		if (!decode_link(d, inner->encap, inner->data, inner->len))
			d->stats.non_ip++;
		break;
	case RG_INNER_NONE:
		break;
	}
	d->nesting--;
}

/* A link-layer header that wraps what follows; a damaged one is counted
 * as corrupt. */
static void decode_wrapped(rg_decoder *d,
                           bool (*unwrap)(const uint8_t *, uint32_t,
                                          rg_inner *),
                           const uint8_t *data, uint32_t caplen)
{
	rg_inner inner;
	if (!unwrap(data, caplen, &inner)) {
		if (!d->frame_cut) {
			d->stats.corrupt++;
			damage(d, "corrupt_packet", "link-layer header length");
		}
		d->stats.non_ip++;
		return;
	}
	decode_inner(d, &inner);
}

/* Returns false when the link type is not decoded. */
static bool decode_link(rg_decoder *d, int encap, const uint8_t *data,
                        uint32_t caplen)
{
	switch (encap) {
	case WTAP_ENCAP_ETHERNET:
		decode_ethernet(d, data, caplen);
		return true;
	case WTAP_ENCAP_SLL:
		if (caplen < 16)
			break;
		decode_ethertype(d, rd16(data + 14), data + 16, caplen - 16);
		return true;
	case WTAP_ENCAP_SLL2:
		if (caplen < 20)
			break;
		decode_ethertype(d, rd16(data), data + 20, caplen - 20);
		return true;
	case WTAP_ENCAP_RAW_IP:
		decode_ip(d, data, caplen, false);
		return true;
	case WTAP_ENCAP_RAW_IP4:
		decode_ip_announced(d, 4, data, caplen);
		return true;
	case WTAP_ENCAP_RAW_IP6:
		decode_ip_announced(d, 6, data, caplen);
		return true;
	case WTAP_ENCAP_NULL:
	case WTAP_ENCAP_LOOP:
		/* 4-byte address family (host or network byte order, values
		 * differ per OS): the IP version nibble decides. */
		if (caplen < 4)
			break;
		decode_ip(d, data + 4, caplen - 4, false);
		return true;
	case WTAP_ENCAP_NFLOG:
		decode_wrapped(d, rg_unwrap_nflog, data, caplen);
		return true;
	case WTAP_ENCAP_IEEE_802_11:
	case WTAP_ENCAP_IEEE_802_11_WITH_RADIO:
		decode_wrapped(d, rg_unwrap_ieee80211, data, caplen);
		return true;
	case WTAP_ENCAP_IEEE_802_11_RADIOTAP:
		decode_wrapped(d, rg_unwrap_radiotap, data, caplen);
		return true;
	case WTAP_ENCAP_IEEE_802_11_PRISM:
		decode_wrapped(d, rg_unwrap_prism, data, caplen);
		return true;
	case WTAP_ENCAP_IEEE_802_11_AVS:
		decode_wrapped(d, rg_unwrap_avs, data, caplen);
		return true;
	case WTAP_ENCAP_PPI:
		decode_wrapped(d, rg_unwrap_ppi, data, caplen);
		return true;
	case WTAP_ENCAP_PKTAP:
	case WTAP_ENCAP_USER2:
		decode_wrapped(d, rg_unwrap_pktap, data, caplen);
		return true;
	case WTAP_ENCAP_FDDI:
	case WTAP_ENCAP_FDDI_BITSWAPPED:
		decode_wrapped(d, rg_unwrap_fddi, data, caplen);
		return true;
	default:
		return false;
	}
	d->stats.non_ip++;
	return true;
}

bool rg_decoder_frame(rg_decoder *d, int encap, uint64_t frame, int64_t ts_sec,
                      int32_t ts_nsec, const uint8_t *data, uint32_t caplen,
                      uint32_t wire_len, rg_dns_callback on_dns,
                      rg_damage_callback on_damage, void *user)
{
	d->stats.packets++;
	memset(&d->cur, 0, sizeof(d->cur));
	d->cur.frame = frame;
	d->cur.ts_sec = ts_sec;
	d->cur.ts_nsec = ts_nsec;
	d->on_dns = on_dns;
	d->on_damage = on_damage;
	d->user = user;
	d->frame_cut = caplen < wire_len;
	d->nesting = 0;
	d->tunnels_in_frame = 0;
	if (rg_tcpr_tick(d->tcpr, ts_sec))
		damage(d, "tcp_message_incomplete",
		       "a DNS-over-TCP message was never completed");
	if (!decode_link(d, encap, data, caplen)) {
		d->stats.undecoded_link++;
		return false;
	}
	for (unsigned t = 0; t < RG_TUNNEL_COUNT; t++)
		if (d->tunnels_in_frame & (1u << t))
			d->stats.tunnel_packets[t]++;
	return true;
}

void rg_decoder_finish(rg_decoder *d, rg_damage_callback on_damage, void *user)
{
	d->on_damage = on_damage;
	d->user = user;
	d->cur.frame = 0;
	rg_ipr_expire(d->ipr, INT64_MAX, on_ip_drop, d);
	uint32_t inc = rg_tcpr_expire(d->tcpr, INT64_MAX);
	if (inc && on_damage)
		on_damage("tcp_message_incomplete",
		          "DNS-over-TCP messages unfinished at the end of the "
		          "capture",
		          0, user);
}
