/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * rcreport's wiretap and logging calls across the Wireshark releases it is
 * built against (4.0, 4.4 and 4.6), decided by the version the Wireshark
 * headers being compiled against declare in ws_version.h.
 */
#ifndef RCREPORT_WIRETAP_COMPAT_H
#define RCREPORT_WIRETAP_COMPAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <glib.h>

#include <wiretap/wtap.h>
#include <ws_version.h>
#include <wsutil/buffer.h>
#include <wsutil/wslog.h>

/* True when the Wireshark being compiled against is major.minor or later. */
#define RG_WIRESHARK_AT_LEAST(major, minor)                                    \
	(WIRESHARK_VERSION_MAJOR > (major) ||                                  \
	 (WIRESHARK_VERSION_MAJOR == (major) &&                                \
	  WIRESHARK_VERSION_MINOR >= (minor)))

/* One record read by wiretap and its bytes. From 4.6 on wtap_rec holds the
 * bytes itself (wtap_rec.data); before, wtap_read() fills a Buffer of the
 * caller's. */
typedef struct {
	wtap_rec rec;
#if !RG_WIRESHARK_AT_LEAST(4, 6)
	Buffer data;
#endif
} rg_wtap_record;

/* Prepares a record whose byte buffer starts with room for space bytes. */
static inline void rg_wtap_record_init(rg_wtap_record *record, size_t space)
{
#if RG_WIRESHARK_AT_LEAST(4, 6)
	wtap_rec_init(&record->rec, space);
#else
	wtap_rec_init(&record->rec);
	ws_buffer_init(&record->data, space);
#endif
}

/* Reads the next record into record, after wtap_rec_reset(). Returns false
 * at the end or on an error (*err then says which, 0 at a clean end). */
static inline bool rg_wtap_record_read(wtap *wth, rg_wtap_record *record,
                                       int *err, char **err_info,
                                       int64_t *offset)
{
	wtap_rec_reset(&record->rec);
#if RG_WIRESHARK_AT_LEAST(4, 6)
	return wtap_read(wth, &record->rec, err, err_info, offset);
#else
	return wtap_read(wth, &record->rec, &record->data, err, err_info,
	                 offset);
#endif
}

/* The bytes of the record last read (caplen of them for a packet). */
static inline const uint8_t *rg_wtap_record_bytes(rg_wtap_record *record)
{
#if RG_WIRESHARK_AT_LEAST(4, 6)
	return ws_buffer_start_ptr(&record->rec.data);
#else
	return ws_buffer_start_ptr(&record->data);
#endif
}

static inline void rg_wtap_record_cleanup(rg_wtap_record *record)
{
	wtap_rec_cleanup(&record->rec);
#if !RG_WIRESHARK_AT_LEAST(4, 6)
	ws_buffer_free(&record->data);
#endif
}

/* Starts Wireshark's logging for a program. 4.6 takes the program name from
 * GLib (g_get_prgname()) instead of an argument. */
static inline void rg_wslog_init(const char *progname)
{
#if RG_WIRESHARK_AT_LEAST(4, 6)
	g_set_prgname(progname);
	ws_log_init(NULL);
#else
	ws_log_init(progname, NULL);
#endif
}

#endif
