/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The ticket text: a short Markdown summary of a capture to paste into a
 * support ticket (GitHub, GitLab and Jira render it; it reads as plain text
 * too). What failed, how much, since when and from which servers; the top
 * findings with their next step and Wireshark display filter; the facts
 * that match it to the capture and the HTML report (file name, packets,
 * time span, SHA-256). At most RG_MARKDOWN_MAX_LINES lines whatever the
 * capture. Text from the capture is shown in code spans or escaped, so it
 * can never become markup, a link, a heading or a reference.
 */
#ifndef RCREPORT_MARKDOWN_REPORT_H
#define RCREPORT_MARKDOWN_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include <glib.h>

#include "aggregate.h"

#define RG_MARKDOWN_MAX_LINES 60

typedef struct {
	bool full_paths; /* name captures by the path given; default: by
	                    file name only */
} rg_markdown_options;

/* Write the ticket text. findings: from rg_findings_compute(). Returns
 * false when writing to out failed. */
bool rg_markdown_report_write(const rg_aggregate *agg, GPtrArray *findings,
                              const rg_markdown_options *opts, FILE *out);

/* Append s (untrusted) as inline text that renders as exactly that text:
 * made safe with rg_safe_text(), cut to max_chars characters (an ellipsis
 * marks the cut), and every character that could start markup, a link, an
 * autolink or a reference escaped with a backslash. */
void rg_markdown_append_text(GString *out, const char *s, size_t max_chars);

/* Append s (untrusted) as a code span, made safe and cut as above, with a
 * fence longer than any run of backticks inside. */
void rg_markdown_append_code(GString *out, const char *s, size_t max_chars);

#endif
