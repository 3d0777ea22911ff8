# SPDX-License-Identifier: GPL-2.0-or-later
"""Shared helpers for recording sample captures on loopback only.

Every recording: adds /32 aliases on lo, starts real servers from generated
configurations in a temporary directory, runs a guard capture on the `any`
interface that fails the run when a port-53 packet has a non-loopback address,
captures on lo with tcpdump, and stops every process it started by PID.
"""
import atexit
import ipaddress
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

SAMPLES = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PY = "/usr/bin/python3"  # Debian's python3 has python3-dnspython

GUARD_FILTER = (
    "port 53 and not ((ip and src net 127.0.0.0/8 and dst net 127.0.0.0/8)"
    " or (ip6 and src host ::1 and dst host ::1))"
)


def check_loopback(addr):
    a = ipaddress.ip_address(addr)
    if not a.is_loopback:
        raise SystemExit("refusing non-loopback address %s" % addr)
    return addr


class Run:
    def __init__(self, name):
        self.name = name
        self.tmp = tempfile.mkdtemp(prefix="rcx-rec-%s-" % name)
        self.procs = []
        self.aliases = []
        self.env = dict(os.environ)
        # nothing may consult the machine's resolver configuration
        self.env["RES_OPTIONS"] = "attempts:1 timeout:1"
        atexit.register(self.cleanup)
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))

    # --- addresses -------------------------------------------------------
    def alias(self, *addrs):
        for a in addrs:
            check_loopback(a)
            if a in ("127.0.0.1", "::1"):
                continue
            if ":" in a:
                raise SystemExit("only ::1 is used for IPv6")
            r = subprocess.run(["ip", "addr", "add", a + "/32", "dev", "lo"],
                               capture_output=True, text=True)
            if r.returncode == 0:
                self.aliases.append(a)
            elif "exists" not in r.stderr:
                raise SystemExit(r.stderr)

    # --- processes -------------------------------------------------------
    def start(self, argv, **kw):
        p = subprocess.Popen(argv, cwd=self.tmp, env=self.env,
                             stdout=kw.pop("stdout", subprocess.DEVNULL),
                             stderr=kw.pop("stderr", subprocess.DEVNULL), **kw)
        self.procs.append(p)
        return p

    def stop(self, p, sig=signal.SIGTERM, wait=10):
        if p.poll() is None:
            p.send_signal(sig)
            try:
                p.wait(wait)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()

    def sh(self, argv, check=True, **kw):
        kw.setdefault("cwd", self.tmp)
        kw.setdefault("env", self.env)
        return subprocess.run(argv, check=check, **kw)

    def path(self, *p):
        return os.path.join(self.tmp, *p)

    def write(self, rel, text):
        with open(self.path(rel), "w") as f:
            f.write(text)
        return self.path(rel)

    def wait_port(self, addr, port=53, proto="udp", timeout=10):
        import dns.message, dns.query
        end = time.time() + timeout
        while time.time() < end:
            try:
                q = dns.message.make_query(".", "SOA")
                if proto == "tcp":
                    dns.query.tcp(q, addr, port=port, timeout=0.5)
                else:
                    dns.query.udp(q, addr, port=port, timeout=0.5)
                return
            except Exception:
                time.sleep(0.2)
        raise SystemExit("server on %s#%d did not come up" % (addr, port))

    # --- captures --------------------------------------------------------
    def capture(self, out, hosts, iface="lo", pcapng=False, prefix=(), linktype=None):
        """Capture DNS, ICMP errors and IP fragments to or from `hosts` only."""
        self.guard_file = self.path("guard.pcap")
        self.guard = self.start(["tcpdump", "-i", "any", "-n", "-U", "-w",
                                 self.guard_file, GUARD_FILTER])
        filt = "(%s) and (port 53 or icmp or icmp6 or (ip[6:2] & 0x3fff != 0) or (ip6 and ip6[6] = 44))" % (
            " or ".join("host " + h for h in hosts))
        argv = list(prefix) + ["tcpdump", "-i", iface, "-n", "-U", "-s", "0"]
        if linktype:
            argv += ["-y", linktype]
        argv += ["-w", out + ".tmp", filt]
        self.cap = self.start(argv)
        self.cap_out = out
        self.cap_pcapng = pcapng
        time.sleep(2)

    def finish_capture(self):
        time.sleep(1.0)
        self.stop(self.cap, signal.SIGINT)
        self.stop(self.guard, signal.SIGINT)
        n = guard_count(self.guard_file)
        if n:
            raise SystemExit("GUARD: %d port-53 packets with a non-loopback address" % n)
        tmp = self.cap_out + ".tmp"
        if self.cap_pcapng:
            self.sh(["editcap", "-F", "pcapng", tmp, self.cap_out])
            os.unlink(tmp)
        else:
            os.replace(tmp, self.cap_out)

    def cleanup(self):
        for p in reversed(self.procs):
            try:
                self.stop(p)
            except Exception:
                pass
        self.procs = []
        for a in self.aliases:
            subprocess.run(["ip", "addr", "del", a + "/32", "dev", "lo"],
                           capture_output=True)
        self.aliases = []
        shutil.rmtree(self.tmp, ignore_errors=True)


OUR_NAMES = ("example.com", "example.net", "example.org", "private.example")


def guard_count(f):
    """Count port-53 packets with a non-loopback address that belong to the recording.

    Other software on the machine may use the configured resolver while a
    recording runs; such lookups are reported but cannot be attributed to
    the recording unless they concern its names (or have no readable name).
    """
    if not os.path.exists(f):
        raise SystemExit("guard capture missing")
    r = subprocess.run(["tshark", "-r", f, "-n", "-T", "fields", "-e", "frame.number",
                        "-e", "dns.qry.name"], capture_output=True, text=True)
    ours, foreign = 0, {}
    for line in r.stdout.splitlines():
        parts = line.split("\t")
        name = parts[1].lower().rstrip(".") if len(parts) > 1 else ""
        if not name or any(name == z or name.endswith("." + z) for z in OUR_NAMES):
            ours += 1
        else:
            foreign[name] = foreign.get(name, 0) + 1
    if foreign:
        print("guard: %d off-loopback port-53 packets from other software on this machine "
              "(names: %s); none concern this recording" % (
                  sum(foreign.values()), ", ".join(sorted(foreign))), file=sys.stderr)
    return ours


# --- servers -----------------------------------------------------------------
def named_conf(run, listen, body, options_extra="", inst="named"):
    """Write a configuration for an authoritative BIND listening on `listen`."""
    v4 = "; ".join(a for a in listen if ":" not in a)
    v6 = "; ".join(a for a in listen if ":" in a) or "none"
    conf = """
options {
    directory "%(d)s";
    pid-file "%(d)s/%(inst)s.pid";
    session-keyfile "%(d)s/%(inst)s.session.key";
    managed-keys-directory "%(d)s";
    listen-on port 53 { %(v4)s; };
    listen-on-v6 port 53 { %(v6)s; };
    recursion no;
    dnssec-validation no;
    notify no;
    empty-zones-enable no;
    query-source address %(src)s;
    transfer-source %(src)s;
    notify-source %(src)s;
    %(extra)s
};
controls { };
logging { channel l { file "%(d)s/%(inst)s.log"; severity info; print-category yes; };
          category default { l; }; category queries { l; }; };
%(body)s
""" % {"d": run.tmp, "v4": v4, "v6": v6, "src": listen[0], "extra": options_extra,
       "body": body, "inst": inst}
    return run.write(inst + ".conf", conf)


def start_named(run, conf, listen, prefix=()):
    run.sh(["named-checkconf", conf])
    p = run.start(list(prefix) + ["named", "-g", "-u", "root", "-c", conf, "-n", "1"],
                  stderr=open(conf + ".stderr", "w"))
    run.wait_port(listen[0])
    return p


def checkzone(run, origin, path):
    run.sh(["named-checkzone", "-q", "-i", "none", origin, path])
