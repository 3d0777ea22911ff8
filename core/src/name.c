/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Domain name decoding, RFC 1035 §3.1 and §4.1.4. */
#include "rcodex/name.h"

#include <stdio.h>
#include <string.h>

static uint8_t ascii_lower(uint8_t c)
{
	return (c >= 'A' && c <= 'Z') ? (uint8_t)(c + 32) : c;
}

/*
 * A pointer is accepted only when it points before the start of the run of
 * labels that led to it. Each jump therefore lands strictly earlier than the
 * previous one, which bounds the walk without a hop counter.
 */
rcx_problem rcx_name_walk(const uint8_t *wire, size_t length, uint32_t offset,
                          uint32_t *next, uint8_t *flat, size_t *flat_length)
{
	uint32_t pos = offset;
	uint32_t run_start = offset;
	uint32_t after = 0;
	bool jumped = false;
	size_t total = 0;

	for (;;) {
		if (pos >= length)
			return RCX_PROB_NAME_TRUNCATED;
		uint8_t len = wire[pos];
		if ((len & 0xC0) == 0xC0) {
			if ((size_t)pos + 1 >= length)
				return RCX_PROB_NAME_TRUNCATED;
			uint32_t target =
			        ((uint32_t)(len & 0x3F) << 8) | wire[pos + 1];
			if (target >= run_start)
				return RCX_PROB_NAME_BAD_POINTER;
			if (!jumped) {
				after = pos + 2;
				jumped = true;
			}
			pos = target;
			run_start = target;
			continue;
		}
		if (len & 0xC0)
			return RCX_PROB_NAME_LABEL_TYPE;
		if (total + 1 + len > RCX_NAME_MAX)
			return RCX_PROB_NAME_TOO_LONG;
		if ((size_t)pos + 1 + len > length)
			return RCX_PROB_NAME_TRUNCATED;
		if (flat) {
			flat[total] = len;
			for (uint8_t i = 0; i < len; i++)
				flat[total + 1 + i] =
				        ascii_lower(wire[pos + 1 + i]);
		}
		total += 1 + (size_t)len;
		if (len == 0)
			break;
		pos += 1 + len;
	}
	*next = jumped ? after : pos + 1;
	if (flat_length)
		*flat_length = total;
	return RCX_OK;
}

/* Presentation form of one octet (RFC 1035 §5.1): itself, "\." or "\\",
 * or "\DDD" outside printable ASCII; returns its length (1, 2 or 4). */
static size_t octet_text(uint8_t c, char piece[4])
{
	if (c == '.' || c == '\\') {
		piece[0] = '\\';
		piece[1] = (char)c;
		return 2;
	}
	if (c < 0x21 || c > 0x7E) {
		piece[0] = '\\';
		piece[1] = (char)('0' + c / 100);
		piece[2] = (char)('0' + c / 10 % 10);
		piece[3] = (char)('0' + c % 10);
		return 4;
	}
	piece[0] = (char)c;
	return 1;
}

/* Append the text of one label; an octet that does not fit (with room for
 * the final NUL) ends the label. */
static size_t append_label_text(const uint8_t *label, uint8_t len, char *text,
                                size_t used, size_t size)
{
	for (uint8_t i = 0; i < len; i++) {
		uint8_t c = label[i];
		if (c > 0x20 && c < 0x7F && c != '.' && c != '\\') {
			if (used + 1 >= size)
				return used;
			text[used++] = (char)c;
			continue;
		}
		char piece[4];
		size_t n = octet_text(c, piece);
		if (used + n >= size)
			return used;
		memcpy(text + used, piece, n);
		used += n;
	}
	return used;
}

static size_t append_separator(char *text, size_t used, size_t size)
{
	if (used > 0 && used + 1 < size)
		text[used++] = '.';
	return used;
}

static void finish_text(char *text, size_t used, size_t size)
{
	if (used == 0 && size >= 2)
		text[used++] = '.';
	text[used < size ? used : size - 1] = '\0';
}

void rcx_flat_name_to_text(const uint8_t *flat, size_t flat_length, char *text,
                           size_t size)
{
	size_t used = 0;
	size_t pos = 0;

	if (size == 0)
		return;
	while (pos < flat_length && flat[pos] != 0) {
		uint8_t len = flat[pos];
		if (pos + 1 + len > flat_length)
			break;
		used = append_separator(text, used, size);
		used = append_label_text(flat + pos + 1, len, text, used, size);
		pos += 1 + (size_t)len;
	}
	finish_text(text, used, size);
}

rcx_problem rcx_name_to_text(const uint8_t *wire, size_t length,
                             uint32_t offset, char *text, size_t size)
{
	uint32_t next;
	rcx_problem p;

	if (size == 0)
		return RCX_OK;
	p = rcx_name_walk(wire, length, offset, &next, NULL, NULL);
	if (p != RCX_OK) {
		snprintf(text, size, "<malformed>");
		return p;
	}
	/* The walk above checked every label and pointer: follow them again
	 * for the original case of each octet. */
	size_t used = 0;
	uint32_t pos = offset;
	while (wire[pos] != 0) {
		uint8_t len = wire[pos];
		if ((len & 0xC0) == 0xC0) {
			pos = ((uint32_t)(len & 0x3F) << 8) | wire[pos + 1];
			continue;
		}
		used = append_separator(text, used, size);
		used = append_label_text(wire + pos + 1, len, text, used, size);
		pos += 1 + len;
	}
	finish_text(text, used, size);
	return RCX_OK;
}

bool rcx_name_equal(const uint8_t *wire, size_t length, uint32_t a, uint32_t b)
{
	uint8_t fa[RCX_NAME_MAX], fb[RCX_NAME_MAX];
	size_t la = 0, lb = 0;
	uint32_t next;

	if (a == b)
		return rcx_name_walk(wire, length, a, &next, NULL, NULL) ==
		       RCX_OK;
	if (rcx_name_walk(wire, length, a, &next, fa, &la) != RCX_OK)
		return false;
	if (rcx_name_walk(wire, length, b, &next, fb, &lb) != RCX_OK)
		return false;
	return la == lb && memcmp(fa, fb, la) == 0;
}

/* Compare two uncompressed names label by label, ignoring ASCII case.
 * Returns 1 equal, 0 different, -1 when either is compressed or cut (the
 * caller then decompresses both). */
int rcx_name_equal_plain(const uint8_t *a, size_t alen, uint32_t ai,
                         const uint8_t *b, size_t blen, uint32_t bi)
{
	for (unsigned labels = 0; labels < 128; labels++) {
		if (ai >= alen || bi >= blen)
			return -1;
		uint8_t la = a[ai], lb = b[bi];
		if (la > RCX_LABEL_MAX || lb > RCX_LABEL_MAX)
			return -1;
		if (la != lb)
			return 0;
		if (la == 0)
			return 1;
		if (ai + 1u + la > alen || bi + 1u + lb > blen)
			return -1;
		/* Names usually come back in the case they were sent in. */
		if (memcmp(a + ai + 1, b + bi + 1, la) != 0)
			for (uint32_t i = 1; i <= la; i++)
				if (ascii_lower(a[ai + i]) !=
				    ascii_lower(b[bi + i]))
					return 0;
		ai += 1u + la;
		bi += 1u + lb;
	}
	return -1;
}
