#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# rcreport speed and memory, as ratios from one run (DESIGN.md §4):
#   - rcreport --format json vs `tshark -q -z dns,tree` on the same file;
#   - rcreport throughput as a share of a bare wiretap read loop;
#   - peak RSS of each.
# Two generated captures (not committed): a realistic mix of >= 1M DNS
# packets, and one with 1M distinct query names.
#
# Usage: bench/run-rcreport.sh [BUILD_DIR]   (default: build)
# Environment: BENCH_DIR (default /tmp/rcreport-bench) holds the captures;
# they are generated once and reused. SKIP_TSHARK=1 skips tshark.
# REPEAT (default 5): runs of rcreport and of the read loop per capture,
# alternating; their medians are reported (tshark runs once: it is slow).
set -eu

build=${1:-build}
dir=${BENCH_DIR:-/tmp/rcreport-bench}
repeat=${REPEAT:-5}
mkdir -p "$dir"

find_tool() {
	found=$(find "$build" -type f -name "$1" -perm -u+x 2>/dev/null | head -n 1)
	if [ -z "$found" ]; then
		echo "run-rcreport.sh: $1 not found under $build (build it first)" >&2
		exit 2
	fi
	echo "$found"
}

rcreport=$(find_tool rcreport)
gen=$(find_tool gen_capture)
loop=$(find_tool read_loop)
if [ ! -x /usr/bin/time ]; then
	echo "run-rcreport.sh: /usr/bin/time missing (apt-get install time)" >&2
	exit 2
fi

mix=$dir/mix-1m.pcap
names=$dir/names-1m.pcap
# 1M packets of the generator's mix; 2.8M packets of the mix carry just
# over 1M transactions, each with a query name of its own.
[ -s "$mix" ] || "$gen" --packets 1000000 --out "$mix"
[ -s "$names" ] || "$gen" --packets 2800000 --distinct-names --out "$names"

# measure LABEL COMMAND...: prints "LABEL seconds peak_kib"
measure() {
	label=$1
	shift
	/usr/bin/time -f "%e %M" -o "$dir/time.out" "$@" >/dev/null 2>"$dir/err.out" || {
		echo "run-rcreport.sh: $label failed:" >&2
		cat "$dir/err.out" >&2
		exit 1
	}
	echo "$label $(cat "$dir/time.out")"
}

packets() {
	capinfos -c -M "$1" 2>/dev/null | awk -F: '/Number of packets/ {gsub(/ /, "", $2); print $2}'
}

# median of the numbers on stdin
median() {
	sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

report() {
	file=$1
	n=$(packets "$file")
	size=$(stat -c %s "$file")
	echo "== $(basename "$file"): $n packets, $((size / 1048576)) MiB"
	# rcreport and the read loop alternate, repeat times each; the
	# medians are compared, so that one disturbed run does not decide.
	: >"$dir/runs.out"
	i=0
	while [ "$i" -lt "$repeat" ]; do
		measure rcreport "$rcreport" --quiet --format json -o "$dir/out.json" "$file" >>"$dir/runs.out"
		measure read_loop "$loop" "$file" >>"$dir/runs.out"
		i=$((i + 1))
	done
	r="rcreport $(awk '$1 == "rcreport" { print $2 }' "$dir/runs.out" | median) $(awk '$1 == "rcreport" { print $3 }' "$dir/runs.out" | sort -n | tail -n 1)"
	l="read_loop $(awk '$1 == "read_loop" { print $2 }' "$dir/runs.out" | median) $(awk '$1 == "read_loop" { print $3 }' "$dir/runs.out" | sort -n | tail -n 1)"
	echo "  rcreport runs (s): $(awk '$1 == "rcreport" { printf "%s ", $2 }' "$dir/runs.out")"
	echo "  read_loop runs (s): $(awk '$1 == "read_loop" { printf "%s ", $2 }' "$dir/runs.out")"
	if [ "${SKIP_TSHARK:-0}" = 1 ]; then
		t="tshark 0 0"
	else
		t=$(measure tshark tshark -n -q -z dns,tree -r "$file")
	fi
	echo "$r
$l
$t" | awk -v n="$n" '
		{ secs[$1] = $2; rss[$1] = $3 }
		END {
			for (k in secs)
				printf "%-10s %8.3f s  %9.0f packets/s  peak RSS %7.1f MB\n",
				       k, secs[k], (secs[k] > 0 ? n / secs[k] : 0), rss[k] / 1024
			if (secs["tshark"] > 0)
				printf "rcreport is %.1fx faster than tshark -z dns,tree\n",
				       secs["tshark"] / secs["rcreport"]
			printf "rcreport throughput is %.1f%% of the bare read loop\n",
			       100 * secs["read_loop"] / secs["rcreport"]
		}'
}

echo "rcreport $("$rcreport" --version | cut -d' ' -f2), $(tshark --version | head -n 1)"
echo "$(nproc) CPUs, $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo)"
report "$mix"
report "$names"
