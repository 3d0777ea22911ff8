/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Wireshark plugin loader contract. The plugin asks for exactly the
 * Wireshark major.minor it was compiled against: the loader refuses any
 * other, as the epan ABI changes between minor releases.
 */
#include <gmodule.h>

#include <epan/packet.h>
#include <epan/proto.h>
#include <epan/tap.h>

#include "epan_compat.h"
#include "packet-rcodex.h"

WS_DLL_PUBLIC_DEF const gchar plugin_version[] = PLUGIN_VERSION;
WS_DLL_PUBLIC_DEF const int plugin_want_major = WIRESHARK_VERSION_MAJOR;
WS_DLL_PUBLIC_DEF const int plugin_want_minor = WIRESHARK_VERSION_MINOR;

WS_DLL_PUBLIC void plugin_register(void);

RCODEX_PLUGIN_DESCRIBE(WS_PLUGIN_DESC_DISSECTOR | WS_PLUGIN_DESC_TAP_LISTENER)

void plugin_register(void)
{
	static proto_plugin plug_rcodex;
	static tap_plugin plug_rcodex_stats;

	plug_rcodex.register_protoinfo = proto_register_rcodex;
	plug_rcodex.register_handoff = proto_reg_handoff_rcodex;
	proto_register_plugin(&plug_rcodex);

	plug_rcodex_stats.register_tap_listener = register_tap_listener_rcodex;
	tap_register_plugin(&plug_rcodex_stats);
}
