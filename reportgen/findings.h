/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Findings: what went wrong in a capture, ranked, each with the evidence a
 * reader needs to act on it. Computed from the aggregate alone, so every
 * output (HTML, terminal, JSON) can show the same findings. The explanation
 * text of a finding is its registry entry's; the finding adds the capture's
 * numbers, servers, names and a Wireshark display filter.
 */
#ifndef RCREPORT_FINDINGS_H
#define RCREPORT_FINDINGS_H

#include <stdint.h>

#include <glib.h>
#include <rcodex/rcodex.h>

#include "aggregate.h"

typedef rg_server_count rg_finding_server;

typedef struct {
	char *id;              /* stable kind: "servfail_ede", "refused", ... */
	rcx_severity severity; /* RCX_SEV_NOTE .. RCX_SEV_ERROR */
	double impact;         /* share of transactions (or messages) hit,
	                          0..1; ranks findings of equal severity */
	uint64_t count;        /* responses, transactions or messages seen */
	uint64_t total;        /* what count is a share of (0: none) */
	const rcx_entry *entry;  /* registry entry explaining it; NULL when the
	                            registry has none for this kind */
	const rcx_entry *entry2; /* a second entry (e.g. the code an EDE came
	                            with), may be NULL */
	char *title;             /* one line built from mnemonics and values */
	char *seen;              /* what was seen: counts, share, servers */
	GPtrArray *subjects;     /* char *: names, zones, keys, texts
	                            from the capture (untrusted, raw UTF-8) */
	char *zone; /* every name of the finding is this name or below it
	               (at least two labels; untrusted), or NULL */
	bool has_time;
	rg_time first, last;  /* time range, when known */
	GArray *servers;      /* rg_finding_server, largest count first */
	rg_examples examples; /* example frames */
	char *filter;         /* Wireshark display filter showing them (may
	                         name server addresses) */
	char *filter_anon;    /* the same without addresses */
} rg_finding;

/* Ranked findings (most severe, then highest impact first); a new
 * GPtrArray of rg_finding * that frees its elements. Never NULL. */
GPtrArray *rg_findings_compute(const rg_aggregate *agg);

void rg_finding_free(rg_finding *f);

/* "error", "warning", "note", "info". */
const char *rg_severity_name(rcx_severity s);

#endif
