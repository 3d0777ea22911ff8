/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Differences between the Wireshark releases the plugin is built against
 * (4.0, 4.4 and 4.6), decided by the version the Wireshark headers being
 * compiled against declare in ws_version.h. The rest of plugin/ uses only
 * what this header defines where the epan API differs.
 */
#ifndef RCODEX_EPAN_COMPAT_H
#define RCODEX_EPAN_COMPAT_H

#include <stdbool.h>
#include <stdint.h>

#include <glib.h>

#include <epan/proto.h>
#include <ws_symbol_export.h>
#include <ws_version.h>

/* True when the Wireshark being compiled against is major.minor or later. */
#define RCODEX_WIRESHARK_AT_LEAST(major, minor)                                \
	(WIRESHARK_VERSION_MAJOR > (major) ||                                  \
	 (WIRESHARK_VERSION_MAJOR == (major) &&                                \
	  WIRESHARK_VERSION_MINOR >= (minor)))

/*
 * Loader contract: every release reads plugin_version, plugin_want_major,
 * plugin_want_minor and plugin_register(); from 4.2 on the loader also asks
 * plugin_describe() what the plugin provides (the type `tshark -G plugins`
 * and Help > About > Plugins show). RCODEX_PLUGIN_DESCRIBE(flags) defines it
 * where it exists; flags are WS_PLUGIN_DESC_* bits of wsutil/plugins.h.
 */
#if RCODEX_WIRESHARK_AT_LEAST(4, 2)
#include <wsutil/plugins.h>
#define RCODEX_PLUGIN_DESCRIBE(flags)                                          \
	WS_DLL_PUBLIC uint32_t plugin_describe(void);                          \
	uint32_t plugin_describe(void)                                         \
	{                                                                      \
		return (flags);                                                \
	}
#else
#define RCODEX_PLUGIN_DESCRIBE(flags)
#endif

/* The variable behind a boolean preference: gboolean up to 4.0, bool from
 * 4.2 on (prefs_register_bool_preference takes a pointer to it). */
#if RCODEX_WIRESHARK_AT_LEAST(4, 2)
typedef bool rcodex_pref_bool;
#else
typedef gboolean rcodex_pref_bool;
#endif

/* The value of an unsigned integer field (FT_UINT*, FT_FRAMENUM). From 4.2
 * on field_info holds a pointer to its fvalue_t, before that the fvalue_t
 * itself. */
static inline uint32_t rcodex_field_uint(field_info *fi)
{
#if RCODEX_WIRESHARK_AT_LEAST(4, 2)
	return fvalue_get_uinteger(fi->value);
#else
	return fvalue_get_uinteger(&fi->value);
#endif
}

#endif
