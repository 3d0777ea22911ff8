/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * rcreport: read captures, pair DNS queries with responses, and say what
 * went wrong: an HTML report, a JSON document, JSON Lines, and a summary on
 * the terminal. Exit status: 0 done, 1 done but the capture is damaged,
 * 2 usage, input or output error, 128 + the signal number when interrupted
 * (docs/rcreport.md).
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gcrypt.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <rcodex/rcodex.h>

#include "aggregate.h"
#include "big_table.h"
#include "capture_reader.h"
#include "findings.h"
#include "input_stream.h"
#include "json_report.h"
#include "jsonl_report.h"
#include "markdown_report.h"
#include "output_file.h"
#include "terminal_summary.h"
#include "transactions.h"
#include "wiretap_compat.h"
#ifdef RCREPORT_WITH_HTML
#include "html_report.h"
#endif

enum {
	EXIT_OK = 0,
	EXIT_DAMAGED = 1,
	EXIT_USAGE = 2, /* usage, input or output error */
};

typedef enum {
	FORMAT_DEFAULT, /* HTML report (when built in) + terminal summary */
	FORMAT_HTML,
	FORMAT_JSON,
	FORMAT_JSONL,
	FORMAT_SUMMARY,
	FORMAT_MARKDOWN,
} output_format;

typedef struct {
	gchar *format;
	gchar *output;
	gchar **ports;
	gdouble timeout;
	gint top;
	gboolean quiet;
	gboolean no_progress;
	gboolean version;
	gchar *title;
	gchar *timezone;
	gboolean anonymize;
	gboolean anonymize_servers;
	gboolean full_path;
	gchar **files;
} cli_options;

typedef struct {
	cli_options *cli;
	output_format format;
	rg_aggregate *agg;
	rg_tracker *tracker;
	rg_jsonl *jsonl;
	GString *damaged_files; /* files cut short or with corrupt records */
} run;

static void error_line(const char *fmt, ...) G_GNUC_PRINTF(1, 2);

static void error_line(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("rcreport: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

static bool parse_format(const char *text, output_format *format)
{
	static const struct {
		const char *name;
		output_format format;
	} formats[] = {
	        {"html", FORMAT_HTML},    {"json", FORMAT_JSON},
	        {"jsonl", FORMAT_JSONL},  {"summary", FORMAT_SUMMARY},
	        {"text", FORMAT_SUMMARY}, {"markdown", FORMAT_MARKDOWN},
	        {"md", FORMAT_MARKDOWN},
	};
	if (!text) {
		*format = FORMAT_DEFAULT;
		return true;
	}
	for (size_t i = 0; i < G_N_ELEMENTS(formats); i++) {
		if (g_ascii_strcasecmp(text, formats[i].name) == 0) {
			*format = formats[i].format;
			return true;
		}
	}
	return false;
}

/* "53,5353" or repeated --port: every value 1..65535. */
static bool parse_ports(gchar **ports, GArray *out)
{
	for (gchar **p = ports; p && *p; p++) {
		gchar **parts = g_strsplit(*p, ",", -1);
		for (gchar **q = parts; *q; q++) {
			gchar *end = NULL;
			guint64 v = g_ascii_strtoull(*q, &end, 10);
			if (!**q || *end || v == 0 || v > 65535) {
				error_line("--port: '%s' is not a port number "
				           "(1-65535)",
				           *q);
				g_strfreev(parts);
				return false;
			}
			uint16_t port = (uint16_t)v;
			g_array_append_val(out, port);
		}
		g_strfreev(parts);
	}
	return true;
}

/* Missing, unreadable or not a regular file: named before any work. */
static bool check_input(const char *path)
{
	if (strcmp(path, "-") == 0)
		return true;
	GStatBuf st;
	if (g_stat(path, &st) != 0) {
		int err = errno;
		error_line("%s: %s", path,
		           err == ENOENT ? "no such file" : g_strerror(err));
		return false;
	}
	if (S_ISDIR(st.st_mode)) {
		error_line("%s: is a directory, not a capture file", path);
		return false;
	}
	if (g_access(path, R_OK) != 0) {
		error_line("%s: cannot read: %s", path, g_strerror(errno));
		return false;
	}
	return true;
}

/* An ISO 8601 offset: +05:00, -0330, +09. */
static bool is_utc_offset(const char *zone)
{
	if (zone[0] != '+' && zone[0] != '-')
		return false;
	const char *d = zone + 1;
	size_t n = strlen(d);
	if (n != 2 && n != 4 && !(n == 5 && d[2] == ':'))
		return false;
	for (size_t i = 0; i < n; i++)
		if (i != 2 && !g_ascii_isdigit(d[i]))
			return false;
	int hours = (d[0] - '0') * 10 + (d[1] - '0');
	int minutes = n >= 4 ? (d[n - 2] - '0') * 10 + (d[n - 1] - '0') : 0;
	return hours <= 23 && minutes <= 59;
}

/*
 * The zone names the report can be labelled with honestly: UTC, an ISO
 * 8601 offset, or a tz database name such as Europe/Paris. POSIX strings
 * ("UTC+05:00", "GMT-3") and the Etc/GMT+N names count offsets west of
 * Greenwich as positive, the opposite of what their label suggests to a
 * reader, and a path would load any file: both are refused.
 */
static bool timezone_name_acceptable(const char *zone)
{
	if (strcmp(zone, "UTC") == 0 || is_utc_offset(zone))
		return true;
	if (!g_ascii_isalpha(zone[0]) || strstr(zone, ".."))
		return false;
	for (const char *c = zone; *c; c++)
		if (!g_ascii_isalnum(*c) && !strchr("_-+/", *c))
			return false;
	const char *base = g_str_has_prefix(zone, "Etc/") ? zone + 4 : zone;
	static const char *const signed_names[] = {"UTC", "GMT", "UT"};
	for (size_t i = 0; i < G_N_ELEMENTS(signed_names); i++) {
		size_t n = strlen(signed_names[i]);
		if (strncmp(base, signed_names[i], n) == 0 &&
		    (base[n] == '+' || base[n] == '-'))
			return false;
	}
	/* A name GLib does not find in the tz database it would read as a
	 * POSIX string ("ABC5" is UTC-5). */
	const char *tzdir = g_getenv("TZDIR");
	char *file = g_build_filename(tzdir ? tzdir : "/usr/share/zoneinfo",
	                              zone, NULL);
	bool found = g_file_test(file, G_FILE_TEST_IS_REGULAR);
	g_free(file);
	return found;
}

/* --title, --timezone and --anonymize shape the HTML report only: with
 * another format they would silently do nothing, so they are refused. */
static bool check_html_options(const cli_options *cli, output_format format)
{
	const char *given = cli->anonymize_servers ? "--anonymize-servers"
	                    : cli->anonymize       ? "--anonymize"
	                    : cli->timezone        ? "--timezone"
	                    : cli->title           ? "--title"
	                                           : NULL;
	if (!given)
		return true;
	bool html = format == FORMAT_HTML;
#ifdef RCREPORT_WITH_HTML
	html = html || format == FORMAT_DEFAULT;
#endif
	if (!html) {
		error_line("%s: applies to the HTML report only; json, jsonl "
		           "and the summary keep the capture's addresses and "
		           "UTC times",
		           given);
		return false;
	}
	if (cli->title &&
	    (!g_utf8_validate(cli->title, -1, NULL) || !cli->title[0] ||
	     g_utf8_strlen(cli->title, -1) > 200)) {
		error_line("--title: must be 1 to 200 characters of UTF-8");
		return false;
	}
	if (cli->timezone) {
		GTimeZone *tz =
		        timezone_name_acceptable(cli->timezone)
		                ? g_time_zone_new_identifier(cli->timezone)
		                : NULL;
		if (!tz) {
			error_line("--timezone: '%s' is not a known time zone "
			           "(use UTC, an offset such as +05:00 or an "
			           "IANA name such as Europe/Paris)",
			           cli->timezone);
			return false;
		}
		g_time_zone_unref(tz);
	}
	return true;
}

/* --full-path names the captures in the documents meant for others; the
 * JSON outputs and the summary always give the paths as given. */
static bool check_full_path_option(const cli_options *cli, output_format format)
{
	if (!cli->full_path)
		return true;
	bool html = format == FORMAT_HTML;
#ifdef RCREPORT_WITH_HTML
	html = html || format == FORMAT_DEFAULT;
#endif
	if (html || format == FORMAT_MARKDOWN)
		return true;
	error_line("--full-path: applies to the HTML report and the Markdown "
	           "text only; json, jsonl and the summary always give the "
	           "paths as given");
	return false;
}

static char *default_report_path(const char *input)
{
	if (strcmp(input, "-") == 0)
		return g_strdup("stdin.rcreport.html");
	return g_strdup_printf("%s.rcreport.html", input);
}

/* ---- callbacks ---- */

static void on_message(const rg_dns_payload *p, const rcx_message *msg,
                       const rcx_diagnosis *diag, void *user)
{
	run *r = user;
	rg_aggregate_add_message(p, msg, diag, r->agg);
}

static void on_transaction(const rg_transaction *t, void *user)
{
	run *r = user;
	rg_aggregate_add_transaction(r->agg, t);
	if (r->jsonl)
		rg_jsonl_write(t, r->jsonl);
}

static void on_followup(rg_followup_kind kind, uint64_t response_frame,
                        uint64_t retry_frame, void *user)
{
	run *r = user;
	rg_aggregate_add_followup(r->agg, kind, response_frame, retry_frame);
}

static void on_query_dropped(uint64_t first_frame, void *user)
{
	run *r = user;
	rg_aggregate_add_damage(r->agg, "queries_dropped",
	                        "query given up unpaired: too many queries "
	                        "were waiting for a response at once",
	                        first_frame);
}

/* ---- reading ---- */

/* One input capture and the next record it holds. */
typedef struct {
	const char *path;
	rg_capture_reader *reader;
	bool done;
	bool has_next;
	int64_t next_sec;
	int32_t next_nsec;
	rg_capture_file *file;
	GThread *hasher;         /* SHA-256 of a regular file */
	rg_input_stream *stream; /* an input read once (pipe, stdin) */
} input;

static void on_damage(const char *kind, const char *detail, uint64_t frame,
                      void *user)
{
	run *r = user;
	rg_aggregate_add_damage(r->agg, kind, detail, frame);
}

static void on_link(int encap, const char *name, uint64_t packets,
                    bool supported, void *user)
{
	run *r = user;
	GArray *links = r->agg->capture.link_types;
	for (guint i = 0; i < links->len; i++) {
		rg_link_type *l = &g_array_index(links, rg_link_type, i);
		if (l->encap == encap) {
			l->packets += packets;
			return;
		}
	}
	rg_link_type l = {encap, g_strdup(name), packets, supported};
	g_array_append_val(links, l);
}

static void refill(input *in)
{
	in->has_next = !in->done &&
	               rg_capture_reader_peek_time(in->reader, &in->next_sec,
	                                           &in->next_nsec);
}

/* The input whose next record is the earliest. */
static input *earliest(input *inputs, size_t n)
{
	input *best = NULL;
	for (size_t i = 0; i < n; i++) {
		input *in = &inputs[i];
		if (!in->has_next)
			continue;
		if (!best || in->next_sec < best->next_sec ||
		    (in->next_sec == best->next_sec &&
		     in->next_nsec < best->next_nsec))
			best = in;
	}
	return best;
}

static uint64_t total_size(input *inputs, size_t n)
{
	uint64_t size = 0;
	for (size_t i = 0; i < n; i++)
		size += rg_capture_reader_stats(inputs[i].reader)->file_size;
	return size;
}

static void progress(input *inputs, size_t n, uint64_t total, bool last)
{
	uint64_t done = 0;
	for (size_t i = 0; i < n; i++)
		done += rg_capture_reader_offset(inputs[i].reader);
	unsigned pct = total ? (unsigned)(done * 100 / total) : 100;
	if (last)
		pct = 100;
	char bar[41];
	unsigned filled = pct * 40 / 100;
	for (unsigned i = 0; i < 40; i++)
		bar[i] = i < filled ? '#' : '.';
	bar[40] = '\0';
	fprintf(stderr, "\r[%s] %3u%%%s", bar, pct, last ? "\n" : "");
	fflush(stderr);
}

static void add_tunnels(GArray *tunnels, const rg_decode_stats *ds)
{
	for (int t = 0; t < RG_TUNNEL_COUNT; t++) {
		uint64_t n = ds->tunnel_packets[t];
		if (!n)
			continue;
		const char *name = rg_tunnel_name((rg_tunnel)t);
		guint i = 0;
		while (i < tunnels->len &&
		       g_array_index(tunnels, rg_tunnel_count, i).name != name)
			i++;
		if (i == tunnels->len) {
			rg_tunnel_count row = {name, 0, t < RG_TUNNEL_DECODED};
			g_array_append_val(tunnels, row);
		}
		g_array_index(tunnels, rg_tunnel_count, i).packets += n;
	}
}

/* What may have hidden DNS in a capture without any: link types and
 * tunnels not decoded (with their packet counts) and damage. */
static GString *no_dns_reasons(const rg_capture_facts *c)
{
	GString *why = g_string_new(NULL);
	const char *sep = "; not decoded: ";
	for (guint i = 0; i < c->link_types->len; i++) {
		const rg_link_type *l =
		        &g_array_index(c->link_types, rg_link_type, i);
		if (l->supported)
			continue;
		g_string_append_printf(
		        why, "%s%" G_GUINT64_FORMAT " packet%s of link type %s",
		        sep, l->packets, l->packets == 1 ? "" : "s", l->name);
		sep = ", ";
	}
	for (guint i = 0; i < c->tunnels->len; i++) {
		const rg_tunnel_count *t =
		        &g_array_index(c->tunnels, rg_tunnel_count, i);
		if (t->decoded)
			continue;
		g_string_append_printf(
		        why, "%s%" G_GUINT64_FORMAT " packet%s in %s", sep,
		        t->packets, t->packets == 1 ? "" : "s", t->name);
		sep = ", ";
	}
	sep = "; the capture is damaged: ";
	for (guint i = 0; i < c->damage->len; i++) {
		const rg_damage *d = &g_array_index(c->damage, rg_damage, i);
		g_string_append_printf(why, "%s%s x%" G_GUINT64_FORMAT, sep,
		                       d->kind, d->count);
		if (d->detail)
			g_string_append_printf(why, " (%s)", d->detail);
		sep = ", ";
	}
	return why;
}

/* Facts of one capture into the model. */
static void record_file(run *r, input *in)
{
	const rg_capture_stats *st = rg_capture_reader_stats(in->reader);
	rg_capture_facts *c = &r->agg->capture;
	if (st->truncated || st->corrupt)
		g_string_append_printf(r->damaged_files, "%s%s",
		                       r->damaged_files->len ? ", " : "",
		                       in->path);
	rg_capture_file *f = in->file;
	f->format = g_strdup(st->format);
	f->size = st->file_size;
	f->packets = st->packets;
	c->packets += st->packets;
	c->bytes += st->bytes;
	c->encrypted_flows_dot += st->dot_flows;
	c->encrypted_flows_doq += st->doq_flows;
	c->empty_udp += st->decode.empty_udp;
	add_tunnels(c->tunnels, &st->decode);
	if (st->has_time) {
		rg_time first = {st->first_sec, st->first_nsec};
		rg_time last = {st->last_sec, st->last_nsec};
		if (!c->has_time || first.sec < c->first.sec ||
		    (first.sec == c->first.sec && first.nsec < c->first.nsec))
			c->first = first;
		if (!c->has_time || last.sec > c->last.sec ||
		    (last.sec == c->last.sec && last.nsec > c->last.nsec))
			c->last = last;
		c->has_time = true;
	}
	rg_capture_reader_links(in->reader, on_link, r);
}

/* SHA-256 of a capture file, computed in a thread of its own while the
 * file is analysed (libgcrypt: the CPU's SHA instructions when present). */
static gpointer file_sha256(gpointer data)
{
	const char *path = data;
	/* Hashing is background work: it yields the CPUs to the reading and
	 * analysis threads, which decide how long the run takes, and uses
	 * them when those wait. On Linux the nice value set here applies to
	 * the calling thread only. */
	(void)setpriority(PRIO_PROCESS, 0, 19);
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return NULL;
	gcry_md_hd_t md;
	if (gcry_md_open(&md, GCRY_MD_SHA256, 0) != 0) {
		fclose(fp);
		return NULL;
	}
	static _Thread_local unsigned char buf[1 << 18];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		gcry_md_write(md, buf, n);
	bool ok = !ferror(fp);
	fclose(fp);
	char *hex = NULL;
	if (ok) {
		const unsigned char *digest = gcry_md_read(md, GCRY_MD_SHA256);
		hex = g_malloc(65);
		for (int i = 0; i < 32; i++)
			snprintf(hex + 2 * i, 3, "%02x", digest[i]);
	}
	gcry_md_close(md);
	return hex;
}

/*
 * Reading and decoding run in a thread of their own and hand the DNS
 * messages over in batches (copied, since a payload is valid only during
 * its callback); pairing and aggregation run in the main thread. A fixed
 * set of batches circulates, so memory stays bounded when one side is
 * faster. At most BATCHES_AHEAD of them are filled or waiting at a time;
 * the others wait in FIFO order, so the reader refills the batch the
 * analysis finished longest ago rather than one still in the other CPU's
 * cache (taking those cache lines back costs more than the copy).
 */
#define BATCH_EVENTS   1024
#define BATCH_BYTES    (256u << 10)
#define BATCHES_IN_USE 16
#define BATCHES_AHEAD  4

typedef struct {
	rg_dns_payload payload; /* dns points into the batch's bytes */
	char *damage_kind;      /* set for a damage event */
	char *damage_detail;
} event;

typedef struct {
	event events[BATCH_EVENTS];
	guint n;
	uint8_t *bytes;
	size_t used;
	bool last;
} batch;

typedef struct {
	input *inputs;
	size_t n;
	bool bar;
	GAsyncQueue *full;
	GAsyncQueue *empty;
	GAsyncQueue *credits; /* one per batch the reader may fill */
	batch *current;
} pump;

static void pump_flush(pump *p, bool last)
{
	p->current->last = last;
	g_async_queue_push(p->full, p->current);
	p->current = NULL;
	if (!last) {
		g_async_queue_pop(p->credits);
		p->current = g_async_queue_pop(p->empty);
	}
}

static event *pump_event(pump *p, size_t bytes)
{
	batch *b = p->current;
	if (b->n == BATCH_EVENTS || b->used + bytes > BATCH_BYTES) {
		pump_flush(p, false);
		b = p->current;
	}
	event *e = &b->events[b->n++];
	e->damage_kind = NULL;
	e->damage_detail = NULL;
	return e;
}

static void pump_dns(const rg_dns_payload *payload, void *user)
{
	pump *p = user;
	event *e = pump_event(p, payload->dns_len);
	batch *b = p->current;
	e->payload = *payload;
	memcpy(b->bytes + b->used, payload->dns, payload->dns_len);
	e->payload.dns = b->bytes + b->used;
	b->used += payload->dns_len;
}

static void pump_damage(const char *kind, const char *detail, uint64_t frame,
                        void *user)
{
	pump *p = user;
	event *e = pump_event(p, 0);
	memset(&e->payload, 0, sizeof(e->payload));
	e->payload.frame = frame;
	e->damage_kind = g_strdup(kind ? kind : "damage");
	e->damage_detail = g_strdup(detail);
}

static gpointer pump_run(gpointer data)
{
	pump *p = data;
	uint64_t total = p->bar ? total_size(p->inputs, p->n) : 0;
	uint64_t records = 0;
	input *in;
	while ((in = earliest(p->inputs, p->n)) != NULL) {
		if (!rg_capture_reader_next(in->reader, pump_dns, pump_damage,
		                            p))
			in->done = true;
		refill(in);
		if (p->bar && (++records & 0xFFFF) == 0)
			progress(p->inputs, p->n, total, false);
	}
	if (p->bar)
		progress(p->inputs, p->n, total, true);
	pump_flush(p, true);
	return NULL;
}

/* Feed every event of every batch to the analysis, in order. */
static void consume(run *r, pump *p)
{
	for (;;) {
		batch *b = g_async_queue_pop(p->full);
		for (guint i = 0; i < b->n; i++) {
			event *e = &b->events[i];
			if (e->damage_kind) {
				on_damage(e->damage_kind, e->damage_detail,
				          e->payload.frame, r);
				g_free(e->damage_kind);
				g_free(e->damage_detail);
			} else {
				rg_tracker_add(&e->payload, r->tracker);
			}
		}
		bool last = b->last;
		b->n = 0;
		b->used = 0;
		b->last = false;
		g_async_queue_push(p->empty, b);
		g_async_queue_push(p->credits, GINT_TO_POINTER(1));
		if (last)
			return;
	}
}

static void run_pump(run *r, input *inputs, size_t n, bool bar)
{
	pump p = {inputs,
	          n,
	          bar,
	          g_async_queue_new(),
	          g_async_queue_new(),
	          g_async_queue_new(),
	          NULL};
	/* All batches and their bytes in one table. */
	const size_t one = sizeof(batch) + BATCH_BYTES;
	uint8_t *mem = rg_big_table_new0(one * BATCHES_IN_USE);
	for (int i = 0; i < BATCHES_IN_USE; i++) {
		batch *b = (batch *)(void *)(mem + sizeof(batch) * (size_t)i);
		b->bytes = mem + sizeof(batch) * BATCHES_IN_USE +
		           (size_t)BATCH_BYTES * (size_t)i;
		g_async_queue_push(p.empty, b);
	}
	for (int i = 1; i < BATCHES_AHEAD; i++)
		g_async_queue_push(p.credits, GINT_TO_POINTER(1));
	p.current = g_async_queue_pop(p.empty);
	GThread *reader = g_thread_new("reader", pump_run, &p);
	consume(r, &p);
	g_thread_join(reader);
	rg_big_table_free(mem, one * BATCHES_IN_USE);
	g_async_queue_unref(p.full);
	g_async_queue_unref(p.empty);
	g_async_queue_unref(p.credits);
}

static int read_inputs(run *r, GArray *ports)
{
	size_t n = g_strv_length(r->cli->files);
	input *inputs = g_new0(input, n);
	rg_reader_options options = {0};
	options.extra_ports = (const uint16_t *)(void *)ports->data;
	options.n_extra_ports = ports->len;
	int status = EXIT_OK;
	GArray *files = r->agg->capture.files;
	g_array_set_size(files, n);
	for (size_t i = 0; i < n && status == EXIT_OK; i++) {
		GError *error = NULL;
		input *in = &inputs[i];
		in->path = r->cli->files[i];
		in->file = &g_array_index(files, rg_capture_file, i);
		in->file->path = g_strdup(in->path);
		const char *open_path = in->path;
		if (rg_input_is_stream(in->path)) {
			in->stream = rg_input_stream_start(in->path, &error);
			if (in->stream)
				open_path = rg_input_stream_path(in->stream);
		}
		options.name = in->path;
		if (!error)
			in->reader = rg_capture_reader_open(open_path, &options,
			                                    &error);
		if (in->stream)
			rg_input_stream_opened(in->stream);
		if (!in->reader) {
			error_line("%s", error->message);
			g_error_free(error);
			status = EXIT_USAGE;
			break;
		}
		refill(in);
		if (!in->stream)
			in->hasher = g_thread_new("sha256", file_sha256,
			                          (gpointer)in->path);
	}
	if (status == EXIT_OK) {
		bool bar = !r->cli->quiet && !r->cli->no_progress &&
		           isatty(STDERR_FILENO) &&
		           total_size(inputs, n) > (64u << 20);
		run_pump(r, inputs, n, bar);
		for (size_t i = 0; i < n; i++) {
			record_file(r, &inputs[i]);
			if (inputs[i].file->packets == 0) {
				error_line("%s: empty capture (no packets)",
				           inputs[i].path);
				status = EXIT_USAGE;
			}
		}
	}
	/* Readers first: a stream's copy ends when its reader lets go. */
	for (size_t i = 0; i < n; i++)
		if (inputs[i].reader)
			rg_capture_reader_close(inputs[i].reader);
	for (size_t i = 0; i < n; i++) {
		char *hex = NULL;
		if (inputs[i].hasher)
			hex = g_thread_join(inputs[i].hasher);
		else if (inputs[i].stream)
			hex = rg_input_stream_finish(inputs[i].stream);
		if (status == EXIT_OK)
			inputs[i].file->sha256 = hex;
		else
			g_free(hex);
	}
	g_free(inputs);
	return status;
}

/* ---- outputs ---- */

static int write_document(run *r, const char *path)
{
	GError *error = NULL;
	rg_output *out = rg_output_open(path, &error);
	if (!out) {
		error_line("%s", error->message);
		g_error_free(error);
		return EXIT_USAGE;
	}
	bool ok = true;
	errno = 0;
	if (r->format == FORMAT_JSON) {
		ok = rg_json_report_write(r->agg, rg_output_stream(out));
	} else if (r->format == FORMAT_MARKDOWN) {
		rg_markdown_options mo = {.full_paths = r->cli->full_path};
		GPtrArray *findings = rg_findings_compute(r->agg);
		ok = rg_markdown_report_write(r->agg, findings, &mo,
		                              rg_output_stream(out));
		g_ptr_array_unref(findings);
	} else if (r->format == FORMAT_SUMMARY) {
		rg_terminal_summary(r->agg, rg_output_stream(out));
	}
#ifdef RCREPORT_WITH_HTML
	else {
		rg_html_options ho;
		rg_html_options_init(&ho);
		ho.title = r->cli->title;
		ho.timezone = r->cli->timezone;
		ho.anonymize_clients =
		        r->cli->anonymize || r->cli->anonymize_servers;
		ho.anonymize_servers = r->cli->anonymize_servers;
		ho.full_paths = r->cli->full_path;
		ok = rg_html_report_write_full(r->agg, NULL, &ho,
		                               rg_output_stream(out), &error);
	}
#endif
	if (!ok) {
		if (error) {
			error_line("%s: %s", path, error->message);
			g_clear_error(&error);
		} else {
			int err = errno ? errno : EIO;
			error_line("%s: cannot write output: %s", path,
			           g_strerror(err));
		}
		rg_output_abort(out);
		return EXIT_USAGE;
	}
	if (!rg_output_commit(out, &error)) {
		error_line("%s", error->message);
		g_error_free(error);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

/* The output may be none of the inputs, standard input included (the
 * file behind it is compared by device and inode). */
static bool output_is_input(const char *output, gchar **files)
{
	for (gchar **f = files; *f; f++) {
		if (strcmp(*f, "-") == 0
		            ? rg_same_file_as_fd(output, STDIN_FILENO)
		            : rg_same_file(output, *f))
			return true;
	}
	return false;
}

/* Standard input can be read once: "-" may be given once. */
static bool stdin_given_twice(gchar **files)
{
	int n = 0;
	for (gchar **f = files; *f; f++)
		n += strcmp(*f, "-") == 0;
	return n > 1;
}

/* A summary printed to a full disk or a closed pipe is an error too. */
static int check_stdout(void)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		int err = errno ? errno : EIO;
		error_line("standard output: write failed: %s",
		           g_strerror(err));
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

static int analyse(cli_options *cli, output_format format)
{
	GArray *ports = g_array_new(FALSE, FALSE, sizeof(uint16_t));
	if (!parse_ports(cli->ports, ports)) {
		g_array_unref(ports);
		return EXIT_USAGE;
	}
	if (stdin_given_twice(cli->files)) {
		error_line("-: standard input can be read only once");
		g_array_unref(ports);
		return EXIT_USAGE;
	}
	for (gchar **f = cli->files; *f; f++) {
		if (!check_input(*f)) {
			g_array_unref(ports);
			return EXIT_USAGE;
		}
	}

	bool html = format == FORMAT_HTML;
#ifdef RCREPORT_WITH_HTML
	if (format == FORMAT_DEFAULT)
		html = true;
#else
	if (html) {
		error_line("--format html: this rcreport was built without "
		           "the HTML report");
		g_array_unref(ports);
		return EXIT_USAGE;
	}
#endif
	char *doc_path = NULL;
	if (html)
		doc_path = cli->output ? g_strdup(cli->output)
		                       : default_report_path(cli->files[0]);
	else if (format == FORMAT_JSON || format == FORMAT_JSONL ||
	         format == FORMAT_MARKDOWN)
		doc_path = g_strdup(cli->output ? cli->output : "-");
	else if (cli->output)
		doc_path = g_strdup(cli->output); /* the summary, to a file */
	/* -o /dev/stdout and the like: the report goes to standard output,
	 * and the summary is not mixed into it. */
	if (doc_path && rg_same_file_as_fd(doc_path, STDOUT_FILENO)) {
		g_free(doc_path);
		doc_path = g_strdup("-");
	}
	if (doc_path && strcmp(doc_path, "-") != 0 &&
	    output_is_input(doc_path, cli->files)) {
		error_line("%s: output would overwrite an input capture",
		           doc_path);
		g_free(doc_path);
		g_array_unref(ports);
		return EXIT_USAGE;
	}

	rg_aggregate_options ao;
	rg_aggregate_options_init(&ao);
	ao.timeout_ns = (int64_t)(cli->timeout * 1e9);
	if (cli->top > 0)
		ao.top_n = (uint32_t)cli->top;
	run r = {0};
	r.cli = cli;
	r.format = format;
	r.agg = rg_aggregate_new(&ao);
	r.damaged_files = g_string_new(NULL);
	rg_tracker_options to = {0};
	to.timeout_ns = ao.timeout_ns;
	to.on_message = on_message;
	to.on_transaction = on_transaction;
	to.on_followup = on_followup;
	to.on_query_dropped = on_query_dropped;
	to.user = &r;
	r.tracker = rg_tracker_new(&to);

	/* JSON Lines stream out while reading, so the file is opened now. */
	rg_output *jsonl_out = NULL;
	if (format == FORMAT_JSONL) {
		GError *error = NULL;
		jsonl_out = rg_output_open(doc_path, &error);
		if (!jsonl_out) {
			error_line("%s", error->message);
			g_error_free(error);
			rg_tracker_free(r.tracker);
			rg_aggregate_free(r.agg);
			g_string_free(r.damaged_files, TRUE);
			g_free(doc_path);
			g_array_unref(ports);
			return EXIT_USAGE;
		}
		r.jsonl = rg_jsonl_new(rg_output_stream(jsonl_out));
	}

	int status = read_inputs(&r, ports);
	if (status == EXIT_OK) {
		rg_tracker_finish(r.tracker);
		rg_aggregate_finish(r.agg);
		const rg_capture_facts *c = &r.agg->capture;
		if (r.agg->totals.messages == 0 &&
		    r.agg->totals.icmp_quoted == 0 &&
		    c->encrypted_flows_dot == 0 &&
		    c->encrypted_flows_doq == 0) {
			GString *why = no_dns_reasons(c);
			error_line("%s: no DNS messages found%s%s",
			           cli->files[0],
			           cli->files[1] ? " (in any input)" : "",
			           why->str);
			g_string_free(why, TRUE);
			status = EXIT_USAGE;
		}
	}
	if (jsonl_out) {
		rg_jsonl_free(r.jsonl);
		r.jsonl = NULL;
		GError *error = NULL;
		if (status != EXIT_OK) {
			rg_output_abort(jsonl_out);
		} else if (!rg_output_commit(jsonl_out, &error)) {
			error_line("%s", error->message);
			g_error_free(error);
			status = EXIT_USAGE;
		}
	}
	if (status == EXIT_OK && doc_path && format != FORMAT_JSONL)
		status = write_document(&r, doc_path);
	if (status == EXIT_OK) {
		bool to_stdout = doc_path && strcmp(doc_path, "-") == 0;
		if (!cli->quiet && !to_stdout && format != FORMAT_SUMMARY) {
			rg_terminal_summary(r.agg, stdout);
			if (doc_path)
				printf("\nReport written to %s\n", doc_path);
		} else if (!cli->quiet && !doc_path) {
			rg_terminal_summary(r.agg, stdout);
		}
		status = check_stdout();
		if (status == EXIT_OK && r.agg->capture.damaged) {
			const char *which = r.damaged_files->len
			                            ? r.damaged_files->str
			                            : cli->files[0];
			if (!r.damaged_files->len && cli->files[1])
				which = "the captures";
			error_line("warning: %s damaged; the analysis covers "
			           "what could be read (see the report)",
			           which);
			status = EXIT_DAMAGED;
		}
	}
	rg_tracker_free(r.tracker);
	rg_aggregate_free(r.agg);
	g_string_free(r.damaged_files, TRUE);
	g_free(doc_path);
	g_array_unref(ports);
	return status;
}

/* Ctrl-C, kill, a closed terminal: the report being written is removed
 * (a previous one stays as it was) and the exit status says which signal
 * ended the run, as a shell would. */
static void on_terminating_signal(int sig)
{
	rg_output_remove_temporaries();
	_exit(128 + sig);
}

static void handle_terminating_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_terminating_signal;
	sigemptyset(&sa.sa_mask);
	const int signals[] = {SIGINT, SIGTERM, SIGHUP};
	for (size_t i = 0; i < G_N_ELEMENTS(signals); i++)
		sigaction(signals[i], &sa, NULL);
}

int main(int argc, char **argv)
{
	handle_terminating_signals();
	/* Wiretap logs to stderr; rcreport reports problems itself, one
	 * line each. */
	rg_wslog_init("rcreport");
	ws_log_set_level(LOG_LEVEL_CRITICAL);
	gcry_check_version(NULL);
	cli_options cli = {0};
	cli.timeout = (double)RG_DEFAULT_TIMEOUT_NS / 1e9;
	GOptionEntry entries[] = {
	        {"format", 'f', 0, G_OPTION_ARG_STRING, &cli.format,
	         "Output: html (default when built in), json, jsonl, "
	         "markdown, summary",
	         "FORMAT"},
	        {"output", 'o', 0, G_OPTION_ARG_FILENAME, &cli.output,
	         "Write the report to FILE ('-' for standard output)", "FILE"},
	        {"port", 'p', 0, G_OPTION_ARG_STRING_ARRAY, &cli.ports,
	         "Also decode DNS on PORT (repeat or comma-separate)", "PORT"},
	        {"timeout", 't', 0, G_OPTION_ARG_DOUBLE, &cli.timeout,
	         "Seconds of capture time after which a query counts as "
	         "unanswered (default 5)",
	         "SECONDS"},
	        {"top", 0, 0, G_OPTION_ARG_INT, &cli.top,
	         "Items in each top list (default 20)", "N"},
	        {"quiet", 'q', 0, G_OPTION_ARG_NONE, &cli.quiet,
	         "No terminal summary and no progress bar", NULL},
	        {"no-progress", 0, 0, G_OPTION_ARG_NONE, &cli.no_progress,
	         "No progress bar", NULL},
	        {"title", 0, 0, G_OPTION_ARG_STRING, &cli.title,
	         "Title of the HTML report", "TEXT"},
	        {"timezone", 0, 0, G_OPTION_ARG_STRING, &cli.timezone,
	         "Time zone of the times in the HTML report: UTC (default) "
	         "or an IANA name such as Europe/Paris",
	         "ZONE"},
	        {"anonymize", 0, 0, G_OPTION_ARG_NONE, &cli.anonymize,
	         "Replace client addresses in the HTML report by pseudonyms",
	         NULL},
	        {"anonymize-servers", 0, 0, G_OPTION_ARG_NONE,
	         &cli.anonymize_servers,
	         "Replace server addresses too (implies --anonymize)", NULL},
	        {"full-path", 0, 0, G_OPTION_ARG_NONE, &cli.full_path,
	         "Name the captures by their full path in the HTML report and "
	         "the Markdown text (default: file name only)",
	         NULL},
	        {"version", 'V', 0, G_OPTION_ARG_NONE, &cli.version,
	         "Print the version and exit", NULL},
	        {G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY,
	         &cli.files, NULL, "CAPTURE..."},
	        {NULL, 0, 0, 0, NULL, NULL, NULL},
	};
	/* GLib prints the remaining-arguments entry ("CAPTURE...") after
	 * the parameter string itself: the string stays empty. */
	GOptionContext *ctx = g_option_context_new(NULL);
	g_option_context_set_summary(
	        ctx, "Explain the DNS failures in packet captures.");
	g_option_context_add_main_entries(ctx, entries, NULL);
	g_option_context_set_description(
	        ctx,
	        "Several captures are merged by time into one analysis; '-' "
	        "reads standard input.\n"
	        "Exit status: 0 done, 1 done but a capture is damaged, "
	        "2 usage, input or output error, 128 + the signal when "
	        "interrupted (130 Ctrl-C, 143 SIGTERM, 129 SIGHUP); an "
	        "interrupted run leaves no report behind.\n");
	GError *error = NULL;
	int status = EXIT_OK;
	output_format format = FORMAT_DEFAULT;
	if (!g_option_context_parse(ctx, &argc, &argv, &error)) {
		error_line("%s (try --help)", error->message);
		g_error_free(error);
		status = EXIT_USAGE;
	} else if (cli.version) {
		printf("rcreport %s\n", rcx_version());
	} else if (!parse_format(cli.format, &format)) {
		error_line("--format: '%s' is not one of html, json, jsonl, "
		           "markdown, summary",
		           cli.format);
		status = EXIT_USAGE;
	} else if (!cli.files || !cli.files[0]) {
		error_line("no capture file given (try --help)");
		status = EXIT_USAGE;
	} else if (!(cli.timeout > 0) || cli.timeout > 86400) {
		error_line("--timeout: must be more than 0 and at most 86400 "
		           "seconds");
		status = EXIT_USAGE;
	} else if (cli.top < 0 || cli.top > 100000) {
		error_line("--top: must be between 1 and 100000");
		status = EXIT_USAGE;
	} else if (!check_html_options(&cli, format) ||
	           !check_full_path_option(&cli, format)) {
		status = EXIT_USAGE;
	} else {
		status = analyse(&cli, format);
	}
	g_option_context_free(ctx);
	g_free(cli.format);
	g_free(cli.output);
	g_free(cli.title);
	g_free(cli.timezone);
	g_strfreev(cli.ports);
	g_strfreev(cli.files);
	return status;
}
