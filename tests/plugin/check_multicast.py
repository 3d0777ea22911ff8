#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""DNS the sample captures do not hold, built here: mDNS (a query, and an
announcement without a question, which RFC 6762 §6 makes normal), LLMNR (a
query, an NXDOMAIN response, which RFC 4795 §2.1.1 rules out, and a NODATA
response, without SOA as LLMNR has no zones) and a DNS query quoted inside an ICMPv6
port-unreachable error. Every message gets an analysis; the mDNS answer is
not reported for lacking a question; the quoted query is labelled, not
analysed.

usage: check_multicast.py PLUGIN_SO
"""
import os
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "reportgen"))
import pcapgen  # noqa: E402

from pluginenv import Tshark, as_flag  # noqa: E402


# frame -> (protocol, expected rcodex.rcode or "" for none, quoted)
EXPECTED = {
    1: ("mdns", "", ""),
    2: ("mdns", "0", ""),
    3: ("llmnr", "", ""),
    4: ("llmnr", "3", ""),
    5: ("icmpv6", "", "1"),
    6: ("llmnr", "", ""),
    7: ("llmnr", "0", ""),
}

# frame -> (anomalies that must be reported, anomalies that must not)
ANOMALIES = {
    4: (["LLMNR NXDOMAIN"], ["Negative answer without SOA"]),
    7: ([], ["Negative answer without SOA", "LLMNR NXDOMAIN"]),
}

# frame -> rcodex.condition.meaning: the LLMNR entries, not the zone-based
# ones
MEANINGS = {
    4: "Name error from an LLMNR responder",
    7: "LLMNR responder has the name, not this type",
}


def main():
    plugin = sys.argv[1]
    failures = []
    with Tshark(plugin) as tshark:
        capture = tshark.path("multicast.pcap")
        with open(capture, "wb") as f:
            f.write(pcapgen.multicast_capture())
        os.chmod(capture, 0o644)
        for passes in ([], ["-2"]):
            out = tshark.run(["-n", "-r", capture, *passes, "-T", "fields",
                              "-E", "occurrence=a", "-E", "aggregator=|",
                              "-e", "frame.number", "-e", "frame.protocols",
                              "-e", "rcodex", "-e", "rcodex.rcode",
                              "-e", "rcodex.quoted",
                              "-e", "rcodex.anomaly",
                              "-e", "rcodex.condition.meaning"]).stdout
            got = {}
            for line in out.splitlines():
                cols = (line.split("\t") + [""] * 7)[:7]
                cols[4] = as_flag(cols[4])
                got[int(cols[0])] = cols
            for frame, (proto, rcode, quoted) in EXPECTED.items():
                cols = got.get(frame, [""] * 7)
                what = f"{'two passes' if passes else 'one pass'} frame {frame}"
                if proto not in cols[1].split(":"):
                    failures.append(f"{what}: no {proto} in {cols[1]!r}")
                if len([x for x in cols[2].split("|") if x]) != 1:
                    failures.append(f"{what}: rcodex elements {cols[2]!r}")
                if cols[3] != rcode or cols[4] != quoted:
                    failures.append(f"{what}: rcode {cols[3]!r} quoted "
                                    f"{cols[4]!r}, expected {rcode!r} "
                                    f"{quoted!r}")
                must, must_not = ANOMALIES.get(frame, ([], []))
                for a in must:
                    if a not in cols[5]:
                        failures.append(f"{what}: anomaly {a!r} missing "
                                        f"from {cols[5]!r}")
                for a in must_not:
                    if a in cols[5]:
                        failures.append(f"{what}: anomaly {a!r} reported: "
                                        f"{cols[5]!r}")
                if frame in MEANINGS and cols[6] != MEANINGS[frame]:
                    failures.append(f"{what}: condition meaning "
                                    f"{cols[6]!r}, expected "
                                    f"{MEANINGS[frame]!r}")
                if proto == "mdns" and "No question" in cols[5]:
                    failures.append(f"{what}: mDNS answer reported for "
                                    f"lacking a question: {cols[5]}")
    for f in failures:
        print("FAIL", f)
    print(f"{len(EXPECTED)} frames, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
