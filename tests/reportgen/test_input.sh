#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The rcreport capture reader: the same traffic in every container format
# and link layer gives the same DNS messages; frame numbers agree with
# tshark; damaged captures are read up to the damage and reported.
#   test_input.sh DUMP GEN EDITCAP TSHARK SAMPLES_DIR
set -u
DUMP=$1 GEN=$2 EDITCAP=$3 TSHARK=$4 SAMPLES=${5:-}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
check() { # name, condition result
	if [ "$2" -eq 0 ]; then echo "ok   $1"; else echo "FAIL $1"; fail=1; fi
}
msgs() { grep -E '^(udp|tcp) ' "$1" || true; }

"$GEN" --packets 6000 --seed 7 --out "$T/base.pcap"
"$DUMP" --no-frame "$T/base.pcap" > "$T/base.nf"
"$DUMP" "$T/base.pcap" > "$T/base.txt"
n=$(msgs "$T/base.nf" | wc -l)
[ "$n" -gt 3000 ]; check "base capture has DNS messages ($n)" $?
grep -q ' ipreasm=[1-9]' "$T/base.txt"; check "IP fragments reassembled" $?
grep -q ' tcpseg=[1-9]' "$T/base.txt"; check "TCP messages spanning segments" $?
grep -q ' ipfrag$\| ipfrag ' "$T/base.nf"; check "fragmented messages marked" $?
grep -q 'ipincomplete=0 tcpseg=[0-9]* tcpgaps=0 cut=0 corrupt=0' "$T/base.txt"
check "no damage in the clean capture" $?
! grep -q '^damage' "$T/base.txt"; check "no damage lines" $?

# Frame numbers: one line per DNS message in the frame where tshark
# dissects it (reassembled messages: the frame completing them).
"$TSHARK" -r "$T/base.pcap" -Y dns -T fields -e frame.number -e dns.id \
	2>/dev/null | awk '{n=split($2,a,","); for(i=1;i<=n;i++) print $1}' \
	> "$T/tshark.frames"
awk '/^[0-9]+ /{print $1}' "$T/base.txt" > "$T/our.frames"
cmp -s "$T/tshark.frames" "$T/our.frames"; check "frame numbers equal tshark's" $?

same() { # name, file
	"$DUMP" --no-frame "$2" > "$T/x.nf" 2>"$T/x.err" || true
	msgs "$T/x.nf" > "$T/x.m"
	msgs "$T/base.nf" > "$T/b.m"
	cmp -s "$T/b.m" "$T/x.m"; check "$1 gives the same messages" $?
}
"$EDITCAP" -F pcapng "$T/base.pcap" "$T/a.pcapng"
same pcapng "$T/a.pcapng"
"$EDITCAP" -F nsecpcap "$T/base.pcap" "$T/a.nsec.pcap"
same "pcap (ns)" "$T/a.nsec.pcap"
gzip -c "$T/base.pcap" > "$T/a.pcap.gz"
same "pcap (gzip)" "$T/a.pcap.gz"
grep -q 'format="pcap (gzip)"' "$T/x.nf"; check "gzip named in the format" $?
gzip -c "$T/a.pcapng" > "$T/a.pcapng.gz"
same "pcapng (gzip)" "$T/a.pcapng.gz"
"$DUMP" --no-frame - < "$T/base.pcap" > "$T/x.nf"
msgs "$T/x.nf" | cmp -s - "$T/b.m"; check "standard input" $?
for mode in sll sll2 vlan qinq null raw; do
	"$DUMP" --rewrite $mode "$T/base.pcap" "$T/$mode.pcap"
	same "$mode" "$T/$mode.pcap"
done
"$DUMP" "$T/sll2.pcap" | grep -q '"Linux cooked-mode capture v2" packets=[0-9]* decoded'
check "SLL2 named" $?
# Several interfaces with different link types in one pcapng (different
# traffic on each, so that nothing looks retransmitted).
"$GEN" --packets 3000 --seed 8 --out "$T/other.pcap"
"$DUMP" --rewrite sll "$T/other.pcap" "$T/sllo.pcap"
m=$("$DUMP" "$T/other.pcap" | grep -cE '^[0-9]+ ')
"$EDITCAP" -F pcapng "$T/vlan.pcap" "$T/vlan.pcapng"
"$EDITCAP" -F pcapng "$T/sllo.pcap" "$T/sll.pcapng"
if command -v mergecap >/dev/null 2>&1; then
	mergecap -w "$T/multi.pcapng" "$T/vlan.pcapng" "$T/sll.pcapng"
	"$DUMP" "$T/multi.pcapng" > "$T/multi.txt"
	[ "$(grep -cE '^[0-9]+ ' "$T/multi.txt")" -eq $((n + m)) ]
	check "pcapng with two link types: every message" $?
	[ "$(grep -c '^link .* decoded$' "$T/multi.txt")" -eq 2 ]
	check "pcapng with two link types: both named" $?
fi

# A link type that is not decoded: counted and named, not dropped.
"$DUMP" --rewrite linktype:9 "$T/base.pcap" "$T/ppp.pcap"
"$DUMP" "$T/ppp.pcap" > "$T/x.txt"
p=$(sed -n 's/.* packets=\([0-9]*\) .*/\1/p' "$T/base.txt")
grep -q 'not-decoded' "$T/x.txt" && grep -q "undecoded=$p " "$T/x.txt"
check "undecoded link type counted" $?
"$DUMP" --rewrite linktype:4000 "$T/base.pcap" "$T/nonsense.pcap"
if "$DUMP" "$T/nonsense.pcap" > "$T/x.txt" 2> "$T/x.err"; then
	grep -q 'not-decoded' "$T/x.txt"
else
	grep -q 'nonsense.pcap: ' "$T/x.err"
fi
check "nonsense link type reported" $?

# Truncated file: messages up to the cut, and a damage report.
size=$(wc -c < "$T/base.pcap")
head -c $((size / 2 + 7)) "$T/base.pcap" > "$T/cut.pcap"
"$DUMP" --no-frame "$T/cut.pcap" > "$T/cut.nf"
msgs "$T/cut.nf" > "$T/cut.m"
k=$(wc -l < "$T/cut.m")
[ "$k" -gt $((n / 3)) ] && head -n "$k" "$T/b.m" | cmp -s - "$T/cut.m"
check "truncated capture: the messages before the cut ($k)" $?
grep -q '^damage truncated_file' "$T/cut.nf" && grep -q 'truncated=1' "$T/cut.nf"
check "truncated capture reported" $?

# Corrupt record: a giant length after the first records.
head -c 24 "$T/base.pcap" > "$T/giant.pcap"
"$DUMP" --rewrite linktype:1 "$T/base.pcap" "$T/copy.pcap"
# keep the first 10 records, then a record header claiming 2 GB
python3 - "$T/copy.pcap" "$T/giant.pcap" <<'PY'
import struct, sys
data = open(sys.argv[1], 'rb').read()
out = bytearray(data[:24]); off = 24
for _ in range(10):
    cap = struct.unpack_from('<I', data, off + 8)[0]
    out += data[off:off + 16 + cap]; off += 16 + cap
out += struct.pack('<IIII', 1700000001, 0, 0x7fffffff, 0x7fffffff) + b'\0' * 64
open(sys.argv[2], 'wb').write(out)
PY
"$DUMP" "$T/giant.pcap" > "$T/x.txt"
grep -q '^damage corrupt_record frame=11' "$T/x.txt" && grep -q 'packets=10 ' "$T/x.txt"
check "giant record: reported at frame 11 after 10 records" $?

# Snaplen: cut every frame at 90 bytes.
"$EDITCAP" -s 90 "$T/base.pcap" "$T/snap.pcap"
"$DUMP" "$T/snap.pcap" > "$T/x.txt"
grep -q '^damage snaplen_cut frame=' "$T/x.txt" && grep -q ' cut$' "$T/x.txt"
check "snaplen-cut frames reported" $?

# Samples, when recorded: every message tshark sees, in the same frames.
if [ -n "$SAMPLES" ] && [ -d "$SAMPLES" ]; then
	for s in "$SAMPLES"/*.pcap "$SAMPLES"/*.pcapng "$SAMPLES"/*.pcap.gz; do
		[ -f "$s" ] || continue
		"$TSHARK" -r "$s" -Y 'dns && !icmp && !icmpv6' -T fields \
			-e frame.number -e dns.id 2>/dev/null |
			awk '{n=split($2,a,","); for(i=1;i<=n;i++) print $1}' > "$T/s.t"
		"$DUMP" "$s" | awk '/^[0-9]+ / && !/icmp=/{print $1}' > "$T/s.o"
		cmp -s "$T/s.t" "$T/s.o"; check "sample $(basename "$s"): frames equal tshark's" $?
	done
fi
exit $fail
