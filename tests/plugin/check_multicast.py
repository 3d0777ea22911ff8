#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""DNS the sample captures do not hold, built here: mDNS (a query, and an
announcement without a question, which RFC 6762 §6 makes normal), LLMNR (a
query and an NXDOMAIN response) and a DNS query quoted inside an ICMPv6
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

from pluginenv import Tshark  # noqa: E402


def ipv6_frame(src, dst, next_header, payload):
    ip = struct.pack("!IHBB16s16s", 6 << 28, len(payload), next_header, 64,
                     src, dst)
    eth = b"\x02\0\0\0\0\x02" + b"\x02\0\0\0\0\x01" + b"\x86\xdd"
    return eth + ip + payload


def build():
    g = pcapgen
    mdns_answer = (struct.pack("!HHHHHH", 0, 0x8400, 0, 1, 0, 0)
                   + g.wire_name("printer.local")
                   + struct.pack("!HHIH", 1, 0x8001, 120, 4)
                   + bytes([192, 0, 2, 7]))
    llmnr_nxdomain = (struct.pack("!HHHHHH", 0x4242, 0x8003, 1, 0, 0, 0)
                      + g.wire_name("host1") + struct.pack("!HH", 1, 1))
    client = bytes.fromhex("20010db8000000000000000000000001")
    server = bytes.fromhex("20010db8000000000000000000000053")
    query = g.dns_query(0x5151, "www.example.com")
    quoted_udp = struct.pack("!HHHH", 40001, 53, 8 + len(query), 0) + query
    quoted = (struct.pack("!IHBB16s16s", 6 << 28, len(quoted_udp), 17, 64,
                          client, server) + quoted_udp)
    icmpv6 = struct.pack("!BBHI", 1, 4, 0, 0) + quoted
    frames = [
        g.udp_frame("192.0.2.1", "224.0.0.251", 5353, 5353,
                    g.dns_query(0, "printer.local")),
        g.udp_frame("192.0.2.7", "224.0.0.251", 5353, 5353, mdns_answer),
        g.udp_frame("192.0.2.1", "224.0.0.252", 50000, 5355,
                    g.dns_query(0x4242, "host1")),
        g.udp_frame("192.0.2.9", "192.0.2.1", 5355, 50000, llmnr_nxdomain),
        ipv6_frame(server, client, 58, icmpv6),
    ]
    return g.pcap_bytes(frames)


# frame -> (protocol, expected rcodex.rcode or "" for none, quoted)
EXPECTED = {
    1: ("mdns", "", ""),
    2: ("mdns", "0", ""),
    3: ("llmnr", "", ""),
    4: ("llmnr", "3", ""),
    5: ("icmpv6", "", "1"),
}


def main():
    plugin = sys.argv[1]
    failures = []
    with Tshark(plugin) as tshark:
        capture = tshark.path("multicast.pcap")
        with open(capture, "wb") as f:
            f.write(build())
        os.chmod(capture, 0o644)
        for passes in ([], ["-2"]):
            out = tshark.run(["-n", "-r", capture, *passes, "-T", "fields",
                              "-E", "occurrence=a", "-E", "aggregator=|",
                              "-e", "frame.number", "-e", "frame.protocols",
                              "-e", "rcodex", "-e", "rcodex.rcode",
                              "-e", "rcodex.quoted",
                              "-e", "rcodex.anomaly"]).stdout
            got = {}
            for line in out.splitlines():
                cols = (line.split("\t") + [""] * 6)[:6]
                got[int(cols[0])] = cols
            for frame, (proto, rcode, quoted) in EXPECTED.items():
                cols = got.get(frame, [""] * 6)
                what = f"{'two passes' if passes else 'one pass'} frame {frame}"
                if proto not in cols[1].split(":"):
                    failures.append(f"{what}: no {proto} in {cols[1]!r}")
                if len([x for x in cols[2].split("|") if x]) != 1:
                    failures.append(f"{what}: rcodex elements {cols[2]!r}")
                if cols[3] != rcode or cols[4] != quoted:
                    failures.append(f"{what}: rcode {cols[3]!r} quoted "
                                    f"{cols[4]!r}, expected {rcode!r} "
                                    f"{quoted!r}")
                if proto == "mdns" and "No question" in cols[5]:
                    failures.append(f"{what}: mDNS answer reported for "
                                    f"lacking a question: {cols[5]}")
    for f in failures:
        print("FAIL", f)
    print(f"{len(EXPECTED)} frames, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
