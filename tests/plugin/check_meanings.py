#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""The meaning of a response code follows the field that carries it
(RFC 6895 §2.3, RFC 2930 §2.6), the EDNS evidence of a FORMERR (RFC 6891
§7) and the rules of mDNS (RFC 6762 §18.11): the plugin shows the core's
entry for each case, in a built capture and in the recorded
samples/signed-update.pcap.

usage: check_meanings.py PLUGIN_SO SAMPLES_DIR
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "reportgen"))
import pcapgen  # noqa: E402

from pluginenv import Tshark  # noqa: E402

# frame -> (rcodex.rcode, rcodex.meaning, rcodex.condition.meaning or None,
#           anomaly that must be reported or None)
BUILT = {
    2: ("9", "Server not authoritative for the zone", None, None),
    4: ("16", "TSIG signature failure", None, None),
    6: ("16", "Bad OPT version", None, None),
    8: ("19", "Bad TKEY mode", None, None),
    10: ("1", "Format error from a server with EDNS", None, None),
    12: ("1", "Format error from a server without EDNS", None, None),
    13: ("3", "Non-existent domain", "mDNS response with a non-zero RCODE",
         "mDNS RCODE"),
}

# samples/signed-update.pcap, recorded from BIND and Knot
RECORDED = {
    4: ("9", "Server not authoritative for the zone", None, None),
    6: ("17", "Key not recognized", None, None),
    8: ("17", "Key not recognized", None, None),
    10: ("9", "Server not authoritative for the zone", None, None),
    12: ("20", "Key name in use, or unknown to a deletion", None, None),
    14: ("9", "NOTIFY for a zone the receiver does not serve", None, None),
    16: ("9", "NOTIFY for a zone the receiver does not serve", None, None),
}


def check(tshark, capture, expected, name):
    failures = []
    out = tshark.run(["-n", "-r", capture, "-T", "fields",
                      "-e", "frame.number", "-e", "rcodex.rcode",
                      "-e", "rcodex.meaning", "-e", "rcodex.condition.meaning",
                      "-e", "rcodex.anomaly"]).stdout
    got = {}
    for line in out.splitlines():
        cols = (line.split("\t") + [""] * 5)[:5]
        got[int(cols[0])] = cols
    for frame, (rcode, meaning, condition, anomaly) in expected.items():
        cols = got.get(frame, [""] * 5)
        what = f"{name} frame {frame}"
        if (cols[1], cols[2]) != (rcode, meaning):
            failures.append(f"{what}: {cols[1]!r} {cols[2]!r}, expected "
                            f"{rcode!r} {meaning!r}")
        if condition and cols[3] != condition:
            failures.append(f"{what}: condition meaning {cols[3]!r}, "
                            f"expected {condition!r}")
        if anomaly and anomaly not in cols[4]:
            failures.append(f"{what}: anomaly {anomaly!r} missing from "
                            f"{cols[4]!r}")
    return failures


def main():
    plugin, samples = sys.argv[1], sys.argv[2]
    with Tshark(plugin) as tshark:
        built = tshark.path("meanings.pcap")
        with open(built, "wb") as f:
            f.write(pcapgen.meanings_capture())
        os.chmod(built, 0o644)
        failures = check(tshark, built, BUILT, "built")
        recorded = tshark.add_file(os.path.join(samples,
                                                "signed-update.pcap"))
        failures += check(tshark, recorded, RECORDED, "signed-update.pcap")
    for f in failures:
        print("FAIL", f)
    print(f"{len(BUILT) + len(RECORDED)} responses, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
