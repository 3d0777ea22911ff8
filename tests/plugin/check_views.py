#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""What a Wireshark user sees, against the samples' expectations:

- tshark -V: an "RCODE analysis" subtree inside every "Domain Name System"
  tree, one per DNS message, and an "Effective RCODE" line under the 4-bit
  "Reply code" exactly where the true code differs from it (EDNS extended
  codes such as BADCOOKIE and BADVERS, TSIG errors);
- with -o rcodex.in_dns_tree:FALSE the subtrees are top-level items instead
  (text and PDML) and the "Reply code" line is left alone;
- tshark -z expert: one expert info per non-NOERROR response code, per EDE
  and per NODATA response, with the severities the registry gives
  (SERVFAIL a warning, NODATA a note);
- tshark -z rcodex,tree: responses counted by effective code, condition,
  EDE and TSIG error.

usage: check_views.py PLUGIN_SO SAMPLES_DIR
"""
import collections
import os
import re
import sys
import xml.etree.ElementTree as ET

from pluginenv import Tshark, read_expectations, sample_captures

TCP = ["-o", "tcp.desegment_tcp_streams:TRUE"]
OFF = ["-o", "rcodex.in_dns_tree:FALSE"]


def split_frames(text):
    """-V text -> {frame number: [lines]}."""
    frames, lines = {}, None
    for line in text.splitlines():
        m = re.match(r"Frame (\d+): ", line)
        if m:
            lines = frames.setdefault(int(m.group(1)), [])
        if lines is not None:
            lines.append(line)
    return frames


def tree_facts(lines):
    """(subtrees inside a DNS tree, top-level subtrees, Effective RCODE
    lines under Reply code) of one frame's -V text."""
    inside, top, notes = 0, 0, []
    dns_indent = None  # of the "Domain Name System" line we are inside
    for i, line in enumerate(lines):
        indent = len(line) - len(line.lstrip())
        if dns_indent is not None and indent <= dns_indent:
            dns_indent = None
        # The DNS tree is top-level, or (tshark 4.2 and later) nested in
        # the ICMP error that quotes the message.
        if line.lstrip().startswith("Domain Name System"):
            dns_indent = indent
        elif line.lstrip().startswith("RCODE analysis: "):
            if indent == 0:
                top += 1
            elif dns_indent is not None and indent == dns_indent + 4:
                inside += 1
        if "= Reply code: " in line and i + 1 < len(lines):
            indent = len(line) - len(line.lstrip())
            nxt = lines[i + 1]
            m = re.match(r"\[Effective RCODE: (\S+) \((\d+)\)", nxt.strip())
            if m and len(nxt) - len(nxt.lstrip()) > indent:
                notes.append((m.group(1), m.group(2)))
    return inside, top, notes


def check_verbose(tshark, name, copy, rows):
    failures = []
    by_frame = collections.defaultdict(list)
    for r in rows:
        by_frame[r["frame"]].append(r)
    shown = split_frames(tshark.run(["-n", "-r", copy, *TCP, "-V"]).stdout)
    hidden = split_frames(tshark.run(["-n", "-r", copy, *TCP, *OFF,
                                      "-V"]).stdout)
    notes_seen = 0
    for frame in sorted(set(shown) | set(by_frame)):
        exp = by_frame.get(frame, [])
        want_notes = [(r["rcode_name"], r["rcode"]) for r in exp
                      if r["kind"] == "response" and r["source"] != "header"]
        inside, top, notes = tree_facts(shown.get(frame, []))
        if (inside, top, notes) != (len(exp), 0, want_notes):
            failures.append(
                f"{name} frame {frame}: -V shows {inside} subtrees in the "
                f"DNS tree, {top} top-level, notes {notes}; expected "
                f"{len(exp)}, 0, {want_notes}")
        notes_seen += len(notes)
        inside, top, notes = tree_facts(hidden.get(frame, []))
        if (inside, top, notes) != (0, len(exp), []):
            failures.append(
                f"{name} frame {frame}: with rcodex.in_dns_tree:FALSE -V "
                f"shows {inside} subtrees in the DNS tree, {top} top-level, "
                f"notes {notes}; expected 0, {len(exp)}, []")
    return failures, notes_seen


def check_pdml_top_level(tshark, name, copy, rows):
    out = tshark.run(["-n", "-r", copy, *TCP, *OFF, "-T", "pdml"]).stdout
    top = nested = 0
    for packet in ET.fromstring(out).iter("packet"):
        top += sum(1 for p in packet.findall("proto")
                   if p.get("name") == "rcodex")
        nested += sum(1 for p in packet.findall("proto")
                      for q in p.iter("proto") if q.get("name") == "rcodex"
                      and q is not p)
    if (top, nested) != (len(rows), 0):
        return [f"{name}: with rcodex.in_dns_tree:FALSE PDML has {top} "
                f"top-level and {nested} nested rcodex elements, expected "
                f"{len(rows)} and 0"]
    return []


def parse_expert(text):
    """-z expert -> list of (severity, group, protocol, summary, count)."""
    out, severity = [], None
    for line in text.splitlines():
        m = re.match(r"(Errors|Warns|Notes|Chats|Comments) \(\d+\)$", line)
        if m:
            severity = m.group(1)
            continue
        m = re.match(r"\s+(\d+)\s+(\S+)\s+(\S+)\s+(.*\S)\s*$", line)
        if m and severity:
            out.append((severity, m.group(2), m.group(3), m.group(4),
                        int(m.group(1))))
    return out


def parse_tree(text):
    """-z rcodex,tree -> {(parent, item): count}."""
    counts, parent, started = {}, None, False
    for line in text.splitlines():
        if line.startswith("Topic / Item"):
            started = True
            continue
        if not started or line.startswith("-") or not line.strip():
            continue
        m = re.match(r"( *)(\S.*?)\s{2,}(\d+)\s", line)
        if not m:
            continue
        if m.group(1):
            counts[(parent, m.group(2))] = int(m.group(3))
        else:
            parent = m.group(2)
            counts[(None, parent)] = int(m.group(3))
    return counts


def check_stats(tshark, name, copy, rows):
    failures = []
    responses = [r for r in rows if r["kind"] == "response"]
    out = tshark.run(["-n", "-r", copy, *TCP, "-q", "-z", "expert"]).stdout
    expert = [e for e in parse_expert(out) if e[2] == "rcodex"]

    def expert_count(prefix, severity=None):
        return sum(e[4] for e in expert if e[3].startswith(prefix)
                   and (severity is None or e[0] == severity))

    want = collections.Counter()
    for r in responses:
        if r["rcode"] != "0":
            want[f"{r['rcode_name']} ({r['rcode']}): "] += 1
        if r["condition"] == "nodata":
            want["NODATA"] += 1
        for code in (r["ede"].split(",") if r["ede"] != "-" else []):
            want[f"EDE {code} "] += 1
    for prefix, n in sorted(want.items()):
        if expert_count(prefix) != n:
            failures.append(f"{name}: -z expert has {expert_count(prefix)} "
                            f"'{prefix}...', expected {n}")
    if expert_count("NOERROR"):
        failures.append(f"{name}: -z expert reports NOERROR")
    for prefix, severity in (("NODATA", "Notes"), ("SERVFAIL (2)", "Warns")):
        if expert_count(prefix) != expert_count(prefix, severity):
            failures.append(f"{name}: -z expert has '{prefix}' other than "
                            f"in {severity}")

    out = tshark.run(["-n", "-r", copy, *TCP, "-q", "-z",
                      "rcodex,tree"]).stdout
    tree = parse_tree(out)
    exp = collections.Counter()
    exp[(None, "Responses")] = len(responses)
    exp[(None, "Effective RCODE")] = len(responses)
    exp[(None, "Condition")] = len(responses)
    exp[(None, "Extended DNS Error")] = sum(1 for r in responses
                                            if r["ede"] != "-")
    exp[(None, "TSIG error")] = sum(1 for r in responses
                                    if r["tsig_error"] != "-")
    for r in responses:
        exp[("Effective RCODE", f"{r['rcode_name']} ({r['rcode']})")] += 1
        exp[("Condition", r["condition"])] += 1
        for code in (r["ede"].split(",") if r["ede"] != "-" else []):
            exp[("Extended DNS Error", code)] += 1
        if r["tsig_error"] != "-":
            exp[("TSIG error", r["tsig_error"])] += 1
    got = collections.Counter()
    for (parent, item), n in tree.items():
        if parent == "Condition":
            item = item.replace(" (after CNAME chain)", "")
        elif parent == "Extended DNS Error":
            item = item.split(" ")[0]           # "7 Signature Expired"
        elif parent == "TSIG error":
            item = re.sub(r".*\((\d+)\)$", r"\1", item)  # "BADTIME (18)"
        got[(parent, item)] += n
    for key in sorted(set(exp) | set(got), key=str):
        if exp[key] != got[key]:
            failures.append(f"{name}: -z rcodex,tree {key[0] or ''} / "
                            f"{key[1]}: {got[key]}, expected {exp[key]}")
    return failures, len(responses)


def main():
    plugin, samples = sys.argv[1], sys.argv[2]
    failures, notes, responses = [], 0, 0
    with Tshark(plugin) as tshark:
        for capture, tsv in sample_captures(samples):
            name = os.path.basename(capture)
            copy = tshark.add_file(capture)
            rows = read_expectations(tsv)
            f, n = check_verbose(tshark, name, copy, rows)
            notes += n
            f += check_pdml_top_level(tshark, name, copy, rows)
            g, r = check_stats(tshark, name, copy, rows)
            responses += r
            for line in (f + g)[:20]:
                print("FAIL", line)
            print(f"{'FAIL' if f or g else 'ok  '} {name}")
            failures += f + g
    if notes == 0:
        failures.append("no Effective RCODE line under Reply code anywhere")
        print("FAIL", failures[-1])
    print(f"{responses} responses, {notes} Effective RCODE lines, "
          f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
