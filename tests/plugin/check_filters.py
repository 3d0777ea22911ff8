#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Display filters on rcodex.* fields select exactly the frames the
samples' expectations say, whichever way tshark filters:

  one pass         tshark -Y F
  two passes       tshark -2 -R F -Y F
  refiltering      tshark -2 -Y F   (the second pass re-renders from what
                                     the first pass kept, like the GUI)

usage: check_filters.py PLUGIN_SO SAMPLES_DIR
"""
import concurrent.futures
import os
import sys

from pluginenv import Tshark, read_expectations, sample_captures


def ede_codes(row):
    return row["ede"].split(",") if row["ede"] != "-" else []


# filter -> does an expectations row make its frame match
FILTERS = {
    "rcodex.nodata": lambda r: r["condition"] == "nodata",
    "rcodex.rcode == 23": lambda r: r["rcode"] == "23",
    "rcodex.ede.code == 7": lambda r: "7" in ede_codes(r),
    "rcodex.tsig.error == 18": lambda r: r["tsig_error"] == "18",
    'rcodex.condition == "nxdomain"': lambda r: r["condition"] == "nxdomain",
    'rcodex.rcode.source == "edns"': lambda r: r["source"] == "edns",
    "rcodex.rcode > 15": lambda r: r["rcode"] != "-" and int(r["rcode"]) > 15,
    "rcodex.cookie.valid == 0": lambda r: r["cookie_valid"] == "0",
    "rcodex.quoted": lambda r: r["kind"] == "icmp",
    "rcodex.rcode == 2 && rcodex.ede.code == 7":
        lambda r: r["rcode"] == "2" and "7" in ede_codes(r),
}

MODES = {
    "one pass": lambda f: ["-Y", f],
    "two passes": lambda f: ["-2", "-R", f, "-Y", f],
    "refilter": lambda f: ["-2", "-Y", f],
}


def frame_keys(tshark, copy):
    """Arrival time and length -> original frame number. tshark -2 -R
    renumbers the frames that pass the read filter, so two-pass results are
    mapped back through these."""
    out = tshark.run(["-n", "-r", copy, "-T", "fields", "-e", "frame.number",
                      "-e", "frame.time_epoch", "-e", "frame.len"]).stdout
    keys = {}
    for line in out.splitlines():
        number, *key = line.split("\t")
        if tuple(key) in keys:
            raise RuntimeError(f"{copy}: frames {keys[tuple(key)]} and "
                               f"{number} have the same time and length")
        keys[tuple(key)] = int(number)
    return keys


def main():
    plugin, samples = sys.argv[1], sys.argv[2]
    jobs = []
    with Tshark(plugin) as tshark:
        for capture, tsv in sample_captures(samples):
            copy = tshark.add_file(capture)
            keys = frame_keys(tshark, copy)
            rows = read_expectations(tsv)
            for flt, pred in FILTERS.items():
                want = sorted({r["frame"] for r in rows if pred(r)})
                for mode, args in MODES.items():
                    # Every filter on every sample in one pass; the two-pass
                    # ways where the filter has something to select.
                    if mode != "one pass" and not want:
                        continue
                    jobs.append((os.path.basename(capture), copy, keys, flt,
                                 mode, args(flt), want))

        def run(job):
            name, copy, keys, flt, mode, args, want = job
            out = tshark.run(["-n", "-r", copy, "-o",
                              "tcp.desegment_tcp_streams:TRUE", *args,
                              "-T", "fields", "-e", "frame.time_epoch",
                              "-e", "frame.len"]).stdout
            return job, sorted(keys.get(tuple(line.split("\t")), -1)
                               for line in out.splitlines())

        failures = 0
        matched = {}
        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
            for job, got in pool.map(run, jobs):
                name, _, _, flt, mode, _, want = job
                if mode == "one pass":
                    matched[flt] = matched.get(flt, 0) + len(want)
                if got != want:
                    failures += 1
                    print(f"FAIL {name}: {mode} '{flt}' selected "
                          f"{got[:20]}, expected {want[:20]}")
    for flt in FILTERS:
        if not matched.get(flt):
            failures += 1
            print(f"FAIL '{flt}': no sample has a frame it should select")
        else:
            print(f"ok   '{flt}': {matched[flt]} frames over all samples")
    print(f"{len(jobs)} filter runs ({', '.join(MODES)}), {failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
