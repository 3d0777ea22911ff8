/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * IPv4 and IPv6 fragment reassembly with bounded memory and constant time
 * per fragment: at most RG_IPR_MAX_PENDING datagrams and RG_IPR_MAX_BYTES
 * buffered, datagrams given up RG_IPR_TIMEOUT seconds (capture time) after
 * their first fragment. When a limit is reached the oldest datagram is
 * given up; every datagram given up unfinished is reported, once.
 */
#ifndef RCREPORT_IP_REASSEMBLY_H
#define RCREPORT_IP_REASSEMBLY_H

#include <stdbool.h>
#include <stdint.h>

#define RG_IPR_MAX_PENDING 4096
#define RG_IPR_MAX_BYTES   (64u << 20)
#define RG_IPR_TIMEOUT     30

typedef struct {
	uint8_t version; /* 4 or 6 */
	uint8_t proto;   /* upper-layer protocol */
	uint8_t src[16], dst[16];
	uint32_t id;
} rg_ipr_key;

typedef struct rg_ip_reassembly rg_ip_reassembly;

/* Called for each datagram given up unfinished; first_frame is the frame
 * of its first fragment. */
typedef void (*rg_ipr_drop_callback)(uint64_t first_frame, void *user);

rg_ip_reassembly *rg_ipr_new(void);
void rg_ipr_free(rg_ip_reassembly *ipr);

/*
 * Adds a fragment of payload bytes at byte offset `offset` of the
 * datagram's payload; more = more fragments follow. When the datagram is
 * complete, returns its payload (valid until the next call) and sets
 * *out_len; otherwise returns NULL. Room for a new datagram is made by
 * giving up the oldest (on_drop); a fragment that still does not fit is
 * ignored (its datagram is then reported when it is given up).
 */
const uint8_t *rg_ipr_add(rg_ip_reassembly *ipr, const rg_ipr_key *key,
                          uint32_t offset, const uint8_t *data, uint32_t len,
                          bool more, uint64_t frame, int64_t now,
                          uint32_t *out_len, rg_ipr_drop_callback on_drop,
                          void *user);

/* Drops datagrams older than the timeout (all when now is INT64_MAX). */
void rg_ipr_expire(rg_ip_reassembly *ipr, int64_t now,
                   rg_ipr_drop_callback on_drop, void *user);

unsigned rg_ipr_pending(const rg_ip_reassembly *ipr);

#endif
