/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Output files that appear whole or not at all: a regular file is written
 * to a temporary file next to it, which is renamed over it only when the
 * run succeeds, keeping the mode of the file it replaces; a symbolic link
 * is followed and its target replaced. A device, pipe or socket is written
 * directly. A failed or interrupted run never leaves half a report behind.
 */
#ifndef RCREPORT_OUTPUT_FILE_H
#define RCREPORT_OUTPUT_FILE_H

#include <stdbool.h>
#include <stdio.h>

#include <glib.h>

typedef struct rg_output rg_output;

/* Open an output for path; NULL or "-" is standard output (written
 * directly). Returns NULL with *error set (naming path and the reason)
 * when it cannot be written. */
rg_output *rg_output_open(const char *path, GError **error);

FILE *rg_output_stream(rg_output *out);

/* The destination path ("-" for standard output). */
const char *rg_output_path(const rg_output *out);

/* Flush, sync and rename into place; frees out. Returns false with *error
 * set (naming the reason, and nothing left behind) when any write failed. */
bool rg_output_commit(rg_output *out, GError **error);

/* Remove the temporary file; frees out. */
void rg_output_abort(rg_output *out);

/* True when a and b name the same existing file (same device and inode). */
bool rg_same_file(const char *a, const char *b);

/* True when path names the file open as fd. */
bool rg_same_file_as_fd(const char *path, int fd);

/* Removes the temporary files of outputs not yet committed. Only
 * async-signal-safe calls: for a SIGINT or SIGTERM handler. */
void rg_output_remove_temporaries(void);

#endif
