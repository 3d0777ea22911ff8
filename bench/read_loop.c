/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * read_loop: the bare wiretap read loop over a capture, touching every
 * byte, as the throughput baseline for rcreport.
 *
 *   read_loop FILE...
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "wiretap_compat.h"

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: read_loop FILE...\n");
		return 2;
	}
	rg_wslog_init("read_loop");
	ws_log_set_level(LOG_LEVEL_WARNING);
	wtap_init(FALSE);
	int status = 0;
	for (int i = 1; i < argc; i++) {
		struct timespec t0, t1;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		int err = 0;
		gchar *err_info = NULL;
		wtap *wth = wtap_open_offline(argv[i], WTAP_TYPE_AUTO, &err,
		                              &err_info, FALSE);
		if (!wth) {
			fprintf(stderr, "%s: %s\n", argv[i],
			        wtap_strerror(err));
			g_free(err_info);
			status = 2;
			continue;
		}
		rg_wtap_record record;
		rg_wtap_record_init(&record, 2048);
		int64_t offset;
		uint64_t records = 0, bytes = 0, sum = 0;
		while (rg_wtap_record_read(wth, &record, &err, &err_info,
		                           &offset)) {
			const wtap_rec *rec = &record.rec;
			const uint8_t *p = rg_wtap_record_bytes(&record);
			uint32_t n =
			        rec->rec_type == REC_TYPE_PACKET
			                ? rec->rec_header.packet_header.caplen
			                : 0;
			for (uint32_t k = 0; k < n; k++)
				sum += p[k];
			records++;
			bytes += n;
		}
		if (err != 0) {
			fprintf(stderr, "%s: %s\n", argv[i],
			        wtap_strerror(err));
			g_free(err_info);
		}
		clock_gettime(CLOCK_MONOTONIC, &t1);
		double secs = (double)(t1.tv_sec - t0.tv_sec) +
		              (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
		printf("%s: %llu records, %llu bytes, %.3f s, %.0f records/s "
		       "(checksum %llu)\n",
		       argv[i], (unsigned long long)records,
		       (unsigned long long)bytes, secs,
		       secs > 0 ? (double)records / secs : 0.0,
		       (unsigned long long)sum);
		rg_wtap_record_cleanup(&record);
		wtap_close(wth);
	}
	return status;
}
