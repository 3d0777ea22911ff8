/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Writes the core's malformed test messages (tests/core/test_malformed.c)
 * into a pcap for tshark: each one as a UDP datagram from port 53, then each
 * one again as a DNS-over-TCP message (2-octet length prefix) in its own
 * segment of one TCP stream from port 53. Prints one line per frame:
 *
 *   frame  case  transport  anomaly-mnemonic  offset (-1: not checked)
 *
 * usage: malformed_pcap OUT.pcap
 */
#define main test_malformed_main
#include "test_malformed.c"
#undef main

#include <stdio.h>

#define LINKTYPE_RAW 101

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, (uint16_t)(v >> 16));
	put16(p + 2, (uint16_t)v);
}

static void ip_checksum(uint8_t *ip)
{
	uint32_t sum = 0;
	for (int i = 0; i < 20; i += 2)
		sum += (uint32_t)(ip[i] << 8 | ip[i + 1]);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	put16(ip + 10, (uint16_t)~sum);
}

static void write_record(FILE *f, uint32_t sec, const uint8_t *pkt,
                         uint32_t len)
{
	uint32_t hdr[4] = {sec, 0, len, len};
	fwrite(hdr, sizeof(hdr), 1, f);
	fwrite(pkt, len, 1, f);
}

/* An IPv4 packet 192.0.2.53 -> 192.0.2.1 around a transport header. */
static uint32_t ip_packet(uint8_t *pkt, uint8_t proto, uint16_t id,
                          const uint8_t *l4, uint32_t l4_len)
{
	memset(pkt, 0, 20);
	pkt[0] = 0x45;
	put16(pkt + 2, (uint16_t)(20 + l4_len));
	put16(pkt + 4, id);
	pkt[8] = 64;
	pkt[9] = proto;
	put32(pkt + 12, 0xC0000235);
	put32(pkt + 16, 0xC0000201);
	ip_checksum(pkt);
	memcpy(pkt + 20, l4, l4_len);
	return 20 + l4_len;
}

int main(int argc, char **argv)
{
	static uint8_t l4[sizeof(((tb_msg *)0)->buf) + 64];
	static uint8_t pkt[sizeof(l4) + 20];
	uint32_t frame = 0, seq = 1000;
	FILE *f;

	if (argc != 2) {
		fprintf(stderr, "usage: %s OUT.pcap\n", argv[0]);
		return 2;
	}
	f = fopen(argv[1], "wb");
	if (!f) {
		perror(argv[1]);
		return 1;
	}
	uint32_t ghdr[5] = {0xa1b2c3d4, 0x00040002, 0, 0, 65535};
	uint32_t linktype = LINKTYPE_RAW;
	fwrite(ghdr, sizeof(ghdr), 1, f);
	fwrite(&linktype, sizeof(linktype), 1, f);

	for (int tcp = 0; tcp < 2; tcp++) {
		for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
			const bad_case *c = &cases[i];
			tb_msg m;
			uint32_t n;

			memset(&m, 0, sizeof(m));
			c->build(&m);
			if (m.len >= 12)
				tb_finish(&m);
			if (!tcp) {
				memset(l4, 0, 8);
				put16(l4, 53);
				put16(l4 + 2, (uint16_t)(40000 + i));
				put16(l4 + 4, (uint16_t)(8 + m.len));
				memcpy(l4 + 8, m.buf, m.len);
				n = 8 + (uint32_t)m.len;
			} else {
				memset(l4, 0, 20);
				put16(l4, 53);
				put16(l4 + 2, 39999);
				put32(l4 + 4, seq);
				put32(l4 + 8, 1);
				l4[12] = 5 << 4;
				l4[13] = 0x18; /* PSH, ACK */
				put16(l4 + 14, 65535);
				put16(l4 + 20, (uint16_t)m.len);
				memcpy(l4 + 22, m.buf, m.len);
				n = 22 + (uint32_t)m.len;
				seq += 2 + (uint32_t)m.len;
			}
			n = ip_packet(pkt, tcp ? 6 : 17, (uint16_t)(frame + 1),
			              l4, n);
			write_record(f, 1700000000 + frame, pkt, n);
			frame++;
			printf("%u\t%s\t%s\t%s\t%d\n", frame, c->path + 11,
			       tcp ? "tcp" : "udp",
			       rcx_problem_entry(c->expected)->mnemonic,
			       c->offset);
		}
	}
	if (fclose(f) != 0) {
		perror(argv[1]);
		return 1;
	}
	return 0;
}
