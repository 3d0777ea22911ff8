#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Write a pcap whose DNS names, EDE EXTRA-TEXT and TSIG key names carry
markup, quotes, javascript: URLs, bidi overrides and invalid UTF-8.

Usage: hostile_pcap.py OUT.pcap
"""
import struct
import sys

CLIENT = bytes([127, 0, 0, 77])
SERVER = bytes([127, 0, 0, 53])

# Every one of these would change the page if it became markup.
SCRIPT = b'<script>document.title="PWNED";document.body.id="pwned"</script>'
IMG = b'<img src=x onerror="document.title=\'PWNED\'">'
LABELS = [
    b'<script>document.title="PWNED"</script>',
    b'a"b\'c&amp;d',
    b'javascript:alert(1)',
    b'\xe2\x80\xaeevil\xe2\x80\xac',
    b'bad\xff\xfeutf8',
    b'test',
]
EDE_TEXT = (SCRIPT + b' ' + IMG + b' "q" \'s\' & <a href="javascript:alert(1)">x</a> '
            + b'\xe2\x80\xaeRTL\xe2\x81\xa6 \xff\xfe\xc3')
KEY_LABELS = [b'<b>key</b>"&', b'\xe2\x80\xaeyek', b'\xfftsig']


def name(labels):
    out = b''
    for label in labels:
        assert 0 < len(label) < 64
        out += bytes([len(label)]) + label
    return out + b'\x00'


def header(ident, flags, qd, an, ns, ar):
    return struct.pack('!HHHHHH', ident, flags, qd, an, ns, ar)


def question(labels, qtype=1):
    return name(labels) + struct.pack('!HH', qtype, 1)


def opt(options=b''):
    return b'\x00' + struct.pack('!HHIH', 41, 1232, 0, len(options)) + options


def ede(code, text):
    body = struct.pack('!H', code) + text
    return struct.pack('!HH', 15, len(body)) + body


def tsig(key_labels, error, time_signed):
    alg = name([b'hmac-sha256'])
    mac = b'\x11' * 32
    other = struct.pack('!HI', time_signed >> 32, time_signed & 0xffffffff) if error == 18 else b''
    rdata = (alg + struct.pack('!HIH', time_signed >> 32, time_signed & 0xffffffff, 300)
             + struct.pack('!H', len(mac)) + mac + struct.pack('!HHH', 0x4242, error, len(other)) + other)
    return name(key_labels) + struct.pack('!HHIH', 250, 255, 0, len(rdata)) + rdata


def checksum(data):
    if len(data) % 2:
        data += b'\x00'
    s = sum(struct.unpack('!%dH' % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff


def frame(src, dst, sport, dport, payload):
    udp = struct.pack('!HHHH', sport, dport, 8 + len(payload), 0) + payload
    ip = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(udp), 1, 0, 64, 17, 0, src, dst)
    ip = ip[:10] + struct.pack('!H', checksum(ip)) + ip[12:]
    eth = b'\x02\x00\x00\x00\x00\x02' + b'\x02\x00\x00\x00\x00\x01' + b'\x08\x00'
    return eth + ip + udp


def main():
    t0 = 1_700_000_000
    packets = []

    def exchange(t, ident, q, r):
        packets.append((t, frame(CLIENT, SERVER, 40000 + ident, 53, q)))
        packets.append((t + 0.002, frame(SERVER, CLIENT, 53, 40000 + ident, r)))

    # NXDOMAIN for the hostile name.
    q = header(1, 0x0100, 1, 0, 0, 0) + question(LABELS)
    r = header(1, 0x8183, 1, 0, 0, 0) + question(LABELS)
    exchange(t0, 1, q, r)
    # SERVFAIL with a hostile EDE EXTRA-TEXT.
    q = header(2, 0x0100, 1, 0, 0, 1) + question(LABELS, 28) + opt()
    r = header(2, 0x8182, 1, 0, 0, 1) + question(LABELS, 28) + opt(ede(22, EDE_TEXT))
    exchange(t0 + 1, 2, q, r)
    # TSIG BADTIME with a hostile key name (NOTAUTH in the header).
    q = (header(3, 0x0100, 1, 0, 0, 1) + question([b'example', b'test'], 6)
         + tsig(KEY_LABELS, 0, t0 + 2))
    r = (header(3, 0x8189, 1, 0, 0, 1) + question([b'example', b'test'], 6)
         + tsig(KEY_LABELS, 18, t0 + 2 - 400))
    exchange(t0 + 2, 3, q, r)

    with open(sys.argv[1], 'wb') as f:
        f.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
        for t, data in packets:
            sec = int(t)
            usec = int(round((t - sec) * 1e6))
            f.write(struct.pack('<IIII', sec, usec, len(data), len(data)))
            f.write(data)


if __name__ == '__main__':
    main()
