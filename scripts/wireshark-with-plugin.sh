#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Runs Wireshark's programs with exactly the rcodex plugin under test loaded,
# whatever copy of rcodex is installed on the machine.
#
#   wireshark-with-plugin.sh setup WORK PLUGIN_SO   prepare WORK, check and
#                                                   print what tshark loads
#   wireshark-with-plugin.sh setup WORK -           the same without rcodex
#   wireshark-with-plugin.sh run WORK COMMAND [ARG...]
#
# WORK/plugins/<major.minor>/ holds links to every plugin of the installed
# Wireshark except any rcodex.so, and a copy of PLUGIN_SO in epan/. COMMAND
# runs with WIRESHARK_PLUGIN_DIR=WORK/plugins (which replaces the global
# plugin folder) and HOME=WORK/home (an empty personal plugin folder), so
# no installed rcodex.so can shadow the one under test. Wireshark ignores
# both for root, so as root COMMAND runs as nobody.
set -eu

as_user() {
	if [ "$(id -u)" -eq 0 ]; then
		setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"
	else
		"$@"
	fi
}

run() {
	work=$1
	shift
	as_user env HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" \
		WIRESHARK_PLUGIN_DIR="$work/plugins" "$@"
}

# Links to the installed Wireshark's plugins (epan, wiretap, codecs), all
# but rcodex.so.
link_system_plugins() {
	global=$1
	mine=$2
	for kind_dir in "$global"/*/; do
		[ -d "$kind_dir" ] || continue
		kind=$(basename "$kind_dir")
		mkdir -p "$mine/$kind"
		for f in "$kind_dir"*; do
			[ -e "$f" ] || continue
			[ "$(basename "$f")" = rcodex.so ] && continue
			ln -s "$f" "$mine/$kind/"
		done
	done
}

setup() {
	work=$1
	plugin=$2
	global=$(env -u WIRESHARK_PLUGIN_DIR tshark -G folders 2>/dev/null |
		sed -n 's/^Global Plugins:[[:space:]]*//p')
	[ -n "$global" ] || {
		echo "$0: tshark -G folders names no global plugin folder" >&2
		exit 1
	}
	version=${global##*/}
	mine=$work/plugins/$version
	mkdir -p "$work/home" "$mine/epan"
	link_system_plugins "$global" "$mine"
	if [ "$plugin" != - ]; then
		cp "$plugin" "$mine/epan/rcodex.so"
	fi
	chmod -R a+rX "$work"
	if [ "$(id -u)" -eq 0 ]; then
		chown -R nobody:nogroup "$work/home"
	fi

	run "$work" tshark -G plugins >"$work/plugins.txt" \
		2>"$work/plugins.err" || {
		echo "$0: tshark -G plugins failed:" >&2
		cat "$work/plugins.err" >&2
		exit 1
	}
	if grep -q "multiple directories" "$work/plugins.err"; then
		cat "$work/plugins.err" >&2
		exit 1
	fi
	loaded=$(awk -F '\t' '{ name = $1; sub(/ +$/, "", name) }
		name == "rcodex.so" { print $NF }' "$work/plugins.txt")
	tshark_version=$(tshark -v 2>/dev/null | sed -n '1s/^TShark (Wireshark) \([0-9][0-9.]*[0-9]\).*/\1/p')
	if [ "$plugin" = - ]; then
		[ -z "$loaded" ] || {
			echo "$0: tshark loads rcodex from $loaded" >&2
			exit 1
		}
		echo "tshark $tshark_version, no rcodex plugin loaded"
		return
	fi
	if [ "$loaded" != "$mine/epan/rcodex.so" ] ||
		! cmp -s "$loaded" "$plugin"; then
		echo "$0: tshark $tshark_version loads rcodex from" \
			"'${loaded:-nowhere}', not from the copy of $plugin:" >&2
		cat "$work/plugins.txt" "$work/plugins.err" >&2
		exit 1
	fi
	echo "tshark $tshark_version loads $loaded (copy of $plugin)"
}

case "${1:-}" in
setup)
	[ $# -eq 3 ] || {
		echo "usage: $0 setup WORK PLUGIN_SO|-" >&2
		exit 2
	}
	setup "$2" "$3"
	;;
run)
	[ $# -ge 3 ] || {
		echo "usage: $0 run WORK COMMAND [ARG...]" >&2
		exit 2
	}
	shift
	run "$@"
	;;
*)
	echo "usage: $0 setup WORK PLUGIN_SO|- | run WORK COMMAND [ARG...]" >&2
	exit 2
	;;
esac
