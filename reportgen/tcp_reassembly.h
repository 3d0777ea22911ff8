/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * DNS over TCP: per-direction byte streams cut into messages by their
 * 2-byte length prefix (RFC 1035 §4.2.2, RFC 7766). Retransmissions and
 * out-of-order segments are handled; holes are reported and the stream
 * resynchronises at the next segment that starts with a plausible message.
 * Memory is bounded per flow and in total. A flow is forgotten
 * RG_TCPR_CLOSED_LINGER seconds of capture time after its FIN or RST (so
 * that late retransmissions are recognised and dropped), or after
 * RG_TCPR_IDLE seconds without traffic.
 */
#ifndef RCREPORT_TCP_REASSEMBLY_H
#define RCREPORT_TCP_REASSEMBLY_H

#include <stdbool.h>
#include <stdint.h>

#define RG_TCPR_MAX_FLOWS        65536
#define RG_TCPR_MAX_OOO_BYTES    (256u << 10) /* per flow */
#define RG_TCPR_MAX_OOO_SEGMENTS 64           /* per flow */
#define RG_TCPR_MAX_BYTES        (96u << 20)  /* all flows */
#define RG_TCPR_IDLE             120
#define RG_TCPR_CLOSED_LINGER    10

enum {
	RG_TCP_FIN = 0x01,
	RG_TCP_SYN = 0x02,
	RG_TCP_RST = 0x04,
};

typedef struct {
	uint8_t version;
	uint8_t src[16], dst[16];
	uint16_t sport, dport;
} rg_tcpr_key;

typedef struct rg_tcp_reassembly rg_tcp_reassembly;

/* One complete DNS message (without its length prefix); segmented: its
 * bytes came from more than one segment. */
typedef void (*rg_tcpr_message_callback)(const uint8_t *msg, uint32_t len,
                                         bool segmented, void *user);

typedef struct {
	uint32_t gaps;       /* holes found in this call */
	uint32_t incomplete; /* messages left unfinished (FIN/RST/gap) */
	uint32_t untracked;  /* segments of a new stream not followed:
	                        RG_TCPR_MAX_FLOWS streams were open */
} rg_tcpr_result;

rg_tcp_reassembly *rg_tcpr_new(void);
void rg_tcpr_free(rg_tcp_reassembly *tcpr);

/* One segment; key must be zero-filled beyond the address length. */
rg_tcpr_result rg_tcpr_segment(rg_tcp_reassembly *tcpr, const rg_tcpr_key *key,
                               uint32_t seq, uint8_t flags, const uint8_t *data,
                               uint32_t len, int64_t now,
                               rg_tcpr_message_callback on_message, void *user);

/* Forgets idle flows (all flows when now is INT64_MAX); returns the number
 * of messages left unfinished in them. */
uint32_t rg_tcpr_expire(rg_tcp_reassembly *tcpr, int64_t now);

unsigned rg_tcpr_flows(const rg_tcp_reassembly *tcpr);

#endif
