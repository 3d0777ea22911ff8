/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Text from a capture made safe to show in a terminal or a report. */
#ifndef RCREPORT_SAFE_TEXT_H
#define RCREPORT_SAFE_TEXT_H

/*
 * A copy of s (NULL reads as "") that is valid UTF-8 without anything that
 * could drive a terminal or reorder text: invalid bytes and C0/C1 controls
 * and DEL become "\xHH"; bidi controls, line/paragraph separators, BOM and
 * noncharacters U+FFFE/U+FFFF become "<U+XXXX>". Free with g_free().
 */
char *rg_safe_text(const char *s);

#endif
