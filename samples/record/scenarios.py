# SPDX-License-Identifier: GPL-2.0-or-later
"""Record the scenario captures against real BIND, Knot and Unbound servers.

usage: scenarios.py NAME...   (names: see SCENARIOS at the bottom; "all" for every one)
"""
import base64
import os
import socket
import struct
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import Run, named_conf, start_named, checkzone, SAMPLES  # noqa: E402

import dns.edns  # noqa: E402
import dns.flags  # noqa: E402
import dns.message  # noqa: E402
import dns.name  # noqa: E402
import dns.opcode  # noqa: E402
import dns.query  # noqa: E402
import dns.rcode  # noqa: E402
import dns.rdataclass  # noqa: E402
import dns.rdatatype  # noqa: E402
import dns.rdtypes.ANY.TKEY  # noqa: E402
import dns.rrset  # noqa: E402
import dns.tsig  # noqa: E402
import dns.tsigkeyring  # noqa: E402
import dns.update  # noqa: E402

BIND = "127.0.53.1"
KNOT = "127.0.53.3"
BIND2 = "127.0.53.4"
BLACK = "127.0.53.6"   # BIND that blackholes the client
DEAD = "127.0.53.7"    # nothing listens here
RES = "127.0.53.53"
RES_OUT = "127.0.53.2"

SECRET = base64.b64encode(b"rcodex-sample-tsig-secret-32byte").decode()
WRONG = base64.b64encode(b"this-is-not-the-right-secret-!!!").decode()

ZONE = """$TTL 300
@         IN SOA ns1 hostmaster 2026112201 3600 600 86400 300
          IN NS  ns1
          IN MX  10 mail
ns1       IN A   127.0.53.1
www       IN A   192.0.2.10
mail      IN A   192.0.2.25
alias     IN CNAME www
chain     IN CNAME alias
dangling  IN CNAME missing
old       IN DNAME example.org.
sub       IN NS  ns.sub
ns.sub    IN A   127.0.53.9
taken     IN A   192.0.2.40
v1        IN DNAME v2.example.com.
www.v2    IN A   192.0.2.60
"""
ORGZONE = """$TTL 300
@     IN SOA ns1.example.com. hostmaster.example.com. 1 3600 600 86400 300
      IN NS  ns1.example.com.
www   IN A   192.0.2.30
"""


def big_txt(n, size=200):
    return "".join('big IN TXT "%s"\n' % (("%03d" % i) + "x" * (size - 3)) for i in range(n))


def bind_zones(run, extra_zone="", zone_opts="", more=""):
    zf = run.write("example.com.zone", ZONE + extra_zone)
    checkzone(run, "example.com", zf)
    of = run.write("example.org.zone", ORGZONE)
    checkzone(run, "example.org", of)
    return """key "k1" { algorithm hmac-sha256; secret "%s"; };
zone "example.com" { type primary; file "%s"; %s };
zone "example.org" { type primary; file "%s"; };
%s""" % (SECRET, zf, zone_opts, of, more)


def dig(run, src, server, *args, prefix=()):
    argv = list(prefix) + ["dig", "@" + server, "-b", src, "+nosearch", "+tries=1",
                           "+timeout=2"] + list(args)
    r = run.sh(argv, check=False, capture_output=True, text=True)
    time.sleep(0.05)
    return r


def kdig(run, src, server, *args, prefix=()):
    argv = list(prefix) + ["kdig", "@" + server, "-b", src, "+retry=0", "+timeout=2"] + list(args)
    r = run.sh(argv, check=False, capture_output=True, text=True)
    time.sleep(0.05)
    return r


def udp(q, server, src, timeout=2, **kw):
    try:
        return dns.query.udp(q, server, port=53, source=src, timeout=timeout, **kw)
    except Exception as e:
        return e
    finally:
        time.sleep(0.05)


def raw_udp(data, server, src, timeout=2):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((src, 0))
    s.settimeout(timeout)
    s.sendto(data, (server, 53))
    try:
        return s.recv(65535)
    except socket.timeout:
        return None
    finally:
        s.close()
        time.sleep(0.05)


def knot_conf(run, zones, acl=""):
    body = """server:
    listen: %(k)s@53
    rundir: "%(d)s"
    pidfile: "%(d)s/knot.pid"
    tcp-idle-timeout: 5
control:
    listen: "%(d)s/knot.sock"
log:
  - target: "%(d)s/knot.log"
    any: info
database:
    storage: "%(d)s/knotdb"
key:
  - id: k1
    algorithm: hmac-sha256
    secret: %(s)s
%(acl)s
template:
  - id: default
    storage: "%(d)s"
    zonefile-sync: -1
    journal-content: none
zone:
""" % {"k": KNOT, "d": run.tmp, "s": SECRET, "acl": acl}
    for z, f, extra in zones:
        body += "  - domain: %s\n    file: \"%s\"\n%s" % (z, f, extra)
    c = run.write("knot.conf", body)
    run.sh(["knotc", "-c", c, "conf-check"], stdout=subprocess.DEVNULL)
    return c


def start_knot(run, conf):
    p = run.start(["knotd", "-c", conf])
    run.wait_port(KNOT, proto="udp")
    return p


def out(name):
    return os.path.join(SAMPLES, name)


# ---------------------------------------------------------------------------
def answers():
    run = Run("answers")
    c = "127.0.0.21"
    run.alias(BIND, KNOT, c)
    conf = named_conf(run, [BIND], bind_zones(run))
    start_named(run, conf, [BIND])
    kconf = knot_conf(run, [("example.com", run.path("example.com.zone"), "")])
    start_knot(run, kconf)
    run.capture(out("answers.pcap"), [BIND, KNOT, c])
    for srv in (BIND, KNOT):
        dig(run, c, srv, "www.example.com", "A")            # answer
        dig(run, c, srv, "www.example.com", "AAAA")         # NODATA
        dig(run, c, srv, "nosuch.example.com", "A")         # NXDOMAIN with SOA
        dig(run, c, srv, "chain.example.com", "A")          # CNAME chain to an answer
        dig(run, c, srv, "chain.example.com", "AAAA")       # NODATA at the end of a chain
        dig(run, c, srv, "dangling.example.com", "A")       # NXDOMAIN at the end of a chain
        dig(run, c, srv, "alias.example.com", "CNAME")      # the CNAME itself
        dig(run, c, srv, "www.sub.example.com", "A", "+norecurse")  # referral
        dig(run, c, srv, "example.com", "MX")               # answer with additional
        dig(run, c, srv, "example.com", "ANY")
        dig(run, c, srv, "www.v1.example.com", "A")         # DNAME within the zone
    dig(run, c, BIND, "www.old.example.com", "A")            # DNAME into another zone
    run.finish_capture()
    run.cleanup()


def refused():
    run = Run("refused")
    ok, bad = "127.0.0.21", "127.0.0.22"
    run.alias(BIND, KNOT, ok, bad)
    pf = run.write("private.zone", ORGZONE.replace("www", "intranet"))
    more = 'zone "private.example" { type primary; file "%s"; allow-query { %s; }; };\n' % (pf, ok)
    conf = named_conf(run, [BIND], bind_zones(run, more=more))
    start_named(run, conf, [BIND])
    kconf = knot_conf(run, [("example.com", run.path("example.com.zone"), "")])
    start_knot(run, kconf)
    # recorded on the "any" interface as Linux cooked capture v1
    run.capture(out("refused.pcap"), [BIND, KNOT, ok, bad], iface="any", linktype="LINUX_SLL")
    dig(run, ok, BIND, "intranet.private.example", "A")       # allowed
    dig(run, bad, BIND, "intranet.private.example", "A")      # REFUSED by ACL
    dig(run, bad, BIND, "www.example.net", "A")               # zone not served
    dig(run, bad, BIND, "www.example.net", "A", "+norecurse")
    dig(run, bad, KNOT, "www.example.net", "A")               # zone not served (Knot)
    dig(run, bad, KNOT, "example.com", "AXFR")                # transfer without ACL (Knot)
    dig(run, bad, BIND, "private.example", "AXFR")            # transfer not allowed (BIND)
    run.finish_capture()
    run.cleanup()


def tsig():
    run = Run("tsig")
    c = "127.0.0.23"
    run.alias(BIND, c)
    conf = named_conf(run, [BIND], bind_zones(run, zone_opts="allow-transfer { key k1; };"))
    start_named(run, conf, [BIND])
    run.capture(out("tsig.pcap"), [BIND, c])
    dig(run, c, BIND, "-y", "hmac-sha256:k1:" + SECRET, "www.example.com", "A")       # good key
    dig(run, c, BIND, "-y", "hmac-sha256:nokey:" + SECRET, "www.example.com", "A")    # BADKEY
    dig(run, c, BIND, "-y", "hmac-sha256:k1:" + WRONG, "www.example.com", "A")        # BADSIG
    # client clock two hours ahead: BADTIME, the server's time in Other Data
    kdig(run, c, BIND, "-y", "hmac-sha256:k1:" + SECRET, "www.example.com", "A",
         prefix=("faketime", "-f", "+2h"))
    dig(run, c, BIND, "-y", "hmac-sha256:k1:" + SECRET, "example.com", "AXFR")        # transfer, key
    dig(run, c, BIND, "example.com", "AXFR")                                           # no key
    dig(run, c, BIND, "-y", "hmac-sha256:k1:" + WRONG, "example.com", "AXFR")         # bad key, TCP
    run.finish_capture()
    run.cleanup()


def signed_update():
    """Signed requests refused for reasons other than TSIG: the header RCODE keeps
    its own meaning when the TSIG Error is 0 (RFC 6895 §2.3)."""
    run = Run("signed-update")
    c = "127.0.0.37"
    run.alias(BIND, KNOT, c)
    conf = named_conf(run, [BIND], bind_zones(run, zone_opts="allow-update { key k1; };"))
    start_named(run, conf, [BIND])
    # Knot knows k1 but lets only k2 update example.com
    acl = """  - id: k2
    algorithm: hmac-sha256
    secret: %s
acl:
  - id: update-k2
    address: 127.0.0.0/8
    key: k2
    action: update
""" % WRONG
    kconf = knot_conf(run, [("example.com", run.path("example.com.zone"), "    acl: update-k2\n")],
                      acl=acl)
    start_knot(run, kconf)
    run.capture(out("signed-update.pcap"), [BIND, KNOT, c])

    def nsupdate(server, key, zone):
        script = ("server %s 53\nlocal %s\nzone %s\nupdate add new.%s 300 A 192.0.2.77\nsend\n"
                  % (server, c, zone, zone))
        run.sh(["nsupdate", "-t", "2", "-y", "hmac-sha256:%s:%s" % (key, SECRET)],
               input=script, text=True, check=False, capture_output=True)
        time.sleep(0.1)
    nsupdate(BIND, "k1", "example.com")    # accepted, signed answer
    nsupdate(BIND, "k1", "example.net")    # NOTAUTH, TSIG error 0: not authoritative
    nsupdate(BIND, "nokey", "example.com")  # NOTAUTH, TSIG error BADKEY: not authorized
    nsupdate(KNOT, "k1", "example.com")    # Knot: key known, ACL denies it
    nsupdate(KNOT, "k1", "example.net")    # Knot: zone not served
    # TKEY deletion (mode 5) of a key BIND does not hold, signed with k1: BADNAME in the
    # TKEY Error field under header NOERROR (RFC 2930 §2.6, §4.2)
    t = dns.message.make_query("gone.example.com", "TKEY")
    t.flags = 0
    tkey = dns.rdtypes.ANY.TKEY.TKEY(dns.rdataclass.ANY, dns.rdatatype.TKEY,
                                     dns.name.from_text("hmac-sha256."), 0, 0, 5, 0, b"")
    t.additional.append(dns.rrset.from_rdata("gone.example.com.", 0, tkey))
    t.use_tsig(dns.tsigkeyring.from_text({"k1": SECRET}), keyname="k1",
               algorithm=dns.tsig.HMAC_SHA256)
    udp(t, BIND, c)
    for server in (BIND, KNOT):            # NOTIFY for a zone the server does not serve
        n = dns.message.make_query("example.net", "SOA")
        n.flags = dns.flags.AA
        n.set_opcode(dns.opcode.NOTIFY)
        udp(n, server, c)
    run.finish_capture()
    run.cleanup()


def cookies():
    run = Run("cookies")
    c = "127.0.0.24"
    run.alias(BIND, BIND2, c)
    conf = named_conf(run, [BIND], bind_zones(run))
    start_named(run, conf, [BIND])
    zf2 = run.write("b2.zone", ZONE)
    conf2 = named_conf(run, [BIND2], 'zone "example.com" { type primary; file "%s"; };' % zf2,
                       options_extra="require-server-cookie yes;", inst="named2")
    start_named(run, conf2, [BIND2])
    run.capture(out("cookies.pcap"), [BIND, BIND2, c])
    # normal exchange: dig sends a client cookie, BIND returns client + server cookie
    r = dig(run, c, BIND, "+cookie", "www.example.com", "A")
    full = None
    for line in r.stdout.splitlines():
        if "COOKIE:" in line:
            full = line.split("COOKIE:")[1].split()[0]
    if full:
        dig(run, c, BIND, "+cookie=" + full, "mail.example.com", "A")   # with the server cookie
    cc = bytes.fromhex("0102030405060708")
    # a made-up server cookie
    q = dns.message.make_query("www.example.com", "A", use_edns=0,
                               options=[dns.edns.GenericOption(10, cc + bytes(range(16, 32)))])
    udp(q, BIND, c)
    # a COOKIE option of invalid length (5 bytes)
    q = dns.message.make_query("www.example.com", "A", use_edns=0,
                               options=[dns.edns.GenericOption(10, b"\x01\x02\x03\x04\x05")])
    udp(q, BIND, c)
    # server requiring cookies: client cookie only -> BADCOOKIE, then retry with the cookie
    q = dns.message.make_query("www.example.com", "A", use_edns=0,
                               options=[dns.edns.GenericOption(10, cc)])
    r = udp(q, BIND2, c)
    if isinstance(r, dns.message.Message):
        got = [o for o in r.options if o.otype == 10]
        if got:
            q2 = dns.message.make_query("www.example.com", "A", use_edns=0,
                                        options=[dns.edns.GenericOption(10, got[0].to_wire()
                                                                        if hasattr(got[0], "to_wire") else got[0].data)])
            udp(q2, BIND2, c)
    # no cookie at all to the cookie-requiring server
    udp(dns.message.make_query("www.example.com", "A", use_edns=0), BIND2, c)
    run.finish_capture()
    run.cleanup()


def edns_opcode_formerr():
    run = Run("edns")
    c = "127.0.0.25"
    run.alias(BIND, KNOT, c)
    conf = named_conf(run, [BIND], bind_zones(run))
    start_named(run, conf, [BIND])
    kconf = knot_conf(run, [("example.com", run.path("example.com.zone"), "")])
    start_knot(run, kconf)
    run.capture(out("edns-opcode-formerr.pcap"), [BIND, KNOT, c])
    for srv in (BIND, KNOT):
        dig(run, c, srv, "+edns=1", "+noednsnegotiation", "www.example.com", "A")   # BADVERS
        for op in (1, 2, 3):                                           # IQUERY, STATUS, unassigned
            q = dns.message.make_query("www.example.com", "A")
            q.set_opcode(op)
            udp(q, srv, c, timeout=1)
        # malformed: QDCOUNT=1 and the question cut off inside the name
        raw_udp(struct.pack("!HHHHHH", 0x4d41, 0x0100, 1, 0, 0, 0) + b"\x03www\x07exam", srv, c, 1)
        # malformed: ARCOUNT=1 but no record
        q = dns.message.make_query("www.example.com", "A", use_edns=False, id=0x4d42).to_wire()
        raw_udp(q[:10] + b"\x00\x01" + q[12:], srv, c, 1)
    run.finish_capture()
    run.cleanup()


def update():
    run = Run("update")
    c, bad = "127.0.0.31", "127.0.0.32"
    run.alias(BIND, c, bad)
    conf = named_conf(run, [BIND], bind_zones(run, zone_opts="allow-update { %s; };" % c))
    start_named(run, conf, [BIND])
    run.capture(out("update.pcap"), [BIND, c, bad])
    # a successful update with nsupdate
    script = "server %s 53\nlocal %s\nzone example.com\nupdate add new.example.com 300 A 192.0.2.50\nsend\n" % (BIND, c)
    run.sh(["nsupdate", "-t", "2"], input=script, text=True, check=False)
    time.sleep(0.1)

    def upd(src=c, zone="example.com"):
        return dns.update.UpdateMessage(zone)
    u = upd(); u.absent("taken"); u.add("taken", 300, "A", "192.0.2.41")        # YXDOMAIN
    udp(u, BIND, c)
    u = upd(); u.absent("www", "A"); u.add("www", 300, "A", "192.0.2.11")       # YXRRSET
    udp(u, BIND, c)
    u = upd(); u.present("nothere", "A"); u.delete("nothere")                    # NXRRSET
    udp(u, BIND, c)
    u = upd(zone="example.net"); u.add("x", 300, "A", "192.0.2.1")              # NOTAUTH
    udp(u, BIND, c)
    u = upd(); u.add(dns.name.from_text("www.example.org."), 300, "A", "192.0.2.1")  # NOTZONE
    udp(u, BIND, c)
    u = upd(); u.add("evil", 300, "A", "192.0.2.66")                             # REFUSED (ACL)
    udp(u, BIND, bad)
    run.finish_capture()
    run.cleanup()


def tcp():
    run = Run("tcp")
    c = "127.0.0.33"
    run.alias(BIND, c)
    conf = named_conf(run, [BIND], bind_zones(run, extra_zone=big_txt(20)))
    start_named(run, conf, [BIND])
    run.capture(out("tcp.pcap"), [BIND, c])
    # TC=1 over UDP, dig retries over TCP by itself
    dig(run, c, BIND, "+bufsize=512", "big.example.com", "TXT")
    # three queries pipelined in one segment on one connection
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind((c, 0))
    s.connect((BIND, 53))
    data = b""
    for i, (n, t) in enumerate([("www.example.com", "A"), ("mail.example.com", "A"),
                                ("nosuch.example.com", "A")]):
        w = dns.message.make_query(n, t, id=0x7000 + i).to_wire()
        data += struct.pack("!H", len(w)) + w
    s.sendall(data)
    time.sleep(0.5)
    s.close()
    time.sleep(0.2)
    # a response split across TCP segments: the client announces a small MSS
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_MAXSEG, 536)
    s.bind((c, 0))
    s.connect((BIND, 53))
    w = dns.message.make_query("big.example.com", "TXT", id=0x7100).to_wire()
    s.sendall(struct.pack("!H", len(w)) + w)
    time.sleep(0.5)
    s.close()
    run.finish_capture()
    run.cleanup()


def unanswered():
    run = Run("unanswered")
    c = "127.0.0.34"
    run.alias(BLACK, DEAD, c)
    conf = named_conf(run, [BLACK], bind_zones(run), options_extra="blackhole { %s; };" % c)
    start_named(run, conf, [BLACK])
    run.capture(out("unanswered.pcap"), [BLACK, DEAD, c])
    dig(run, c, BLACK, "+tries=3", "+timeout=1", "www.example.com", "A")   # dropped, retried
    q = dns.message.make_query("mail.example.com", "A", id=0x5151)       # same ID three times
    for _ in range(3):
        raw_udp(q.to_wire(), BLACK, c, 1)
    dig(run, c, DEAD, "www.example.com", "A")                             # port unreachable
    raw_udp(dns.message.make_query("mail.example.com", "A").to_wire(), DEAD, c, 1)
    run.finish_capture()
    run.cleanup()


def ipv6_any():
    run = Run("ipv6-any")
    c = "127.0.0.35"
    run.alias(BIND, c)
    conf = named_conf(run, [BIND, "::1"], bind_zones(run))
    start_named(run, conf, [BIND])
    run.capture(out("ipv6-any.pcapng"), [BIND, c, "::1"], iface="any", pcapng=True)
    dig(run, "::1", "::1", "www.example.com", "AAAA")
    dig(run, c, BIND, "www.example.com", "A")
    dig(run, "::1", "::1", "+tcp", "www.example.com", "A")
    dig(run, c, BIND, "+tcp", "nosuch.example.com", "A")
    dig(run, "::1", "::1", "nosuch.example.com", "AAAA")
    dig(run, "::1", "::1", "www.example.net", "A")
    run.finish_capture()
    run.cleanup()


def fragments():
    """IP fragments need a small MTU: use a private network namespace whose lo has MTU 1280."""
    run = Run("fragments")
    ns = "rcxfrag%d" % os.getpid()
    run.sh(["ip", "netns", "add", ns])
    try:
        pre = ("ip", "netns", "exec", ns)
        run.sh(list(pre) + ["ip", "link", "set", "lo", "up", "mtu", "1280"])
        c = "127.0.0.36"
        run.sh(list(pre) + ["ip", "addr", "add", BIND + "/32", "dev", "lo"])
        run.sh(list(pre) + ["ip", "addr", "add", c + "/32", "dev", "lo"])
        conf = named_conf(run, [BIND, "::1"], bind_zones(run, extra_zone=big_txt(12)),
                          options_extra="edns-udp-size 4096; max-udp-size 4096;")
        run.sh(["named-checkconf", conf])
        run.start(list(pre) + ["named", "-g", "-u", "root", "-c", conf, "-n", "1"])
        time.sleep(3)
        run.capture(out("fragments.pcap"), [BIND, c, "::1"], prefix=pre)
        dig(run, c, BIND, "+bufsize=4096", "big.example.com", "TXT", prefix=pre)
        dig(run, "::1", "::1", "+bufsize=4096", "big.example.com", "TXT", prefix=pre)
        run.finish_capture()
        run.cleanup()
    finally:
        subprocess.run(["ip", "netns", "del", ns])


def dnssec():
    """A validating Unbound in front of BIND: each broken zone fails in its own way."""
    run = Run("dnssec")
    c = "127.0.0.41"
    run.alias(BIND, BLACK, DEAD, RES, RES_OUT, c)
    body = ""
    anchors = ""
    zones = ["good.example", "expired.example", "bogus.example", "wronganchor.example",
             "unsigned.example"]
    for z in zones:
        zf = run.write(z + ".zone", ZONE.replace("ns1       IN A   127.0.53.1",
                                                   "ns1       IN A   127.0.53.1"))
        checkzone(run, z, zf)
        if z != "unsigned.example":
            for flags in (["-f", "KSK"], []):
                run.sh(["dnssec-keygen", "-q", "-K", run.tmp, "-a", "ECDSAP256SHA256",
                        "-P", "now-60d", "-A", "now-60d"] + flags + [z],
                       stdout=subprocess.DEVNULL)
            when = ["-s", "now-40d", "-e", "now-10d"] if z == "expired.example" else \
                ["-s", "now-1d", "-e", "now+30d"]
            run.sh(["dnssec-signzone", "-q", "-S", "-P", "-O", "full", "-K", run.tmp,
                    "-d", run.tmp, "-o", z, "-f", zf + ".signed"] + when + [zf],
                   stdout=subprocess.DEVNULL)
            if z == "bogus.example":
                # damage the signature over www's A RRset
                lines = open(zf + ".signed").read().splitlines()
                for i, l in enumerate(lines):
                    f = l.split()
                    if f and f[0] == "www.bogus.example." and "RRSIG" in f and f[f.index("RRSIG") + 1] == "A":
                        sig = f[-1]
                        f[-1] = ("B" if sig[0] != "B" else "C") + sig[1:]
                        lines[i] = " ".join(f)
                open(zf + ".signed", "w").write("\n".join(lines) + "\n")
            zf += ".signed"
        if z == "wronganchor.example":
            # an anchor for a key the zone does not publish
            run.sh(["dnssec-keygen", "-q", "-K", run.path("other"), "-a", "ECDSAP256SHA256",
                    "-f", "KSK", z] if os.makedirs(run.path("other"), exist_ok=True) is None else [],
                   stdout=subprocess.DEVNULL)
            key = [k for k in os.listdir(run.path("other")) if k.endswith(".key")][0]
            ds = run.sh(["dnssec-dsfromkey", "-2", run.path("other", key)],
                        capture_output=True, text=True).stdout
            anchors += '    trust-anchor: "%s"\n' % ds.strip()
        elif z == "unsigned.example":
            # the anchor of good.example's key, claimed for an unsigned zone
            pass
        else:
            anchors += '    trust-anchor-file: "%s"\n' % run.path("dsset-%s." % z)
        body += 'zone "%s" { type primary; file "%s"; };\n' % (z, zf)
    conf = named_conf(run, [BIND], body)
    start_named(run, conf, [BIND])
    # unsigned.example gets good.example's DS as anchor
    ds = open(run.path("dsset-good.example.")).read().replace("good.example.", "unsigned.example.")
    anchors += '    trust-anchor: "%s"\n' % ds.strip().splitlines()[0]
    # a server that drops everything from the resolver
    conf2 = named_conf(run, [BLACK], 'zone "silent.example" { type primary; file "%s"; };'
                       % run.write("silent.zone", ZONE), options_extra="blackhole { %s; };" % RES_OUT,
                       inst="named2")
    start_named(run, conf2, [BLACK])
    stubs = "".join('stub-zone:\n    name: "%s"\n    stub-addr: %s\n' % (z, BIND) for z in zones)
    stubs += 'stub-zone:\n    name: "silent.example"\n    stub-addr: %s\n' % BLACK
    stubs += 'stub-zone:\n    name: "dead.example"\n    stub-addr: %s\n' % DEAD
    stubs += 'stub-zone:\n    name: "."\n    stub-addr: %s\n' % BIND
    ub = """server:
    directory: "%(d)s"
    chroot: ""
    username: ""
    pidfile: "%(d)s/unbound.pid"
    use-syslog: no
    logfile: "%(d)s/unbound.log"
    verbosity: 1
    interface: %(res)s@53
    outgoing-interface: %(out)s
    access-control: 127.0.0.0/8 allow
    do-ip6: no
    do-not-query-localhost: no
    root-hints: ""
    qname-minimisation: no
    prefetch: no
    ede: yes
    val-log-level: 2
    trust-anchor-signaling: no
    discard-timeout: 0
    num-threads: 1
%(anchors)s
%(stubs)s
remote-control:
    control-enable: no
""" % {"d": run.tmp, "res": RES, "out": RES_OUT, "anchors": anchors, "stubs": stubs}
    ubc = run.write("unbound.conf", ub)
    run.sh(["unbound-checkconf", ubc], stdout=subprocess.DEVNULL)
    run.start(["unbound", "-d", "-c", ubc])
    time.sleep(1)
    run.capture(out("dnssec.pcap"), [BIND, BLACK, DEAD, RES, RES_OUT, c])
    for q in ["www.good.example", "www.expired.example", "www.bogus.example",
              "www.wronganchor.example", "www.unsigned.example", "www.dead.example",
              "www.silent.example"]:
        dig(run, c, RES, "+timeout=30", "+dnssec", q, "A")
    dig(run, c, RES, "+cd", "www.expired.example", "A")      # checking disabled: the data
    dig(run, c, RES, "www.expired.example", "A")             # again, from the cache
    run.finish_capture()
    sys.stderr.write(open(run.path("unbound.log")).read()[-4000:])
    run.cleanup()


SCENARIOS = {
    "answers": answers, "refused": refused, "tsig": tsig, "cookies": cookies,
    "edns-opcode-formerr": edns_opcode_formerr, "update": update, "tcp": tcp,
    "unanswered": unanswered, "ipv6-any": ipv6_any, "fragments": fragments,
    "dnssec": dnssec, "signed-update": signed_update,
}

if __name__ == "__main__":
    names = sys.argv[1:] or ["all"]
    if names == ["all"]:
        names = list(SCENARIOS)
    for n in names:
        print("recording", n, file=sys.stderr)
        SCENARIOS[n]()
