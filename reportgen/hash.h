/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * 64-bit hashing for the in-memory tables of rcreport: eight octets per
 * step. Values live only for one run; nothing stores or shows them.
 */
#ifndef RCREPORT_HASH_H
#define RCREPORT_HASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define RG_HASH_SEED 0x9e3779b97f4a7c15u

/* Folds one 64-bit word into h. */
static inline uint64_t rg_hash_word(uint64_t h, uint64_t w)
{
	h = (h ^ w) * 0xff51afd7ed558ccdu;
	return h ^ (h >> 32);
}

/* Folds n octets into h; the length is part of the hash. */
static inline uint64_t rg_hash_bytes(uint64_t h, const void *data, size_t n)
{
	const uint8_t *p = data;
	h = rg_hash_word(h, n);
	for (; n >= 8; n -= 8, p += 8) {
		uint64_t w;
		memcpy(&w, p, 8);
		h = rg_hash_word(h, w);
	}
	if (n) {
		uint64_t w = 0;
		memcpy(&w, p, n);
		h = rg_hash_word(h, w);
	}
	return h;
}

/* Final avalanche, so that every output bit depends on every input bit. */
static inline uint64_t rg_hash_final(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdu;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53u;
	h ^= h >> 33;
	return h;
}

#endif
