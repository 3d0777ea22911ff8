/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Test-only builder of DNS messages (uncompressed names). */
#ifndef RCODEX_TEST_BUILDER_H
#define RCODEX_TEST_BUILDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
	uint8_t buf[8192];
	size_t len;
	uint16_t counts[4];
} tb_msg;

#define TB_QR 0x8000
#define TB_AA 0x0400
#define TB_TC 0x0200
#define TB_RD 0x0100
#define TB_RA 0x0080

void tb_init(tb_msg *m, uint16_t id, uint16_t flags, uint8_t opcode,
             uint8_t rcode);
void tb_bytes(tb_msg *m, const void *data, size_t n);
void tb_u16(tb_msg *m, uint16_t v);
void tb_u32(tb_msg *m, uint32_t v);
void tb_name(tb_msg *m, const char *name);
void tb_question(tb_msg *m, const char *name, uint16_t qtype);
/* Starts a record; returns the offset of RDLENGTH to patch with tb_end_rr. */
size_t tb_begin_rr(tb_msg *m, int section, const char *owner, uint16_t type,
                   uint16_t rclass, uint32_t ttl);
void tb_end_rr(tb_msg *m, size_t rdlength_at);
void tb_rr_raw(tb_msg *m, int section, const char *owner, uint16_t type,
               uint32_t ttl, const void *rdata, uint16_t rdlength);
void tb_rr_name(tb_msg *m, int section, const char *owner, uint16_t type,
                uint32_t ttl, const char *target);
void tb_a(tb_msg *m, int section, const char *owner, uint32_t ttl);
void tb_soa(tb_msg *m, int section, const char *owner, uint32_t ttl,
            uint32_t minimum);
/* OPT with options given as raw option bytes (code, length, data...). */
void tb_opt(tb_msg *m, uint16_t udp, uint8_t ext_rcode, uint8_t version,
            bool do_bit, const void *options, uint16_t options_length);
void tb_tsig(tb_msg *m, const char *key, uint64_t time_signed, uint16_t error,
             const void *other, uint16_t other_length);
void tb_tkey(tb_msg *m, const char *owner, uint16_t mode, uint16_t error);
/* Writes the section counts into the header. */
void tb_finish(tb_msg *m);

#endif
