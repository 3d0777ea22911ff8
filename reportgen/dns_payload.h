/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The contract between the capture-reading stages (capture_reader,
 * packet_decode, ip_reassembly, tcp_reassembly) and the analysis stages
 * (transactions, aggregate, outputs): one DNS message found in a capture,
 * with where and when it was seen.
 */
#ifndef RCREPORT_DNS_PAYLOAD_H
#define RCREPORT_DNS_PAYLOAD_H

#include <stdbool.h>
#include <stdint.h>

/* The last second a report can print, 9999-12-31T23:59:59Z. The capture
 * reader replaces time stamps outside 1970-9999 (pcapng's 64-bit stamps
 * reach far beyond) and reports them as damage. */
#define RG_LAST_PRINTABLE_SEC INT64_C(253402300799)

typedef enum {
	RG_TRANSPORT_UDP,
	RG_TRANSPORT_TCP,
} rg_transport;

typedef struct {
	uint8_t version;   /* 4 or 6 */
	uint8_t bytes[16]; /* IPv4 in the first 4 */
} rg_addr;

typedef struct {
	uint64_t frame; /* Wireshark frame number (1-based) where the message
	                   completed */
	int64_t ts_sec; /* capture time of that frame, UTC, 0 to
	                   RG_LAST_PRINTABLE_SEC */
	int32_t ts_nsec;
	rg_addr src, dst;
	uint16_t sport, dport;
	rg_transport transport;
	const uint8_t *dns; /* the DNS message, header at dns[0] (no TCP length
	                       prefix) */
	uint32_t dns_len;
	bool ip_fragmented; /* the IP datagram was reassembled from fragments */
	bool tcp_segmented; /* the message spanned several TCP segments */
	bool snaplen_cut;   /* the frame was cut by the snaplen: dns_len is what
	                       was captured */
	/*
	 * Set when the DNS message was quoted inside an ICMP/ICMPv6 error
	 * (e.g. port unreachable): the addresses and ports are those of the
	 * quoted (original) datagram, icmp_* say what the error was and
	 * icmp_from is the address that sent the error.
	 */
	bool from_icmp;
	uint8_t icmp_type;
	uint8_t icmp_code;
	rg_addr icmp_from;
} rg_dns_payload;

/* Called once per DNS message, in frame order. The payload is valid only
 * during the call. */
typedef void (*rg_dns_callback)(const rg_dns_payload *payload, void *user);

/* Multicast DNS (RFC 6762) and LLMNR (RFC 4795) run on ports of their own
 * and follow their own rules for questions and negative answers. */
#define RG_PORT_MDNS  5353
#define RG_PORT_LLMNR 5355

/* The port of the side that answers: the destination of a query, the
 * source of a response. A DNS client that happens to use 5353 or 5355 as
 * its ephemeral port does not make its traffic mDNS or LLMNR. */
static inline uint16_t rg_payload_service_port(const rg_dns_payload *pl)
{
	bool response = pl->dns_len > 2 && (pl->dns[2] & 0x80);
	return response ? pl->sport : pl->dport;
}

static inline bool rg_payload_is_mdns(const rg_dns_payload *pl)
{
	return rg_payload_service_port(pl) == RG_PORT_MDNS;
}

static inline bool rg_payload_is_llmnr(const rg_dns_payload *pl)
{
	return rg_payload_service_port(pl) == RG_PORT_LLMNR;
}

#endif
