#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""rcreport's command line: every input and output error gets exit status 2
and one line naming the file and the problem; a damaged capture still gives
a complete output and exit status 1; outputs appear whole or not at all.

Usage: test_cli.py RCREPORT
"""
import gzip
import json
import os
import pwd
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pcapgen  # noqa: E402
from workdir import WorkDirCase  # noqa: E402

RCREPORT = None
SAMPLES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                       "samples")


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


def read_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def run(args, user=None, stdin=None):
    cmd = [RCREPORT] + args
    if user:
        cmd = ["setpriv", "--reuid=" + user, "--regid=nogroup",
               "--clear-groups"] + cmd
    return subprocess.run(cmd, capture_output=True, text=True, input=stdin,
                          timeout=120)


class Cli(WorkDirCase):
    prefix = "rcreport-cli-"

    def good_capture(self, name="good.pcap"):
        frames = []
        for i in range(5):
            frames += pcapgen.exchange("host%d.example" % i, qid=100 + i,
                                       rcode=3 if i == 2 else 0)
        return self.write(name, pcapgen.pcap_bytes(frames))

    def assert_error(self, result, *words):
        self.assertEqual(result.returncode, 2, result.stderr)
        lines = result.stderr.strip().splitlines()
        self.assertEqual(len(lines), 1, result.stderr)
        for w in words:
            self.assertIn(w.lower(), lines[0].lower(), lines[0])
        self.assertEqual(result.stdout, "")

    def test_missing_file(self):
        p = self.path("absent.pcap")
        self.assert_error(run(["--format", "json", p]), p, "no such file")

    def test_unreadable_file(self):
        p = self.good_capture()
        os.chmod(p, 0o000)
        user = "nobody" if os.getuid() == 0 else None
        self.assert_error(run(["--format", "json", p], user=user), p,
                          "permission denied")

    def test_directory(self):
        self.assert_error(run(["--format", "json", self.dir]), self.dir,
                          "directory")

    def test_not_a_capture(self):
        p = self.write("notes.txt", b"these are not packets\n" * 20)
        r = run(["--format", "json", p])
        self.assert_error(r, p)
        self.assertRegex(r.stderr.lower(), "not a capture|unknown format")

    def test_unsupported_format(self):
        frames = pcapgen.exchange("a.example")
        p = self.write("lt.pcap", pcapgen.pcap_bytes(frames, linktype=4000))
        r = run(["--format", "json", p])
        self.assert_error(r, p)
        self.assertRegex(r.stderr.lower(), "unsupported|not supported")

    def test_empty_capture(self):
        p = self.write("empty.pcap", pcapgen.pcap_bytes([]))
        self.assert_error(run(["--format", "json", p]), p, "empty")

    def test_no_dns(self):
        frame = pcapgen.udp_frame("127.0.0.1", "127.0.0.2", 40000, 80,
                                  b"GET / HTTP/1.0\r\n\r\n")
        p = self.write("web.pcap", pcapgen.pcap_bytes([frame]))
        self.assert_error(run(["--format", "json", p]), p, "no dns")

    def test_unwritable_output(self):
        p = self.good_capture()
        out = os.path.join(self.dir, "no-such-dir", "report.json")
        self.assert_error(run(["--format", "json", "-o", out, p]), out)

    def test_output_never_overwrites_input(self):
        p = self.good_capture()
        before = read_bytes(p)
        self.assert_error(run(["--format", "json", "-o", p, p]), p,
                          "overwrite")
        self.assertEqual(read_bytes(p), before)

    def test_usage_errors(self):
        for args, word in ((["--format", "json"], "no capture"),
                           (["--format", "xml", "x.pcap"], "--format"),
                           (["--timeout", "0", "x.pcap"], "--timeout"),
                           (["--port", "70000", "x.pcap"], "--port"),
                           (["--bogus"], "bogus")):
            with self.subTest(args=args):
                self.assert_error(run(args), word)

    def test_html_options_refused_elsewhere(self):
        """--anonymize, --title and --timezone shape the HTML report only:
        json, jsonl and summary keep addresses, so they are refused there
        rather than give a file that looks anonymized and is not."""
        p = self.good_capture()
        for fmt in ("json", "jsonl", "summary"):
            for opt in (["--anonymize"], ["--anonymize-servers"],
                        ["--title", "T"], ["--timezone", "Europe/Paris"]):
                with self.subTest(fmt=fmt, opt=opt):
                    self.assert_error(run(["--format", fmt] + opt + [p]),
                                      opt[0], "HTML")
        self.assertEqual(sorted(os.listdir(self.dir)), ["good.pcap"])

    def test_bad_timezone_and_title(self):
        if os.environ.get("RCREPORT_WITH_HTML") != "1":
            self.skipTest("built without the HTML report")
        p = self.good_capture()
        self.assert_error(run(["--timezone", "Mars/Olympus_Mons", p]),
                          "--timezone", "Mars/Olympus_Mons")
        self.assert_error(run(["--title", "", p]), "--title")
        self.assert_error(run(["--title", "x" * 201, p]), "--title")
        self.assertFalse(os.path.exists(p + ".rcreport.html"))

    def test_title_and_timezone(self):
        if os.environ.get("RCREPORT_WITH_HTML") != "1":
            self.skipTest("built without the HTML report")
        p = self.good_capture()
        out = self.path("r.html")
        r = run(["-q", "-o", out, "--title", "Ticket 4711 <b>&",
                 "--timezone", "Asia/Tokyo", p])
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(out, encoding="utf-8") as f:
            text = f.read()
        self.assertIn("<title>Ticket 4711 &lt;b&gt;&amp;</title>", text)
        self.assertIn("All times are in Asia/Tokyo", text)
        # The capture starts at 1700000000 = 2023-11-14 22:13:20 UTC,
        # 2023-11-15 07:13:20 in Tokyo (UTC+9, no daylight saving).
        self.assertIn("2023-11-15 07:13:20", text)
        self.assertNotIn("2023-11-14 22:13:20", text)
        r = run(["-q", "-o", out, p])
        with open(out, encoding="utf-8") as f:
            text = f.read()
        self.assertIn("All times are in UTC", text)
        self.assertIn("2023-11-14 22:13:20", text)

    def test_version_and_help(self):
        r = run(["--version"])
        self.assertEqual(r.returncode, 0)
        self.assertRegex(r.stdout, r"^rcreport \d+\.\d+\.\d+\n$")
        r = run(["--help"])
        self.assertEqual(r.returncode, 0)
        for opt in ("--format", "--output", "--port", "--timeout",
                    "--quiet", "--version", "--title", "--timezone",
                    "--anonymize", "--anonymize-servers"):
            self.assertIn(opt, r.stdout)

    def test_help_names_the_capture_argument_once(self):
        r = run(["--help"])
        usage = r.stdout.splitlines()[1]
        self.assertRegex(usage, r"^  rcreport \[OPTION.\] CAPTURE\.\.\.$")

    def test_json_to_file_and_summary(self):
        p = self.good_capture()
        out = self.path("report.json")
        r = run(["--format", "json", "-o", out, p])
        self.assertEqual(r.returncode, 0, r.stderr)
        doc = read_json(out)
        self.assertEqual(doc["schema_version"], 1)
        self.assertEqual(doc["totals"]["transactions"], 5)
        self.assertEqual(doc["totals"]["answered"], 5)
        self.assertIn("NXDOMAIN", r.stdout)
        self.assertEqual([f for f in os.listdir(self.dir)
                          if f.startswith(".")], [])
        r = run(["--quiet", "--format", "json", "-o", out, p])
        self.assertEqual((r.returncode, r.stdout), (0, ""))

    def test_default_output(self):
        """With the HTML report built in, the default is CAPTURE.rcreport.html
        next to the capture plus the summary; without it, the summary."""
        p = self.good_capture()
        r = run([p])
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("NXDOMAIN", r.stdout)
        html = p + ".rcreport.html"
        if os.environ.get("RCREPORT_WITH_HTML") == "1":
            self.assertIn("Report written to " + html, r.stdout)
            with open(html, encoding="utf-8") as f:
                text = f.read()
            self.assertIn("<html", text)
            self.assertIn("host2.example", text)
        else:
            self.assertFalse(os.path.exists(html))

    def test_stdin_and_gzip(self):
        p = self.good_capture()
        data = read_bytes(p)
        gz = self.write("good.pcap.gz", gzip.compress(data))
        for args, stdin in ((["-"], data.decode("latin-1")), ([gz], None)):
            with self.subTest(args=args):
                r = subprocess.run([RCREPORT, "--format", "jsonl"] + args,
                                   capture_output=True,
                                   input=data if stdin else None,
                                   timeout=120)
                self.assertEqual(r.returncode, 0, r.stderr)
                lines = r.stdout.decode().splitlines()
                self.assertEqual(len(lines), 5)

    def test_several_files_merge_by_time(self):
        a = pcapgen.exchange("first.example", qid=1)
        b = pcapgen.exchange("second.example", qid=2)
        c = pcapgen.exchange("third.example", qid=3)
        pa = self.write("a.pcap", pcapgen.pcap_bytes(a + c, step=1.0))
        pb = self.write("b.pcap", pcapgen.pcap_bytes(b, start=1700000001.5))
        r = run(["--format", "jsonl", pa, pb])
        self.assertEqual(r.returncode, 0, r.stderr)
        names = [json.loads(line)["qname"] for line in r.stdout.splitlines()]
        self.assertEqual(names, ["first.example", "second.example",
                                 "third.example"])

    def test_truncated_capture_still_reports(self):
        p = self.good_capture()
        data = read_bytes(p)
        cut = self.write("cut.pcap", data[:len(data) - 7])
        out = self.path("cut.json")
        r = run(["--format", "json", "-o", out, cut])
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("damaged", r.stderr)
        self.assertIn(cut, r.stderr)
        doc = read_json(out)
        self.assertTrue(doc["capture"]["damaged"])
        self.assertGreater(len(doc["capture"]["damage"]), 0)
        self.assertEqual(doc["totals"]["queries"], 5)

    def test_mdns_and_llmnr_follow_their_own_rules(self):
        # RFC 6762 §6: mDNS answers carry no question; RFC 4795: LLMNR has
        # no zones (no SOA in negative answers) and no NXDOMAIN (§2.1.1);
        # answers to queries sent to a group are not unsolicited.
        p = self.write("multicast.pcap", pcapgen.multicast_capture())
        r = run(["--format", "json", p])
        self.assertEqual(r.returncode, 0, r.stderr)
        doc = json.loads(r.stdout)
        t = doc["totals"]
        self.assertEqual((t["messages"], t["queries"], t["responses"]),
                         (6, 3, 3))
        self.assertEqual(t["multicast"], 4)
        self.assertEqual(t["unsolicited"], 0)
        keys = {a["key"] for a in doc["anomalies"]}
        self.assertEqual(keys, {"anomaly.llmnr_nxdomain"})
        # LLMNR negative answers are rows of their own, explained without
        # zones, and raise no zone-based NODATA or NXDOMAIN finding.
        llmnr = {(c["label"], c["entry"]["key"]) for c in doc["codes"]
                 if c["protocol"] == "llmnr"}
        self.assertEqual(llmnr, {
            ("NOERROR/NODATA (LLMNR)", "condition.nodata.llmnr"),
            ("NXDOMAIN (LLMNR)", "condition.nxdomain.llmnr")})
        ids = [f["id"] for f in doc["findings"]]
        self.assertNotIn("nodata", ids)
        self.assertNotIn("nxdomain", ids)
        self.assertIn("anomaly.llmnr_nxdomain",
                      [f["entry"]["key"] for f in doc["findings"]
                       if f["entry"]])
        summary = run([p])
        self.assertIn("NXDOMAIN (LLMNR)", summary.stdout)
        self.assertNotIn("Check the zone", summary.stdout)


    def test_meanings_follow_the_field_that_carries_the_code(self):
        # RFC 6895 §2.3: header NOTAUTH with TSIG Error 0 is "not
        # authoritative"; RFC 2930 §2.6: TKEY errors under header NOERROR;
        # RFC 6891 §7: FORMERR with and without OPT; RFC 6762 §18.11: mDNS
        # responses with a non-zero RCODE are ignored.
        p = self.write("meanings.pcap", pcapgen.meanings_capture())
        r = run(["--format", "json", p])
        self.assertEqual(r.returncode, 0, r.stderr)
        doc = json.loads(r.stdout)
        rows = {(c["rcode"], c["entry"]["key"]) for c in doc["codes"]}
        self.assertEqual(rows, {
            (9, "rcode.9"), (16, "rcode.16.tsig"), (16, "rcode.16"),
            (19, "rcode.19"), (1, "rcode.1.edns"), (1, "rcode.1.no_edns"),
            (3, "condition.error.mdns")})
        keys = {a["key"] for a in doc["anomalies"]}
        self.assertIn("anomaly.mdns_rcode", keys)

    def test_signed_update_sample_keeps_the_header_meanings(self):
        # samples/signed-update.pcap (BIND and Knot): NOTAUTH with TSIG
        # Error 0 and NOTAUTH to a NOTIFY each have their own row; BIND's
        # BADNAME for deleting an unknown key is a TKEY error under header
        # NOERROR (RFC 2930 §2.6, §4.2).
        p = os.path.join(SAMPLES, "signed-update.pcap")
        r = run(["--format", "json", p])
        self.assertEqual(r.returncode, 0, r.stderr)
        doc = json.loads(r.stdout)
        rows = {c["entry"]["key"]: c["count"] for c in doc["codes"]}
        self.assertEqual(rows, {"condition.success": 1, "rcode.9": 2,
                                "rcode.17": 2, "rcode.9.notify": 2,
                                "rcode.20": 1})
        badname = [c for c in doc["codes"] if c["rcode"] == 20]
        self.assertEqual(badname[0]["rcode_source"], "tkey")


if __name__ == "__main__":
    RCREPORT = os.path.abspath(sys.argv.pop(1))
    pwd.getpwnam("nobody")
    unittest.main(verbosity=2)
