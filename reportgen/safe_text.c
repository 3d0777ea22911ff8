/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "safe_text.h"

#include <glib.h>
#include <stdbool.h>

static bool shown_as_code_point(gunichar c)
{
	return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) ||
	       c == 0x200E || c == 0x200F || c == 0x061C || c == 0x2028 ||
	       c == 0x2029 || c == 0xFEFF || c == 0xFFFE || c == 0xFFFF;
}

char *rg_safe_text(const char *s)
{
	GString *out = g_string_new(NULL);
	const char *p = s ? s : "";

	while (*p) {
		gunichar c = g_utf8_get_char_validated(p, -1);
		if (c == (gunichar)-1 || c == (gunichar)-2) {
			g_string_append_printf(out, "\\x%02X",
			                       (unsigned char)*p);
			p++;
			continue;
		}
		const char *next = g_utf8_next_char(p);
		if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0))
			g_string_append_printf(out, "\\x%02X", c);
		else if (shown_as_code_point(c))
			g_string_append_printf(out, "<U+%04X>", c);
		else
			g_string_append_len(out, p, next - p);
		p = next;
	}
	return g_string_free(out, FALSE);
}
