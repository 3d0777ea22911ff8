# SPDX-License-Identifier: GPL-2.0-or-later
"""incident.pcap: a validating Unbound in front of BIND; one zone's RRSIGs expired.

Clients 127.0.0.11..15 ask Unbound (127.0.53.53) about three zones that BIND
(127.0.53.1) serves authoritatively: example.com (signed, healthy),
example.net (signed, signatures expired ten days ago), example.org (unsigned).
Unbound has trust anchors for both signed zones and validates.
"""
import os
import random
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import Run, named_conf, start_named, checkzone, SAMPLES  # noqa: E402

import dns.flags  # noqa: E402
import dns.message  # noqa: E402
import dns.query  # noqa: E402
import dns.rdatatype  # noqa: E402

AUTH = "127.0.53.1"
RES = "127.0.53.53"
RES_OUT = "127.0.53.2"
CLIENTS = ["127.0.0.%d" % i for i in range(11, 16)]

ZONE = """$TTL 300
@       IN SOA ns1.%(z)s hostmaster.%(z)s 2026112201 3600 600 86400 300
        IN NS  ns1.%(z)s
%(extra)s
ns1     IN A   127.0.53.1
www     IN A   192.0.2.10
api     IN CNAME www
shop    IN A   192.0.2.20
shop    IN AAAA 2001:db8::20
"""


def main():
    out = os.path.join(SAMPLES, "incident.pcap")
    run = Run("incident")
    run.alias(AUTH, RES, RES_OUT, *CLIENTS)
    zones = {
        "example.com": "@ IN MX 10 mail\nmail IN A 192.0.2.25\n",
        "example.net": "@ IN MX 10 mail\nmail IN A 192.0.2.26\n",
        "example.org": "",
    }
    body = ""
    anchors = ""
    for z, extra in zones.items():
        zf = run.write(z + ".zone", ZONE % {"z": z + ".", "extra": extra})
        checkzone(run, z, zf)
        if z != "example.org":
            for flags in (["-f", "KSK"], []):
                run.sh(["dnssec-keygen", "-q", "-K", run.tmp, "-a", "ECDSAP256SHA256", "-P", "now-60d", "-A", "now-60d"]
                       + flags + [z], stdout=subprocess.DEVNULL)
            if z == "example.net":
                when = ["-s", "now-40d", "-e", "now-10d"]
            else:
                when = ["-s", "now-1d", "-e", "now+30d"]
            run.sh(["dnssec-signzone", "-q", "-S", "-P", "-K", run.tmp, "-d", run.tmp,
                    "-o", z, "-f", zf + ".signed"] + when + [zf],
                   stdout=subprocess.DEVNULL)
            zf = zf + ".signed"
            anchors += '    trust-anchor-file: "%s"\n' % run.path("dsset-%s." % z)
        body += 'zone "%s" { type primary; file "%s"; };\n' % (z, zf)
    conf = named_conf(run, [AUTH], body)
    start_named(run, conf, [AUTH])

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
    serve-expired: no
    num-threads: 1
%(anchors)s
stub-zone:
    name: "."
    stub-addr: %(auth)s
stub-zone:
    name: "example.com"
    stub-addr: %(auth)s
stub-zone:
    name: "example.net"
    stub-addr: %(auth)s
stub-zone:
    name: "example.org"
    stub-addr: %(auth)s
remote-control:
    control-enable: no
""" % {"d": run.tmp, "res": RES, "out": RES_OUT, "auth": AUTH, "anchors": anchors}
    ubc = run.write("unbound.conf", ub)
    run.sh(["unbound-checkconf", ubc], stdout=subprocess.DEVNULL)
    run.start(["unbound", "-d", "-c", ubc])
    time.sleep(1)

    run.capture(out, [AUTH, RES, RES_OUT] + CLIENTS)
    rng = random.Random(20261122)
    # (name, type) mix: healthy answers, typos, NODATA, and the broken zone
    healthy = [("www.example.com", "A"), ("api.example.com", "A"), ("example.com", "MX"),
               ("mail.example.com", "A"), ("shop.example.com", "AAAA"),
               ("www.example.org", "A"), ("shop.example.org", "A"), ("api.example.org", "A")]
    typos = [("wwww.example.com", "A"), ("ww.example.org", "A"), ("shpo.example.com", "A"),
             ("mial.example.com", "A"), ("wwe.example.org", "AAAA")]
    nodata = [("www.example.com", "AAAA"), ("www.example.org", "AAAA"), ("example.org", "MX"),
              ("api.example.com", "AAAA")]
    broken = [("www.example.net", "A"), ("shop.example.net", "A"), ("example.net", "MX"),
              ("mail.example.net", "A"), ("api.example.net", "A"), ("www.example.net", "AAAA")]
    bursts = int(os.environ.get("BURSTS", "12"))
    for b in range(bursts):
        n = rng.randint(20, 30)
        for _ in range(n):
            r = rng.random()
            if r < 0.45:
                name, t = rng.choice(healthy)
            elif r < 0.60:
                name, t = rng.choice(typos)
            elif r < 0.72:
                name, t = rng.choice(nodata)
            else:
                name, t = rng.choice(broken)
            q = dns.message.make_query(name, t, use_edns=0, payload=1232, want_dnssec=False)
            q.flags |= dns.flags.AD
            src = rng.choice(CLIENTS)
            try:
                dns.query.udp(q, RES, port=53, source=src, timeout=3)
            except Exception:
                pass
            time.sleep(rng.uniform(0.01, 0.08))
        time.sleep(rng.uniform(3, 7))
    run.finish_capture()
    print(open(run.path("unbound.log")).read()[-3000:], file=sys.stderr)
    run.cleanup()


if __name__ == "__main__":
    main()
