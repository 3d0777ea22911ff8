/* SPDX-License-Identifier: GPL-2.0-or-later */
#define _DEFAULT_SOURCE
#include "big_table.h"

#include <stdbool.h>
#include <stdint.h>
#include <sys/mman.h>

#include <glib.h>

#define HUGE_PAGE   ((size_t)2 << 20)
#define MAPPED_FROM ((size_t)1 << 20)

#if defined(__SANITIZE_ADDRESS__)
#define BIG_TABLE_HEAP_ONLY 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BIG_TABLE_HEAP_ONLY 1
#endif
#endif

static bool mapped(size_t size)
{
#ifdef BIG_TABLE_HEAP_ONLY
	(void)size;
	return false;
#else
	return size >= MAPPED_FROM;
#endif
}

static size_t round_up(size_t size)
{
	return (size + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
}

void *rg_big_table_new0(size_t size)
{
	if (!mapped(size))
		return g_malloc0(size);
	size_t len = round_up(size);
	if (len < size)
		g_error("rg_big_table_new0: %zu bytes", size);
	/* Map one huge page more than needed, then give back the parts
	 * before and after the first 2 MiB boundary, so that the table
	 * starts on one. Fresh anonymous memory reads as zeros. */
	uint8_t *raw = mmap(NULL, len + HUGE_PAGE, PROT_READ | PROT_WRITE,
	                    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (raw == MAP_FAILED)
		g_error("rg_big_table_new0: out of memory (%zu bytes)", size);
	uintptr_t at =
	        ((uintptr_t)raw + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1);
	size_t head = at - (uintptr_t)raw;
	if (head)
		munmap(raw, head);
	size_t tail = HUGE_PAGE - head;
	if (tail)
		munmap((uint8_t *)at + len, tail);
	/* Advice only: without transparent huge pages the table works the
	 * same, with small pages. */
	(void)madvise((void *)at, len, MADV_HUGEPAGE);
	return (void *)at;
}

void rg_big_table_free(void *p, size_t size)
{
	if (!p)
		return;
	if (!mapped(size)) {
		g_free(p);
		return;
	}
	munmap(p, round_up(size));
}
