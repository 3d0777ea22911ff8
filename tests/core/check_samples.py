#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Every DNS message of every sample capture, as tshark extracts it, parsed
and diagnosed by the core (rcx-inspect), compared with the sample's
expectations file. Messages must parse without wire problems unless the
expectations file marks the sample as malformed on purpose
("# malformed" comment line).

usage: check_samples.py RCX_INSPECT SAMPLES_DIR
"""
import glob
import json
import os
import subprocess
import sys

COLUMNS = ["kind", "rcode", "rcode_name", "source", "condition", "ede",
           "tsig_error", "cookie_client", "cookie_server", "cookie_valid"]


def read_expectations(path):
    rows, malformed = [], False
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                continue
            if line.startswith("#"):
                malformed |= line.lower().startswith("# malformed")
                continue
            cols = line.split("\t")
            rows.append({"frame": cols[0], **dict(zip(COLUMNS + ["status"], cols[1:]))})
    return rows, malformed


def tshark_messages(capture):
    out = subprocess.run(
        ["tshark", "-r", capture, "-T", "json", "-x", "--no-duplicate-keys",
         "-o", "tcp.desegment_tcp_streams:TRUE", "-Y", "dns"],
        check=True, capture_output=True, text=True).stdout
    messages = []
    for packet in json.loads(out or "[]"):
        layers = packet["_source"]["layers"]
        frame = layers["frame"]["frame.number"]
        quoting = layers.get("icmp") or layers.get("icmpv6")
        raw = layers.get("dns_raw")
        if raw is None and isinstance(quoting, dict):
            # tshark 4.2 and later nest the packet an ICMP error quotes
            # inside the ICMP layer; 4.0 lists it at the top level.
            raw = quoting.get("dns_raw")
        if raw is None:
            continue
        pieces = raw if isinstance(raw[0], list) else [raw]
        if quoting is not None:
            messages.extend((frame, "icmp", None) for _ in pieces)
            continue
        for piece in pieces:
            hexstr = piece[0]
            if "tcp" in layers:
                hexstr = hexstr[4:]  # 2-octet length prefix, RFC 1035 §4.2.2
            messages.append((frame, "dns", hexstr))
    return messages


def main():
    inspect, samples = sys.argv[1], sys.argv[2]
    captures = sorted(p for p in glob.glob(os.path.join(samples, "*.pcap*"))
                      if os.path.exists(p.rsplit(".", 1)[0] + ".expect.tsv"))
    if not captures:
        print("no sample captures with expectations in", samples)
        return 1
    failures = 0
    for capture in captures:
        expect_path = capture.rsplit(".", 1)[0] + ".expect.tsv"
        expected, malformed = read_expectations(expect_path)
        messages = tshark_messages(capture)
        dns_lines = [f"{frame}\t{hexstr}" for frame, kind, hexstr in messages if kind == "dns"]
        result = subprocess.run([inspect], input="\n".join(dns_lines) + "\n",
                                check=True, capture_output=True, text=True).stdout
        got_dns = iter(result.splitlines())
        got = []
        for frame, kind, _ in messages:
            if kind == "icmp":
                got.append({"frame": frame, "kind": "icmp"})
                continue
            cols = next(got_dns).split("\t")
            row = {"frame": cols[0], **dict(zip(COLUMNS, cols[1:11]))}
            row["problems"], row["summary"] = cols[11], cols[12]
            got.append(row)
        name = os.path.basename(capture)
        if len(got) != len(expected):
            print(f"FAIL {name}: {len(got)} DNS messages, expected {len(expected)}")
            failures += 1
        bad = 0
        for g, e in zip(got, expected):
            keys = ["frame", "kind"] if e["kind"] == "icmp" else ["frame"] + COLUMNS
            diff = [k for k in keys if g.get(k) != e.get(k)]
            wire = [p for p in g.get("problems", "-").split(",") if p.startswith("problem.")]
            if wire and not malformed:
                diff.append("wire problems " + ",".join(wire))
            if diff:
                bad += 1
                if bad <= 10:
                    print(f"FAIL {name} frame {e['frame']}: " + "; ".join(
                        f"{k}: got {g.get(k)!r} expected {e.get(k)!r}" if not k.startswith("wire") else k
                        for k in diff) + f"  [{g.get('summary', '')}]")
        failures += bad
        print(f"{'ok  ' if not bad and len(got) == len(expected) else 'FAIL'} {name}: {len(got)} messages, {bad} differ")
    print(f"{len(captures)} captures checked, {failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
