/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unwrapping: where the packet inside a link-layer header or a tunnel
 * starts. Link layers: NFLOG, 802.11 data frames (bare, radiotap, PPI,
 * Prism, AVS), FDDI, Apple PKTAP. Tunnels: GRE (RFC 2784, RFC 2890; in UDP,
 * RFC 8086), PPTP (RFC 2637), ERSPAN types I-III, VXLAN (RFC 7348), Geneve
 * (RFC 8926), GTP-U (3GPP TS 29.281), Teredo (RFC 4380), IP in IP
 * (RFC 2003, RFC 4213). Every function reads
 * only the bytes it is given and fails on any length that does not fit.
 */
#ifndef RCREPORT_ENCAPSULATION_H
#define RCREPORT_ENCAPSULATION_H

#include <stdbool.h>
#include <stdint.h>

/* Tunnels and encapsulations counted per frame; the first RG_TUNNEL_DECODED
 * are decoded, the others are named with their packet counts only. */
typedef enum {
	RG_TUNNEL_IP_IN_IP,
	RG_TUNNEL_GRE,
	RG_TUNNEL_ERSPAN_I,
	RG_TUNNEL_ERSPAN_II,
	RG_TUNNEL_ERSPAN_III,
	RG_TUNNEL_VXLAN,
	RG_TUNNEL_GENEVE,
	RG_TUNNEL_GTPU,
	RG_TUNNEL_TEREDO,
	RG_TUNNEL_PPTP, /* GRE version 1 carrying PPP */
	RG_TUNNEL_DECODED,
	RG_TUNNEL_GRE_OTHER = RG_TUNNEL_DECODED, /* GRE with another payload */
	RG_TUNNEL_PPP_OTHER, /* PPTP carrying compressed, encrypted or non-IP
	                        PPP */
	RG_TUNNEL_ERSPAN_OTHER,             /* unknown version or frame type */
	RG_TUNNEL_GTPU_OTHER,               /* GTP-U other than an IP T-PDU */
	RG_TUNNEL_L2TP,
	RG_TUNNEL_COUNT
} rg_tunnel;

/* "VXLAN", "GRE carrying PPP (PPTP)", ... */
const char *rg_tunnel_name(rg_tunnel tunnel);

/* What follows the header that was removed. */
typedef enum {
	RG_INNER_NONE,      /* nothing decodable (not data, encrypted, ...) */
	RG_INNER_ETHERNET,  /* an Ethernet frame without FCS */
	RG_INNER_ETHERTYPE, /* a payload of the given EtherType */
	RG_INNER_IP,        /* IPv4 or IPv6, told by the version nibble */
	RG_INNER_LINK,      /* a frame of another link type (PKTAP, PPI) */
} rg_inner_kind;

typedef struct {
	rg_inner_kind kind;
	uint16_t ethertype; /* RG_INNER_ETHERTYPE */
	int encap;          /* RG_INNER_LINK: wiretap encapsulation */
	const uint8_t *data;
	uint32_t len;
	rg_tunnel tunnel; /* tunnels: which one, RG_TUNNEL_COUNT for links */
} rg_inner;

/* Link layers, by wiretap encapsulation. Return false when the header is
 * damaged (too short, lengths that do not fit). */
bool rg_unwrap_nflog(const uint8_t *p, uint32_t len, rg_inner *out);
bool rg_unwrap_ieee80211(const uint8_t *p, uint32_t len, rg_inner *out);
bool rg_unwrap_radiotap(const uint8_t *p, uint32_t len, rg_inner *out);
bool rg_unwrap_ppi(const uint8_t *p, uint32_t len, rg_inner *out);
bool rg_unwrap_prism(const uint8_t *p, uint32_t len, rg_inner *out);
bool rg_unwrap_avs(const uint8_t *p, uint32_t len, rg_inner *out);
bool rg_unwrap_pktap(const uint8_t *p, uint32_t len, rg_inner *out);
bool rg_unwrap_fddi(const uint8_t *p, uint32_t len, rg_inner *out);

/* IP protocol 47. out->tunnel names the tunnel even when the payload is
 * not decoded (out->kind RG_INNER_NONE). */
bool rg_unwrap_gre(const uint8_t *p, uint32_t len, rg_inner *out);

/* UDP tunnels: whether this port pair is a tunnel rcreport knows; then the
 * payload is unwrapped (false: damaged header). */
bool rg_udp_tunnel_port(uint16_t sport, uint16_t dport, rg_tunnel *tunnel);
bool rg_unwrap_udp_tunnel(rg_tunnel tunnel, const uint8_t *p, uint32_t len,
                          rg_inner *out);

#endif
