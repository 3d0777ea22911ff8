/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * DNS over TCP: per-direction byte streams cut into messages by their
 * 2-byte length prefix (RFC 1035 §4.2.2, RFC 7766). Retransmissions and
 * out-of-order segments are handled. A hole waits for the segment that
 * fills it until the other side acknowledges bytes beyond it (they reached
 * the receiver but not the capture), until RG_TCPR_HOLE_WAIT seconds of
 * capture time have passed, until the buffer limits, FIN, RST or the end of
 * the capture; then it is reported as a gap at the frame of the first
 * segment after it, and the stream resynchronises at the next segment that
 * starts with a plausible message. Every message carries the frame and time
 * of the segment that completed it. Memory is bounded per flow and in
 * total. A flow is forgotten RG_TCPR_CLOSED_LINGER seconds of capture time
 * after its FIN or RST (so that late retransmissions are recognised and
 * dropped), or after RG_TCPR_IDLE seconds without traffic.
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
#define RG_TCPR_HOLE_WAIT        2 /* seconds */

enum {
	RG_TCP_FIN = 0x01,
	RG_TCP_SYN = 0x02,
	RG_TCP_RST = 0x04,
	RG_TCP_ACK = 0x08,
};

typedef struct {
	uint8_t version;
	uint8_t src[16], dst[16];
	uint16_t sport, dport;
} rg_tcpr_key;

typedef struct rg_tcp_reassembly rg_tcp_reassembly;

/* The segment a piece of the stream came in. */
typedef struct {
	uint64_t frame;
	int64_t ts_sec;
	int32_t ts_nsec;
} rg_tcpr_origin;

typedef struct {
	/* One complete DNS message (without its length prefix) of the
	 * stream key; origin: the segment that completed it; segmented: its
	 * bytes came from more than one segment. */
	void (*on_message)(const rg_tcpr_key *key, const uint8_t *msg,
	                   uint32_t len, bool segmented,
	                   const rg_tcpr_origin *origin, void *user);
	/* Bytes of the stream key that will never be seen; frame: the first
	 * segment after them. */
	void (*on_gap)(const rg_tcpr_key *key, uint64_t frame, void *user);
	void *user;
} rg_tcpr_callbacks;

typedef struct {
	uint32_t incomplete; /* messages left unfinished (FIN/RST/gap) */
	uint32_t untracked;  /* segments of a new stream not followed:
	                        RG_TCPR_MAX_FLOWS streams were open */
} rg_tcpr_result;

rg_tcp_reassembly *rg_tcpr_new(const rg_tcpr_callbacks *callbacks);
void rg_tcpr_free(rg_tcp_reassembly *tcpr);

/* One segment; key must be zero-filled beyond the address length. ack is
 * read when flags has RG_TCP_ACK. Messages and gaps of this stream, and of
 * the opposite one when this segment acknowledges bytes beyond a hole in
 * it, are reported through the callbacks before the call returns. */
rg_tcpr_result rg_tcpr_segment(rg_tcp_reassembly *tcpr, const rg_tcpr_key *key,
                               uint32_t seq, uint32_t ack, uint8_t flags,
                               const uint8_t *data, uint32_t len,
                               const rg_tcpr_origin *origin);

/* Capture time has come to now (called for every frame): every 10 s, idle
 * and closed flows are forgotten; every second, holes that waited
 * RG_TCPR_HOLE_WAIT are given up. Returns the messages left unfinished. */
uint32_t rg_tcpr_tick(rg_tcp_reassembly *tcpr, int64_t now);

/* Forgets idle flows (all flows when now is INT64_MAX), first delivering
 * what their holes held back; returns the number of messages left
 * unfinished in them. */
uint32_t rg_tcpr_expire(rg_tcp_reassembly *tcpr, int64_t now);

unsigned rg_tcpr_flows(const rg_tcp_reassembly *tcpr);

#endif
