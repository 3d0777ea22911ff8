# SPDX-License-Identifier: GPL-2.0-or-later
"""Write small pcap files for the rcreport tests (Ethernet, IPv4, UDP)."""
import struct


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


def tcp_frame(src, dst, sport, dport, seq, flags, payload=b"", ack=0):
    """An Ethernet/IPv4/TCP frame; flags as on the wire (0x10 ACK, 0x02
    SYN, 0x01 FIN, 0x18 PSH+ACK); the TCP checksum is left 0."""
    s = bytes(int(x) for x in src.split("."))
    d = bytes(int(x) for x in dst.split("."))
    tcp = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, 5 << 4, flags,
                      65535, 0, 0) + payload
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 0, 0x4000, 64,
                     6, 0, s, d)
    ip = ip[:10] + struct.pack("!H", _checksum(ip)) + ip[12:]
    eth = b"\x02\0\0\0\0\x02" + b"\x02\0\0\0\0\x01" + b"\x08\x00"
    return eth + ip + tcp


def pcap_bytes(frames, start=1700000000.0, step=0.01, linktype=1):
    """A pcap (microsecond, Ethernet unless told) file holding frames;
    step is the time between frames, or a list of frame times."""
    out = struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, linktype)
    if isinstance(step, list):
        times = [start + s for s in step]
    else:
        times = [start + i * step for i in range(len(frames))]
    for t, frame in zip(times, frames):
        sec = int(t)
        usec = int(round((t - sec) * 1e6))
        out += struct.pack("<IIII", sec, usec, len(frame), len(frame)) + frame
    return out


def wire_name(name):
    out = b""
    for label in name.rstrip(".").split("."):
        out += bytes([len(label)]) + label.encode("ascii")
    return out + b"\0"


TYPES = {"A": 1, "NS": 2, "MX": 15, "TXT": 16, "AAAA": 28}


def dns_query(qid, qname, rdtype="A"):
    return (struct.pack("!HHHHHH", qid, 0x0100, 1, 0, 0, 0)
            + wire_name(qname) + struct.pack("!HH", TYPES[rdtype], 1))


def dns_response(qid, qname, rdtype="A", rcode=0):
    """A response; NOERROR to an A query carries one address."""
    answer = b""
    if rcode == 0 and rdtype == "A":
        answer = (b"\xc0\x0c" + struct.pack("!HHIH", 1, 1, 300, 4)
                  + bytes([127, 0, 0, 1]))
    return (struct.pack("!HHHHHH", qid, 0x8180 | rcode, 1,
                        1 if answer else 0, 0, 0)
            + wire_name(qname) + struct.pack("!HH", TYPES[rdtype], 1)
            + answer)


def exchange(qname, rdtype="A", rcode=0, qid=0x1234,
             client="127.0.0.1", server="127.0.0.53", cport=40000):
    """Query and response frames for one exchange."""
    return [udp_frame(client, server, cport, 53,
                      dns_query(qid, qname, rdtype)),
            udp_frame(server, client, 53, cport,
                      dns_response(qid, qname, rdtype, rcode))]


def ipv6_frame(src, dst, next_header, payload):
    ip = struct.pack("!IHBB16s16s", 6 << 28, len(payload), next_header, 64,
                     src, dst)
    eth = b"\x02\0\0\0\0\x02" + b"\x02\0\0\0\0\x01" + b"\x86\xdd"
    return eth + ip + payload


def multicast_capture():
    """mDNS, LLMNR and ICMPv6-quoted DNS (tests/plugin/check_multicast.py
    lists the frames)."""
    mdns_answer = (struct.pack("!HHHHHH", 0, 0x8400, 0, 1, 0, 0)
                   + wire_name("printer.local")
                   + struct.pack("!HHIH", 1, 0x8001, 120, 4)
                   + bytes([192, 0, 2, 7]))
    llmnr_nxdomain = (struct.pack("!HHHHHH", 0x4242, 0x8003, 1, 0, 0, 0)
                      + wire_name("host1") + struct.pack("!HH", 1, 1))
    llmnr_nodata = (struct.pack("!HHHHHH", 0x4343, 0x8000, 1, 0, 0, 0)
                    + wire_name("host1") + struct.pack("!HH", 28, 1))
    client = bytes.fromhex("20010db8000000000000000000000001")
    server = bytes.fromhex("20010db8000000000000000000000053")
    query = dns_query(0x5151, "www.example.com")
    quoted_udp = struct.pack("!HHHH", 40001, 53, 8 + len(query), 0) + query
    quoted = (struct.pack("!IHBB16s16s", 6 << 28, len(quoted_udp), 17, 64,
                          client, server) + quoted_udp)
    icmpv6 = struct.pack("!BBHI", 1, 4, 0, 0) + quoted
    frames = [
        udp_frame("192.0.2.1", "224.0.0.251", 5353, 5353,
                  dns_query(0, "printer.local")),
        udp_frame("192.0.2.7", "224.0.0.251", 5353, 5353, mdns_answer),
        udp_frame("192.0.2.1", "224.0.0.252", 50000, 5355,
                  dns_query(0x4242, "host1")),
        udp_frame("192.0.2.9", "192.0.2.1", 5355, 50000, llmnr_nxdomain),
        ipv6_frame(server, client, 58, icmpv6),
        udp_frame("192.0.2.1", "224.0.0.252", 50001, 5355,
                  dns_query(0x4343, "host1", "AAAA")),
        udp_frame("192.0.2.9", "192.0.2.1", 5355, 50001, llmnr_nodata),
    ]
    return pcap_bytes(frames)


def message(qid, flags, qname, qtype, answers=b"", n_answers=0,
            additional=(), opcode=0, rcode=0):
    """A DNS message with one question; additional holds whole records."""
    head = struct.pack("!HHHHHH", qid, flags | (opcode << 11) | rcode, 1,
                       n_answers, 0, len(additional))
    return (head + wire_name(qname) + struct.pack("!HH", qtype, 1) + answers
            + b"".join(additional))


def opt_rr(ext_rcode=0, version=0):
    """An OPT record without options (RFC 6891 §6.1.2)."""
    return b"\0" + struct.pack("!HHBBHH", 41, 1232, ext_rcode, version, 0, 0)


def tsig_rr(key, error):
    """A TSIG record (RFC 8945 §4.2); an error response carries no MAC."""
    mac = b"" if error else b"\x5a" * 32
    rdata = (wire_name("hmac-sha256") + struct.pack("!HIH", 0, 1700000000, 300)
             + struct.pack("!H", len(mac)) + mac
             + struct.pack("!HHH", 0x1234, error, 0))
    return (wire_name(key) + struct.pack("!HHIH", 250, 255, 0, len(rdata))
            + rdata)


def tkey_rr(owner, mode, error):
    """A TKEY record (RFC 2930 §2)."""
    rdata = (wire_name("gss-tsig") + struct.pack("!IIHHHH", 1700000000,
                                                 1700003600, mode, error, 0, 0))
    return (wire_name(owner) + struct.pack("!HHIH", 249, 255, 0, len(rdata))
            + rdata)


def meanings_capture():
    """Responses whose meaning depends on the field that carries the code
    (tests/plugin/check_meanings.py lists the frames): a signed UPDATE
    answered NOTAUTH with TSIG Error 0 and with TSIG Error 16, BADVERS from
    OPT in a signed exchange, a TKEY error under header NOERROR, FORMERR with
    and without OPT to queries with OPT, and an mDNS response with RCODE 3."""
    c, s = "192.0.2.1", "192.0.2.53"
    update = 5
    soa, tkey = 6, 249

    def pair(qid, query, response, cport):
        return [udp_frame(c, s, cport, 53, query),
                udp_frame(s, c, 53, cport, response)]
    frames = []
    for qid, error in ((0x0101, 0), (0x0102, 16)):
        frames += pair(
            qid,
            message(qid, 0, "example.com", soa, opcode=update,
                    additional=[tsig_rr("k1", 0)]),
            message(qid, 0x8000, "example.com", soa, opcode=update, rcode=9,
                    additional=[tsig_rr("k1", error)]),
            40000 + qid)
    frames += pair(0x0103,
                   message(0x0103, 0, "example.com", soa,
                           additional=[opt_rr(0, 1), tsig_rr("k1", 0)]),
                   message(0x0103, 0x8000, "example.com", soa,
                           additional=[opt_rr(1, 0), tsig_rr("k1", 0)]),
                   40103)
    frames += pair(0x0104,
                   message(0x0104, 0, "key.example.com", tkey,
                           additional=[tkey_rr("key.example.com", 3, 0)]),
                   message(0x0104, 0x8000, "key.example.com", tkey,
                           answers=tkey_rr("key.example.com", 3, 19),
                           n_answers=1),
                   40104)
    for qid, reply_opt in ((0x0105, [opt_rr()]), (0x0106, [])):
        frames += pair(qid,
                       message(qid, 0x0100, "www.example.com", 1,
                               additional=[opt_rr()]),
                       message(qid, 0x8180, "www.example.com", 1, rcode=1,
                               additional=reply_opt),
                       40000 + qid)
    mdns = (struct.pack("!HHHHHH", 0, 0x8403, 0, 1, 0, 0)
            + wire_name("printer.local")
            + struct.pack("!HHIH", 1, 0x8001, 120, 4) + bytes([192, 0, 2, 7]))
    frames.append(udp_frame("192.0.2.7", "224.0.0.251", 5353, 5353, mdns))
    return pcap_bytes(frames)
