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

#include <wiretap/wtap.h>
#include <wsutil/buffer.h>
#include <wsutil/wslog.h>

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: read_loop FILE...\n");
		return 2;
	}
	ws_log_init("read_loop", NULL);
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
		wtap_rec rec;
		Buffer buf;
		wtap_rec_init(&rec);
		ws_buffer_init(&buf, 2048);
		gint64 offset;
		uint64_t records = 0, bytes = 0, sum = 0;
		while (wtap_read(wth, &rec, &buf, &err, &err_info, &offset)) {
			const uint8_t *p = ws_buffer_start_ptr(&buf);
			uint32_t n =
			        rec.rec_type == REC_TYPE_PACKET
			                ? rec.rec_header.packet_header.caplen
			                : 0;
			for (uint32_t k = 0; k < n; k++)
				sum += p[k];
			records++;
			bytes += n;
			wtap_rec_reset(&rec);
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
		wtap_rec_cleanup(&rec);
		ws_buffer_free(&buf);
		wtap_close(wth);
	}
	return status;
}
