# SPDX-License-Identifier: GPL-2.0-or-later
"""Write small pcap files for the rcreport tests (Ethernet, IPv4, UDP)."""
import struct

import dns.message
import dns.rcode


def _checksum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def udp_frame(src, dst, sport, dport, payload):
    """An Ethernet/IPv4/UDP frame; src and dst are dotted quads."""
    s = bytes(int(x) for x in src.split("."))
    d = bytes(int(x) for x in dst.split("."))
    udp = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 0, 0x4000, 64,
                     17, 0, s, d)
    ip = ip[:10] + struct.pack("!H", _checksum(ip)) + ip[12:]
    eth = b"\x02\0\0\0\0\x02" + b"\x02\0\0\0\0\x01" + b"\x08\x00"
    return eth + ip + udp


def pcap_bytes(frames, start=1700000000.0, step=0.01, version=(2, 4)):
    """A pcap (microsecond, Ethernet) file holding frames."""
    out = struct.pack("<IHHiIII", 0xA1B2C3D4, version[0], version[1], 0, 0,
                      65535, 1)
    t = start
    for frame in frames:
        sec = int(t)
        usec = int(round((t - sec) * 1e6))
        out += struct.pack("<IIII", sec, usec, len(frame), len(frame)) + frame
        t += step
    return out


def exchange(qname, rdtype="A", rcode=dns.rcode.NOERROR, qid=0x1234,
             client="127.0.0.1", server="127.0.0.53", cport=40000):
    """Query and response frames for one exchange."""
    q = dns.message.make_query(qname, rdtype)
    q.id = qid
    r = dns.message.make_response(q)
    r.set_rcode(rcode)
    return [udp_frame(client, server, cport, 53, q.to_wire()),
            udp_frame(server, client, 53, cport, r.to_wire())]
