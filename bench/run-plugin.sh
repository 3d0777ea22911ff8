#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The Wireshark plugin's cost, as ratios from one run (DESIGN.md §4): tshark
# with the plugin vs. the same tshark without it, on the same generated
# DNS capture of 1M packets (not committed), for
#   - tshark -q                          (dissection only)
#   - tshark -q -Y rcodex  vs  -Y dns    (a display filter on every frame)
#   - tshark -T fields -e rcodex.rcode  vs  -e dns.flags.rcode
# Both runs use the installed Wireshark's plugins through
# scripts/wireshark-with-plugin.sh (as nobody when run as root): "with"
# adds the built rcodex.so, "without" has no rcodex at all.
#
# Usage: bench/run-plugin.sh [BUILD_DIR]   (default: build)
# Environment: BENCH_DIR (default /tmp/rcreport-bench) holds the capture,
# shared with run-rcreport.sh; REPEAT (default 1) runs each pair again.
# Prints wall and CPU seconds without / with the plugin (needs /usr/bin/time).
set -eu

build=${1:-build}
dir=${BENCH_DIR:-/tmp/rcreport-bench}
repeat=${REPEAT:-1}
mkdir -p "$dir"

plugin=$build/plugin/rcodex.so
gen=$build/bench/gen_capture
if [ ! -f "$plugin" ] || [ ! -x "$gen" ]; then
	echo "run-plugin.sh: rcodex.so or gen_capture not found under $build" >&2
	exit 2
fi

mix=$dir/mix-1m.pcap
[ -s "$mix" ] || "$gen" --packets 1000000 --out "$mix"

with_plugin=$(dirname "$0")/../scripts/wireshark-with-plugin.sh
work=$(mktemp -d "${TMPDIR:-/tmp}/rcodex-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
chmod 755 "$work"
mkdir -p "$work/with" "$work/without"
cp "$mix" "$work/capture.pcap"
chmod a+r "$work/capture.pcap"
sh "$with_plugin" setup "$work/with" "$plugin"
sh "$with_plugin" setup "$work/without" -

as_user() {
	setup=$1
	shift
	sh "$with_plugin" run "$setup" "$@"
}

# seconds SETUP ARGS...: "wall cpu" seconds of one tshark run over the
# capture; CPU time (user + system) varies less than wall time on a
# machine others share.
mkdir -m 1777 "$work/times"
seconds() {
	setup=$1
	shift
	as_user "$setup" /usr/bin/time -f "%e %U %S" -o "$work/times/last" \
		tshark -n -r "$work/capture.pcap" "$@" >/dev/null
	awk '{ printf "%.2f %.2f", $1, $2 + $3 }' "$work/times/last"
}

echo "== $(basename "$mix"): $(capinfos -c -M "$mix" | awk -F: '/Number of packets/ {gsub(/ /, "", $2); print $2}') packets"
pair() {
	label=$1
	without_args=$2
	with_args=$3
	i=0
	while [ "$i" -lt "$repeat" ]; do
		# shellcheck disable=SC2086
		a=$(seconds "$work/without" $without_args)
		# shellcheck disable=SC2086
		b=$(seconds "$work/with" $with_args)
		echo "$label $a $b" | awk '{ printf "%-36s wall %7.2f s / %7.2f s  ratio %.3f   cpu %7.2f s / %7.2f s  ratio %.3f\n", $1, $2, $4, $4 / $2, $3, $5, $5 / $3 }'
		i=$((i + 1))
	done
}
pair "tshark-q" "-q" "-q"
pair "tshark-q-Y(dns|rcodex)" "-q -Y dns" "-q -Y rcodex"
pair "fields(dns.flags.rcode|rcodex.rcode)" "-T fields -e dns.flags.rcode" "-T fields -e rcodex.rcode"
