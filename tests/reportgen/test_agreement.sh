#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# rcreport and the Wireshark plugin call the same core, so for every sample
# capture they must agree frame by frame on the effective code, the
# condition, the EDE codes and the TSIG error of every response.
#
# Usage: test_agreement.sh RCREPORT PLUGIN_SO SAMPLES_DIR
# tshark loads exactly the plugin under test (scripts/wireshark-with-plugin.sh;
# as an unprivileged user, since Wireshark never loads personal plugins for
# root).
set -eu

rcreport=$1
plugin=$2
samples=$3

with_plugin=$(dirname "$0")/../../scripts/wireshark-with-plugin.sh
work=$(mktemp -d /tmp/rcreport-agree.XXXXXX)
trap 'rm -rf "$work"' EXIT INT TERM
chmod 755 "$work"
sh "$with_plugin" setup "$work" "$plugin" || {
	echo "FAIL: tshark does not load $plugin"
	exit 1
}

as_user() {
	sh "$with_plugin" run "$work" "$@"
}

found=0
failed=0
for tsv in "$samples"/*.expect.tsv; do
	[ -e "$tsv" ] || continue
	base=${tsv%.expect.tsv}
	for cap in "$base".pcap "$base".pcapng "$base".pcap.gz "$base".pcapng.gz; do
		[ -e "$cap" ] || continue
		found=$((found + 1))
		name=$(basename "$cap")
		cp "$cap" "$work/$name"
		chmod 644 "$work/$name"
		as_user tshark -n -r "$work/$name" -o tcp.desegment_tcp_streams:TRUE \
			-T fields -E separator=/t \
			-E occurrence=a -E aggregator=, \
			-e frame.number -e rcodex.rcode -e rcodex.condition \
			-e rcodex.ede.code -e rcodex.tsig.error \
			>"$work/$name.tshark" 2>"$work/$name.tshark.err" || {
			echo "FAIL: $name: tshark failed:"
			cat "$work/$name.tshark.err"
			failed=$((failed + 1))
			continue
		}
		status=0
		"$rcreport" --format jsonl "$cap" >"$work/$name.jsonl" || status=$?
		if [ "$status" -gt 1 ]; then
			echo "FAIL: $name: rcreport exit status $status"
			failed=$((failed + 1))
			continue
		fi
		python3 - "$name" "$work/$name.tshark" "$work/$name.jsonl" "$tsv" <<'EOF' || failed=$((failed + 1))
import collections, json, sys

name, tshark_path, jsonl_path, tsv_path = sys.argv[1:5]

def values(field):
    return sorted(v for v in field.split(",") if v != "") if field else []

plugin = {}
for line in open(tshark_path):
    cols = line.rstrip("\n").split("\t")
    cols += [""] * (5 - len(cols))
    frame = int(cols[0])
    plugin[frame] = (values(cols[1]),
                     [c for c in values(cols[2]) if c != "query"],
                     values(cols[3]), values(cols[4]))

ours = collections.defaultdict(lambda: ([], [], [], []))
for line in open(jsonl_path):
    t = json.loads(line)
    f = t["response_frame"]
    if f is None:
        continue
    rc, cond, ede, tsig = ours[f]
    rc.append(str(t["rcode"]))
    cond.append(t["condition"])
    ede.extend(str(e["code"]) for e in t["ede"])
    if t["tsig_error"] is not None:
        tsig.append(str(t["tsig_error"]))

bad = 0
for frame in sorted(set(ours) | {f for f, v in plugin.items() if v[0]}):
    mine = tuple(sorted(v) for v in ours.get(frame, ([], [], [], [])))
    theirs = plugin.get(frame, ([], [], [], []))
    if mine != theirs:
        bad += 1
        print("FAIL: %s frame %d: rcreport %s, plugin %s"
              % (name, frame, mine, theirs))
checked = len(ours)
expected = sum(1 for line in open(tsv_path)
               if not line.startswith("#") and line.split("\t")[1:2] == ["response"])
if checked == 0 and expected:
    print("FAIL: %s: no response in rcreport's output, %d expected" % (name, expected))
    bad += 1
print("%s: %d response frames compared, %d disagree" % (name, checked, bad))
sys.exit(1 if bad else 0)
EOF
	done
done

if [ "$found" -eq 0 ]; then
	echo "FAIL: no samples/*.pcap* with a .expect.tsv in $samples"
	exit 1
fi
[ "$failed" -eq 0 ]
