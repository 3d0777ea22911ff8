#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""rcreport end to end on DNS-over-TCP streams with holes (segments the
capture missed): nothing invented, nothing lost, every message at the
frame that carried it.

Usage: test_tcp_holes.py RCREPORT
"""
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pcapgen  # noqa: E402

RCREPORT = None
CLIENT, SERVER = "192.0.2.1", "192.0.2.53"
CPORT = 40000
SYN, ACK, PSH_ACK, FIN_ACK = 0x02, 0x10, 0x18, 0x11


def framed(message):
    """A DNS message with its 2-octet length prefix (RFC 1035 §4.2.2)."""
    return struct.pack("!H", len(message)) + message


def query(qid, name):
    return framed(pcapgen.dns_query(qid, name))


def response(qid, name):
    return framed(pcapgen.dns_response(qid, name))


class Stream:
    """Both directions of one TCP connection, numbering bytes as they are
    sent, whether the capture keeps the segment or not."""

    def __init__(self):
        self.frames = []
        self.times = []
        self.cseq, self.sseq = 1000, 5000

    def add(self, t, frame):
        self.frames.append(frame)
        self.times.append(t)

    def handshake(self, t):
        self.add(t, pcapgen.tcp_frame(CLIENT, SERVER, CPORT, 53, self.cseq,
                                      SYN))
        self.add(t, pcapgen.tcp_frame(SERVER, CLIENT, 53, CPORT, self.sseq,
                                      SYN | ACK, ack=self.cseq + 1))
        self.cseq += 1
        self.sseq += 1

    def client(self, t, data, captured=True):
        if captured:
            self.add(t, pcapgen.tcp_frame(CLIENT, SERVER, CPORT, 53,
                                          self.cseq, PSH_ACK, data,
                                          ack=self.sseq))
        self.cseq += len(data)

    def server(self, t, data, captured=True):
        if captured:
            self.add(t, pcapgen.tcp_frame(SERVER, CLIENT, 53, CPORT,
                                          self.sseq, PSH_ACK, data,
                                          ack=self.cseq))
        self.sseq += len(data)

    def client_fin(self, t):
        self.add(t, pcapgen.tcp_frame(CLIENT, SERVER, CPORT, 53, self.cseq,
                                      FIN_ACK, ack=self.sseq))

    def pcap(self):
        return pcapgen.pcap_bytes(self.frames, step=self.times)


class TcpHoles(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="rcreport-tcp-")

    def tearDown(self):
        shutil.rmtree(self.dir)

    def report(self, stream):
        p = os.path.join(self.dir, "tcp.pcap")
        with open(p, "wb") as f:
            f.write(stream.pcap())
        r = subprocess.run([RCREPORT, "--format", "json", p],
                           capture_output=True, text=True, timeout=60)
        self.assertEqual(r.returncode, 1, r.stderr)  # damaged: a gap
        lines = subprocess.run([RCREPORT, "--format", "jsonl", p],
                               capture_output=True, text=True, timeout=60)
        return (json.loads(r.stdout),
                [json.loads(line) for line in lines.stdout.splitlines()])

    def gap(self, doc):
        gaps = [d for d in doc["capture"]["damage"] if d["kind"] == "tcp_gap"]
        self.assertEqual(len(gaps), 1, doc["capture"]["damage"])
        return gaps[0]

    def test_query_after_a_hole_is_paired_with_the_answer_in_the_next_frame(
            self):
        s = Stream()
        s.handshake(0)
        s.client(0.1, query(1, "lost.example"), captured=False)
        s.client(0.1, query(2, "kept.example"))         # frame 3
        s.server(0.2, response(2, "kept.example"))      # frame 4, ACKs both
        s.client_fin(30)                                # frame 5
        doc, txns = self.report(s)
        self.assertEqual(doc["totals"]["answered"], 1)
        self.assertEqual(doc["totals"]["unanswered"], 0)
        self.assertEqual(doc["totals"]["unsolicited"], 0)
        t = txns[0]
        self.assertEqual((t["qname"], t["query_frame"], t["response_frame"]),
                         ("kept.example", 3, 4))
        self.assertEqual(self.gap(doc)["examples"], [3])

    def test_messages_after_a_hole_keep_their_own_frames_not_the_fin(self):
        s = Stream()
        s.handshake(0)
        s.client(0.0, query(1, "a.example"))            # frame 3
        s.server(0.1, response(1, "a.example"), captured=False)
        for i in range(5):                              # frames 4..8
            s.server(0.1 + 0.4 * i, response(1, "b.example"))
        s.client_fin(1.8)                               # frame 9
        doc, txns = self.report(s)
        frames = sorted(t["response_frame"] for t in txns
                        if t["response_frame"])
        self.assertEqual(frames, [4, 5, 6, 7, 8])
        self.assertEqual(self.gap(doc)["examples"], [4])

    def test_stream_without_fin_keeps_the_messages_after_its_hole(self):
        s = Stream()
        s.handshake(0)
        s.client(0.0, query(1, "a.example"))            # frame 3
        s.client(0.0, query(2, "b.example"), captured=False)
        s.client(0.0, query(3, "c.example"))            # frame 4
        s.client(0.0, query(4, "d.example"))            # frame 5
        doc, txns = self.report(s)
        self.assertEqual(doc["totals"]["queries"], 3)
        self.assertEqual(sorted(t["query_frame"] for t in txns), [3, 4, 5])
        self.assertEqual(self.gap(doc)["examples"], [4])


if __name__ == "__main__":
    RCREPORT = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
