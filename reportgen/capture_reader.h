/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Reading one capture file with wiretap and handing every DNS message in it
 * to the analysis stages, record by record, so that several captures can be
 * merged by time.
 */
#ifndef RCREPORT_CAPTURE_READER_H
#define RCREPORT_CAPTURE_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <glib.h>

#include "dns_payload.h"
#include "packet_decode.h"

typedef struct rg_capture_reader rg_capture_reader;

typedef struct {
	/* Ports carrying DNS in addition to 53, 5353 (mDNS) and 5355
	 * (LLMNR), both UDP and TCP. */
	const uint16_t *extra_ports;
	size_t n_extra_ports;
	/* The input's name in messages when path is a stand-in for it (the
	 * pipe an rg_input_stream copies it into); NULL: path. */
	const char *name;
} rg_reader_options;

typedef struct {
	const char *format; /* "pcap", "pcapng", "pcapng (gzip)", ... */
	uint64_t file_size; /* bytes on disk (compressed size), 0 unknown */
	uint64_t packets;   /* records read (= last frame number) */
	uint64_t bytes;     /* captured bytes of all records */
	uint64_t dns_messages;
	uint64_t dot_flows; /* TCP/853 flows: contents not visible */
	uint64_t doq_flows; /* UDP/853 flows: contents not visible */
	bool has_time;
	int64_t first_sec, last_sec; /* earliest and latest record */
	int32_t first_nsec, last_nsec;
	bool truncated;         /* the file ends in the middle of a record */
	bool corrupt;           /* reading stopped at a corrupt record */
	rg_decode_stats decode; /* per-layer counts, see packet_decode.h */
} rg_capture_stats;

/* Opens a capture ("-" reads standard input). On failure returns NULL and
 * sets an error whose message names the file and the reason. options may
 * be NULL. */
rg_capture_reader *rg_capture_reader_open(const char *path,
                                          const rg_reader_options *options,
                                          GError **error);

/* Time of the next record; false when nothing is left to process. */
bool rg_capture_reader_peek_time(rg_capture_reader *reader, int64_t *sec,
                                 int32_t *nsec);

/*
 * Processes the next record: every DNS message in it goes to on_dns, every
 * damage found (and, at the end, unfinished reassemblies and the reason
 * reading stopped early) to on_damage. Returns false when there was no
 * record left.
 */
bool rg_capture_reader_next(rg_capture_reader *reader, rg_dns_callback on_dns,
                            rg_damage_callback on_damage, void *user);

/* Reads everything: rg_capture_reader_next until the end. */
void rg_capture_reader_run(rg_capture_reader *reader, rg_dns_callback on_dns,
                           rg_damage_callback on_damage, void *user);

const rg_capture_stats *rg_capture_reader_stats(rg_capture_reader *reader);

/* Bytes of the file consumed so far (for a progress bar). */
uint64_t rg_capture_reader_offset(rg_capture_reader *reader);

typedef void (*rg_link_callback)(int encap, const char *name, uint64_t packets,
                                 bool supported, void *user);

/* Every link type seen, with its record count and whether it is decoded. */
void rg_capture_reader_links(rg_capture_reader *reader, rg_link_callback cb,
                             void *user);

void rg_capture_reader_close(rg_capture_reader *reader);

#endif
