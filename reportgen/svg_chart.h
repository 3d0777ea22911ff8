/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Inline SVG charts for the HTML report, built as libxml2 nodes. Every bar
 * and series carries a text label (and a pattern class), so colour is never
 * the only carrier of meaning. Labels are copied as text nodes: callers pass
 * sanitized UTF-8.
 */
#ifndef RCREPORT_SVG_CHART_H
#define RCREPORT_SVG_CHART_H

#include <stdint.h>

#include <libxml/tree.h>

typedef struct {
	const char *label; /* shown left of the bar */
	uint64_t value;
	const char *cls; /* CSS class of the bar: "ok", "err", "warn", "nx" */
} rg_svg_bar;

/* A horizontal bar chart with a label and the value on every bar. */
xmlNodePtr rg_svg_bars(xmlNodePtr parent, const char *caption,
                       const rg_svg_bar *bars, size_t n);

typedef struct {
	const char *name; /* legend text and series label */
	const char *cls;
	const uint64_t *values; /* n_points values */
} rg_svg_series;

/* A stacked column chart over time: one column per point, series stacked;
 * x_first and x_last label the two ends of the axis. */
xmlNodePtr rg_svg_stacked(xmlNodePtr parent, const char *caption,
                          const rg_svg_series *series, size_t n_series,
                          size_t n_points, const char *x_first,
                          const char *x_last);

typedef struct {
	const char *label;
	double p50, p90, p99, max; /* milliseconds */
} rg_svg_latency;

/* One row per server: a line from p50 to max with marks at p50, p90, p99
 * and the values written out, on a logarithmic millisecond axis. */
xmlNodePtr rg_svg_latency_rows(xmlNodePtr parent, const char *caption,
                               const rg_svg_latency *rows, size_t n);

#endif
