/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "capture_reader.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "wiretap_compat.h"

typedef struct {
	int encap;
	uint64_t packets;
} link_count;

/* A step back by more than this is a clock step, not the reordering of
 * packets captured on several queues or interfaces. */
#define CLOCK_STEP_BACK_NS INT64_C(1000000000)

struct rg_capture_reader {
	char *path;
	wtap *wth;
	rg_wtap_record record; /* the next record */
	rg_decoder *decoder;
	rg_capture_stats stats;
	char *format;
	GArray *links; /* link_count */
	guint last_link;
	bool has_rec;  /* record holds the next record */
	bool finished; /* end reached and reported */
	int err;       /* why reading stopped, 0 at a clean end */
	char *err_info;
	int64_t next_sec;
	int32_t next_nsec;
	bool next_time_unusable; /* next_sec/nsec replace an unusable stamp */
	int64_t unusable_sec;    /* that stamp, for the damage report */
	bool has_prev_time;
	int64_t prev_sec; /* time of the record before the next one */
	int32_t prev_nsec;
};

static gpointer init_wiretap(gpointer unused)
{
	(void)unused;
	/* wiretap logs at debug level until told otherwise */
	rg_wslog_init("rcreport");
	ws_log_set_level(LOG_LEVEL_WARNING);
	wtap_init(FALSE);
	return NULL;
}

static void ensure_wiretap(void)
{
	static GOnce once = G_ONCE_INIT;
	g_once(&once, init_wiretap, NULL);
}

/* A time stamp the analysis can use: between 1970 and 9999, nanoseconds
 * below a second. Any other keeps the time of the record before it (so the
 * timeline, time span and pairing stay meaningful) and is reported as
 * damage when the record is processed. */
static void take_time(rg_capture_reader *r, int64_t sec, int32_t nsec)
{
	r->next_time_unusable = sec < 0 || sec > RG_LAST_PRINTABLE_SEC ||
	                        nsec < 0 || nsec > 999999999;
	if (r->next_time_unusable) {
		r->unusable_sec = sec;
		return;
	}
	r->next_sec = sec;
	r->next_nsec = nsec;
}

static void read_ahead(rg_capture_reader *r)
{
	int err = 0;
	gchar *err_info = NULL;
	int64_t offset;
	if (rg_wtap_record_read(r->wth, &r->record, &err, &err_info, &offset)) {
		const wtap_rec *rec = &r->record.rec;
		/* Some readers leave a note for a record they could read. */
		g_free(err_info);
		r->has_rec = true;
		if (rec->presence_flags & WTAP_HAS_TS)
			take_time(r, (int64_t)rec->ts.secs,
			          (int32_t)rec->ts.nsecs);
		return;
	}
	r->has_rec = false;
	r->err = err;
	g_free(r->err_info);
	r->err_info = err_info;
}

/* Formats wiretap opens for Wireshark's file viewers, which hold no
 * packets. Wiretap's heuristics take almost any few bytes for MP4 media: a
 * stray text or image file is named as not a capture. */
static bool holds_no_packets(int file_encap)
{
	switch (file_encap) {
	case WTAP_ENCAP_MIME:
	case WTAP_ENCAP_JPEG_JFIF:
	case WTAP_ENCAP_MP4:
	case WTAP_ENCAP_JSON:
	case WTAP_ENCAP_RUBY_MARSHAL:
		return true;
	default:
		return false;
	}
}

rg_capture_reader *rg_capture_reader_open(const char *path,
                                          const rg_reader_options *options,
                                          GError **error)
{
	ensure_wiretap();
	int err = 0;
	gchar *err_info = NULL;
	wtap *wth =
	        wtap_open_offline(path, WTAP_TYPE_AUTO, &err, &err_info, FALSE);
	const char *name = options && options->name ? options->name : path;
	if (!wth) {
		const char *why;
		switch (err) {
		case WTAP_ERR_FILE_UNKNOWN_FORMAT:
			why = "not a capture file (format not recognised)";
			break;
		case WTAP_ERR_UNSUPPORTED:
			why = "unsupported capture format";
			break;
		case WTAP_ERR_SHORT_READ:
			why = "capture file cut short before its first record";
			break;
		case WTAP_ERR_BAD_FILE:
			why = "capture file is corrupt";
			break;
		case ENOENT:
			why = "no such file";
			break;
		case EACCES:
		case EPERM:
			why = "permission denied";
			break;
		case EISDIR:
			why = "is a directory";
			break;
		default:
			why = wtap_strerror(err);
			break;
		}
		g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
		            "%s: %s%s%s%s", name, why, err_info ? " (" : "",
		            err_info ? err_info : "", err_info ? ")" : "");
		g_free(err_info);
		return NULL;
	}
	if (holds_no_packets(wtap_file_encap(wth))) {
		g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
		            "%s: not a capture file (format not recognised)",
		            name);
		wtap_close(wth);
		return NULL;
	}
	rg_capture_reader *r = g_new0(rg_capture_reader, 1);
	r->path = g_strdup(path);
	r->wth = wth;
	rg_wtap_record_init(&r->record, 2048);
	r->decoder = rg_decoder_new(options ? options->extra_ports : NULL,
	                            options ? options->n_extra_ports : 0);
	r->links = g_array_new(FALSE, FALSE, sizeof(link_count));
	const char *type =
	        wtap_file_type_subtype_name(wtap_file_type_subtype(wth));
	wtap_compression_type comp = wtap_get_compression_type(wth);
	if (comp == WTAP_UNCOMPRESSED)
		r->format = g_strdup(type ? type : "unknown");
	else if (comp == WTAP_GZIP_COMPRESSED)
		r->format = g_strdup_printf("%s (gzip)", type ? type : "?");
	else
		r->format = g_strdup_printf(
		        "%s (%s)", type ? type : "?",
		        wtap_compression_type_description(comp));
	r->stats.format = r->format;
	if (strcmp(path, "-") != 0) {
		gint64 size = wtap_file_size(wth, &err);
		r->stats.file_size = size > 0 ? (uint64_t)size : 0;
	}
	read_ahead(r);
	return r;
}

bool rg_capture_reader_peek_time(rg_capture_reader *r, int64_t *sec,
                                 int32_t *nsec)
{
	if (r->finished)
		return false;
	*sec = r->next_sec;
	*nsec = r->next_nsec;
	return true;
}

static void count_link(rg_capture_reader *r, int encap)
{
	if (r->last_link < r->links->len) {
		link_count *l =
		        &g_array_index(r->links, link_count, r->last_link);
		if (l->encap == encap) {
			l->packets++;
			return;
		}
	}
	for (guint i = 0; i < r->links->len; i++) {
		link_count *l = &g_array_index(r->links, link_count, i);
		if (l->encap == encap) {
			l->packets++;
			r->last_link = i;
			return;
		}
	}
	link_count l = {encap, 1};
	g_array_append_val(r->links, l);
	r->last_link = r->links->len - 1;
}

static void finish(rg_capture_reader *r, rg_damage_callback on_damage,
                   void *user)
{
	r->finished = true;
	uint64_t frame = r->stats.packets + 1;
	if (r->err == WTAP_ERR_SHORT_READ) {
		r->stats.truncated = true;
		if (on_damage) {
			char detail[96];
			snprintf(
			        detail, sizeof(detail),
			        "the file ends in the middle of frame %" PRIu64,
			        frame);
			on_damage("truncated_file", detail, frame, user);
		}
	} else if (r->err != 0) {
		r->stats.corrupt = true;
		if (on_damage) {
			char *detail = g_strdup_printf(
			        "reading stopped at frame %" PRIu64
			        ": %s%s%s%s",
			        frame, wtap_strerror(r->err),
			        r->err_info ? " (" : "",
			        r->err_info ? r->err_info : "",
			        r->err_info ? ")" : "");
			on_damage("corrupt_record", detail, frame, user);
			g_free(detail);
		}
	}
	rg_decoder_finish(r->decoder, on_damage, user);
	const rg_decode_stats *ds = rg_decoder_stats(r->decoder);
	r->stats.decode = *ds;
	r->stats.dns_messages = ds->dns_messages;
	r->stats.dot_flows = ds->dot_flows;
	r->stats.doq_flows = ds->doq_flows;
}

static int64_t time_ns(int64_t sec, int32_t nsec)
{
	return sec * 1000000000 + nsec;
}

/* Earliest and latest time, so that the time span stays right when the
 * clock stepped back. */
static void count_time(rg_capture_stats *st, int64_t sec, int32_t nsec)
{
	int64_t ns = time_ns(sec, nsec);
	if (!st->has_time || ns < time_ns(st->first_sec, st->first_nsec)) {
		st->first_sec = sec;
		st->first_nsec = nsec;
	}
	if (!st->has_time || ns > time_ns(st->last_sec, st->last_nsec)) {
		st->last_sec = sec;
		st->last_nsec = nsec;
	}
	st->has_time = true;
}

/* Time stamps that cannot be used, and the clock stepping back. */
static void check_time(rg_capture_reader *r, uint64_t frame,
                       rg_damage_callback on_damage, void *user)
{
	char detail[160];
	if (r->next_time_unusable) {
		snprintf(detail, sizeof(detail),
		         "frame %" PRIu64 ": time stamp %" PRId64
		         " s is outside 1970-9999; the time of the frame "
		         "before it is used",
		         frame, r->unusable_sec);
		if (on_damage)
			on_damage("time_out_of_range", detail, frame, user);
	} else if (r->has_prev_time &&
	           time_ns(r->prev_sec, r->prev_nsec) -
	                           time_ns(r->next_sec, r->next_nsec) >
	                   CLOCK_STEP_BACK_NS) {
		int64_t back = time_ns(r->prev_sec, r->prev_nsec) -
		               time_ns(r->next_sec, r->next_nsec);
		snprintf(detail, sizeof(detail),
		         "frame %" PRIu64 " is %" PRId64 ".%03" PRId64
		         " s earlier than the frame before it (clock step)",
		         frame, back / 1000000000, back / 1000000 % 1000);
		if (on_damage)
			on_damage("clock_step_back", detail, frame, user);
	}
	r->has_prev_time = true;
	r->prev_sec = r->next_sec;
	r->prev_nsec = r->next_nsec;
}

bool rg_capture_reader_next(rg_capture_reader *r, rg_dns_callback on_dns,
                            rg_damage_callback on_damage, void *user)
{
	if (r->finished)
		return false;
	if (r->has_rec) {
		const wtap_rec *rec = &r->record.rec;
		uint64_t frame = ++r->stats.packets;
		if (rec->presence_flags & WTAP_HAS_TS) {
			check_time(r, frame, on_damage, user);
			count_time(&r->stats, r->next_sec, r->next_nsec);
		}
		if (rec->rec_type == REC_TYPE_PACKET) {
			const wtap_packet_header *ph =
			        &rec->rec_header.packet_header;
			/* wiretap has made room for caplen bytes */
			uint32_t caplen = ph->caplen;
			r->stats.bytes += caplen;
			count_link(r, ph->pkt_encap);
			rg_decoder_frame(
			        r->decoder, ph->pkt_encap, frame, r->next_sec,
			        r->next_nsec, rg_wtap_record_bytes(&r->record),
			        caplen, ph->len, on_dns, on_damage, user);
		}
		read_ahead(r);
		if (!r->has_rec)
			finish(r, on_damage, user);
		return true;
	}
	finish(r, on_damage, user);
	return true;
}

void rg_capture_reader_run(rg_capture_reader *r, rg_dns_callback on_dns,
                           rg_damage_callback on_damage, void *user)
{
	while (rg_capture_reader_next(r, on_dns, on_damage, user))
		;
}

const rg_capture_stats *rg_capture_reader_stats(rg_capture_reader *r)
{
	if (!r->finished) {
		const rg_decode_stats *ds = rg_decoder_stats(r->decoder);
		r->stats.decode = *ds;
		r->stats.dns_messages = ds->dns_messages;
		r->stats.dot_flows = ds->dot_flows;
		r->stats.doq_flows = ds->doq_flows;
	}
	return &r->stats;
}

uint64_t rg_capture_reader_offset(rg_capture_reader *r)
{
	gint64 off = wtap_read_so_far(r->wth);
	return off > 0 ? (uint64_t)off : 0;
}

void rg_capture_reader_links(rg_capture_reader *r, rg_link_callback cb,
                             void *user)
{
	for (guint i = 0; i < r->links->len; i++) {
		const link_count *l = &g_array_index(r->links, link_count, i);
		const char *name = wtap_encap_description(l->encap);
		char fallback[32];
		if (!name) {
			snprintf(fallback, sizeof(fallback), "encapsulation %d",
			         l->encap);
			name = fallback;
		}
		cb(l->encap, name, l->packets,
		   rg_decoder_link_supported(l->encap), user);
	}
}

void rg_capture_reader_close(rg_capture_reader *r)
{
	if (!r)
		return;
	wtap_close(r->wth);
	rg_wtap_record_cleanup(&r->record);
	rg_decoder_free(r->decoder);
	g_array_free(r->links, TRUE);
	g_free(r->format);
	g_free(r->err_info);
	g_free(r->path);
	g_free(r);
}
