/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "encapsulation.h"

#include <string.h>

#include <wiretap/pcap-encap.h>
#include <wiretap/wtap.h>

#define ETHERTYPE_IPV4        0x0800
#define ETHERTYPE_IPV6        0x86dd
#define ETHERTYPE_TEB         0x6558 /* transparent Ethernet bridging */
#define ETHERTYPE_ERSPAN_I_II 0x88be
#define ETHERTYPE_ERSPAN_III  0x22eb

#define PORT_VXLAN  4789
#define PORT_GENEVE 6081
#define PORT_GTPU   2152
#define PORT_TEREDO 3544
#define PORT_L2TP   1701
#define PORT_GRE    4754 /* GRE in UDP, RFC 8086 */

static const char *const tunnel_names[RG_TUNNEL_COUNT] = {
        [RG_TUNNEL_IP_IN_IP] = "IP in IP",
        [RG_TUNNEL_GRE] = "GRE",
        [RG_TUNNEL_ERSPAN_I] = "ERSPAN type I",
        [RG_TUNNEL_ERSPAN_II] = "ERSPAN type II",
        [RG_TUNNEL_ERSPAN_III] = "ERSPAN type III",
        [RG_TUNNEL_VXLAN] = "VXLAN",
        [RG_TUNNEL_GENEVE] = "Geneve",
        [RG_TUNNEL_GTPU] = "GTP-U",
        [RG_TUNNEL_TEREDO] = "Teredo",
        [RG_TUNNEL_PPTP] = "PPTP",
        [RG_TUNNEL_GRE_OTHER] = "GRE with another payload",
        [RG_TUNNEL_PPP_OTHER] = "PPTP other than IP packets",
        [RG_TUNNEL_ERSPAN_OTHER] = "ERSPAN of another version",
        [RG_TUNNEL_GTPU_OTHER] = "GTP-U other than IP packets",
        [RG_TUNNEL_L2TP] = "L2TP",
};

const char *rg_tunnel_name(rg_tunnel tunnel)
{
	return tunnel < RG_TUNNEL_COUNT ? tunnel_names[tunnel] : "?";
}

static inline uint16_t be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static inline uint16_t le16(const uint8_t *p)
{
	return (uint16_t)(p[1] << 8 | p[0]);
}

static inline uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[1] << 8 | p[0];
}

static inline uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

/* NFLOG TLV headers are in the byte order of the capturing host; wiretap
 * converts them to ours when it reads the file. */
static inline uint16_t host16(const uint8_t *p)
{
	uint16_t v;
	memcpy(&v, p, sizeof(v));
	return v;
}

static void set(rg_inner *out, rg_inner_kind kind, const uint8_t *p,
                uint32_t len)
{
	out->kind = kind;
	out->data = p;
	out->len = len;
}

static void clear(rg_inner *out)
{
	memset(out, 0, sizeof(*out));
	out->tunnel = RG_TUNNEL_COUNT;
}

/* LINKTYPE_NFLOG: family, version, resource id, then TLVs aligned to 4
 * octets; NFULA_PACKET_HDR (1) gives the EtherType, NFULA_PAYLOAD (9)
 * holds the packet. */
bool rg_unwrap_nflog(const uint8_t *p, uint32_t len, rg_inner *out)
{
	clear(out);
	if (len < 4)
		return false;
	uint8_t family = p[0];
	uint16_t ethertype = 0;
	const uint8_t *payload = NULL;
	uint32_t payload_len = 0;
	uint32_t off = 4;
	while (len - off >= 4) {
		uint32_t tlv_len = host16(p + off);
		uint16_t type = host16(p + off + 2) & 0x7fff;
		if (tlv_len < 4 || tlv_len > len - off)
			return false;
		if (type == 1 && tlv_len == 8)
			ethertype = be16(p + off + 4);
		if (type == 9) {
			payload = p + off + 4;
			payload_len = tlv_len - 4;
		}
		uint32_t step = (tlv_len + 3) & ~3u;
		if (step >= len - off)
			break;
		off += step;
	}
	if (!payload)
		return true;
	if (!ethertype)
		ethertype = family == 2    ? ETHERTYPE_IPV4
		            : family == 10 ? ETHERTYPE_IPV6
		                           : 0;
	if (!ethertype)
		return true;
	set(out, RG_INNER_ETHERTYPE, payload, payload_len);
	out->ethertype = ethertype;
	return true;
}

/* An LLC/SNAP header (RFC 1042; OUI 00-00-F8 for 802.1H bridging) and the
 * EtherType it announces; anything else is not decoded. Returns false when
 * the bytes are too few to be an LLC header at all. */
static bool unwrap_llc_snap(const uint8_t *p, uint32_t len, rg_inner *out)
{
	if (len < 8 || p[0] != 0xaa || p[1] != 0xaa || p[2] != 0x03 ||
	    p[3] != 0 || p[4] != 0 || (p[5] != 0 && p[5] != 0xf8))
		return len >= 3;
	set(out, RG_INNER_ETHERTYPE, p + 8, len - 8);
	out->ethertype = be16(p + 6);
	return true;
}

/* FDDI: frame control and two 6-octet addresses, then LLC. */
bool rg_unwrap_fddi(const uint8_t *p, uint32_t len, rg_inner *out)
{
	clear(out);
	if (len < 13)
		return false;
	return unwrap_llc_snap(p + 13, len - 13, out);
}

/* IEEE 802.11 data frames with an LLC/SNAP header. Protected (encrypted),
 * fragmented and aggregated (A-MSDU) frames are not decoded: their
 * contents cannot be read from this frame alone. */
bool rg_unwrap_ieee80211(const uint8_t *p, uint32_t len, rg_inner *out)
{
	clear(out);
	if (len < 2)
		return false;
	uint8_t fc0 = p[0], fc1 = p[1];
	unsigned version = fc0 & 3, type = (fc0 >> 2) & 3, subtype = fc0 >> 4;
	if (version != 0 || type != 2 || (subtype & 4))
		return true; /* not a data frame with a body */
	bool four_addresses = (fc1 & 3) == 3;
	bool qos = subtype & 8;
	uint32_t hl = 24 + (four_addresses ? 6 : 0);
	uint32_t qos_at = hl;
	if (qos)
		hl += 2 + ((fc1 & 0x80) ? 4 : 0);
	if (len < hl)
		return false;
	bool protected_frame = fc1 & 0x40;
	bool more_fragments = fc1 & 0x04;
	bool fragment = le16(p + 22) & 0x000f;
	bool amsdu = qos && (p[qos_at] & 0x80);
	if (protected_frame || more_fragments || fragment || amsdu)
		return true;
	return len == hl || unwrap_llc_snap(p + hl, len - hl, out);
}

/* Radiotap: version 0, little-endian length, present-flag words (bit 31:
 * another word follows). The Flags field (bit 1) says whether the 802.11
 * frame ends with its FCS (0x10); it follows TSFT (bit 0, 8 octets aligned
 * to 8 from the start of the header). */
bool rg_unwrap_radiotap(const uint8_t *p, uint32_t len, rg_inner *out)
{
	clear(out);
	if (len < 8 || p[0] != 0)
		return false;
	uint32_t hlen = le16(p + 2);
	if (hlen < 8 || hlen > len)
		return false;
	uint32_t present = le32(p + 4);
	uint32_t off = 4;
	while (le32(p + off) & 0x80000000u) {
		off += 4;
		if (off + 4 > hlen)
			return false;
	}
	off += 4;
	bool fcs = false;
	if (present & 1)
		off = ((off + 7) & ~7u) + 8;
	if (present & 2) {
		if (off >= hlen)
			return false;
		fcs = p[off] & 0x10;
	}
	uint32_t frame_len = len - hlen;
	if (fcs) {
		if (frame_len < 4)
			return false;
		frame_len -= 4;
	}
	return rg_unwrap_ieee80211(p + hlen, frame_len, out);
}

/* PPI: version, flags, little-endian header length and DLT of what follows. */
bool rg_unwrap_ppi(const uint8_t *p, uint32_t len, rg_inner *out)
{
	clear(out);
	if (len < 8 || p[0] != 0)
		return false;
	uint32_t hlen = le16(p + 2);
	if (hlen < 8 || hlen > len)
		return false;
	set(out, RG_INNER_LINK, p + hlen, len - hlen);
	out->encap = wtap_pcap_encap_to_wtap_encap((int)le32(p + 4));
	return true;
}

/* AVS capture header: big-endian version 0x8021100x and header length. */
bool rg_unwrap_avs(const uint8_t *p, uint32_t len, rg_inner *out)
{
	clear(out);
	if (len < 8 || (be32(p) & 0xfffffff0u) != 0x80211000u)
		return false;
	uint32_t hlen = be32(p + 4);
	if (hlen < 8 || hlen > len)
		return false;
	return rg_unwrap_ieee80211(p + hlen, len - hlen, out);
}

/* Prism monitor header: message code and message length (host order of
 * the capturing machine, in practice little-endian); some drivers write an
 * AVS header under this link type. */
bool rg_unwrap_prism(const uint8_t *p, uint32_t len, rg_inner *out)
{
	clear(out);
	if (len < 8)
		return false;
	if ((be32(p) & 0xfffffff0u) == 0x80211000u)
		return rg_unwrap_avs(p, len, out);
	uint32_t hlen = le32(p + 4);
	if (hlen < 8 || hlen > len)
		hlen = be32(p + 4);
	if (hlen < 8 || hlen > len)
		return false;
	return rg_unwrap_ieee80211(p + hlen, len - hlen, out);
}

/* Apple PKTAP: little-endian header length (at least 108), record type (1:
 * a packet follows) and the DLT of the packet. */
bool rg_unwrap_pktap(const uint8_t *p, uint32_t len, rg_inner *out)
{
	clear(out);
	if (len < 12)
		return false;
	uint32_t hlen = le32(p);
	if (hlen < 108 || hlen > len)
		return false;
	if (le32(p + 4) != 1)
		return true;
	set(out, RG_INNER_LINK, p + hlen, len - hlen);
	out->encap = wtap_pcap_encap_to_wtap_encap((int)le32(p + 8));
	return true;
}

/* ERSPAN header after GRE: version 1 (type II, 8 octets) or 2 (type III,
 * 12 octets, 8 more with the O bit; frame type 0 Ethernet, 2 IP). */
static bool unwrap_erspan(const uint8_t *p, uint32_t len, rg_inner *out)
{
	if (len < 2)
		return false;
	unsigned version = p[0] >> 4;
	if (version == 1) {
		if (len < 8)
			return false;
		out->tunnel = RG_TUNNEL_ERSPAN_II;
		set(out, RG_INNER_ETHERNET, p + 8, len - 8);
		return true;
	}
	if (version != 2) {
		out->tunnel = RG_TUNNEL_ERSPAN_OTHER;
		return true;
	}
	if (len < 12)
		return false;
	uint16_t w = be16(p + 10);
	uint32_t hl = 12 + ((w & 1) ? 8 : 0);
	if (len < hl)
		return false;
	unsigned frame_type = (w >> 10) & 0x1f;
	out->tunnel = RG_TUNNEL_ERSPAN_III;
	if (frame_type == 0)
		set(out, RG_INNER_ETHERNET, p + hl, len - hl);
	else if (frame_type == 2)
		set(out, RG_INNER_IP, p + hl, len - hl);
	else
		out->tunnel = RG_TUNNEL_ERSPAN_OTHER;
	return true;
}

/* PPTP, RFC 2637 §4.1: GRE version 1 with payload length and call ID in
 * the key field, optional sequence (S) and acknowledgment (A, 0x0080)
 * numbers; the payload is a PPP frame (RFC 1661 §2) whose address and
 * control octets and protocol field may be compressed (RFC 1662 §3.2,
 * RFC 1661 §6.5). IPv4 (0x21) and IPv6 (0x57) are decoded; compressed or
 * encrypted payloads (CCP, MPPE) are not. */
static bool unwrap_pptp(const uint8_t *p, uint32_t len, rg_inner *out)
{
	uint16_t flags = be16(p);
	uint32_t hl = 8 + ((flags & 0x1000) ? 4 : 0) + ((flags & 0x0080) ? 4 : 0);
	if (len < hl)
		return false;
	out->tunnel = RG_TUNNEL_PPP_OTHER;
	if (be16(p + 2) != 0x880b || !(flags & 0x2000))
		return true;
	uint32_t payload = be16(p + 4);
	p += hl;
	len -= hl;
	if (payload < len)
		len = payload;
	if (len >= 2 && p[0] == 0xff && p[1] == 0x03) {
		p += 2;
		len -= 2;
	}
	uint16_t protocol;
	if (len >= 1 && (p[0] & 1)) {
		protocol = p[0];
		p += 1;
		len -= 1;
	} else if (len >= 2) {
		protocol = be16(p);
		p += 2;
		len -= 2;
	} else {
		return true;
	}
	if (protocol == 0x21 || protocol == 0x57) {
		out->tunnel = RG_TUNNEL_PPTP;
		set(out, RG_INNER_ETHERTYPE, p, len);
		out->ethertype =
		        protocol == 0x21 ? ETHERTYPE_IPV4 : ETHERTYPE_IPV6;
	}
	return true;
}

/* GRE, RFC 2784 / RFC 2890: C (checksum), K (key), S (sequence) add 4
 * octets each; version 1 is PPTP. */
bool rg_unwrap_gre(const uint8_t *p, uint32_t len, rg_inner *out)
{
	clear(out);
	out->tunnel = RG_TUNNEL_GRE_OTHER;
	if (len < 4)
		return false;
	uint16_t flags = be16(p);
	uint16_t protocol = be16(p + 2);
	unsigned version = flags & 7;
	if (version == 1)
		return unwrap_pptp(p, len, out);
	if (version != 0 || (flags & 0x4000)) /* routing present: RFC 1701 */
		return true;
	uint32_t hl = 4;
	if (flags & 0x8000)
		hl += 4;
	if (flags & 0x2000)
		hl += 4;
	bool sequence = flags & 0x1000;
	if (sequence)
		hl += 4;
	if (len < hl)
		return false;
	p += hl;
	len -= hl;
	switch (protocol) {
	case ETHERTYPE_IPV4:
	case ETHERTYPE_IPV6:
		out->tunnel = RG_TUNNEL_GRE;
		set(out, RG_INNER_ETHERTYPE, p, len);
		out->ethertype = protocol;
		return true;
	case ETHERTYPE_TEB:
		out->tunnel = RG_TUNNEL_GRE;
		set(out, RG_INNER_ETHERNET, p, len);
		return true;
	case ETHERTYPE_ERSPAN_I_II:
		if (!sequence) {
			/* type I: no ERSPAN header, the mirrored frame follows
			 */
			out->tunnel = RG_TUNNEL_ERSPAN_I;
			set(out, RG_INNER_ETHERNET, p, len);
			return true;
		}
		return unwrap_erspan(p, len, out);
	case ETHERTYPE_ERSPAN_III:
		return unwrap_erspan(p, len, out);
	}
	return true;
}

bool rg_udp_tunnel_port(uint16_t sport, uint16_t dport, rg_tunnel *tunnel)
{
	static const struct {
		uint16_t port;
		rg_tunnel tunnel;
	} ports[] = {
	        {PORT_VXLAN, RG_TUNNEL_VXLAN}, {PORT_GENEVE, RG_TUNNEL_GENEVE},
	        {PORT_GTPU, RG_TUNNEL_GTPU},   {PORT_TEREDO, RG_TUNNEL_TEREDO},
	        {PORT_L2TP, RG_TUNNEL_L2TP},     {PORT_GRE, RG_TUNNEL_GRE},
	};
	for (int pass = 0; pass < 2; pass++) {
		uint16_t port = pass == 0 ? dport : sport;
		for (size_t i = 0; i < sizeof(ports) / sizeof(ports[0]); i++) {
			if (ports[i].port == port) {
				*tunnel = ports[i].tunnel;
				return true;
			}
		}
	}
	return false;
}

/* VXLAN, RFC 7348 §5: 8 octets, then an Ethernet frame. */
static bool unwrap_vxlan(const uint8_t *p, uint32_t len, rg_inner *out)
{
	if (len < 8)
		return false;
	set(out, RG_INNER_ETHERNET, p + 8, len - 8);
	return true;
}

/* Geneve, RFC 8926 §3.4: version 0, options length in 4-octet units,
 * protocol type as an EtherType. */
static bool unwrap_geneve(const uint8_t *p, uint32_t len, rg_inner *out)
{
	if (len < 8 || (p[0] >> 6) != 0)
		return false;
	uint32_t hl = 8 + (uint32_t)(p[0] & 0x3f) * 4;
	if (len < hl)
		return false;
	uint16_t protocol = be16(p + 2);
	if (protocol == ETHERTYPE_TEB) {
		set(out, RG_INNER_ETHERNET, p + hl, len - hl);
	} else {
		set(out, RG_INNER_ETHERTYPE, p + hl, len - hl);
		out->ethertype = protocol;
	}
	return true;
}

/* GTP-U, 3GPP TS 29.281 §5: version 1, PT 1; E, S or PN add 4 octets and
 * extension headers follow while the next-type octet is not 0, each
 * 4 * n octets long. Message type 255 (G-PDU) carries an IP packet. */
static bool unwrap_gtpu(const uint8_t *p, uint32_t len, rg_inner *out)
{
	if (len < 8 || (p[0] >> 5) != 1 || !(p[0] & 0x10))
		return false;
	uint32_t total = 8 + (uint32_t)be16(p + 2);
	if (total < len)
		len = total;
	uint32_t off = 8;
	if (p[0] & 0x07) {
		if (len < 12)
			return false;
		uint8_t next = p[11];
		off = 12;
		while (next != 0) {
			if (off >= len)
				return false;
			uint32_t ext = (uint32_t)p[off] * 4;
			if (ext == 0 || ext > len - off)
				return false;
			next = p[off + ext - 1];
			off += ext;
		}
	}
	if (p[1] != 0xff) {
		out->tunnel = RG_TUNNEL_GTPU_OTHER;
		return true;
	}
	set(out, RG_INNER_IP, p + off, len - off);
	return true;
}

/* Teredo, RFC 4380 §5.1.1: optional authentication (0x0001) and origin
 * indication (0x0000) headers, then an IPv6 packet. */
static bool unwrap_teredo(const uint8_t *p, uint32_t len, rg_inner *out)
{
	uint32_t off = 0;
	if (len - off >= 4 && p[off] == 0 && p[off + 1] == 1) {
		uint32_t hl = 4 + (uint32_t)p[off + 2] + p[off + 3] + 8 + 1;
		if (hl > len - off)
			return false;
		off += hl;
	}
	if (len - off >= 2 && p[off] == 0 && p[off + 1] == 0) {
		if (len - off < 8)
			return false;
		off += 8;
	}
	if (len - off < 1 || (p[off] >> 4) != 6)
		return true;
	set(out, RG_INNER_ETHERTYPE, p + off, len - off);
	out->ethertype = ETHERTYPE_IPV6;
	return true;
}

bool rg_unwrap_udp_tunnel(rg_tunnel tunnel, const uint8_t *p, uint32_t len,
                          rg_inner *out)
{
	clear(out);
	out->tunnel = tunnel;
	switch (tunnel) {
	case RG_TUNNEL_VXLAN:
		return unwrap_vxlan(p, len, out);
	case RG_TUNNEL_GENEVE:
		return unwrap_geneve(p, len, out);
	case RG_TUNNEL_GTPU:
		return unwrap_gtpu(p, len, out);
	case RG_TUNNEL_TEREDO:
		return unwrap_teredo(p, len, out);
	case RG_TUNNEL_GRE:
		return rg_unwrap_gre(p, len, out);
	default:
		return true;
	}
}
