/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The rcodex postdissector and its statistics tree. */
#ifndef PACKET_RCODEX_H
#define PACKET_RCODEX_H

#include <stdbool.h>
#include <stdint.h>

#include "rcodex/rcodex.h"

/* Tap name for "tshark -z rcodex,tree". */
#define RCODEX_TAP_NAME "rcodex"

/* What the statistics tree counts, queued once per analysed response. */
typedef struct {
	uint16_t rcode;
	const char *rcode_name;
	const char *condition;
	bool after_chain;
	uint8_t n_ede;
	uint16_t ede[RCX_MAX_EDE];
	const char *ede_name[RCX_MAX_EDE];
	bool tsig;
	uint16_t tsig_error;
	const char *tsig_name;
} rcodex_tap_info;

void proto_register_rcodex(void);
void proto_reg_handoff_rcodex(void);
void register_tap_listener_rcodex(void);

#endif
