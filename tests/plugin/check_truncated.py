#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Every sample capture cut short at many snapshot lengths (editcap -s,
every few octets from the link-layer header to the longest frame, the
copies of one sample joined into one capture with mergecap -a): tshark
exits 0, no dissector bug or exception is pinned on rcodex, every DNS
message Wireshark dissects gets an analysis, and every DNS message cut
short carries at least one rcodex.anomaly.

usage: check_truncated.py PLUGIN_SO SAMPLES_DIR
"""
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

from pluginenv import Tshark, as_flag, sample_captures

# Frames per joined capture, at most: bounds the run time of big samples.
FRAME_BUDGET = 12000
SEP = "\x1e"
TCP = ["-o", "tcp.desegment_tcp_streams:TRUE"]


def frame_lengths(path):
    out = subprocess.run(["capinfos", "-T", "-r", "-c", "-M", path],
                         check=True, capture_output=True, text=True).stdout
    packets = int(out.split("\t")[-1])
    out = subprocess.run(["tshark", "-n", "-r", path, "-T", "fields", "-e",
                          "frame.len"], check=True, capture_output=True,
                         text=True).stdout
    return packets, max(int(x) for x in out.split())


def cut_copies(tshark, capture):
    """One capture holding the sample cut at every few snapshot lengths."""
    name = os.path.basename(capture).split(".")[0]
    packets, longest = frame_lengths(capture)
    step = max(3, longest * packets // FRAME_BUDGET + 1)
    parts = []
    for snaplen in range(14, longest, step):
        part = tshark.path(f"{name}.cut{snaplen}.pcapng")
        subprocess.run(["editcap", "-F", "pcapng", "-s", str(snaplen),
                        capture, part], check=True, capture_output=True)
        parts.append(part)
    joined = tshark.path(f"{name}.cut.pcapng")
    subprocess.run(["mergecap", "-a", "-F", "pcapng", "-w", joined, *parts],
                   check=True, capture_output=True)
    for part in parts:
        os.unlink(part)
    os.chmod(joined, 0o644)
    return joined, len(parts), step


def check(tshark, name, joined):
    """Every DNS message tshark dissects has an analysis."""
    failures = []
    p = tshark.run(["-n", "-r", joined, *TCP, "-T", "fields",
                    "-E", "separator=/t", "-E", "occurrence=a",
                    "-E", f"aggregator={SEP}", "-e", "frame.number",
                    "-e", "frame.len", "-e", "frame.cap_len", "-e", "dns",
                    "-e", "rcodex"], check=False)
    if p.returncode != 0:
        return [f"{name}: tshark exited with {p.returncode}: "
                f"{p.stderr.strip()[-500:]}"], 0
    messages = 0
    for line in p.stdout.split("\n"):
        if not line:
            continue
        cols = (line.split("\t") + [""] * 5)[:5]
        frame, length, caplen = cols[0], int(cols[1]), int(cols[2])
        dns = [x for x in cols[3].split(SEP) if x]
        analyses = [x for x in cols[4].split(SEP) if x]
        if len(dns) != len(analyses):
            failures.append(f"{name} frame {frame} (cut at {caplen} of "
                            f"{length}): {len(dns)} DNS messages, "
                            f"{len(analyses)} analyses")
        messages += len(dns)
    return failures, messages


def message_is_cut(dns):
    """Whether a dns element of the packet details holds less than the
    whole message. Over TCP the 2-octet length prefix gives the message's
    size (RFC 1035 §4.2.2); a later message of the segment that Wireshark
    did not get to dissect is not in the details at all. A message without
    the prefix (UDP) ends with the frame, which is cut."""
    for field in dns.iter("field"):
        if field.get("name") == "dns.length":
            return int(dns.get("size")) < int(field.get("show")) + 2
    return True


def cut_messages(tshark, name, joined):
    """Every DNS message cut short carries at least one rcodex.anomaly
    (or is labelled as quoted in an ICMP error)."""
    out = tshark.run(["-n", "-r", joined, *TCP, "-Y",
                      "frame.cap_len < frame.len && dns", "-T", "pdml"]).stdout
    failures, cut = [], 0
    for packet in ET.fromstring(out).iter("packet"):
        frame = next(f.get("show") for f in packet.iter("field")
                     if f.get("name") == "frame.number")
        dns = [p for p in packet.iter("proto") if p.get("name") == "dns"]
        analyses = [p for p in packet.iter("proto")
                    if p.get("name") == "rcodex"]
        for message, analysis in zip(dns, analyses):
            if not message_is_cut(message):
                continue
            cut += 1
            fields = {f.get("name"): f.get("show")
                      for f in analysis.iter("field")}
            if ("rcodex.anomaly" not in fields
                    and as_flag(fields.get("rcodex.quoted", "0")) != "1"):
                failures.append(f"{name} frame {frame}: a message cut at "
                                f"{message.get('size')} octets has no "
                                f"rcodex.anomaly: {analysis.get('showname')}")
    return failures, cut


def dissector_bugs(tshark, name, joined):
    """Exceptions shown in the packet details that name rcodex."""
    proc = subprocess.Popen(tshark.command(["-n", "-r", joined, "-V"]),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, errors="replace")
    bad = []
    for line in proc.stdout:
        if ("Dissector bug" in line or "Malformed Packet: rcodex" in line
                or "Malformed Packet: RCODE" in line):
            if len(bad) < 5:
                bad.append(f"{name} -V: {line.strip()}")
    proc.wait()
    if proc.returncode != 0:
        bad.append(f"{name} -V: tshark exited with {proc.returncode}: "
                   f"{proc.stderr.read().strip()[-500:]}")
    return bad


def main():
    plugin, samples = sys.argv[1], sys.argv[2]
    failures = []
    with Tshark(plugin) as tshark:
        for capture, _ in sample_captures(samples):
            name = os.path.basename(capture)
            joined, copies, step = cut_copies(tshark, capture)
            f, messages = check(tshark, name, joined)
            cut_failures, cut = cut_messages(tshark, name, joined)
            f += cut_failures
            f += dissector_bugs(tshark, name, joined)
            for line in f[:10]:
                print("FAIL", line)
            print(f"{'FAIL' if f else 'ok  '} {name}: {copies} cuts every "
                  f"{step} octets, {messages} DNS messages analysed, {cut} "
                  f"of them cut short")
            failures += f
            os.unlink(joined)
    print(f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
