/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "svg_chart.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>

#include <glib.h>

#define W       720
#define LABEL_W 230
#define ROW_H   22

static unsigned chart_seq;

static xmlNodePtr el(xmlNodePtr parent, const char *name)
{
	return xmlNewChild(parent, NULL, BAD_CAST name, NULL);
}

static void attr(xmlNodePtr n, const char *name, const char *value)
{
	xmlNewProp(n, BAD_CAST name, BAD_CAST value);
}

static void attrf(xmlNodePtr n, const char *name, double v)
{
	char buf[32];
	g_snprintf(buf, sizeof buf, "%.1f", v);
	attr(n, name, buf);
}

static xmlNodePtr text_at(xmlNodePtr parent, double x, double y,
                          const char *anchor, const char *text)
{
	xmlNodePtr t =
	        xmlNewTextChild(parent, NULL, BAD_CAST "text", BAD_CAST text);
	attrf(t, "x", x);
	attrf(t, "y", y);
	if (anchor)
		attr(t, "text-anchor", anchor);
	return t;
}

static xmlNodePtr rect(xmlNodePtr parent, double x, double y, double w,
                       double h, const char *cls)
{
	xmlNodePtr r = el(parent, "rect");
	attrf(r, "x", x);
	attrf(r, "y", y);
	attrf(r, "width", w);
	attrf(r, "height", h);
	if (cls)
		attr(r, "class", cls);
	return r;
}

static xmlNodePtr svg_root(xmlNodePtr parent, const char *caption, double h)
{
	xmlNodePtr fig = el(parent, "figure");
	attr(fig, "class", "chart");
	xmlNodePtr svg = el(fig, "svg");
	char vb[64];
	g_snprintf(vb, sizeof vb, "0 0 %d %.0f", W, h);
	attr(svg, "viewBox", vb);
	attr(svg, "role", "img");
	attr(svg, "width", "100%");
	attr(svg, "preserveAspectRatio", "xMinYMin meet");
	xmlNewTextChild(svg, NULL, BAD_CAST "title", BAD_CAST caption);
	xmlNewTextChild(fig, NULL, BAD_CAST "figcaption", BAD_CAST caption);
	return svg;
}

/* A fill pattern per class: the class colour plus a line motif of its own,
 * so series stay apart in greyscale print too. */
static void pattern_id(char *buf, size_t size, const char *cls)
{
	g_snprintf(buf, size, "p%u-%s", chart_seq, cls ? cls : "x");
}

static void add_pattern(xmlNodePtr defs, const char *cls)
{
	char id[48];
	pattern_id(id, sizeof id, cls);
	xmlNodePtr p = el(defs, "pattern");
	attr(p, "id", id);
	attr(p, "patternUnits", "userSpaceOnUse");
	attr(p, "width", "6");
	attr(p, "height", "6");
	rect(p, 0, 0, 6, 6, cls);
	const char *d = NULL;
	if (g_strcmp0(cls, "err") == 0)
		d = "M0,6 L6,0";
	else if (g_strcmp0(cls, "nx") == 0)
		d = "M0,3 L6,3";
	else if (g_strcmp0(cls, "warn") == 0)
		d = "M3,0 L3,6";
	else if (g_strcmp0(cls, "misc") == 0)
		d = "M0,0 L6,6 M0,6 L6,0";
	else if (g_strcmp0(cls, "other") == 0)
		d = "M0,0 L6,6";
	else if (g_strcmp0(cls, "lost") == 0)
		d = "M0,1 L6,1 M0,4 L6,4";
	if (d) {
		xmlNodePtr path = el(p, "path");
		attr(path, "d", d);
		attr(path, "class", "motif");
	}
}

static void fill_pattern(xmlNodePtr n, const char *cls)
{
	char id[48], url[64];
	pattern_id(id, sizeof id, cls);
	g_snprintf(url, sizeof url, "url(#%s)", id);
	attr(n, "fill", url);
}

xmlNodePtr rg_svg_bars(xmlNodePtr parent, const char *caption,
                       const rg_svg_bar *bars, size_t n)
{
	chart_seq++;
	double h = 10 + (double)(n ? n : 1) * ROW_H;
	xmlNodePtr svg = svg_root(parent, caption, h);
	xmlNodePtr defs = el(svg, "defs");
	uint64_t max = 1;
	for (size_t i = 0; i < n; i++)
		if (bars[i].value > max)
			max = bars[i].value;
	const char *seen[8] = {0};
	size_t n_seen = 0;
	double bar_w = W - LABEL_W - 110;
	for (size_t i = 0; i < n; i++) {
		bool known = false;
		for (size_t j = 0; j < n_seen; j++)
			known |= g_strcmp0(seen[j], bars[i].cls) == 0;
		if (!known && n_seen < G_N_ELEMENTS(seen)) {
			seen[n_seen++] = bars[i].cls;
			add_pattern(defs, bars[i].cls);
		}
		double y = 5 + (double)i * ROW_H;
		text_at(svg, LABEL_W - 8, y + 15, "end", bars[i].label);
		double w = bar_w * (double)bars[i].value / (double)max;
		if (bars[i].value && w < 2)
			w = 2;
		xmlNodePtr r =
		        rect(svg, LABEL_W, y + 3, w, ROW_H - 6, bars[i].cls);
		fill_pattern(r, bars[i].cls);
		char v[32];
		g_snprintf(v, sizeof v, "%" G_GUINT64_FORMAT, bars[i].value);
		text_at(svg, LABEL_W + w + 6, y + 15, NULL, v);
	}
	return svg;
}

xmlNodePtr rg_svg_stacked(xmlNodePtr parent, const char *caption,
                          const rg_svg_series *series, size_t n_series,
                          size_t n_points, const char *x_first,
                          const char *x_last)
{
	chart_seq++;
	const double top = 10, plot_h = 170, left = 60, right = 10;
	double legend_y = top + plot_h + 40;
	double h = legend_y + 20 * (double)((n_series + 2) / 3) + 5;
	xmlNodePtr svg = svg_root(parent, caption, h);
	xmlNodePtr defs = el(svg, "defs");
	for (size_t s = 0; s < n_series; s++) {
		bool known = false;
		for (size_t k = 0; k < s; k++)
			known |= g_strcmp0(series[k].cls, series[s].cls) == 0;
		if (!known)
			add_pattern(defs, series[s].cls);
	}
	uint64_t max = 1;
	for (size_t p = 0; p < n_points; p++) {
		uint64_t sum = 0;
		for (size_t s = 0; s < n_series; s++)
			sum += series[s].values[p];
		if (sum > max)
			max = sum;
	}
	double plot_w = W - left - right;
	double col_w = n_points ? plot_w / (double)n_points : plot_w;
	xmlNodePtr axis = el(svg, "path");
	char d[128];
	g_snprintf(d, sizeof d, "M%.1f,%.1f L%.1f,%.1f L%.1f,%.1f", left, top,
	           left, top + plot_h, left + plot_w, top + plot_h);
	attr(axis, "d", d);
	attr(axis, "class", "axis");
	char v[32];
	g_snprintf(v, sizeof v, "%" G_GUINT64_FORMAT, max);
	text_at(svg, left - 6, top + 10, "end", v);
	text_at(svg, left - 6, top + plot_h, "end", "0");
	text_at(svg, left, top + plot_h + 18, NULL, x_first ? x_first : "");
	text_at(svg, left + plot_w, top + plot_h + 18, "end",
	        x_last ? x_last : "");
	for (size_t p = 0; p < n_points; p++) {
		double y = top + plot_h;
		for (size_t s = 0; s < n_series; s++) {
			uint64_t val = series[s].values[p];
			if (!val)
				continue;
			double hh = plot_h * (double)val / (double)max;
			y -= hh;
			xmlNodePtr r = rect(svg, left + (double)p * col_w, y,
			                    col_w > 1.5 ? col_w - 0.5 : col_w,
			                    hh, series[s].cls);
			fill_pattern(r, series[s].cls);
			char tip[160];
			g_snprintf(tip, sizeof tip, "%s: %" G_GUINT64_FORMAT,
			           series[s].name, val);
			xmlNewTextChild(r, NULL, BAD_CAST "title",
			                BAD_CAST tip);
		}
	}
	for (size_t s = 0; s < n_series; s++) {
		double x = 10 + (double)(s % 3) * 235;
		double y = legend_y + (double)(s / 3) * 20;
		uint64_t total = 0;
		for (size_t p = 0; p < n_points; p++)
			total += series[s].values[p];
		xmlNodePtr r = rect(svg, x, y - 11, 14, 14, series[s].cls);
		fill_pattern(r, series[s].cls);
		char lab[160];
		g_snprintf(lab, sizeof lab, "%s (%" G_GUINT64_FORMAT ")",
		           series[s].name, total);
		text_at(svg, x + 20, y, NULL, lab);
	}
	return svg;
}

static double log_x(double ms, double left, double w)
{
	const double lo = -1.0, hi = 4.0; /* 0.1 ms .. 10 s */
	double l = ms > 0 ? log10(ms) : lo;
	if (l < lo)
		l = lo;
	if (l > hi)
		l = hi;
	return left + w * (l - lo) / (hi - lo);
}

xmlNodePtr rg_svg_latency_rows(xmlNodePtr parent, const char *caption,
                               const rg_svg_latency *rows, size_t n)
{
	chart_seq++;
	const double row_h = 36, left = LABEL_W, top = 24;
	double w = W - left - 20;
	double h = top + (double)(n ? n : 1) * row_h + 8;
	xmlNodePtr svg = svg_root(parent, caption, h);
	static const struct {
		double ms;
		const char *label;
	} ticks[] = {{0.1, "0.1 ms"}, {1, "1 ms"},   {10, "10 ms"},
	             {100, "100 ms"}, {1000, "1 s"}, {10000, "10 s"}};
	for (size_t i = 0; i < G_N_ELEMENTS(ticks); i++) {
		double x = log_x(ticks[i].ms, left, w);
		xmlNodePtr l = el(svg, "path");
		char d[96];
		g_snprintf(d, sizeof d, "M%.1f,%.1f L%.1f,%.1f", x, top - 4, x,
		           h - 4);
		attr(l, "d", d);
		attr(l, "class", "grid");
		text_at(svg, x, top - 8, "middle", ticks[i].label);
	}
	for (size_t i = 0; i < n; i++) {
		double y = top + (double)i * row_h + 12;
		text_at(svg, left - 8, y + 4, "end", rows[i].label);
		xmlNodePtr line = el(svg, "path");
		char d[96];
		g_snprintf(d, sizeof d, "M%.1f,%.1f L%.1f,%.1f",
		           log_x(rows[i].p50, left, w), y,
		           log_x(rows[i].max, left, w), y);
		attr(line, "d", d);
		attr(line, "class", "range");
		const double marks[] = {rows[i].p50, rows[i].p90, rows[i].p99};
		const char *names[] = {"p50", "p90", "p99"};
		for (size_t m = 0; m < 3; m++) {
			xmlNodePtr c = el(svg, "circle");
			attrf(c, "cx", log_x(marks[m], left, w));
			attrf(c, "cy", y);
			attr(c, "r", m == 0 ? "5" : "3.5");
			attr(c, "class", names[m]);
		}
		char lab[160];
		g_snprintf(
		        lab, sizeof lab,
		        "p50 %.1f ms · p90 %.1f ms · p99 %.1f ms · max %.1f ms",
		        rows[i].p50, rows[i].p90, rows[i].p99, rows[i].max);
		attr(text_at(svg, left, y + 18, NULL, lab), "class", "small");
	}
	return svg;
}
