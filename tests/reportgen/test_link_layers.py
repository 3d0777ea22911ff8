#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""rcreport end to end on what surrounds DNS: link types and tunnels it
decodes or only names, damaged captures without DNS, DNS over TLS only,
and UDP datagrams without payload.

Usage: test_link_layers.py RCREPORT
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pcapgen  # noqa: E402

RCREPORT = None


def run(args):
    return subprocess.run([RCREPORT] + args, capture_output=True, text=True,
                          timeout=120)


def ip_part(frame):
    """The IPv4 packet of an Ethernet frame."""
    return frame[14:]


class LinkLayers(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="rcreport-links-")

    def tearDown(self):
        shutil.rmtree(self.dir)

    def write(self, name, data):
        p = os.path.join(self.dir, name)
        with open(p, "wb") as f:
            f.write(data)
        return p

    def no_dns_message(self, result):
        self.assertEqual(result.returncode, 2, result.stderr)
        lines = result.stderr.strip().splitlines()
        self.assertEqual(len(lines), 1, result.stderr)
        self.assertIn("no DNS messages found", lines[0])
        return lines[0]

    def test_no_dns_names_the_link_type_not_decoded(self):
        # LINKTYPE_PPP (9): address, control, protocol 0x0021, IPv4
        frames = [b"\xff\x03\x00\x21" + ip_part(f)
                  for f in pcapgen.exchange("a.example")]
        p = self.write("ppp.pcap", pcapgen.pcap_bytes(frames, linktype=9))
        line = self.no_dns_message(run(["--format", "json", p]))
        self.assertRegex(line, r"not decoded: 2 packets of link type PPP")

    def test_no_dns_names_the_tunnel_not_decoded(self):
        # L2TP (UDP 1701) is counted and named, not decoded
        frame = pcapgen.udp_frame("192.0.2.1", "192.0.2.2", 1701, 1701,
                                  b"\xc8\x02" + b"\0" * 30)
        p = self.write("l2tp.pcap", pcapgen.pcap_bytes([frame]))
        line = self.no_dns_message(run(["--format", "json", p]))
        self.assertIn("not decoded: 1 packet in L2TP", line)

    def test_no_dns_in_a_damaged_capture_says_it_is_damaged(self):
        # LINKTYPE_IPV6 (229) holding an IPv4 packet: Wireshark calls it
        # a bogus IP version, rcreport reports the damage
        frames = [ip_part(f) for f in pcapgen.exchange("a.example")]
        p = self.write("v4-on-v6.pcap",
                       pcapgen.pcap_bytes(frames, linktype=229))
        line = self.no_dns_message(run(["--format", "json", p]))
        self.assertIn("the capture is damaged: corrupt_packet x2", line)
        self.assertIn("IP version 4 where the layer below announces IPv6",
                      line)

    def test_dot_only_capture_reports_its_encrypted_flows(self):
        frames = [
            pcapgen.tcp_frame("192.0.2.1", "192.0.2.53", 40000, 853, 1, 0x02),
            pcapgen.tcp_frame("192.0.2.53", "192.0.2.1", 853, 40000, 7, 0x12,
                              ack=2),
            pcapgen.tcp_frame("192.0.2.1", "192.0.2.53", 40000, 853, 2, 0x18,
                              b"\x16\x03\x01\x00\x05hello", ack=8),
        ]
        p = self.write("dot.pcap", pcapgen.pcap_bytes(frames))
        r = run(["--format", "json", p])
        self.assertEqual(r.returncode, 0, r.stderr)
        doc = json.loads(r.stdout)
        self.assertEqual(doc["totals"]["messages"], 0)
        self.assertEqual(doc["capture"]["encrypted"]["dot_flows"], 1)
        summary = run(["--format", "summary", p])
        self.assertEqual(summary.returncode, 0, summary.stderr)
        self.assertIn("1 DNS-over-TLS", summary.stdout)
        ticket = run(["--format", "markdown", p])
        self.assertEqual(ticket.returncode, 0, ticket.stderr)
        self.assertIn("No DNS message can be read in this capture",
                      ticket.stdout)
        self.assertIn("1 DNS-over-TLS", ticket.stdout)

    def test_empty_udp_payload_is_counted_apart(self):
        frames = pcapgen.exchange("a.example")
        frames.append(pcapgen.udp_frame("127.0.0.1", "127.0.0.53", 40001, 53,
                                        b""))
        p = self.write("empty.pcap", pcapgen.pcap_bytes(frames))
        r = run(["--format", "json", p])
        self.assertEqual(r.returncode, 0, r.stderr)
        doc = json.loads(r.stdout)
        self.assertEqual(doc["totals"]["messages"], 2)
        self.assertEqual(doc["totals"]["unparsable"], 0)
        self.assertEqual(doc["totals"]["transactions"], 1)
        self.assertEqual(doc["capture"]["empty_udp"], 1)
        self.assertNotIn("malformed", [f["id"] for f in doc["findings"]])
        summary = run(["--format", "summary", p])
        self.assertIn("1 UDP datagrams on a DNS port without payload",
                      summary.stdout)

    def test_dns_inside_vxlan_is_decoded_and_the_tunnel_named(self):
        frames = []
        for f in pcapgen.exchange("a.example"):
            vxlan = b"\x08\0\0\0\0\0\x2a\0" + f
            frames.append(pcapgen.udp_frame("198.51.100.1", "198.51.100.2",
                                            50000, 4789, vxlan))
        p = self.write("vxlan.pcap", pcapgen.pcap_bytes(frames))
        r = run(["--format", "json", p])
        self.assertEqual(r.returncode, 0, r.stderr)
        doc = json.loads(r.stdout)
        self.assertEqual(doc["totals"]["answered"], 1)
        self.assertEqual(doc["capture"]["tunnels"],
                         [{"name": "VXLAN", "packets": 2, "decoded": True}])
        self.assertIn("Tunnels   VXLAN (2)", run([p, "--format",
                                                  "summary"]).stdout)


if __name__ == "__main__":
    RCREPORT = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
