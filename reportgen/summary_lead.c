/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "summary_lead.h"

#include <string.h>

#define EXTRA_TEXT_PREFIX "EXTRA-TEXT "

static uint64_t servfail_responses(const rg_aggregate *agg)
{
	uint64_t n = 0;
	for (guint i = 0; agg->codes && i < agg->codes->len; i++) {
		const rg_code_row *r =
		        &g_array_index(agg->codes, rg_code_row, i);
		if (r->rcode == 2)
			n += r->count;
	}
	return n;
}

/* With several EDEs on the same SERVFAILs, a specific one (Signature
 * Expired, DNSKEY Missing, ...) says more than the generic Other (0),
 * DNSSEC Indeterminate (5) and DNSSEC Bogus (6) a resolver sends for the
 * same trouble once it is cached (RFC 8914 §4.1, §4.6, §4.7). */
static bool generic_ede(uint32_t code)
{
	return code == 0 || code == 5 || code == 6;
}

static void collect_ede(rg_summary_lead *lead, GPtrArray *findings)
{
	const rg_finding *f = lead->headline;
	for (guint i = 0; i < findings->len; i++) {
		const rg_finding *g = g_ptr_array_index(findings, i);
		if (g->entry2 != f->entry2 || !g->entry ||
		    g->entry->kind != RCX_KIND_EDE)
			continue;
		if (lead->cause == f && !generic_ede(g->entry->first))
			lead->cause = g;
		if (lead->ede->len == 0)
			lead->zone = g->zone;
		else if (!lead->zone || !g->zone ||
		         strcmp(lead->zone, g->zone) != 0)
			lead->zone = NULL;
		g_ptr_array_add(lead->ede, (gpointer)g);
	}
}

void rg_summary_lead_init(rg_summary_lead *lead, const rg_aggregate *agg,
                          GPtrArray *findings)
{
	memset(lead, 0, sizeof *lead);
	lead->ede = g_ptr_array_new();
	if (!findings->len)
		return;
	const rg_finding *f = g_ptr_array_index(findings, 0);
	lead->headline = f;
	lead->cause = f;
	uint64_t sf = servfail_responses(agg);
	if (!sf || !f->entry2 || f->entry2->kind != RCX_KIND_RCODE ||
	    f->entry2->first != 2)
		return;
	lead->servfail = sf;
	collect_ede(lead, findings);
	if (!lead->cause->entry)
		return;
	for (guint i = 0; i < lead->cause->subjects->len; i++) {
		const char *s = g_ptr_array_index(lead->cause->subjects, i);
		if (g_str_has_prefix(s, EXTRA_TEXT_PREFIX)) {
			lead->server_text = s + strlen(EXTRA_TEXT_PREFIX);
			break;
		}
	}
}

void rg_summary_lead_clear(rg_summary_lead *lead)
{
	if (lead->ede)
		g_ptr_array_unref(lead->ede);
	memset(lead, 0, sizeof *lead);
}
