/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The lead of a report: which finding heads the first screen and, when it
 * is a SERVFAIL that Extended DNS Errors explain (RFC 8914), how many
 * SERVFAILs there were, which EDE findings came with them, which of those
 * explains the failure best, and the zone all their names are under.
 * Chosen once, so the HTML report and the Markdown ticket text lead with
 * the same words.
 */
#ifndef RCREPORT_SUMMARY_LEAD_H
#define RCREPORT_SUMMARY_LEAD_H

#include <stdint.h>

#include <glib.h>

#include "aggregate.h"
#include "findings.h"

typedef struct {
	const rg_finding *headline; /* the first finding; NULL: none */
	uint64_t servfail;          /* SERVFAIL responses when the headline is
	                               a SERVFAIL explained by EDE, else 0 */
	GPtrArray *ede;             /* const rg_finding *: the EDE findings on
	                               those SERVFAILs, in rank order */
	const rg_finding *cause;    /* the finding whose entry explains the
	                               failure (the headline when servfail is
	                               0); NULL when headline is */
	const char *zone;           /* every EDE finding's names are under it
	                               (untrusted), or NULL */
	const char *server_text;    /* the cause's EXTRA-TEXT (untrusted), or
	                               NULL */
} rg_summary_lead;

/* Fill lead from the ranked findings (rg_findings_compute()). */
void rg_summary_lead_init(rg_summary_lead *lead, const rg_aggregate *agg,
                          GPtrArray *findings);

void rg_summary_lead_clear(rg_summary_lead *lead);

#endif
