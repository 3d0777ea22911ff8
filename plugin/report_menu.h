/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Tools ▸ DNS troubleshooting: the report (HTML, opened in the browser) and
 * the ticket text (Markdown, opened with the default handler for text) of
 * the capture open in Wireshark, made by rcreport without leaving
 * Wireshark.
 */
#ifndef RCODEX_REPORT_MENU_H
#define RCODEX_REPORT_MENU_H

#include <epan/prefs.h>

/* Register the menu and the preference naming the rcreport program.
 * Called from the protocol registration. */
void rcodex_report_menu_register(int proto, module_t *prefs);

#endif
