/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Output files that appear whole or not at all: everything is written to a
 * temporary file next to the destination, which is renamed over it only
 * when the run succeeds. A failed run never leaves half a report behind.
 */
#ifndef RCREPORT_OUTPUT_FILE_H
#define RCREPORT_OUTPUT_FILE_H

#include <stdbool.h>
#include <stdio.h>

#include <glib.h>

typedef struct rg_output rg_output;

/* Open an output for path; NULL or "-" is standard output (written
 * directly). Returns NULL with *error set when the directory is not
 * writable. */
rg_output *rg_output_open(const char *path, GError **error);

FILE *rg_output_stream(rg_output *out);

/* The destination path ("-" for standard output). */
const char *rg_output_path(const rg_output *out);

/* Flush, sync and rename into place; frees out. Returns false with *error
 * set (and nothing left behind) when any write failed. */
bool rg_output_commit(rg_output *out, GError **error);

/* Remove the temporary file; frees out. */
void rg_output_abort(rg_output *out);

/* True when a and b name the same existing file (same device and inode). */
bool rg_same_file(const char *a, const char *b);

#endif
