/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * From one captured frame to the DNS messages it carries: link layer, IPv4
 * and IPv6 (extension headers, fragment reassembly), tunnels
 * (encapsulation.h), UDP, TCP (stream reassembly), ICMP errors quoting DNS.
 */
#ifndef RCREPORT_PACKET_DECODE_H
#define RCREPORT_PACKET_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dns_payload.h"
#include "encapsulation.h"

/*
 * Damage found while decoding. kind is a stable identifier:
 * "snaplen_cut", "corrupt_packet", "tcp_gap", "ip_fragments_incomplete",
 * "tcp_message_incomplete", "truncated_file", "corrupt_record". detail is
 * one line for people (may be NULL). frame is the frame concerned, 0 when
 * none.
 */
typedef void (*rg_damage_callback)(const char *kind, const char *detail,
                                   uint64_t frame, void *user);

typedef struct {
	uint64_t packets;        /* frames given to the decoder */
	uint64_t undecoded_link; /* frames of a link type not decoded */
	uint64_t non_ip;         /* frames without IPv4/IPv6 */
	uint64_t non_dns;        /* IP frames without DNS */
	uint64_t dns_messages;   /* messages delivered (incl. from ICMP) */
	uint64_t icmp_dns;       /* ICMP errors quoting a DNS datagram */
	uint64_t snaplen_cut;    /* DNS messages cut by the snaplen */
	uint64_t corrupt;        /* frames with impossible lengths */
	uint64_t ip_fragments;   /* fragments seen */
	uint64_t ip_reassembled; /* datagrams rebuilt from fragments */
	uint64_t ip_incomplete;  /* datagrams never completed */
	uint64_t tcp_segmented;  /* DNS messages that spanned segments */
	uint64_t tcp_gaps;       /* holes in a TCP stream */
	uint64_t tcp_untracked;  /* segments of streams not followed (too many
	                            streams open at once) */
	uint64_t dot_flows;      /* TCP/853 */
	uint64_t doq_flows;      /* UDP/853 */
	uint64_t empty_udp;      /* UDP datagrams on a DNS port without payload:
	                            not DNS messages */
	uint64_t tunnel_packets[RG_TUNNEL_COUNT]; /* frames holding each */
} rg_decode_stats;

typedef struct rg_decoder rg_decoder;

/* Ports 53, 5353 and 5355 are DNS; extra_ports adds others. */
rg_decoder *rg_decoder_new(const uint16_t *extra_ports, size_t n_extra_ports);
void rg_decoder_free(rg_decoder *decoder);

/* Whether frames of this wiretap encapsulation (WTAP_ENCAP_*) are decoded. */
bool rg_decoder_link_supported(int encap);

/*
 * Decodes one frame. data holds caplen bytes; wire_len is the frame's length
 * on the wire (caplen < wire_len: cut by the snaplen). Returns false when
 * the link type is not decoded.
 */
bool rg_decoder_frame(rg_decoder *decoder, int encap, uint64_t frame,
                      int64_t ts_sec, int32_t ts_nsec, const uint8_t *data,
                      uint32_t caplen, uint32_t wire_len,
                      rg_dns_callback on_dns, rg_damage_callback on_damage,
                      void *user);

/* End of capture: reports reassemblies left unfinished. */
void rg_decoder_finish(rg_decoder *decoder, rg_damage_callback on_damage,
                       void *user);

const rg_decode_stats *rg_decoder_stats(const rg_decoder *decoder);

#endif
