/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_input_dump: the capture reader seen from outside, for the input
 * tests.
 *
 *   test_input_dump [--no-frame] [--quiet] [--port P] FILE
 *       one line per DNS message: frame, time, transport, addresses and
 *       ports, flags, length and a digest of the message bytes; then
 *       "damage" lines and a "stats" line.
 *   test_input_dump --rewrite MODE IN OUT
 *       rewrites an Ethernet pcap: MODE is sll, sll2, vlan, qinq, null,
 *       raw, or linktype:N (keep the bytes, change the link type).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "capture_reader.h"

static bool with_frame = true;
static bool quiet;
static uint64_t sum;

static void addr_str(const rg_addr *a, char *buf, size_t cap)
{
	if (a->version == 4)
		snprintf(buf, cap, "%u.%u.%u.%u", a->bytes[0], a->bytes[1],
		         a->bytes[2], a->bytes[3]);
	else {
		size_t n = 0;
		for (int i = 0; i < 16 && n + 6 < cap; i += 2)
			n += (size_t)snprintf(buf + n, cap - n, "%s%02x%02x",
			                      i ? ":" : "", a->bytes[i],
			                      a->bytes[i + 1]);
	}
}

static void on_dns(const rg_dns_payload *p, void *user)
{
	(void)user;
	if (quiet) {
		sum += p->dns_len + (p->dns_len ? p->dns[0] : 0);
		return;
	}
	char s[64], d[64];
	addr_str(&p->src, s, sizeof(s));
	addr_str(&p->dst, d, sizeof(d));
	uint64_t h = 1469598103934665603ull;
	for (uint32_t i = 0; i < p->dns_len; i++)
		h = (h ^ p->dns[i]) * 1099511628211ull;
	if (with_frame)
		printf("%" PRIu64 " %" PRId64 ".%09d ", p->frame, p->ts_sec,
		       p->ts_nsec);
	printf("%s %s.%u > %s.%u len=%u digest=%016" PRIx64 "%s%s%s",
	       p->transport == RG_TRANSPORT_UDP ? "udp" : "tcp", s, p->sport, d,
	       p->dport, p->dns_len, h, p->ip_fragmented ? " ipfrag" : "",
	       with_frame && p->tcp_segmented ? " segmented" : "",
	       p->snaplen_cut ? " cut" : "");
	if (p->from_icmp) {
		char f[64];
		addr_str(&p->icmp_from, f, sizeof(f));
		printf(" icmp=%u/%u from %s", p->icmp_type, p->icmp_code, f);
	}
	printf("\n");
}

static void on_damage(const char *kind, const char *detail, uint64_t frame,
                      void *user)
{
	(void)user;
	if (quiet)
		return;
	printf("damage %s frame=%" PRIu64 " %s\n", kind, frame,
	       detail ? detail : "");
}

static void on_link(int encap, const char *name, uint64_t packets,
                    bool supported, void *user)
{
	(void)user;
	printf("link %d \"%s\" packets=%" PRIu64 " %s\n", encap, name, packets,
	       supported ? "decoded" : "not-decoded");
}

/* ---- rewriting ---- */

static uint32_t sw32(uint32_t v, bool swap)
{
	return swap ? GUINT32_SWAP_LE_BE(v) : v;
}

static int rewrite(const char *mode, const char *in, const char *out)
{
	FILE *fi = fopen(in, "rb"), *fo = fopen(out, "wb");
	if (!fi || !fo) {
		perror("rewrite");
		return 2;
	}
	uint32_t gh[6];
	if (fread(gh, 4, 6, fi) != 6)
		return 2;
	bool swap = gh[0] == 0xd4c3b2a1 || gh[0] == 0x4d3cb2a1;
	uint32_t link = 1;
	if (!strcmp(mode, "sll"))
		link = 113;
	else if (!strcmp(mode, "sll2"))
		link = 276;
	else if (!strcmp(mode, "null"))
		link = 0;
	else if (!strcmp(mode, "raw"))
		link = 101;
	else if (!strncmp(mode, "linktype:", 9))
		link = (uint32_t)atoi(mode + 9);
	gh[5] = sw32(link, swap);
	fwrite(gh, 4, 6, fo);
	uint32_t rh[4];
	static uint8_t buf[1 << 18], obuf[(1 << 18) + 64];
	while (fread(rh, 4, 4, fi) == 4) {
		uint32_t cap = sw32(rh[2], swap), len = sw32(rh[3], swap);
		if (cap > sizeof(buf) || fread(buf, 1, cap, fi) != cap)
			break;
		uint32_t n = 0;
		if (cap < 14 || !strncmp(mode, "linktype:", 9)) {
			memcpy(obuf, buf, cap);
			n = cap;
		} else {
			uint16_t et = (uint16_t)(buf[12] << 8 | buf[13]);
			const uint8_t *pl = buf + 14;
			uint32_t pn = cap - 14;
			if (!strcmp(mode, "sll")) {
				memset(obuf, 0, 16);
				obuf[1] = 4; /* outgoing */
				obuf[3] = 1;
				obuf[5] = 6;
				memcpy(obuf + 6, buf + 6, 6);
				obuf[14] = (uint8_t)(et >> 8);
				obuf[15] = (uint8_t)et;
				n = 16;
			} else if (!strcmp(mode, "sll2")) {
				memset(obuf, 0, 20);
				obuf[0] = (uint8_t)(et >> 8);
				obuf[1] = (uint8_t)et;
				obuf[7] = 1;  /* ifindex */
				obuf[9] = 1;  /* ARPHRD_ETHER */
				obuf[10] = 4; /* outgoing */
				obuf[11] = 6;
				memcpy(obuf + 12, buf + 6, 6);
				n = 20;
			} else if (!strcmp(mode, "null")) {
				uint32_t af = et == 0x86dd ? 30 : 2;
				memcpy(obuf, &af, 4); /* host byte order */
				n = 4;
			} else if (!strcmp(mode, "raw")) {
				n = 0;
			} else if (!strcmp(mode, "vlan") ||
			           !strcmp(mode, "qinq")) {
				memcpy(obuf, buf, 12);
				n = 12;
				if (!strcmp(mode, "qinq")) {
					obuf[n++] = 0x88;
					obuf[n++] = 0xa8;
					obuf[n++] = 0x00;
					obuf[n++] = 0x64;
				}
				obuf[n++] = 0x81;
				obuf[n++] = 0x00;
				obuf[n++] = 0x00;
				obuf[n++] = 0x2a;
				obuf[n++] = (uint8_t)(et >> 8);
				obuf[n++] = (uint8_t)et;
			} else {
				fprintf(stderr, "unknown mode %s\n", mode);
				return 2;
			}
			memcpy(obuf + n, pl, pn);
			n += pn;
			len = len - cap + n;
		}
		rh[2] = sw32(n, swap);
		rh[3] = sw32(len, swap);
		fwrite(rh, 4, 4, fo);
		fwrite(obuf, 1, n, fo);
	}
	fclose(fi);
	return fclose(fo) == 0 ? 0 : 2;
}

int main(int argc, char **argv)
{
	GArray *ports = g_array_new(FALSE, FALSE, sizeof(uint16_t));
	int i = 1;
	for (; i < argc; i++) {
		if (!strcmp(argv[i], "--no-frame"))
			with_frame = false;
		else if (!strcmp(argv[i], "--quiet"))
			quiet = true;
		else if (!strcmp(argv[i], "--port") && i + 1 < argc) {
			uint16_t p = (uint16_t)atoi(argv[++i]);
			g_array_append_val(ports, p);
		} else if (!strcmp(argv[i], "--rewrite") && i + 3 < argc)
			return rewrite(argv[i + 1], argv[i + 2], argv[i + 3]);
		else
			break;
	}
	if (i != argc - 1) {
		fprintf(stderr,
		        "usage: test_input_dump [--no-frame] [--port P] "
		        "FILE | --rewrite MODE IN OUT\n");
		return 2;
	}
	rg_reader_options opt = {.extra_ports =
	                                 (const uint16_t *)(void *)ports->data,
	                         .n_extra_ports = ports->len};
	GError *err = NULL;
	rg_capture_reader *r = rg_capture_reader_open(argv[i], &opt, &err);
	if (!r) {
		fprintf(stderr, "%s\n", err->message);
		g_error_free(err);
		return 2;
	}
	rg_capture_reader_run(r, on_dns, on_damage, NULL);
	const rg_capture_stats *s = rg_capture_reader_stats(r);
	rg_capture_reader_links(r, on_link, NULL);
	printf("stats format=\"%s\" packets=%" PRIu64 " dns=%" PRIu64
	       " non_dns=%" PRIu64 " non_ip=%" PRIu64 " undecoded=%" PRIu64
	       " ipfrag=%" PRIu64 " ipreasm=%" PRIu64 " ipincomplete=%" PRIu64
	       " tcpseg=%" PRIu64 " tcpgaps=%" PRIu64 " cut=%" PRIu64
	       " corrupt=%" PRIu64 " icmp=%" PRIu64 " dot=%" PRIu64
	       " doq=%" PRIu64 " truncated=%d corrupt_file=%d\n",
	       s->format, s->packets, s->dns_messages, s->decode.non_dns,
	       s->decode.non_ip, s->decode.undecoded_link,
	       s->decode.ip_fragments, s->decode.ip_reassembled,
	       s->decode.ip_incomplete, s->decode.tcp_segmented,
	       s->decode.tcp_gaps, s->decode.snaplen_cut, s->decode.corrupt,
	       s->decode.icmp_dns, s->dot_flows, s->doq_flows, s->truncated,
	       s->corrupt);
	rg_capture_reader_close(r);
	g_array_free(ports, TRUE);
	return 0;
}
