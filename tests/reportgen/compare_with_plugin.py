#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""rcreport against tshark with the rcodex plugin, capture by capture.

    compare_with_plugin.py [--strict] [--jobs N] RCREPORT PLUGIN_SO PATH...

Every capture file under the given paths (directories are walked) is read
by tshark with the plugin loaded and by rcreport (`--format json` for the
counts and the code distribution, `--format jsonl` for the transactions). Per file
one tab-separated line: DNS messages (plugin / rcreport), responses, paired
responses, whether the (code, condition) histograms of the responses are
equal, and the first frames where the two differ. Files where neither side
finds DNS are counted, not listed. Both call the same core, so a difference
is a difference in finding, reassembling or pairing messages.

--strict: exit 1 when any file differs (the CI use, on captures that must
agree); otherwise the exit status is 0 once every file was compared.
"""
import argparse
import collections
import concurrent.futures
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "plugin"))
from pluginenv import Tshark  # noqa: E402

CAPTURE_SUFFIXES = (".pcap", ".pcapng", ".cap", ".pcap.gz", ".pcapng.gz",
                    ".cap.gz", ".ntar", ".erf", ".snoop", ".trace", ".dmp")

FIELDS = ["frame.number", "rcodex.severity", "rcodex.rcode",
          "rcodex.condition", "rcodex.query_frame", "rcodex.quoted",
          "frame.protocols"]


class Side:
    """What one tool found in one capture."""

    def __init__(self):
        self.messages = 0
        self.quoted = 0
        # frame -> sorted list of (code, condition), one per response
        self.responses = collections.defaultdict(list)
        # response frame -> sorted list of matched query frames
        self.pairs = collections.defaultdict(list)
        # (code, condition) -> responses, multicast ones included
        self.codes = collections.Counter()
        self.multicast_frames = set()
        self.error = None

    def histogram(self):
        return self.codes

    def response_count(self):
        return sum(self.codes.values())

    def paired_count(self):
        return sum(len(v) for v in self.pairs.values())


def split(field):
    return [v for v in field.split(",") if v != ""] if field else []


def read_plugin(tshark, path):
    side = Side()
    args = ["-n", "-r", path, "-o", "tcp.desegment_tcp_streams:TRUE",
            "-T", "fields", "-E", "separator=/t", "-E", "occurrence=a",
            "-E", "aggregator=,"]
    for f in FIELDS:
        args += ["-e", f]
    p = tshark.run(args, check=False)
    if p.returncode not in (0, 2) and not p.stdout:
        side.error = "tshark exit %d" % p.returncode
        return side
    for line in p.stdout.splitlines():
        cols = line.split("\t") + [""] * len(FIELDS)
        if not cols[1] and not cols[5]:
            continue
        frame = int(cols[0])
        # a DNS message quoted in an ICMP error has rcodex.quoted and no
        # rcodex.severity
        quoted = sum(1 for v in split(cols[5]) if v in ("1", "True"))
        pdus = len(split(cols[1])) + quoted
        side.messages += pdus
        side.quoted += quoted
        codes = split(cols[2])
        conditions = [c for c in split(cols[3]) if c != "query"]
        if ":mdns" in cols[6] or ":llmnr" in cols[6]:
            side.multicast_frames.add(frame)
        for code, cond in zip(codes, conditions):
            side.responses[frame].append((int(code), cond))
            side.codes[(int(code), cond)] += 1
        for q in split(cols[4]):
            side.pairs[frame].append(int(q))
    for v in side.responses.values():
        v.sort()
    for v in side.pairs.values():
        v.sort()
    return side


def run_rcreport(rcreport, fmt, path):
    return subprocess.run([rcreport, "--format", fmt, path],
                          capture_output=True, text=True, errors="replace")


def read_rcreport(rcreport, path):
    """Message counts and the code distribution from the JSON document
    (multicast messages included), response frames and their queries from
    the JSON Lines transactions (unicast only)."""
    side = Side()
    doc = run_rcreport(rcreport, "json", path)
    if doc.returncode >= 2:
        side.error = (doc.stderr.strip().splitlines() or ["exit %d" %
                                                       doc.returncode])[-1]
        return side
    d = json.loads(doc.stdout)
    side.messages = d["totals"]["messages"] + d["totals"]["icmp_quoted"]
    side.quoted = d["totals"]["icmp_quoted"]
    for row in d["codes"]:
        side.codes[(row["rcode"], row["condition"])] += row["count"]
    lines = run_rcreport(rcreport, "jsonl", path)
    for line in lines.stdout.splitlines():
        t = json.loads(line)
        f = t["response_frame"]
        if f is None or t["rcode"] is None:
            continue
        side.responses[f].append((t["rcode"], t["condition"]))
        if t["query_frame"] is not None:
            side.pairs[f].append(t["query_frame"])
    for v in side.responses.values():
        v.sort()
    for v in side.pairs.values():
        v.sort()
    return side


def first_differences(plugin, ours, limit=4):
    out = []
    for frame in sorted(set(plugin.responses) | set(ours.responses)):
        if frame in plugin.multicast_frames and frame not in ours.responses:
            continue  # mDNS and LLMNR: not in rcreport's transactions
        a, b = plugin.responses.get(frame, []), ours.responses.get(frame, [])
        if a != b:
            out.append("frame %d: plugin %s rcreport %s" % (frame, a, b))
        elif plugin.pairs.get(frame, []) != ours.pairs.get(frame, []):
            out.append("frame %d: query plugin %s rcreport %s" % (
                frame, plugin.pairs.get(frame, []), ours.pairs.get(frame, [])))
        if len(out) == limit:
            break
    return out


def captures(paths):
    for top in paths:
        if os.path.isfile(top):
            yield top
            continue
        for root, _, files in os.walk(top):
            for name in sorted(files):
                if name.lower().endswith(CAPTURE_SUFFIXES):
                    yield os.path.join(root, name)


def compare(tshark, rcreport, path, index):
    copy = tshark.add_file(path, "%06d-%s" % (index, os.path.basename(path)))
    try:
        plugin = read_plugin(tshark, copy)
    finally:
        os.unlink(copy)
    ours = read_rcreport(rcreport, path)
    return path, plugin, ours


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--strict", action="store_true")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("rcreport")
    ap.add_argument("plugin")
    ap.add_argument("paths", nargs="+")
    a = ap.parse_args()

    tshark = Tshark(a.plugin)
    files = list(captures(a.paths))
    print("file\tmessages plugin\tmessages rcreport\tresponses plugin\t"
          "responses rcreport\tpaired plugin\tpaired rcreport\t"
          "histograms\tdifferences")
    compared = with_dns = differing = 0
    totals = collections.Counter()
    with concurrent.futures.ThreadPoolExecutor(a.jobs) as pool:
        jobs = [pool.submit(compare, tshark, a.rcreport, f, i)
                for i, f in enumerate(files)]
        for job in jobs:
            path, plugin, ours = job.result()
            compared += 1
            if not plugin.messages and not ours.messages:
                continue
            with_dns += 1
            same_hist = plugin.histogram() == ours.histogram()
            diffs = first_differences(plugin, ours)
            equal = (same_hist and not diffs and
                     plugin.messages == ours.messages)
            if not equal:
                differing += 1
            for k, v in (("plugin_messages", plugin.messages),
                         ("rcreport_messages", ours.messages),
                         ("plugin_responses", plugin.response_count()),
                         ("rcreport_responses", ours.response_count())):
                totals[k] += v
            notes = diffs + [e for e in (plugin.error and "plugin: " +
                                         plugin.error,
                                         ours.error and "rcreport: " +
                                         ours.error) if e]
            print("%s\t%d\t%d\t%d\t%d\t%d\t%d\t%s\t%s" % (
                path, plugin.messages, ours.messages,
                plugin.response_count(), ours.response_count(),
                plugin.paired_count(), ours.paired_count(),
                "equal" if same_hist else "DIFFERENT", "; ".join(notes)))
            sys.stdout.flush()
    print("# %d files compared, %d with DNS, %d differ; messages plugin %d "
          "rcreport %d, responses plugin %d rcreport %d" % (
              compared, with_dns, differing, totals["plugin_messages"],
              totals["rcreport_messages"], totals["plugin_responses"],
              totals["rcreport_responses"]))
    if a.strict and not with_dns:
        print("# no capture with DNS compared")
        return 1
    return 1 if a.strict and differing else 0


if __name__ == "__main__":
    sys.exit(main())
