#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Captures a hostile or unlucky user hands to rcreport: floods of EDEs,
bursts of queries, dangling IP fragments, clock steps, time stamps far
apart. Small ones are made by the tests, large ones at benchmark time
(nothing here is committed as a capture).

Usage: hostile_captures.py KIND COUNT OUT
  KIND: ede-flood (COUNT responses), ede-codes (COUNT distinct codes),
        burst (COUNT queries), fragments (COUNT dangling fragments)
"""
import struct
import sys

from pcapgen import wire_name

ETH_IPV4 = b"\x02\0\0\0\0\x02" + b"\x02\0\0\0\0\x01" + b"\x08\x00"


def _ipv4(src, dst, proto, payload, ident=0, frag=0x4000):
    return struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), ident,
                       frag, 64, proto, 0, src, dst) + payload


def udp_frame(src, dst, sport, dport, payload):
    """Ethernet/IPv4/UDP; src and dst are 4-byte addresses."""
    udp = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload
    return ETH_IPV4 + _ipv4(src, dst, 17, udp)


def pcap_header(linktype=1, snaplen=262144):
    return struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, snaplen, linktype)


def pcap_record(ts_ns, frame):
    sec, rest = divmod(ts_ns, 10**9)
    return struct.pack("<IIII", sec, rest // 1000, len(frame),
                       len(frame)) + frame


def pcap(records):
    """records: (time in ns, frame) pairs; a pcap with µs stamps."""
    return pcap_header() + b"".join(pcap_record(t, f) for t, f in records)


def pcapng(records):
    """records: (time in µs since the epoch, any 64-bit value, frame)
    pairs; one Ethernet interface with the default µs resolution."""
    def block(kind, body):
        pad = b"\0" * (-len(body) % 4)
        n = 12 + len(body) + len(pad)
        return struct.pack("<II", kind, n) + body + pad + struct.pack("<I",
                                                                      n)
    out = block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1))
    out += block(1, struct.pack("<HHI", 1, 0, 262144))
    for ts, frame in records:
        out += block(6, struct.pack("<IIIII", 0, ts >> 32, ts & 0xFFFFFFFF,
                                    len(frame), len(frame)) + frame)
    return out


def query(qid, qname):
    return (struct.pack("!HHHHHH", qid, 0x0100, 1, 0, 0, 1) + wire_name(qname)
            + struct.pack("!HH", 1, 1)
            + b"\0" + struct.pack("!HHIH", 41, 1232, 0, 0))


def response(qid, qname, rcode=0, edes=()):
    """A response; NOERROR carries one address. edes: (code, text bytes)
    pairs sent as EDE options (RFC 8914 §2) in the OPT record."""
    answer = b""
    if rcode == 0:
        answer = (b"\xc0\x0c" + struct.pack("!HHIH", 1, 1, 300, 4)
                  + bytes([192, 0, 2, 1]))
    options = b"".join(struct.pack("!HHH", 15, 2 + len(text), code) + text
                       for code, text in edes)
    opt = b"\0" + struct.pack("!HHIH", 41, 1232, 0, len(options)) + options
    return (struct.pack("!HHHHHH", qid, 0x8180 | rcode, 1,
                        1 if answer else 0, 0, 1)
            + wire_name(qname) + struct.pack("!HH", 1, 1) + answer + opt)


CLIENT = bytes([10, 0, 0, 1])
SERVER = bytes([10, 0, 0, 53])
START_NS = 1700000000 * 10**9


def exchange(qid, qname, t_ns, delay_ns=10**6, port=40000, rcode=0,
             edes=()):
    return [(t_ns, udp_frame(CLIENT, SERVER, port, 53, query(qid, qname))),
            (t_ns + delay_ns,
             udp_frame(SERVER, CLIENT, 53, port,
                       response(qid, qname, rcode, edes)))]


def ede_flood(responses, codes_per_response=8, text_length=7000):
    """SERVFAILs whose EDEs carry long EXTRA-TEXTs, every text and every
    code distinct (codes wrap around at 65536)."""
    records = []
    for i in range(responses):
        edes = []
        for j in range(codes_per_response):
            value = (i * codes_per_response + j) & 0xFFFF
            text = ("%d/%d " % (i, value)).encode() * text_length
            edes.append((value, text[:text_length]))
        records += exchange(i & 0xFFFF, "n%d.example" % i, START_NS + i * 10**6,
                            port=1024 + i % 60000, rcode=2, edes=edes)
    return pcap(records)


def ede_codes(codes):
    """One SERVFAIL per EDE code 0..codes-1 (most unassigned)."""
    records = []
    for i in range(codes):
        records += exchange(i & 0xFFFF, "c%d.example" % i,
                            START_NS + i * 10**5, port=1024 + i % 60000,
                            rcode=2, edes=[(i & 0xFFFF, b"code %d" % i)])
    return pcap(records)


def burst(queries, spread_ns=10**9, delay_ns=2 * 10**9):
    """queries sent within spread_ns, each answered delay_ns later, every
    one on a flow of its own (client port and ID)."""
    out = [pcap_header()]
    q = []
    r = []
    for i in range(queries):
        port = 1024 + i % 64000
        qid = (i // 64000) & 0xFFFF
        name = "b%d.example" % (i % 1000)
        t = START_NS + i * spread_ns // queries
        q.append(pcap_record(t, udp_frame(CLIENT, SERVER, port, 53,
                                          query(qid, name))))
        r.append(pcap_record(t + delay_ns, udp_frame(
            SERVER, CLIENT, 53, port, response(qid, name))))
    out += q
    out += r
    return b"".join(out)


def dangling_fragments(count):
    """First fragments (MF set) of count different datagrams whose other
    fragments never come, all within one second."""
    out = [pcap_header()] + [pcap_record(t, f) for t, f in
                             exchange(1, "whole.example", START_NS - 10**9)]
    payload = struct.pack("!HHHH", 40000, 53, 1500, 0) + b"\0" * 24
    for i in range(count):
        src = bytes([10, 1, (i >> 16) & 0xFF, 1])
        ip = _ipv4(src, SERVER, 17, payload, ident=i & 0xFFFF, frag=0x2000)
        out.append(pcap_record(START_NS + i * 10**9 // count,
                               ETH_IPV4 + ip))
    return b"".join(out)


def clock_step_back(exchanges=10, step_ns=3600 * 10**9):
    """exchanges before and after the capture's clock was set back by
    step_ns; the last query before the step is answered after it."""
    records = []
    t = START_NS
    for i in range(exchanges):
        records += exchange(i, "before%d.example" % i, t)
        t += 10**8
    straddling = exchange(999, "straddle.example", t)
    records.append(straddling[0])
    t -= step_ns
    records.append((t, straddling[1][1]))
    for i in range(exchanges):
        t += 10**8
        records += exchange(100 + i, "after%d.example" % i, t)
    return pcap(records)


KINDS = {
    "ede-flood": lambda n: ede_flood(n),
    "ede-codes": ede_codes,
    "burst": burst,
    "fragments": dangling_fragments,
}

if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] not in KINDS:
        sys.exit(__doc__)
    with open(sys.argv[3], "wb") as f:
        f.write(KINDS[sys.argv[1]](int(sys.argv[2])))
