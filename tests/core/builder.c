/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "builder.h"

#include <string.h>

#include "rcodex/wire.h"

void tb_bytes(tb_msg *m, const void *data, size_t n)
{
	if (m->len + n > sizeof(m->buf))
		n = sizeof(m->buf) - m->len;
	if (n)
		memcpy(m->buf + m->len, data, n);
	m->len += n;
}

void tb_u16(tb_msg *m, uint16_t v)
{
	uint8_t b[2] = {(uint8_t)(v >> 8), (uint8_t)v};
	tb_bytes(m, b, 2);
}

void tb_u32(tb_msg *m, uint32_t v)
{
	tb_u16(m, (uint16_t)(v >> 16));
	tb_u16(m, (uint16_t)v);
}

void tb_init(tb_msg *m, uint16_t id, uint16_t flags, uint8_t opcode,
             uint8_t rcode)
{
	memset(m, 0, sizeof(*m));
	tb_u16(m, id);
	tb_u16(m, (uint16_t)(flags | ((opcode & 0xF) << 11) | (rcode & 0xF)));
	m->len = 12;
}

void tb_name(tb_msg *m, const char *name)
{
	const char *p = name;
	if (strcmp(name, ".") == 0) {
		tb_u16(m, 0);
		m->len--;
		return;
	}
	while (*p) {
		const char *dot = strchr(p, '.');
		size_t n = dot ? (size_t)(dot - p) : strlen(p);
		uint8_t len = (uint8_t)n;
		tb_bytes(m, &len, 1);
		tb_bytes(m, p, n);
		p += n;
		if (*p == '.')
			p++;
	}
	uint8_t zero = 0;
	tb_bytes(m, &zero, 1);
}

void tb_question(tb_msg *m, const char *name, uint16_t qtype)
{
	tb_name(m, name);
	tb_u16(m, qtype);
	tb_u16(m, RCX_CLASS_IN);
	m->counts[0]++;
}

size_t tb_begin_rr(tb_msg *m, int section, const char *owner, uint16_t type,
                   uint16_t rclass, uint32_t ttl)
{
	tb_name(m, owner);
	tb_u16(m, type);
	tb_u16(m, rclass);
	tb_u32(m, ttl);
	size_t at = m->len;
	tb_u16(m, 0);
	m->counts[section]++;
	return at;
}

void tb_end_rr(tb_msg *m, size_t at)
{
	size_t n = m->len - at - 2;
	m->buf[at] = (uint8_t)(n >> 8);
	m->buf[at + 1] = (uint8_t)n;
}

void tb_rr_raw(tb_msg *m, int section, const char *owner, uint16_t type,
               uint32_t ttl, const void *rdata, uint16_t rdlength)
{
	size_t at = tb_begin_rr(m, section, owner, type, RCX_CLASS_IN, ttl);
	tb_bytes(m, rdata, rdlength);
	tb_end_rr(m, at);
}

void tb_rr_name(tb_msg *m, int section, const char *owner, uint16_t type,
                uint32_t ttl, const char *target)
{
	size_t at = tb_begin_rr(m, section, owner, type, RCX_CLASS_IN, ttl);
	tb_name(m, target);
	tb_end_rr(m, at);
}

void tb_a(tb_msg *m, int section, const char *owner, uint32_t ttl)
{
	const uint8_t addr[4] = {192, 0, 2, 1};
	tb_rr_raw(m, section, owner, RCX_TYPE_A, ttl, addr, 4);
}

void tb_soa(tb_msg *m, int section, const char *owner, uint32_t ttl,
            uint32_t minimum)
{
	size_t at =
	        tb_begin_rr(m, section, owner, RCX_TYPE_SOA, RCX_CLASS_IN, ttl);
	tb_name(m, "ns.example");
	tb_name(m, "hostmaster.example");
	tb_u32(m, 2024010101);
	tb_u32(m, 3600);
	tb_u32(m, 600);
	tb_u32(m, 86400);
	tb_u32(m, minimum);
	tb_end_rr(m, at);
}

void tb_opt(tb_msg *m, uint16_t udp, uint8_t ext_rcode, uint8_t version,
            bool do_bit, const void *options, uint16_t options_length)
{
	uint32_t ttl = ((uint32_t)ext_rcode << 24) | ((uint32_t)version << 16) |
	               (do_bit ? 0x8000u : 0);
	size_t at = tb_begin_rr(m, 3, ".", RCX_TYPE_OPT, udp, ttl);
	tb_bytes(m, options, options_length);
	tb_end_rr(m, at);
}

void tb_tsig(tb_msg *m, const char *key, uint64_t time_signed, uint16_t error,
             const void *other, uint16_t other_length)
{
	size_t at = tb_begin_rr(m, 3, key, RCX_TYPE_TSIG, RCX_CLASS_ANY, 0);
	tb_name(m, "hmac-sha256");
	tb_u16(m, (uint16_t)(time_signed >> 32));
	tb_u32(m, (uint32_t)time_signed);
	tb_u16(m, 300);
	tb_u16(m, error ? 0 : 32);
	for (int i = 0; i < (error ? 0 : 32); i++)
		tb_bytes(m, "\x5a", 1);
	tb_u16(m, 0x1234);
	tb_u16(m, error);
	tb_u16(m, other_length);
	tb_bytes(m, other, other_length);
	tb_end_rr(m, at);
}

void tb_tkey(tb_msg *m, const char *owner, uint16_t mode, uint16_t error)
{
	size_t at = tb_begin_rr(m, 1, owner, RCX_TYPE_TKEY, RCX_CLASS_ANY, 0);
	tb_name(m, "gss-tsig");
	tb_u32(m, 1700000000);
	tb_u32(m, 1700003600);
	tb_u16(m, mode);
	tb_u16(m, error);
	tb_u16(m, 0);
	tb_u16(m, 0);
	tb_end_rr(m, at);
}

void tb_finish(tb_msg *m)
{
	for (int s = 0; s < 4; s++) {
		m->buf[4 + 2 * s] = (uint8_t)(m->counts[s] >> 8);
		m->buf[5 + 2 * s] = (uint8_t)m->counts[s];
	}
}
