# SPDX-License-Identifier: GPL-2.0-or-later
"""Write samples/<name>.expect.tsv for a capture.

Independent of rcodex: tshark locates each DNS message (frame where it is
dissected, raw bytes, addresses, transport), and this script decodes the
messages itself (with dnspython for names and CNAME/DNAME targets) and applies
the meanings agreed for the expectations format.

usage: expect.py CAPTURE [OUT.tsv] [--comment TEXT]...
"""
import json
import struct
import subprocess
import sys

import dns.name
import dns.rdatatype

HEADER = ("#frame\tkind\trcode\trcode_name\tsource\tcondition\tede\ttsig_error\t"
          "cookie_client\tcookie_server\tcookie_valid\tstatus")

NAMES = {0: "NOERROR", 1: "FORMERR", 2: "SERVFAIL", 3: "NXDOMAIN", 4: "NOTIMP",
         5: "REFUSED", 6: "YXDOMAIN", 7: "YXRRSET", 8: "NXRRSET", 9: "NOTAUTH",
         10: "NOTZONE", 11: "DSOTYPENI", 17: "BADKEY", 18: "BADTIME", 19: "BADMODE",
         20: "BADNAME", 21: "BADALG", 22: "BADTRUNC", 23: "BADCOOKIE"}

T_CNAME, T_DNAME, T_OPT, T_TKEY, T_TSIG = 5, 39, 41, 249, 250
T_IXFR, T_AXFR, T_ANY = 251, 252, 255


class Malformed(Exception):
    pass


def rr_walk(wire, off, count):
    rrs = []
    for _ in range(count):
        try:
            name, used = dns.name.from_wire(wire, off)
        except Exception as e:
            raise Malformed("bad owner name at %d: %s" % (off, e))
        off += used
        if off + 10 > len(wire):
            raise Malformed("truncated RR header")
        rtype, rclass, ttl, rdlen = struct.unpack("!HHIH", wire[off:off + 10])
        off += 10
        if off + rdlen > len(wire):
            raise Malformed("truncated RDATA")
        rrs.append((name, rtype, rclass, ttl, off, rdlen))
        off += rdlen
    return rrs, off


def decode(wire):
    if len(wire) < 12:
        raise Malformed("short header")
    mid, flags, qd, an, ns, ar = struct.unpack("!HHHHHH", wire[:12])
    off = 12
    questions = []
    for _ in range(qd):
        try:
            name, used = dns.name.from_wire(wire, off)
        except Exception as e:
            raise Malformed("bad qname: %s" % e)
        off += used
        if off + 4 > len(wire):
            raise Malformed("truncated question")
        qt, qc = struct.unpack("!HH", wire[off:off + 4])
        off += 4
        questions.append((name, qt, qc))
    answer, off = rr_walk(wire, off, an)
    authority, off = rr_walk(wire, off, ns)
    additional, off = rr_walk(wire, off, ar)
    return {"id": mid, "qr": flags >> 15, "opcode": (flags >> 11) & 15,
            "aa": (flags >> 10) & 1, "tc": (flags >> 9) & 1, "rcode": flags & 15,
            "questions": questions, "answer": answer, "authority": authority,
            "additional": additional}


def target(wire, rr):
    """The domain name in the RDATA of a CNAME/DNAME record."""
    name, _ = dns.name.from_wire(wire, rr[4])
    return name


def facts(wire):
    m = decode(wire)
    opt = tsig = tkey = None
    for rr in m["additional"]:
        if rr[1] == T_OPT and opt is None:
            opt = rr
        elif rr[1] == T_TSIG:
            tsig = rr
        elif rr[1] == T_TKEY and tkey is None:
            tkey = rr
    for rr in m["answer"]:
        if rr[1] == T_TKEY and tkey is None:
            tkey = rr
    f = {"m": m, "ede": [], "cookie": None, "tsig_error": None, "tkey_error": None,
         "ext": 0}
    if opt is not None:
        f["ext"] = (opt[3] >> 24) & 0xff
        p, end = opt[4], opt[4] + opt[5]
        while p + 4 <= end:
            code, olen = struct.unpack("!HH", wire[p:p + 4])
            p += 4
            if p + olen > end:
                raise Malformed("truncated EDNS option")
            data = wire[p:p + olen]
            p += olen
            if code == 15 and olen >= 2:
                f["ede"].append(struct.unpack("!H", data[:2])[0])
            elif code == 10 and f["cookie"] is None:
                f["cookie"] = olen
    if tsig is not None:
        p = tsig[4]
        _, used = dns.name.from_wire(wire, p)
        p += used + 6 + 2
        (macsize,) = struct.unpack("!H", wire[p:p + 2])
        p += 2 + macsize + 2
        (f["tsig_error"],) = struct.unpack("!H", wire[p:p + 2])
    if tkey is not None:
        p = tkey[4]
        _, used = dns.name.from_wire(wire, p)
        p += used + 4 + 4 + 2
        (f["tkey_error"],) = struct.unpack("!H", wire[p:p + 2])
    f["has_opt"] = opt is not None
    return f


def effective(f):
    m = f["m"]
    if f["tsig_error"]:
        return f["tsig_error"], "tsig"
    code = (f["ext"] << 4) | m["rcode"] if f["has_opt"] else m["rcode"]
    # RFC 2930 §2.6: a TKEY error comes with header NOERROR; beside a
    # non-zero header code it is unrelated
    if f["tkey_error"] and code == 0:
        return f["tkey_error"], "tkey"
    return code, ("edns" if f["has_opt"] and f["ext"] else "header")


def rcode_name(code, source):
    if code == 16:
        return "BADVERS" if source == "edns" else "BADSIG"
    return NAMES.get(code, str(code))


def condition(wire, f, code):
    m = f["m"]
    if code == 3:
        return "nxdomain"
    if code != 0:
        return "error"
    if m["opcode"] != 0:
        return "success"
    if m["questions"]:
        qname, qtype, _ = m["questions"][0]
        ans = m["answer"]
        cur = qname
        seen = set()
        while True:
            for rr in ans:
                if qtype in (T_AXFR, T_IXFR):
                    return "answer"
                if rr[0] == cur and (qtype == T_ANY or rr[1] == qtype):
                    return "answer"
            if cur in seen:
                break
            seen.add(cur)
            nxt = None
            for rr in ans:
                if rr[1] == T_CNAME and rr[0] == cur:
                    nxt = target(wire, rr)
                    break
            if nxt is None:
                for rr in ans:
                    if rr[1] == T_DNAME and cur.is_subdomain(rr[0]) and cur != rr[0]:
                        rel = cur.relativize(rr[0])
                        try:
                            nxt = rel.concatenate(target(wire, rr))
                        except Exception:
                            nxt = None
                        break
            if nxt is None:
                break
            cur = nxt
    if m["tc"]:
        return "truncated"
    types = [rr[1] for rr in m["authority"]]
    if not m["aa"] and 2 in types and 6 not in types:
        return "referral"
    return "nodata"


def messages(capture):
    r = subprocess.run(["tshark", "-r", capture, "-n", "-x", "-T", "json",
                        "--no-duplicate-keys",
                        "-o", "tcp.desegment_tcp_streams:TRUE",
                        "-o", "ip.defragment:TRUE", "-o", "ipv6.defragment:TRUE"],
                       capture_output=True, text=True, check=True)
    out = []
    for pkt in json.loads(r.stdout):
        L = pkt["_source"]["layers"]
        frame = int(L["frame"]["frame.number"])
        if "dns" not in L:
            continue
        if "icmp" in L or "icmpv6" in L:
            # a DNS message quoted inside an ICMP error
            n = len(L["dns"]) if isinstance(L["dns"], list) else 1
            out.extend({"frame": frame, "kind": "icmp"} for _ in range(n))
            continue
        raws = L.get("dns_raw")
        if raws is None:
            continue
        if isinstance(raws[0], str):
            raws = [raws]
        if "ip" in L:
            ipl = L["ip"] if isinstance(L["ip"], dict) else L["ip"][-1]
            src, dst = ipl["ip.src"], ipl["ip.dst"]
        else:
            ipl = L["ipv6"] if isinstance(L["ipv6"], dict) else L["ipv6"][-1]
            src, dst = ipl["ipv6.src"], ipl["ipv6.dst"]
        if "tcp" in L:
            t = L["tcp"]
            proto, sp, dp = "tcp", t["tcp.srcport"], t["tcp.dstport"]
        else:
            u = L["udp"]
            proto, sp, dp = "udp", u["udp.srcport"], u["udp.dstport"]
        for raw in raws:
            wire = bytes.fromhex(raw[0])
            if proto == "tcp":
                wire = wire[2:]
            out.append({"frame": frame, "kind": "dns", "wire": wire,
                        "key": (proto, src, sp, dst, dp)})
    return out


def main():
    args = sys.argv[1:]
    comments = []
    while "--comment" in args:
        i = args.index("--comment")
        comments.append(args[i + 1])
        del args[i:i + 2]
    cap = args[0]
    outp = args[1] if len(args) > 1 else None
    msgs = messages(cap)
    rows = []
    for i, x in enumerate(msgs):
        if x["kind"] == "icmp":
            x["row"] = [x["frame"], "icmp"] + ["-"] * 10
            continue
        try:
            f = facts(x["wire"])
        except Malformed as e:
            # the ID and QR bit are readable even when the rest is not
            w = x["wire"]
            qr = (w[2] >> 7) if len(w) > 2 else 0
            f = None
            x["malformed"] = str(e)
            x["id"] = struct.unpack("!H", w[:2])[0] if len(w) >= 2 else None
            x["qr"] = qr
            comments.append("frame %d: malformed DNS message (%s)" % (x["frame"], e))
        if f is not None:
            x["id"], x["qr"] = f["m"]["id"], f["m"]["qr"]
        x["f"] = f
    # answered / unsolicited
    for i, x in enumerate(msgs):
        if x["kind"] != "dns":
            continue
        proto, s, sp, d, dp = x["key"]
        swapped = (proto, d, dp, s, sp)
        if x["qr"] == 0:
            ok = any(y["kind"] == "dns" and y["qr"] == 1 and y["id"] == x["id"]
                     and y["key"] == swapped for y in msgs[i + 1:])
            x["status"] = "answered" if ok else "unanswered"
        else:
            ok = any(y["kind"] == "dns" and y["qr"] == 0 and y["id"] == x["id"]
                     and y["key"] == swapped for y in msgs[:i])
            x["status"] = "answered" if ok else "unsolicited"
    lines = [HEADER] + ["# " + c for c in comments]
    for x in msgs:
        if x["kind"] == "icmp":
            lines.append("\t".join(str(v) for v in x["row"]))
            continue
        f = x["f"]
        if f is None:
            kind = "response" if x["qr"] else "query"
            lines.append("\t".join([str(x["frame"]), kind] + ["-"] * 6
                                    + ["0", "0", "-", x["status"]]))
            continue
        ede = ",".join(str(c) for c in f["ede"]) or "-"
        tsig = "-" if f["tsig_error"] is None else str(f["tsig_error"])
        ck = f["cookie"]
        cc = "1" if ck is not None and ck >= 8 else "0"
        cs = "1" if ck is not None and ck > 8 else "0"
        cv = "-" if ck is None else ("1" if ck == 8 or 16 <= ck <= 40 else "0")
        if x["qr"] == 0:
            row = [str(x["frame"]), "query", "-", "-", "-", "-", ede, tsig, cc, cs, cv,
                   x["status"]]
        else:
            code, src = effective(f)
            row = [str(x["frame"]), "response", str(code), rcode_name(code, src), src,
                   condition(x["wire"], f, code), ede, tsig, cc, cs, cv, x["status"]]
        lines.append("\t".join(row))
    text = "\n".join(lines) + "\n"
    if outp:
        with open(outp, "w") as fh:
            fh.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
