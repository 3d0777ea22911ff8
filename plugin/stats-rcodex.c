/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * "tshark -z rcodex,tree" and Statistics > RCODE analysis: responses counted
 * by effective code, condition, Extended DNS Error and TSIG error.
 */
#include <stdio.h>

#include <epan/stats_tree.h>

#include "packet-rcodex.h"

static const char st_responses[] = "Responses";
static const char st_rcode[] = "Effective RCODE";
static const char st_condition[] = "Condition";
static const char st_ede[] = "Extended DNS Error";
static const char st_tsig[] = "TSIG error";

static int node_responses = -1;
static int node_rcode = -1;
static int node_condition = -1;
static int node_ede = -1;
static int node_tsig = -1;

static void rcodex_stats_init(stats_tree *st)
{
	node_responses = stats_tree_create_node(st, st_responses, 0,
	                                        STAT_DT_INT, FALSE);
	node_rcode = stats_tree_create_node(st, st_rcode, 0, STAT_DT_INT, TRUE);
	node_condition =
	        stats_tree_create_node(st, st_condition, 0, STAT_DT_INT, TRUE);
	/* The EDE and TSIG branches appear with the first response that
	 * carries one. */
	node_ede = -1;
	node_tsig = -1;
}

static tap_packet_status rcodex_stats_packet(stats_tree *st,
                                             packet_info *pinfo _U_,
                                             epan_dissect_t *edt _U_,
                                             const void *p,
                                             tap_flags_t flags _U_)
{
	const rcodex_tap_info *ti = p;
	char name[96];

	tick_stat_node(st, st_responses, 0, FALSE);
	tick_stat_node(st, st_rcode, 0, TRUE);
	snprintf(name, sizeof(name), "%s (%u)", ti->rcode_name, ti->rcode);
	tick_stat_node(st, name, node_rcode, FALSE);
	if (ti->condition) {
		tick_stat_node(st, st_condition, 0, TRUE);
		snprintf(name, sizeof(name), "%s%s", ti->condition,
		         ti->after_chain ? " (after CNAME chain)" : "");
		tick_stat_node(st, name, node_condition, FALSE);
	}
	if (ti->n_ede)
		node_ede = tick_stat_node(st, st_ede, 0, TRUE);
	for (uint8_t i = 0; i < ti->n_ede && i < RCX_MAX_EDE; i++) {
		snprintf(name, sizeof(name), "%u %s", ti->ede[i],
		         ti->ede_name[i]);
		tick_stat_node(st, name, node_ede, FALSE);
	}
	if (ti->tsig) {
		node_tsig = tick_stat_node(st, st_tsig, 0, TRUE);
		snprintf(name, sizeof(name), "%s (%u)",
		         ti->tsig_name ? ti->tsig_name : "?", ti->tsig_error);
		tick_stat_node(st, name, node_tsig, FALSE);
	}
	return TAP_PACKET_REDRAW;
}

void register_tap_listener_rcodex(void)
{
	stats_tree_register_plugin(RCODEX_TAP_NAME, "rcodex", "RCODE analysis",
	                           0, rcodex_stats_packet, rcodex_stats_init,
	                           NULL);
}
