#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Wireshark (Qt) with the plugin, under Xvfb: Tools ▸ DNS troubleshooting.
#   1. With a capture open, "DNS troubleshooting report" writes the HTML
#      report next to the capture and opens it with the default handler
#      for HTML; "Ticket summary", chosen while the report is still being
#      made, writes the Markdown text next to it and opens it. The default
#      handler is a recorder set up here (mimeapps.list and a .desktop file
#      in the test's own XDG folders), so no browser or network is
#      involved. rcreport runs through a wrapper that logs when each run
#      starts and ends and takes 3 s longer: the second run must start
#      before the first ends (the GUI did not block).
#   2. With the capture in a folder that is not writable, the report goes
#      to a temporary folder and a dialog says where and why.
#      So does a live capture read from standard input, never saved.
#   3. With the preference naming an rcreport that does not exist, the
#      error dialog appears; its text is selected, copied and read from
#      the clipboard.
#
# usage: menu_check.sh PLUGIN_SO RCREPORT SAMPLES_DIR OUT_DIR
set -eu
plugin=$1
rcreport=$2
samples=$3
out=$4

for tool in wireshark xvfb-run xdotool import xclip xmllint; do
	command -v "$tool" >/dev/null || { echo "menu_check: $tool missing" >&2; exit 1; }
done
mkdir -p "$out"

work=$(mktemp -d "${TMPDIR:-/tmp}/rcodex-menu.XXXXXX")
cleanup() { chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT INT TERM
chmod 755 "$work"
# Wireshark loads exactly the plugin under test, checked with tshark.
with_plugin=$(dirname "$0")/../../scripts/wireshark-with-plugin.sh
sh "$with_plugin" setup "$work" "$plugin"
home=$work/home
mkdir -p "$home/.config/wireshark" "$home/.local/share/applications" \
	"$work/cases" "$work/bin" "$work/tmp"
cp "$samples/incident.pcap" "$work/cases/"
# A copy Wireshark's user can run wherever the build is (a checkout under
# /root is out of nobody's reach).
cp "$rcreport" "$work/bin/rcreport"

# rcreport, 8 s slower, logging its runs.
cat >"$work/bin/rcreport-slow" <<S
#!/bin/sh
echo "start \$(date +%s.%N) \$*" >>"$work/runs.log"
sleep 8
"$work/bin/rcreport" "\$@"
rc=\$?
echo "end \$(date +%s.%N) \$rc" >>"$work/runs.log"
exit \$rc
S
chmod +x "$work/bin/rcreport-slow"
# The default handler for HTML and Markdown: records what it is asked to
# open.
cat >"$work/bin/record-open" <<S
#!/bin/sh
echo "\$1" >>"$work/opened.log"
S
chmod +x "$work/bin/record-open"
cat >"$home/.local/share/applications/rcodex-recorder.desktop" <<D
[Desktop Entry]
Type=Application
Name=rcodex test recorder
Exec=$work/bin/record-open %u
MimeType=text/html;text/markdown;text/x-markdown;text/plain;
NoDisplay=true
D
cat >"$home/.config/mimeapps.list" <<M
[Default Applications]
text/html=rcodex-recorder.desktop
text/markdown=rcodex-recorder.desktop
text/x-markdown=rcodex-recorder.desktop
text/plain=rcodex-recorder.desktop
M
cat >"$home/.config/wireshark/recent_common" <<'R'
gui.geometry_main_maximized: TRUE
privs.warn_if_elevated: FALSE
R
prefs() {
	cat >"$home/.config/wireshark/preferences" <<P
gui.update.enabled: FALSE
gui.ask_unsaved: FALSE
rcodex.rcreport: $1
P
}

cat >"$work/run.sh" <<S
#!/bin/sh
# start_wireshark CAPTURE: start it on the capture, wait for its window.
start_wireshark() {
	wireshark -n -r "\$1" -o gui.update.enabled:FALSE \
		>>"$work/wireshark.log" 2>&1 &
	ws=\$!
	wait_window "incident.pcap"
}
# start_live: capture the sample from standard input (a live capture in
# a temporary file, never saved), wait for its window.
start_live() {
	wireshark -n -k -i - -o gui.update.enabled:FALSE \
		<"$work/cases/incident.pcap" >>"$work/wireshark.log" 2>&1 &
	ws=\$!
	wait_window "^[*]-\$"
}
# wait_window NAME: until a window whose title matches NAME is shown.
wait_window() {
	i=0
	while [ \$i -lt 60 ]; do
		win=\$(xdotool search --onlyvisible --name "\$1" 2>/dev/null | head -n 1)
		[ -n "\$win" ] && break
		sleep 1; i=\$((i + 1))
	done
	[ -n "\$win" ] || { echo "no Wireshark window" >&2; kill \$ws; exit 1; }
	sleep 3
	xdotool windowactivate --sync "\$win" 2>/dev/null || true
	xdotool windowsize "\$win" 1280 800 2>/dev/null || true
	sleep 1
}
# open_submenu: Tools, then the last entry (the DNS troubleshooting
# submenu, added after Wireshark's own), opened.
open_submenu() {
	# A click gives the window the keyboard (there is no window manager).
	xdotool mousemove --window "\$win" 640 300 click 1
	sleep 0.5
	xdotool key alt+t
	sleep 1
	xdotool key Up
	sleep 0.5
	xdotool key Right
	sleep 1
}
# copy_dialog FILE: the text of the message box, the Wireshark window
# that is not the main one, selected with the mouse, copied to the
# clipboard and read from there; then the box is closed.
copy_dialog() {
	dialog=\$(xdotool search --onlyvisible --class wireshark 2>/dev/null | grep -vx "\$win" | tail -n 1)
	xdotool windowfocus --sync "\$dialog" 2>/dev/null || true
	xdotool mousemove --window "\$dialog" 150 30 click --repeat 3 1
	sleep 0.5
	xdotool key --clearmodifiers ctrl+c
	sleep 1
	xclip -o -selection clipboard >"\$1" 2>/dev/null || true
}
# started N: until rcreport has been started N times, at most 6 s.
started() {
	i=0
	while [ \$i -lt 12 ]; do
		[ "\$(grep -c '^start' "$work/runs.log" 2>/dev/null)" -ge "\$1" ] && return 0
		sleep 0.5; i=\$((i + 1))
	done
	return 1
}
# dialog_shown: until a second Wireshark window is visible, at most 6 s.
dialog_shown() {
	i=0
	while [ \$i -lt 12 ]; do
		xdotool search --onlyvisible --class wireshark 2>/dev/null | grep -qvx "\$win" && return 0
		sleep 0.5; i=\$((i + 1))
	done
	return 1
}
# choose KEYS CHECK...: open the submenu, press KEYS, until CHECK holds;
# three tries, as a window just opened may not take the keyboard yet.
choose() {
	keys=\$1
	shift
	for try in 1 2 3; do
		open_submenu
		xdotool key \$keys
		"\$@" && return 0
		xdotool key Escape Escape Escape
	done
	echo "menu: no effect of \$keys" >&2
	return 1
}
wait_lines() { # FILE N: until FILE has N lines, at most 60 s
	i=0
	while [ \$i -lt 120 ]; do
		[ -f "\$1" ] && [ "\$(wc -l <"\$1")" -ge "\$2" ] && return 0
		sleep 0.5; i=\$((i + 1))
	done
	return 1
}

start_wireshark "$work/cases/incident.pcap"
open_submenu
import -window root -crop 1280x800+0+0 "$work/menu.png"
xdotool key Escape Escape Escape
choose Return started 1
choose "Down Return" started 2
wait_lines "$work/opened.log" 2 || echo "handler not called twice" >&2
kill \$ws 2>/dev/null || true
wait \$ws 2>/dev/null || true

# A capture in a folder that is not writable: the report goes to a
# temporary folder, and a dialog says where and why.
start_wireshark "$work/readonly/incident.pcap"
choose Return started 3
wait_lines "$work/opened.log" 3 || echo "handler not called for the read-only case" >&2
dialog_shown
copy_dialog "$work/elsewhere.txt"
xdotool key Return
sleep 0.5
kill \$ws 2>/dev/null || true
wait \$ws 2>/dev/null || true

# A live capture, not saved: the same, with that reason.
start_live
choose Return started 4
wait_lines "$work/opened.log" 4 || echo "handler not called for the live capture" >&2
dialog_shown
copy_dialog "$work/live.txt"
xdotool key Return
sleep 0.5
kill \$ws 2>/dev/null || true
wait \$ws 2>/dev/null || true

# Error path: the preference names a program that does not exist.
printf 'gui.update.enabled: FALSE\ngui.ask_unsaved: FALSE\nrcodex.rcreport: %s\n' \
	"$work/bin/no-such-rcreport" >"$home/.config/wireshark/preferences"
start_wireshark "$work/cases/incident.pcap"
choose Return dialog_shown
sleep 1
import -window root -crop 1280x800+0+0 "$work/error.png"
copy_dialog "$work/dialog.txt"
xdotool key Return
sleep 0.5
kill \$ws 2>/dev/null || true
wait \$ws 2>/dev/null || true
S
prefs "$work/bin/rcreport-slow"
chmod -R a+rX "$work"
if [ "$(id -u)" = 0 ]; then
	chown -R nobody:nogroup "$work"
fi
run() {
	sh "$with_plugin" run "$work" env XDG_DATA_HOME="$home/.local/share" \
		TMPDIR="$work/tmp" "$@"
}
mkdir -p "$work/readonly"
cp "$samples/incident.pcap" "$work/readonly/"
if [ "$(id -u)" = 0 ]; then chown -R nobody:nogroup "$work/readonly"; fi
chmod 555 "$work/readonly"
run xvfb-run -a -s "-screen 0 1280x800x24" sh "$work/run.sh" || true
cp "$work/menu.png" "$out/menu.png" 2>/dev/null || true
cp "$work/error.png" "$out/error.png" 2>/dev/null || true

set +e
failed=0
check() { # CONDITION-STATUS TEXT
	if [ "$1" = 0 ]; then echo "ok   $2"; else echo "FAIL $2"; failed=1; fi
}
report=$work/cases/incident.pcap.rcreport.html
ticket=$work/cases/incident.pcap.rcreport.md
test -s "$report"; check $? "the report is written next to the capture"
facts=$(xmllint --html --xpath 'string(//dl[@class="facts"]/dd[1])' "$report" 2>/dev/null || true)
case $facts in "incident.pcap "*) r=0 ;; *) r=1 ;; esac
check $r "the report names the capture ($facts)"
# libxml2's HTML 4 parser knows no HTML5 or SVG element: only those may
# be reported.
bad=$(xmllint --html --noout "$report" 2>&1 | grep "parser error" | grep -vc "Tag [a-z]* invalid")
[ "$bad" = 0 ]; check $? "the report parses as HTML ($bad errors)"
test -s "$ticket"; check $? "the ticket summary is written next to the report"
[ "$(head -n 1 "$ticket" 2>/dev/null)" = '## DNS troubleshooting report: `incident.pcap`' ]
check $? "the ticket summary names the capture"
grep -Eqx "(file://)?$report" "$work/opened.log" 2>/dev/null
check $? "the report was handed to the default handler for HTML"
grep -Eqx "(file://)?$ticket" "$work/opened.log" 2>/dev/null
check $? "the ticket summary was handed to the default handler"
# start A, start B, end A, end B: both runs overlapped.
order=$(awk '{print $1}' "$work/runs.log" 2>/dev/null | head -n 4 | tr '\n' ' ')
[ "$order" = "start start end end " ]
check $? "the second entry ran while the first report was being made ($order)"
elsewhere=$(sed -n 3p "$work/opened.log" 2>/dev/null)
case $elsewhere in *$work/tmp/rcodex-*/incident.pcap.rcreport.html) r=0 ;; *) r=1 ;; esac
[ $r = 0 ] && [ -s "${elsewhere#file://}" ]
check $? "a capture in a read-only folder: the report is written to a temporary folder and opened ($elsewhere)"
grep -q "because the folder of the capture, $work/readonly, is not writable" "$work/elsewhere.txt" 2>/dev/null
check $? "the dialog says where the report went and why: $(tr '\n' ' ' <"$work/elsewhere.txt" 2>/dev/null | cut -c1-200)"
live=$(sed -n 4p "$work/opened.log" 2>/dev/null)
case $live in *$work/tmp/rcodex-*/wireshark_*.rcreport.html) r=0 ;; *) r=1 ;; esac
[ $r = 0 ] && [ -s "${live#file://}" ]
check $? "a live capture: the report is written to the temporary folder and opened ($live)"
grep -q "because the capture is not saved yet" "$work/live.txt" 2>/dev/null
check $? "the dialog says the capture is not saved: $(tr '\n' ' ' <"$work/live.txt" 2>/dev/null | cut -c1-200)"
grep -q "rcreport was not found at \"$work/bin/no-such-rcreport\"" "$work/dialog.txt" 2>/dev/null
check $? "with rcreport missing, the dialog says so: $(tr '\n' ' ' <"$work/dialog.txt" 2>/dev/null | cut -c1-200)"
if [ $failed != 0 ]; then
	echo "--- runs.log"; cat "$work/runs.log" 2>/dev/null
	echo "--- opened.log"; cat "$work/opened.log" 2>/dev/null
	echo "--- wireshark.log"; tail -n 20 "$work/wireshark.log" 2>/dev/null
fi
exit $failed
