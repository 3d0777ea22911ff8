/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Captures that can be read only once: standard input, a named pipe, a
 * process substitution (<(zcat x.pcap.gz)), a character device. A thread
 * copies the bytes into a pipe of our own, which the capture reader reads,
 * and computes their SHA-256 on the way, so that the input is read once
 * and the digest is that of the bytes analysed.
 */
#ifndef RCREPORT_INPUT_STREAM_H
#define RCREPORT_INPUT_STREAM_H

#include <stdbool.h>

#include <glib.h>

typedef struct rg_input_stream rg_input_stream;

/* True for "-" and for any path that is not a regular file. */
bool rg_input_is_stream(const char *path);

/* Starts copying path ("-": standard input). Returns NULL with *error set
 * (naming path and the reason) when it cannot be opened. */
rg_input_stream *rg_input_stream_start(const char *path, GError **error);

/* The path the capture reader opens instead of the input. */
const char *rg_input_stream_path(const rg_input_stream *stream);

/* Call once the capture reader has opened rg_input_stream_path(): from
 * then on, the reader closing its end stops the copy. */
void rg_input_stream_opened(rg_input_stream *stream);

/* Waits for the copy to end (call after the capture reader is closed) and
 * frees stream. Returns the SHA-256 of the input in hex, or NULL when the
 * input was not read to its end (the reader stopped early, or reading
 * failed). */
char *rg_input_stream_finish(rg_input_stream *stream);

#endif
