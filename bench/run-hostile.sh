#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# rcreport on hostile and unlucky captures: peak memory, report size and
# time for EDE floods, a burst of queries waiting at once, and dangling IP
# fragments, with the counts that must come out exact (docs/rcreport.md,
# "Limits"). Captures are generated (not committed) by
# tests/reportgen/hostile_captures.py; figures are from one run each.
#
# Usage: bench/run-hostile.sh [BUILD_DIR]   (default: build)
# Environment: BENCH_DIR (default /tmp/rcreport-bench) holds the captures.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
dir=${BENCH_DIR:-/tmp/rcreport-bench}
mkdir -p "$dir"
rcreport=$(find "$build" -type f -name rcreport -perm -u+x | head -n 1)
if [ -z "$rcreport" ]; then
	echo "run-hostile.sh: rcreport not found under $build (build it first)" >&2
	exit 2
fi
gen="python3 $top/tests/reportgen/hostile_captures.py"

make_capture() { # KIND COUNT FILE [gzip]
	[ -s "$dir/$3" ] && return
	if [ "${4:-}" = gzip ]; then
		$gen "$1" "$2" "$dir/$3.raw"
		gzip -c "$dir/$3.raw" >"$dir/$3"
		rm -f "$dir/$3.raw"
	else
		$gen "$1" "$2" "$dir/$3"
	fi
}

make_capture ede-flood 2048 ede-flood-2048.pcap.gz gzip
make_capture ede-flood 4096 ede-flood-4096.pcap.gz gzip
make_capture ede-codes 12500 ede-codes-12500.pcap
make_capture ede-codes 25000 ede-codes-25000.pcap
make_capture burst 400000 burst-400k.pcap
make_capture fragments 800000 fragments-800k.pcap

# run LABEL FORMAT CAPTURE: "LABEL: S s, RSS MB, report KB" plus a count
run() {
	out=$dir/out.$2
	/usr/bin/time -f "%e %M" -o "$dir/time.out" \
		"$rcreport" -q --format "$2" -o "$out" "$dir/$3" 2>"$dir/err.out" || {
		status=$?
		[ $status -eq 1 ] || {
			echo "run-hostile.sh: $1 failed ($status):" >&2
			cat "$dir/err.out" >&2
			exit 1
		}
	}
	# time(1) puts "Command exited with non-zero status 1" first
	seconds=$(tail -n 1 "$dir/time.out" | cut -d' ' -f1)
	kib=$(tail -n 1 "$dir/time.out" | cut -d' ' -f2)
	awk -v l="$1 ($2)" -v s="$seconds" -v k="$kib" -v b="$(wc -c <"$out")" \
		-v i="$(wc -c <"$dir/$3")" 'BEGIN {
		printf "%-34s %6.2f s  %6.1f MB RSS  %8.1f kB report  (input %.1f MB)\n",
			l, s, k / 1024, b / 1024, i / 1048576 }'
}

json() { python3 -c "import json,sys; d=json.load(open('$dir/out.json')); print($1)"; }

for f in ede-flood-2048 ede-flood-4096; do
	run "$f" json "$f.pcap.gz"
	echo "  ede rows $(json 'len(d["ede"])'), ede_untracked $(json 'd["ede_untracked"]')"
	run "$f" html "$f.pcap.gz"
done
for f in ede-codes-12500 ede-codes-25000; do
	run "$f" json "$f.pcap"
	echo "  ede rows $(json 'len(d["ede"])'), ede_untracked $(json 'd["ede_untracked"]')"
done
run burst-400k json burst-400k.pcap
echo "  $(json '" ".join("%s %d" % (k, d["totals"][k]) for k in ("answered", "unanswered_timeout", "unsolicited"))'), damage $(json '[(x["kind"], x["count"]) for x in d["capture"]["damage"]]')"
run fragments-800k json fragments-800k.pcap
echo "  damage $(json '[(x["kind"], x["count"]) for x in d["capture"]["damage"]]')"
