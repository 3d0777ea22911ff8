/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libFuzzer harness over rcreport as a whole, from the capture file on:
 * the input is a file (pcap, pcapng, gzip, or anything wiretap might take
 * for one) read by wiretap, decoded, reassembled, paired, aggregated, and
 * written as JSON, JSON Lines, the terminal summary and, when built in,
 * the HTML report. Every output goes to /dev/null; what is checked is
 * that nothing crashes, leaks or trips a sanitizer.
 */
#define _GNU_SOURCE
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include <glib.h>

#include "aggregate.h"
#include "capture_reader.h"
#include "json_report.h"
#include "jsonl_report.h"
#include "terminal_summary.h"
#include "transactions.h"
#ifdef FUZZ_WITH_HTML
#include "html_report.h"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct {
	rg_aggregate *agg;
	rg_tracker *tracker;
	rg_jsonl *jsonl;
} pipeline;

static void on_dns(const rg_dns_payload *p, void *user)
{
	pipeline *pl = user;
	rg_tracker_add(p, pl->tracker);
}

static void on_damage(const char *kind, const char *detail, uint64_t frame,
                      void *user)
{
	pipeline *pl = user;
	rg_aggregate_add_damage(pl->agg, kind, detail, frame);
}

static void on_message(const rg_dns_payload *p, const rcx_message *msg,
                       const rcx_diagnosis *diag, void *user)
{
	pipeline *pl = user;
	rg_aggregate_add_message(p, msg, diag, pl->agg);
}

static void on_transaction(const rg_transaction *t, void *user)
{
	pipeline *pl = user;
	rg_aggregate_add_transaction(pl->agg, t);
	rg_jsonl_write(t, pl->jsonl);
}

static void on_followup(rg_followup_kind kind, uint64_t response_frame,
                        uint64_t retry_frame, void *user)
{
	pipeline *pl = user;
	rg_aggregate_add_followup(pl->agg, kind, response_frame, retry_frame);
}

static void on_query_dropped(uint64_t first_frame, void *user)
{
	pipeline *pl = user;
	rg_aggregate_add_damage(pl->agg, "queries_dropped", NULL, first_frame);
}

static void on_link(int encap, const char *name, uint64_t packets,
                    bool supported, void *user)
{
	rg_aggregate *agg = user;
	rg_link_type l = {encap, g_strdup(name), packets, supported};
	g_array_append_val(agg->capture.link_types, l);
}

/* The capture facts rcreport records for one file. */
static void record_capture(rg_aggregate *agg, rg_capture_reader *reader)
{
	const rg_capture_stats *st = rg_capture_reader_stats(reader);
	rg_capture_file f = {0};
	f.path = g_strdup("input.pcap");
	f.format = g_strdup(st->format);
	f.size = st->file_size;
	f.packets = st->packets;
	g_array_append_val(agg->capture.files, f);
	agg->capture.packets = st->packets;
	agg->capture.bytes = st->bytes;
	agg->capture.has_time = st->has_time;
	agg->capture.first = (rg_time){st->first_sec, st->first_nsec};
	agg->capture.last = (rg_time){st->last_sec, st->last_nsec};
	rg_capture_reader_links(reader, on_link, agg);
}

static void write_outputs(const rg_aggregate *agg, FILE *sink)
{
	rg_json_report_write(agg, sink);
	rg_terminal_summary(agg, sink);
#ifdef FUZZ_WITH_HTML
	GError *error = NULL;
	if (!rg_html_report_write(agg, sink, &error))
		g_clear_error(&error);
#endif
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *sink;
	if (!sink)
		sink = fopen("/dev/null", "w");
	/* The capture as a file in memory: wiretap opens it by name. */
	int fd = memfd_create("capture", MFD_CLOEXEC);
	if (fd < 0 || write(fd, data, size) != (ssize_t)size) {
		if (fd >= 0)
			close(fd);
		return 0;
	}
	char path[32];
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	static const uint16_t ports[] = {5300};
	rg_reader_options ro = {.extra_ports = ports, .n_extra_ports = 1};
	GError *error = NULL;
	rg_capture_reader *reader = rg_capture_reader_open(path, &ro, &error);
	if (!reader) {
		g_clear_error(&error);
		close(fd);
		return 0;
	}
	pipeline pl;
	rg_aggregate_options ao;
	rg_aggregate_options_init(&ao);
	pl.agg = rg_aggregate_new(&ao);
	rg_tracker_options to = {.timeout_ns = ao.timeout_ns,
	                         .on_transaction = on_transaction,
	                         .on_message = on_message,
	                         .on_followup = on_followup,
	                         .on_query_dropped = on_query_dropped,
	                         .user = &pl};
	pl.tracker = rg_tracker_new(&to);
	pl.jsonl = rg_jsonl_new(sink);
	rg_capture_reader_run(reader, on_dns, on_damage, &pl);
	record_capture(pl.agg, reader);
	rg_capture_reader_close(reader);
	close(fd);
	rg_tracker_finish(pl.tracker);
	rg_aggregate_finish(pl.agg);
	write_outputs(pl.agg, sink);
	rg_jsonl_free(pl.jsonl);
	rg_tracker_free(pl.tracker);
	rg_aggregate_free(pl.agg);
	return 0;
}
