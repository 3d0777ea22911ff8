#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Wireshark (Qt) with the plugin, under Xvfb: opens samples/cookies.pcap
# filtered to the BADCOOKIE response, selects it, expands the packet
# details, takes a screenshot and checks that the window rendered (a
# plausible size, not blank, many colours).
#
# usage: gui_check.sh PLUGIN_SO SAMPLES_DIR OUT_PNG
set -eu
plugin=$1
samples=$2
out=$3

for tool in wireshark xvfb-run xdotool import identify; do
	command -v "$tool" >/dev/null || { echo "gui_check: $tool missing" >&2; exit 1; }
done

with_plugin=$(dirname "$0")/../../scripts/wireshark-with-plugin.sh
work=$(mktemp -d "${TMPDIR:-/tmp}/rcodex-gui.XXXXXX")
cleanup() { rm -rf "$work"; }
trap cleanup EXIT INT TERM
chmod 755 "$work"
# Wireshark reads the same plugin folders as tshark: setup proves which
# rcodex.so they hold.
sh "$with_plugin" setup "$work" "$plugin"
home=$work/home
mkdir -p "$home/.config/wireshark"
cp "$samples/cookies.pcap" "$work/"
# No start-up dialogs, no update checks, a stable layout.
cat >"$home/.config/wireshark/recent_common" <<'R'
gui.geometry_main_maximized: TRUE
privs.warn_if_elevated: FALSE
R
cat >"$home/.config/wireshark/recent" <<'R'
gui.geometry_main_upper_pane: 90
R
cat >"$home/.config/wireshark/preferences" <<'P'
gui.update.enabled: FALSE
gui.ask_unsaved: FALSE
gui.layout_type: 1
gui.layout_content_1: PLIST
gui.layout_content_2: PDETAILS
gui.layout_content_3: NONE
P
cat >"$work/run.sh" <<S
#!/bin/sh
wireshark -n -r "$work/cookies.pcap" -Y "rcodex.rcode == 23" -g 10 \
	-o gui.update.enabled:FALSE >"$work/wireshark.log" 2>&1 &
ws=\$!
i=0
while [ \$i -lt 60 ]; do
	win=\$(xdotool search --onlyvisible --name "cookies.pcap" 2>/dev/null | head -n 1)
	[ -n "\$win" ] && break
	sleep 1; i=\$((i + 1))
done
if [ -z "\$win" ]; then echo "no Wireshark window" >&2; kill \$ws; exit 1; fi
sleep 3
xdotool windowactivate --sync "\$win" 2>/dev/null || true
xdotool windowsize "\$win" 1280 800 2>/dev/null || true
sleep 1
# Packet details: select the DNS line, expand its subtrees, scroll to
# its end, where the RCODE analysis is.
xdotool mousemove --window "\$win" 100 338 click 1 2>/dev/null || true
sleep 1
xdotool key shift+Right 2>/dev/null || true
sleep 1
xdotool key End 2>/dev/null || true
sleep 2
import -window root -crop 1280x800+0+0 "$work/shot.png"
kill \$ws 2>/dev/null || true
wait \$ws 2>/dev/null || true
S
chmod -R a+rX "$work"
if [ "$(id -u)" = 0 ]; then
	chown -R nobody:nogroup "$work"
fi
# -n: no name resolution, so nothing is looked up on the network.
sh "$with_plugin" run "$work" xvfb-run -a -s "-screen 0 1280x800x24" \
	sh "$work/run.sh"

[ -s "$work/shot.png" ] || { echo "gui_check: no screenshot" >&2; cat "$work/wireshark.log" >&2; exit 1; }
cp "$work/shot.png" "$out"
size=$(identify -format "%w %h" "$out")
colours=$(identify -format "%k" "$out")
echo "screenshot $out: $size, $colours colours"
set -- $size
[ "$1" -ge 800 ] && [ "$2" -ge 600 ] || { echo "gui_check: window too small" >&2; exit 1; }
[ "$colours" -ge 16 ] || { echo "gui_check: screenshot is blank" >&2; exit 1; }
