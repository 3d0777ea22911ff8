/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libFuzzer harness over the packet-decode path of rcreport: link layer,
 * IP (fragments), UDP, TCP (stream reassembly), ICMP. The first input
 * octet chooses the link type and the snaplen behaviour; the rest is one
 * frame, or several frames each preceded by a 2-byte length when bit 7 of
 * the first octet is set, so that reassembly across frames is exercised.
 * Every DNS message found is parsed by the core.
 */
#include <stddef.h>
#include <stdint.h>

#include <wiretap/wtap.h>

#include "packet_decode.h"
#include "rcodex/rcodex.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void on_dns(const rg_dns_payload *p, void *user)
{
	(void)user;
	static rcx_message msg;
	volatile uint8_t sink = 0;
	if (p->dns_len)
		sink ^= p->dns[0] ^ p->dns[p->dns_len - 1];
	(void)sink;
	rcx_message_parse(&msg, p->dns, p->dns_len);
}

static void on_damage(const char *kind, const char *detail, uint64_t frame,
                      void *user)
{
	(void)kind;
	(void)detail;
	(void)frame;
	(void)user;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int encaps[] = {WTAP_ENCAP_ETHERNET,
	                             WTAP_ENCAP_SLL,
	                             WTAP_ENCAP_SLL2,
	                             WTAP_ENCAP_RAW_IP,
	                             WTAP_ENCAP_NULL,
	                             WTAP_ENCAP_LOOP,
	                             WTAP_ENCAP_RAW_IP4,
	                             WTAP_ENCAP_RAW_IP6,
	                             WTAP_ENCAP_NFLOG,
	                             WTAP_ENCAP_IEEE_802_11,
	                             WTAP_ENCAP_IEEE_802_11_RADIOTAP,
	                             WTAP_ENCAP_IEEE_802_11_PRISM,
	                             WTAP_ENCAP_IEEE_802_11_AVS,
	                             WTAP_ENCAP_PPI,
	                             WTAP_ENCAP_PKTAP,
	                             WTAP_ENCAP_FDDI};
	if (size < 1)
		return 0;
	uint8_t sel = data[0];
	/* bits 0-2 and 4: link type; 3: cut by the snaplen; 7: several
	 * frames */
	int encap = encaps[(sel & 7) | ((sel & 0x10) >> 1)];
	uint32_t extra = (sel & 0x08) ? 100 : 0; /* cut by the snaplen */
	const uint8_t *p = data + 1;
	size_t n = size - 1;
	static const uint16_t ports[] = {5300};
	rg_decoder *d = rg_decoder_new(ports, 1);
	uint64_t frame = 0;
	if (sel & 0x80) {
		while (n >= 2) {
			size_t len = (size_t)p[0] << 8 | p[1];
			p += 2;
			n -= 2;
			if (len > n)
				len = n;
			frame++;
			rg_decoder_frame(d, encap, frame, (int64_t)frame * 40,
			                 0, p, (uint32_t)len,
			                 (uint32_t)len + extra, on_dns,
			                 on_damage, NULL);
			p += len;
			n -= len;
		}
	} else {
		rg_decoder_frame(d, encap, 1, 0, 0, p, (uint32_t)n,
		                 (uint32_t)n + extra, on_dns, on_damage, NULL);
	}
	rg_decoder_finish(d, on_damage, NULL);
	rg_decoder_free(d);
	return 0;
}
