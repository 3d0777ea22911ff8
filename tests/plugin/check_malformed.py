#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""The core's malformed test messages, each sent once over UDP and once over
TCP in a generated capture: tshark exits 0, no dissector bug or exception is
pinned on rcodex, every DNS message gets an analysis, and its rcodex.anomaly
names the problem the core's test expects (and where, when the core's test
checks the offset), on one pass and on a second pass.

A zero-octet message is not dissected as DNS by Wireshark at all (an empty
UDP payload; a TCP length prefix of 0 makes the DNS dissector throw before
it adds its tree), so there is nothing for the plugin to analyse there.

usage: check_malformed.py PLUGIN_SO MALFORMED_PCAP_PROGRAM
"""
import subprocess
import sys

from pluginenv import Tshark

NOT_DNS_IN_WIRESHARK = {"zero_byte_message"}


def main():
    plugin, generator = sys.argv[1], sys.argv[2]
    failures = []
    with Tshark(plugin) as tshark:
        capture = tshark.path("malformed.pcap")
        manifest = subprocess.run([generator, capture], check=True,
                                  capture_output=True, text=True).stdout
        subprocess.run(["chmod", "644", capture], check=True)
        cases = {}
        for line in manifest.splitlines():
            frame, name, transport, mnemonic, offset = line.split("\t")
            cases[int(frame)] = (name, transport, mnemonic, int(offset))

        for passes in ([], ["-2"]):
            p = tshark.run(["-n", "-r", capture, *passes, "-T", "fields",
                            "-E", "separator=/t", "-E", "occurrence=a",
                            "-E", "aggregator=|", "-e", "frame.number",
                            "-e", "dns.id", "-e", "rcodex.summary",
                            "-e", "rcodex.anomaly",
                            "-e", "rcodex.anomaly.offset"], check=False)
            how = "two passes" if passes else "one pass"
            if p.returncode != 0:
                failures.append(f"{how}: tshark exited with {p.returncode}: "
                                f"{p.stderr.strip()}")
                continue
            seen = set()
            for line in p.stdout.splitlines():
                cols = line.split("\t") + ["", "", "", ""]
                frame = int(cols[0])
                seen.add(frame)
                name, transport, mnemonic, offset = cases[frame]
                what = f"{how}, frame {frame} ({name} over {transport})"
                if not cols[1]:
                    if name not in NOT_DNS_IN_WIRESHARK:
                        failures.append(f"{what}: no DNS tree")
                    elif cols[2]:
                        failures.append(f"{what}: analysis without DNS")
                    continue
                if not cols[2]:
                    failures.append(f"{what}: no rcodex analysis")
                    continue
                anomalies = [a for a in cols[3].split("|") if a]
                offsets = [int(o) for o in cols[4].split("|") if o]
                if len(offsets) != len(anomalies):
                    failures.append(f"{what}: {len(anomalies)} anomalies, "
                                    f"{len(offsets)} offsets")
                    continue
                hits = [a for a, o in zip(anomalies, offsets)
                        if a.startswith(mnemonic + ": ")
                        and (offset < 0 or o == offset)]
                if not hits:
                    failures.append(
                        f"{what}: expected anomaly '{mnemonic}'"
                        f"{f' at offset {offset}' if offset >= 0 else ''}, "
                        f"got {anomalies}")
            if seen != set(cases):
                failures.append(f"{how}: frames {sorted(set(cases) - seen)} "
                                f"missing from tshark's output")

        p = tshark.run(["-n", "-r", capture, "-V"], check=False)
        for line in (p.stdout + p.stderr).splitlines():
            if "Dissector bug" in line or "Malformed Packet: rcodex" in line:
                failures.append(f"-V: {line.strip()}")
        if p.returncode != 0:
            failures.append(f"-V: tshark exited with {p.returncode}")

        p = tshark.run(["-n", "-r", capture, "-q", "-z", "expert"])
        malformed = [l for l in p.stdout.splitlines()
                     if " Malformed " in l and " rcodex " in l]
        if not malformed:
            failures.append("-z expert: no Malformed expert info from rcodex")

    for f in failures[:60]:
        print("FAIL", f)
    print(f"{len(cases)} frames, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
