#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Every sample capture through rcreport against its expectations.

For each samples/NAME.pcap* with samples/NAME.expect.tsv:
- `--format jsonl`: every DNS message, frame by frame, has the expected
  effective code, code name, source, condition, EDE codes, TSIG error,
  cookie facts and status;
- `--format json`: the totals and the code distribution add up to the
  expectations' counts.
Fails when there is no sample at all.

Usage: test_samples.py RCREPORT SAMPLES_DIR
"""
import collections
import glob
import json
import os
import subprocess
import sys

COLUMNS = ["frame", "kind", "rcode", "rcode_name", "source", "condition",
           "ede", "tsig_error", "cookie_client", "cookie_server",
           "cookie_valid", "status"]


CAPTURE_EXTENSIONS = (".pcap", ".pcapng", ".pcap.gz", ".pcapng.gz")


def read_expectations(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) != len(COLUMNS):
                raise ValueError("%s: bad line %r" % (path, line))
            rows.append(dict(zip(COLUMNS, fields)))
    return rows


def dash(v):
    return "-" if v is None else str(v)


def cookie_fields(cookie):
    if not cookie:
        return ("0", "0", "-")
    return tuple("1" if cookie[k] else "0"
                 for k in ("client", "server", "valid"))


def messages_from_jsonl(lines):
    """frame -> list of message rows (same columns as the expectations)."""
    by_frame = collections.defaultdict(list)
    for line in lines:
        t = json.loads(line)
        status = t["status"]
        qstatus = "answered" if status == "answered" else "unanswered"
        for frame in t["query_frames"]:
            c = cookie_fields(t.get("query_cookie"))
            by_frame[frame].append({
                "frame": str(frame), "kind": "query", "rcode": "-",
                "rcode_name": "-", "source": "-", "condition": "-",
                "ede": "-", "tsig_error": dash(t.get("query_tsig_error")),
                "cookie_client": c[0],
                "cookie_server": c[1], "cookie_valid": c[2],
                "status": qstatus})
        if t["response_frame"] is not None:
            c = cookie_fields(t["cookie"])
            ede = ",".join(str(e["code"]) for e in t["ede"]) or "-"
            by_frame[t["response_frame"]].append({
                "frame": str(t["response_frame"]), "kind": "response",
                "rcode": dash(t["rcode"]), "rcode_name": dash(t["rcode_name"]),
                "source": dash(t["rcode_source"]),
                "condition": dash(t["condition"]), "ede": ede,
                "tsig_error": dash(t["tsig_error"]),
                "cookie_client": c[0], "cookie_server": c[1],
                "cookie_valid": c[2],
                "status": "answered" if status == "answered"
                else "unsolicited"})
        if status == "unknown":
            by_frame[t["query_frame"]].append({"frame": str(t["query_frame"]),
                                               "kind": "unknown"})
    return by_frame


def key(row):
    return tuple(row.get(c, "") for c in COLUMNS)


def check_jsonl(name, expected, lines):
    errors = []
    got = messages_from_jsonl(lines)
    want = collections.defaultdict(list)
    for row in expected:
        if row["kind"] != "icmp":
            want[int(row["frame"])].append(row)
    for frame in sorted(set(want) | set(got)):
        w = sorted(key(r) for r in want.get(frame, []))
        g = sorted(key(r) for r in got.get(frame, []))
        if w != g:
            errors.append("%s frame %d:\n  expected %s\n  rcreport %s"
                          % (name, frame, w, g))
    return errors


def check_json(name, expected, doc):
    errors = []
    totals = doc["totals"]
    kinds = collections.Counter(r["kind"] for r in expected)
    want = {
        "queries": kinds["query"],
        "responses": kinds["response"],
        "icmp_quoted": kinds["icmp"],
        "unsolicited": sum(1 for r in expected if r["kind"] == "response"
                           and r["status"] == "unsolicited"),
    }
    for k, v in want.items():
        if totals[k] != v:
            errors.append("%s: totals.%s is %d, expected %d"
                          % (name, k, totals[k], v))
    codes_want = collections.Counter(
        (int(r["rcode"]), r["source"], r["condition"])
        for r in expected if r["kind"] == "response")
    codes_got = collections.Counter()
    for row in doc["codes"]:
        codes_got[(row["rcode"], row["rcode_source"],
                   row["condition"])] += row["count"]
    if codes_want != codes_got:
        errors.append("%s: code distribution %s, expected %s"
                      % (name, dict(codes_got), dict(codes_want)))
    if sum(codes_got.values()) != totals["responses"]:
        errors.append("%s: code rows do not add up to the responses" % name)
    ede_want = collections.Counter()
    for r in expected:
        if r["kind"] == "response" and r["ede"] != "-":
            for code in r["ede"].split(","):
                ede_want[int(code)] += 1
    ede_got = collections.Counter({row["code"]: row["count"]
                                   for row in doc["ede"]})
    if ede_want != ede_got:
        errors.append("%s: EDE counts %s, expected %s"
                      % (name, dict(ede_got), dict(ede_want)))
    return errors


def main():
    rcreport, samples = sys.argv[1], sys.argv[2]
    pairs = []
    for tsv in sorted(glob.glob(os.path.join(samples, "*.expect.tsv"))):
        base = tsv[:-len(".expect.tsv")]
        captures = [base + ext for ext in CAPTURE_EXTENSIONS
                    if os.path.exists(base + ext)]
        for cap in sorted(captures):
            pairs.append((cap, tsv))
    if not pairs:
        print("FAIL: no samples/*.pcap* with a .expect.tsv in " + samples)
        return 1
    errors = []
    for cap, tsv in pairs:
        name = os.path.basename(cap)
        expected = read_expectations(tsv)
        r = subprocess.run([rcreport, "--format", "jsonl", cap],
                           capture_output=True, text=True, timeout=600)
        if r.returncode not in (0, 1):
            errors.append("%s: jsonl exit %d: %s" % (name, r.returncode,
                                                     r.stderr.strip()))
            continue
        errors += check_jsonl(name, expected, r.stdout.splitlines())
        r = subprocess.run([rcreport, "--format", "json", cap],
                           capture_output=True, text=True, timeout=600)
        if r.returncode not in (0, 1):
            errors.append("%s: json exit %d: %s" % (name, r.returncode,
                                                    r.stderr.strip()))
            continue
        errors += check_json(name, expected, json.loads(r.stdout))
        print("%s: %d messages checked" % (name, len(expected)))
    for e in errors:
        print("FAIL: " + e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
