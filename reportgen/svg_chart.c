/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "svg_chart.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#define W       800
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
	/* Drawn at its own size, one user unit a CSS pixel, so its text is
	 * as large as the page's and no larger; the style sheet lets it shrink
	 * on a narrower page. */
	char size[16];
	g_snprintf(size, sizeof size, "%d", W);
	attr(svg, "width", size);
	g_snprintf(size, sizeof size, "%.0f", h);
	attr(svg, "height", size);
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

/* The marks of a percentile: a shape of its own besides its colour, so
 * the chart reads in greyscale print too. */
static void percentile_mark(xmlNodePtr parent, double x, double y,
                            const char *cls)
{
	if (g_strcmp0(cls, "p50") == 0) {
		xmlNodePtr c = el(parent, "circle");
		attrf(c, "cx", x);
		attrf(c, "cy", y);
		attr(c, "r", "5");
		attr(c, "class", cls);
		return;
	}
	char d[96];
	if (g_strcmp0(cls, "p90") == 0)
		g_snprintf(d, sizeof d, "M%.1f,%.1f h8 v8 h-8 Z", x - 4, y - 4);
	else if (g_strcmp0(cls, "p99") == 0)
		g_snprintf(d, sizeof d, "M%.1f,%.1f l5,5 l-5,5 l-5,-5 Z", x,
		           y - 5);
	else
		g_snprintf(d, sizeof d, "M%.1f,%.1f v12", x, y - 6);
	xmlNodePtr p = el(parent, "path");
	attr(p, "d", d);
	attr(p, "class", cls);
}

static void latency_legend(xmlNodePtr svg, double y)
{
	static const struct {
		const char *cls, *label;
	} items[] = {{"p50", "median (p50)"},
	             {"p90", "p90"},
	             {"p99", "p99"},
	             {"max", "maximum (end of the line)"}};
	xmlNodePtr g = el(svg, "g");
	attr(g, "class", "legend");
	double x = 10;
	for (size_t i = 0; i < G_N_ELEMENTS(items); i++) {
		percentile_mark(g, x + 5, y - 4, items[i].cls);
		text_at(g, x + 16, y, NULL, items[i].label);
		x += 16 + 8.0 * (double)strlen(items[i].label) + 24;
	}
}

xmlNodePtr rg_svg_latency_rows(xmlNodePtr parent, const char *caption,
                               const rg_svg_latency *rows, size_t n)
{
	chart_seq++;
	/* Each row: the server and its values on a line of text, the marks
	 * on the axis below it, so neither covers the other. */
	const double row_h = 46, left = 36, top = 24, legend_h = 30;
	double w = W - left - 30;
	double plot_h = (double)(n ? n : 1) * row_h;
	double h = top + plot_h + legend_h;
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
		           top + plot_h);
		attr(l, "d", d);
		attr(l, "class", "grid");
		text_at(svg, x, top - 8, "middle", ticks[i].label);
	}
	for (size_t i = 0; i < n; i++) {
		double text_y = top + (double)i * row_h + 16;
		double y = text_y + 16;
		xmlNodePtr label = text_at(svg, 10, text_y, NULL, NULL);
		attr(label, "class", "row");
		xmlNodeAddContent(label, BAD_CAST rows[i].label);
		char lab[160];
		g_snprintf(lab, sizeof lab,
		           "p50 %.1f · p90 %.1f · p99 %.1f · max %.1f ms",
		           rows[i].p50, rows[i].p90, rows[i].p99, rows[i].max);
		xmlNodePtr values = xmlNewTextChild(
		        label, NULL, BAD_CAST "tspan", BAD_CAST lab);
		attr(values, "class", "small");
		attr(values, "dx", "12");
		xmlNodePtr line = el(svg, "path");
		char d[96];
		g_snprintf(d, sizeof d, "M%.1f,%.1f L%.1f,%.1f",
		           log_x(rows[i].p50, left, w), y,
		           log_x(rows[i].max, left, w), y);
		attr(line, "d", d);
		attr(line, "class", "range");
		const double marks[] = {rows[i].max, rows[i].p99, rows[i].p90,
		                        rows[i].p50};
		const char *names[] = {"max", "p99", "p90", "p50"};
		for (size_t m = 0; m < G_N_ELEMENTS(marks); m++)
			percentile_mark(svg, log_x(marks[m], left, w), y,
			                names[m]);
	}
	latency_legend(svg, top + plot_h + legend_h - 8);
	return svg;
}
