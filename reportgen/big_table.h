/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Zeroed memory for the large fixed-size tables of a run (the pending-query
 * ring, the answer table, the hand-over batches). Tables of 1 MiB and more
 * are mapped on their own and marked for transparent huge pages, so that
 * touching them for the first time costs one page fault per 2 MiB instead
 * of one per 4 KiB; smaller ones, and every table in builds with
 * AddressSanitizer, come from the heap.
 */
#ifndef RCREPORT_BIG_TABLE_H
#define RCREPORT_BIG_TABLE_H

#include <stddef.h>

/* Never NULL (aborts when out of memory, as g_malloc does). */
void *rg_big_table_new0(size_t size);
/* size as given to rg_big_table_new0(); p may be NULL. */
void rg_big_table_free(void *p, size_t size);

#endif
