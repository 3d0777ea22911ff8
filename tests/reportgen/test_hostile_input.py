#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""rcreport under hostile and unlucky input and output: no crash, bounded
memory and report size, no silently wrong count, nothing lost or
overwritten (docs/rcreport.md, "Limits" and "Exit status").

Usage: test_hostile_input.py RCREPORT
"""
import gzip
import hashlib
import json
import os
import signal
import stat
import subprocess
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hostile_captures as hc  # noqa: E402
from workdir import WorkDirCase  # noqa: E402

RCREPORT = None
WITH_HTML = os.environ.get("RCREPORT_WITH_HTML") == "1"


def run(args, **kwargs):
    kwargs.setdefault("capture_output", True)
    kwargs.setdefault("timeout", 600)
    return subprocess.run([RCREPORT] + args, **kwargs)


def with_fifo(fifo, work):
    """Runs work(fifo) in a thread. The fifo is held open for reading and
    writing meanwhile, so that the thread never blocks in opening it; once
    rcreport has ended it is let go, so that the thread cannot wait
    forever whatever rcreport did with the fifo."""
    held = os.open(fifo, os.O_RDWR)
    thread = threading.Thread(target=work, args=(fifo,))
    thread.start()
    return held, thread


def let_go(held, thread):
    os.close(held)
    thread.join()


def damage(doc):
    return {d["kind"]: d for d in doc["capture"]["damage"]}


class HostileInput(WorkDirCase):
    prefix = "rcreport-hostile-"

    def read(self, name):
        with open(self.path(name), "rb") as f:
            return f.read()

    def small_capture(self, name="small.pcap"):
        records = []
        for i in range(4):
            records += hc.exchange(i, "h%d.example" % i,
                                   hc.START_NS + i * 10**8)
        return self.write(name, hc.pcap(records))

    def json_of(self, capture, *extra):
        r = run(["--format", "json"] + list(extra) + [capture])
        self.assertIn(r.returncode, (0, 1), r.stderr.decode())
        return r, json.loads(r.stdout)

    def assert_no_hidden_files(self):
        self.assertEqual([f for f in os.listdir(self.dir)
                          if f.startswith(".")], [])

    # 1. Time stamps far apart

    def test_time_stamps_outside_the_printable_years_are_damage(self):
        frames = [f for _, f in hc.exchange(1, "far.example", 0)]
        for label, stamps in (
                ("0 and 2^64-1 microseconds", (0, 2**64 - 1)),
                ("1.4e12 s apart", (1700000000 * 10**6,
                                    (1700000000 + 14 * 10**11) * 10**6))):
            with self.subTest(label):
                p = self.write("far.pcapng", hc.pcapng(zip(stamps, frames)))
                out = self.path("far.json")
                r = run(["--format", "json", "-o", out, p])
                self.assertEqual(r.returncode, 1, r.stderr.decode())
                with open(out, encoding="utf-8") as f:
                    doc = json.load(f)
                self.assertEqual(damage(doc)["time_out_of_range"]["count"],
                                 1)
                self.assertEqual(doc["totals"]["answered"], 1)
                self.assertGreater(len(doc["timeline"]["buckets"]), 0)
                if WITH_HTML:
                    html = self.path("far.html")
                    r = run(["-q", "-o", html, p])
                    self.assertEqual(r.returncode, 1, r.stderr.decode())
                    self.assertIn(b"<svg", self.read("far.html"))
                self.assert_no_hidden_files()

    # 2. EDE floods

    def test_ede_texts_are_cut_and_distinct_codes_bounded(self):
        # 128 responses x 8 EDEs: 1,024 distinct codes, 7,000-octet texts.
        p = self.write("flood.pcap.gz",
                       gzip.compress(hc.ede_flood(128)))
        r, doc = self.json_of(p)
        self.assertLessEqual(len(doc["ede"]), 64)
        tracked = sum(row["count"] for row in doc["ede"])
        self.assertEqual(tracked + doc["ede_untracked"], 128 * 8)
        self.assertGreater(doc["ede_untracked"], 0)
        for row in doc["ede"]:
            for t in row["texts"]:
                self.assertLessEqual(len(t["text"].encode()), 159)
        self.assertLess(len(r.stdout), 2 << 20)
        if WITH_HTML:
            out = self.path("flood.html")
            r = run(["-q", "-o", out, p])
            self.assertEqual(r.returncode, 0, r.stderr.decode())
            self.assertLess(os.path.getsize(out), 5 << 20)
            self.assertIn(b"%d more EDEs" % doc["ede_untracked"],
                          self.read("flood.html"))

    def test_registered_ede_codes_keep_their_rows_in_a_flood(self):
        # RFC 8914 §4.7: EDE 6 (DNSSEC Bogus) after 500 unassigned codes.
        records = []
        for i in range(500):
            records += hc.exchange(i, "u%d.example" % i,
                                   hc.START_NS + i * 10**6, rcode=2,
                                   edes=[(1000 + i, b"x")])
        records += hc.exchange(999, "bogus.example",
                               hc.START_NS + 10**9, rcode=2,
                               edes=[(6, b"signature bogus")])
        p = self.write("codes.pcap", hc.pcap(records))
        _, doc = self.json_of(p)
        codes = {row["code"] for row in doc["ede"]}
        self.assertIn(6, codes)
        self.assertEqual(len(codes - {6}), 32)
        self.assertEqual(doc["ede_untracked"], 500 - 32)

    # 3. Many queries waiting at once

    def test_burst_of_waiting_queries_is_all_answered(self):
        # 300,000 queries within 1 s, each answered 2 s later: more than
        # a fixed table of 262,144 pending queries holds.
        p = self.write("burst.pcap", hc.burst(300000))
        _, doc = self.json_of(p)
        t = doc["totals"]
        self.assertEqual((t["answered"], t["unanswered_timeout"],
                          t["unsolicited"]), (300000, 0, 0))
        self.assertNotIn("queries_dropped", damage(doc))

    # 4. Named pipes

    def test_named_pipe_is_read_once_and_hashed(self):
        data = hc.burst(20000)
        fifo = self.path("capture.fifo")
        os.mkfifo(fifo)

        def feed(path):
            try:
                with open(path, "wb") as f:
                    f.write(data)
            except BrokenPipeError:
                pass
        held, writer = with_fifo(fifo, feed)
        proc = subprocess.Popen([RCREPORT, "--format", "json", fifo],
                                stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
        # Once the writer is done rcreport sees the end of the input;
        # should rcreport end first, the writer's next write fails.
        while writer.is_alive() and proc.poll() is None:
            time.sleep(0.01)
        let_go(held, writer)
        stdout, stderr = proc.communicate(timeout=600)
        r = subprocess.CompletedProcess(proc.args, proc.returncode,
                                        stdout, stderr)
        doc = json.loads(r.stdout)
        self.assertEqual(r.returncode, 0, r.stderr.decode())
        self.assertEqual(doc["capture"]["packets"], 40000)
        self.assertEqual(doc["capture"]["files"][0]["sha256"],
                         hashlib.sha256(data).hexdigest())

    def test_standard_input_is_read_once_and_hashed(self):
        data = hc.burst(20000)
        for name in ("-", "/dev/stdin"):
            with self.subTest(name=name):
                r = run(["--format", "json", name], input=data)
                self.assertEqual(r.returncode, 0, r.stderr.decode())
                doc = json.loads(r.stdout)
                self.assertEqual(doc["capture"]["packets"], 40000)
                self.assertEqual(doc["capture"]["files"][0]["sha256"],
                                 hashlib.sha256(data).hexdigest())

    # 5. Standard input and the output

    def test_output_is_never_the_file_behind_standard_input(self):
        p = self.small_capture("cap.pcap")
        before = self.read("cap.pcap")
        with open(p, "rb") as stdin:
            r = run(["--format", "json", "-o", p, "-"], stdin=stdin)
        self.assertEqual(r.returncode, 2)
        self.assertIn(b"overwrite an input", r.stderr)
        self.assertEqual(self.read("cap.pcap"), before)

    # 6. Outputs that are not regular files

    @unittest.skipUnless(os.getuid() == 0, "mknod needs root")
    def test_output_to_a_device_is_written_in_place(self):
        p = self.small_capture()
        null = self.path("null")
        os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        r = run(["--format", "json", "-o", null, p])
        self.assertEqual(r.returncode, 0, r.stderr.decode())
        self.assertTrue(stat.S_ISCHR(os.stat(null).st_mode))
        self.assert_no_hidden_files()

    @unittest.skipUnless(os.getuid() == 0, "mknod needs root")
    def test_write_error_is_reported_with_its_reason(self):
        p = self.small_capture()
        full = self.path("full")
        os.mknod(full, 0o666 | stat.S_IFCHR, os.makedev(1, 7))
        for fmt in (["--format", "json"], ["--format", "summary"]) + (
                ([],) if WITH_HTML else ()):
            with self.subTest(fmt=fmt):
                r = run(fmt + ["-o", full, p])
                self.assertEqual(r.returncode, 2, r.stderr.decode())
                self.assertIn(b"No space left on device", r.stderr)
                self.assertTrue(stat.S_ISCHR(os.stat(full).st_mode))
            with self.subTest(fmt=fmt, to="standard output"):
                with open(full, "wb") as out:
                    r = subprocess.run([RCREPORT] + fmt + ["-o", "-", p],
                                       stdout=out, stderr=subprocess.PIPE,
                                       timeout=120)
                self.assertEqual(r.returncode, 2, r.stderr.decode())
                self.assertIn(b"No space left on device", r.stderr)

    def test_summary_to_a_full_standard_output_fails(self):
        p = self.small_capture()
        with open("/dev/full", "wb") as out:
            r = subprocess.run([RCREPORT, "--format", "summary", p],
                               stdout=out, stderr=subprocess.PIPE,
                               timeout=120)
        self.assertEqual(r.returncode, 2)
        self.assertIn(b"standard output", r.stderr)
        self.assertIn(b"No space left on device", r.stderr)

    def test_output_to_a_pipe(self):
        p = self.small_capture()
        fifo = self.path("out.fifo")
        os.mkfifo(fifo)
        received = []

        def drain(path):
            with open(path, "rb") as f:
                received.append(f.read())
        held, reader = with_fifo(fifo, drain)
        r = run(["--format", "json", "-o", fifo, p])
        let_go(held, reader)
        self.assertEqual(r.returncode, 0, r.stderr.decode())
        self.assertEqual(json.loads(received[0])["totals"]["answered"], 4)
        self.assertTrue(stat.S_ISFIFO(os.stat(fifo).st_mode))

    def test_output_to_dev_stdout_as_an_ordinary_user(self):
        p = self.small_capture()
        cmd = [RCREPORT, "--format", "json", "-o", "/dev/stdout", p]
        if os.getuid() == 0:
            cmd = ["setpriv", "--reuid=nobody", "--regid=nogroup",
                   "--clear-groups"] + cmd
        r = subprocess.run(cmd, capture_output=True, timeout=120)
        self.assertEqual(r.returncode, 0, r.stderr.decode())
        self.assertEqual(json.loads(r.stdout)["totals"]["answered"], 4)

    # 7. Interrupted runs

    def test_interrupt_removes_the_unfinished_report(self):
        data = self.read(os.path.basename(self.small_capture()))
        for sig, status in ((signal.SIGINT, 130), (signal.SIGTERM, 143)):
            with self.subTest(signal=sig.name):
                out = self.write("r.jsonl", b"previous report\n")
                proc = subprocess.Popen(
                    [RCREPORT, "--format", "jsonl", "-o", out, "-"],
                    stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE)
                # Half the capture: rcreport waits for the rest with its
                # temporary output open.
                proc.stdin.write(data[:len(data) // 2])
                proc.stdin.flush()
                deadline = time.monotonic() + 60
                while (not any(f.startswith(".r.jsonl.")
                               for f in os.listdir(self.dir))
                       and time.monotonic() < deadline):
                    time.sleep(0.05)
                self.assertTrue(any(f.startswith(".r.jsonl.")
                                    for f in os.listdir(self.dir)))
                proc.send_signal(sig)
                proc.communicate(timeout=60)
                self.assertEqual(proc.returncode, status)
                self.assert_no_hidden_files()
                self.assertEqual(self.read("r.jsonl"), b"previous report\n")

    # 8. The clock stepping back

    def test_clock_step_back_keeps_pairs_and_is_damage(self):
        p = self.write("step.pcap", hc.clock_step_back())
        r, doc = self.json_of(p)
        self.assertEqual(r.returncode, 1)
        t = doc["totals"]
        self.assertEqual((t["answered"], t["unanswered_timeout"],
                          t["unanswered_capture_end"], t["unsolicited"]),
                         (21, 0, 0, 0))
        step = damage(doc)["clock_step_back"]
        # The straddling query is frame 21, its response (set back by an
        # hour) frame 22.
        self.assertEqual(step["examples"], [22])
        self.assertIn("3600.000 s earlier", step["detail"])
        first = doc["capture"]["first"]
        last = doc["capture"]["last"]
        self.assertLess(first, last)
        r = run(["--format", "jsonl", p])
        lines = [json.loads(x) for x in r.stdout.splitlines()]
        straddle = [x for x in lines if x["qname"] == "straddle.example"]
        self.assertEqual(len(straddle), 1)
        self.assertEqual(straddle[0]["status"], "answered")
        self.assertIsNone(straddle[0]["latency_ms"])
        self.assertEqual(doc["latency"]["count"], 20)

    # 9. Fragments that never complete

    def test_dangling_fragments_are_counted_exactly(self):
        p = self.write("frag.pcap", hc.dangling_fragments(10000))
        _, doc = self.json_of(p)
        self.assertEqual(damage(doc)["ip_fragments_incomplete"]["count"],
                         10000)

    # 10. Messages that say enough

    def test_tiny_files_are_not_capture_files(self):
        for name, data in (("one", b"x"), ("hello", b"hello"),
                           ("png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")):
            with self.subTest(name):
                p = self.write(name, data)
                r = run(["--format", "json", p])
                self.assertEqual(r.returncode, 2)
                self.assertEqual(r.stderr.decode().strip(),
                                 "rcreport: %s: not a capture file "
                                 "(format not recognised)" % p)

    @unittest.skipUnless(WITH_HTML, "built without the HTML report")
    def test_time_zone_is_accepted_only_when_labelled_honestly(self):
        p = self.small_capture()
        for zone in ("UTC+05:00", "GMT-3", "Etc/GMT+5", "ABC5",
                     "/etc/passwd", "../../etc/passwd"):
            with self.subTest(zone=zone):
                r = run(["--timezone", zone, p])
                self.assertEqual(r.returncode, 2)
                err = r.stderr.decode()
                self.assertEqual(len(err.splitlines()), 1, err)
                self.assertIn("--timezone", err)
                self.assertNotIn("CRITICAL", err)
        out = self.path("r.html")
        r = run(["-q", "--timezone", "+05:00", "-o", out, p])
        self.assertEqual(r.returncode, 0, r.stderr.decode())
        text = self.read("r.html").decode()
        self.assertIn("All times are in +05:00", text)
        # 1700000000 is 2023-11-14 22:13:20 UTC.
        self.assertIn("2023-11-15 03:13:20", text)

    def test_summary_goes_to_the_output_file(self):
        p = self.small_capture()
        out = self.path("summary.txt")
        r = run(["--format", "summary", "-o", out, p])
        self.assertEqual(r.returncode, 0, r.stderr.decode())
        self.assertEqual(r.stdout, b"")
        self.assertIn(b"4 transactions", self.read("summary.txt"))

    def test_standard_input_given_twice_is_refused(self):
        data = self.read(os.path.basename(self.small_capture()))
        r = run(["--format", "json", "-", "-"], input=data)
        self.assertEqual(r.returncode, 2)
        self.assertEqual(r.stderr.decode().strip(),
                         "rcreport: -: standard input can be read only "
                         "once")

    def test_long_extra_text_keeps_terminal_lines_short(self):
        text = b"\x01long text " * 6000
        records = hc.exchange(7, "long.example", hc.START_NS, rcode=2,
                              edes=[(6, text[:60000])])
        p = self.write("long.pcap", hc.pcap(records))
        r = run(["--format", "summary", p])
        self.assertEqual(r.returncode, 0, r.stderr.decode())
        lines = r.stdout.decode().splitlines()
        self.assertIn("long", r.stdout.decode())
        self.assertLessEqual(max(len(x) for x in lines), 400)

    # 11. Mode and links of the output

    def test_replaced_report_keeps_its_mode(self):
        p = self.small_capture()
        out = self.write("r.json", b"old")
        os.chmod(out, 0o600)
        r = run(["--format", "json", "-o", out, p])
        self.assertEqual(r.returncode, 0, r.stderr.decode())
        self.assertEqual(stat.S_IMODE(os.stat(out).st_mode), 0o600)
        self.assertIn(b'"answered"', self.read("r.json"))

    def test_report_is_written_through_a_symbolic_link(self):
        p = self.small_capture()
        os.mkdir(self.path("reports"))
        target = self.path("reports/r.json")
        with open(target, "wb") as f:
            f.write(b"old")
        link = self.path("latest.json")
        os.symlink("reports/r.json", link)
        dangling = self.path("new.json")
        os.symlink("reports/new.json", dangling)
        for name in (link, dangling):
            with self.subTest(link=name):
                r = run(["--format", "json", "-o", name, p])
                self.assertEqual(r.returncode, 0, r.stderr.decode())
                self.assertTrue(os.path.islink(name))
                with open(name, "rb") as f:
                    self.assertIn(b'"answered"', f.read())
        self.assertEqual(sorted(os.listdir(self.path("reports"))),
                         ["new.json", "r.json"])


if __name__ == "__main__":
    RCREPORT = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
