/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The HTML troubleshooting report: one self-contained file (inline CSS and
 * SVG, no scripts, a Content-Security-Policy that forbids both) built as a
 * libxml2 document tree, so every string from the capture is escaped by
 * construction.
 */
#ifndef RCREPORT_HTML_REPORT_H
#define RCREPORT_HTML_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include <glib.h>

#include "aggregate.h"

typedef struct {
	const char *title;        /* NULL: "DNS troubleshooting report" */
	const char *timezone;     /* IANA name or "UTC"; NULL: UTC */
	bool anonymize_clients;   /* replace client addresses */
	bool anonymize_servers;   /* replace server addresses too */
	bool full_paths;          /* name captures by the path given; default:
	                             by file name only */
	uint32_t max_failed_rows; /* 0: 200 */
} rg_html_options;

void rg_html_options_init(rg_html_options *opts);

/* Write the report with default options; findings are computed here. */
gboolean rg_html_report_write(const rg_aggregate *agg, FILE *out, GError **err);

/* Write the report. findings: from rg_findings_compute(), or NULL to
 * compute them here. */
gboolean rg_html_report_write_full(const rg_aggregate *agg, GPtrArray *findings,
                                   const rg_html_options *opts, FILE *out,
                                   GError **err);

#endif
