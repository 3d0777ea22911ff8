/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Wireshark 4.0 plugin loader contract. */
#include <gmodule.h>

#include <epan/packet.h>
#include <epan/proto.h>
#include <epan/tap.h>

#include "packet-rcodex.h"

WS_DLL_PUBLIC_DEF const gchar plugin_version[] = PLUGIN_VERSION;
WS_DLL_PUBLIC_DEF const int plugin_want_major = 4;
WS_DLL_PUBLIC_DEF const int plugin_want_minor = 0;

WS_DLL_PUBLIC void plugin_register(void);

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
