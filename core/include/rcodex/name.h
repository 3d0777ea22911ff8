/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Domain names on the wire (RFC 1035 §3.1, §4.1.4).
 *
 * Decompression is bounded and loop-proof: a compression pointer must point
 * before the start of the labels that led to it, so every jump goes strictly
 * backwards; names are limited to 255 octets and labels to 63.
 */
#ifndef RCODEX_NAME_H
#define RCODEX_NAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rcodex/problem.h"
#include "rcodex/wire.h"

/*
 * Walk the name at wire[offset]. On success returns RCX_OK, sets *next to the
 * offset just after the name as it is stored at offset (after the first
 * pointer, if any) and, when flat is not NULL, writes the uncompressed,
 * lower-cased wire form (at most RCX_NAME_MAX octets) there and its length to
 * *flat_length. On failure returns the problem found and leaves *next unset.
 */
rcx_problem rcx_name_walk(const uint8_t *wire, size_t length, uint32_t offset,
                          uint32_t *next, uint8_t *flat, size_t *flat_length);

/*
 * Write the presentation form of the name at wire[offset] into text (size
 * bytes, at least RCX_NAME_TEXT_MAX for any name to fit): labels joined by
 * dots without the final dot, "." for the root, and "\DDD" for every octet
 * outside printable ASCII, "\." and "\\" for dots and backslashes inside
 * labels. A name that cannot be decoded gives "<malformed>". Returns the
 * problem found, RCX_OK on success.
 */
rcx_problem rcx_name_to_text(const uint8_t *wire, size_t length,
                             uint32_t offset, char *text, size_t size);

/* Same as rcx_name_to_text() for an uncompressed, flat wire name. */
void rcx_flat_name_to_text(const uint8_t *flat, size_t flat_length, char *text,
                           size_t size);

/* Case-insensitive comparison of two names in the same message. */
bool rcx_name_equal(const uint8_t *wire, size_t length, uint32_t a, uint32_t b);

/*
 * Case-insensitive comparison of two uncompressed names, each in its own
 * buffer: 1 equal, 0 different, -1 when either is compressed or cut (the
 * caller then decompresses both).
 */
int rcx_name_equal_plain(const uint8_t *a, size_t alen, uint32_t ai,
                         const uint8_t *b, size_t blen, uint32_t bi);

#endif
