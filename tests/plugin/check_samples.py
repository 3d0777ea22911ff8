#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Every DNS message of every sample capture, as the plugin analyses it in
tshark, against the sample's expectations file.

Two views of the same run: the packet details (-T pdml, one "rcodex" proto
element per DNS message, in message order) compared message by message, and
the issue's field extraction (-T fields -e frame.number -e rcodex.rcode ...)
compared frame by frame, the values of a frame's messages joined in order.

usage: check_samples.py PLUGIN_SO SAMPLES_DIR
"""
import collections
import os
import sys
import xml.etree.ElementTree as ET

from pluginenv import Tshark, as_flag, read_expectations, sample_captures

TCP = ["-o", "tcp.desegment_tcp_streams:TRUE"]
FIELDS = ["rcodex.rcode", "rcodex.condition", "rcodex.ede.code",
          "rcodex.tsig.error", "rcodex.quoted"]


def pdml_messages(tshark, capture):
    """frame number -> list of {field: [values]}, one per rcodex element."""
    out = tshark.run(["-n", "-r", capture, *TCP, "-T", "pdml"]).stdout
    frames = collections.defaultdict(list)
    for packet in ET.fromstring(out).iter("packet"):
        number = None
        for field in packet.iter("field"):
            if field.get("name") == "num":
                number = int(field.get("show"))
                break
        for proto in packet.iter("proto"):
            if proto.get("name") != "rcodex":
                continue
            values = collections.defaultdict(list)
            for field in proto.iter("field"):
                values[field.get("name")].append(field.get("show"))
            frames[number].append(values)
    return frames


def as_row(values):
    """An rcodex element in the expectations' columns."""
    def one(name, absent="-"):
        v = values.get(name)
        if not v:
            return absent
        return v[0] if len(v) == 1 else ",".join(v)

    def flag(name, absent="-"):
        return ",".join(as_flag(v) for v in one(name, absent).split(","))

    if flag("rcodex.quoted") == "1":
        return {"kind": "icmp"}
    return {
        "kind": "response" if "rcodex.rcode" in values else "query",
        "rcode": one("rcodex.rcode"),
        "rcode_name": one("rcodex.rcode.name"),
        "source": one("rcodex.rcode.source"),
        "condition": one("rcodex.condition"),
        "ede": one("rcodex.ede.code"),
        "tsig_error": one("rcodex.tsig.error"),
        "cookie_client": flag("rcodex.cookie.client", "0"),
        "cookie_server": flag("rcodex.cookie.server", "0"),
        "cookie_valid": flag("rcodex.cookie.valid"),
    }


def compare_pdml(name, expected, got):
    failures = []
    by_frame = collections.defaultdict(list)
    for row in expected:
        by_frame[row["frame"]].append(row)
    for frame in sorted(set(by_frame) | set(got)):
        exp, mine = by_frame.get(frame, []), got.get(frame, [])
        if len(exp) != len(mine):
            failures.append(f"{name} frame {frame}: {len(mine)} rcodex "
                            f"elements, expected {len(exp)} DNS messages")
            continue
        for i, (e, values) in enumerate(zip(exp, mine)):
            g = as_row(values)
            keys = ["kind"] if e["kind"] == "icmp" else list(g)
            diff = [f"{k}: got {g.get(k)!r} expected {e[k]!r}"
                    for k in keys if g.get(k) != e[k]]
            if diff:
                failures.append(f"{name} frame {frame} message {i + 1}: "
                                + "; ".join(diff))
    return failures


def compare_fields(name, tshark, capture, expected):
    out = tshark.run(["-n", "-r", capture, *TCP, "-T", "fields",
                      "-E", "separator=/t", "-E", "occurrence=a",
                      "-E", "aggregator=,", "-e", "frame.number",
                      *sum((["-e", f] for f in FIELDS), [])]).stdout
    want = collections.defaultdict(lambda: [[] for _ in FIELDS])
    for row in expected:
        cols = want[row["frame"]]
        if row["kind"] == "icmp":
            cols[4].append("1")
            continue
        for i, key in enumerate(["rcode", "condition", "ede", "tsig_error"]):
            if row[key] != "-":
                cols[i].append(row[key])
    failures, single = [], 0
    for line in out.splitlines():
        cols = line.split("\t")
        cols += [""] * (len(FIELDS) + 1 - len(cols))
        cols[5] = ",".join(as_flag(v) for v in cols[5].split(",") if v)
        frame = int(cols[0])
        exp = [",".join(v) for v in want[frame]]
        if sum(1 for r in expected if r["frame"] == frame) == 1:
            single += 1
        if cols[1:] != exp:
            failures.append(f"{name} frame {frame}: -T fields gave "
                            f"{cols[1:]}, expected {exp} ({', '.join(FIELDS)})")
    if single == 0:
        failures.append(f"{name}: no frame with a single DNS message")
    return failures


def main():
    plugin, samples = sys.argv[1], sys.argv[2]
    failures = 0
    with Tshark(plugin) as tshark:
        for capture, tsv in sample_captures(samples):
            name = os.path.basename(capture)
            copy = tshark.add_file(capture)
            expected = read_expectations(tsv)
            problems = compare_pdml(name, expected,
                                    pdml_messages(tshark, copy))
            problems += compare_fields(name, tshark, copy, expected)
            for p in problems[:20]:
                print("FAIL", p)
            if len(problems) > 20:
                print(f"FAIL {name}: {len(problems) - 20} more differences")
            print(f"{'FAIL' if problems else 'ok  '} {name}: "
                  f"{len(expected)} messages")
            failures += len(problems)
    print(f"{failures} differences")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
