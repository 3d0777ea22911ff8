#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Tests of the HTML report through the real rcreport binary, xmllint
(libxml2) and headless Chromium.

  test_report.py incident   RCREPORT SAMPLES_DIR WORKDIR
  test_report.py hostile    RCREPORT WORKDIR
  test_report.py anonymized RCREPORT SAMPLES_DIR WORKDIR
  test_report.py findings   RCREPORT SAMPLES_DIR WORKDIR

Chromium runs in a network namespace of its own (no interface but a downed
loopback), with every background service off and a dead proxy and resolver
as a second line: the report must render without any network, and the
browser must not reach out while it does.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
# Elements of HTML5 and SVG that libxml2's HTML 4 parser does not know.
HTML5_TAGS = {'header', 'nav', 'section', 'article', 'figure', 'figcaption',
              'svg', 'rect', 'text', 'title', 'defs', 'pattern', 'path',
              'circle', 'g', 'main', 'footer', 'tspan', 'wbr'}
failures = []


def check(cond, what):
    print(('ok   ' if cond else 'FAIL ') + what)
    if not cond:
        failures.append(what)


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, **kw)


def xpath(path, expr):
    r = run(['xmllint', '--html', '--xpath', expr, path])
    return r.stdout.decode('utf-8', 'replace').strip()


def valid(path):
    """No libxml2 HTML parser error except unknown HTML5/SVG tags."""
    r = run(['xmllint', '--html', '--noout', path])
    bad = []
    for line in r.stderr.decode('utf-8', 'replace').splitlines():
        m = re.match(r'^[^:]+:\d+: (.*)$', line)
        if not m:
            continue
        t = re.search(r'Tag (\w+) invalid', m.group(1))
        if t and t.group(1) in HTML5_TAGS:
            continue
        bad.append(m.group(1))
    check(not bad, 'valid HTML (%s)' % '; '.join(bad[:3]))


def common(path):
    valid(path)
    check(xpath(path, 'string(//meta[@http-equiv="Content-Security-Policy"]/@content)') == CSP,
          'Content-Security-Policy meta forbids scripts and remote loads')
    check(xpath(path, 'count(//script|//iframe|//object|//embed|//link|//base)') == '0',
          'no script, frame, object or link elements')
    check(xpath(path, 'count(//@*[starts-with(name(), "on")])') == '0', 'no event handler attributes')
    check(xpath(path, 'count(//@href[not(starts-with(., "#"))]|//@src)') == '0',
          'only in-page links, no external resources')


_netns = None


def no_network_prefix():
    """unshare -n as root, unshare -rn (a user namespace) otherwise."""
    global _netns
    if _netns is None:
        _netns = []
        tries = [['unshare', '-n']] if os.geteuid() == 0 else []
        tries.append(['unshare', '-rn'])
        for t in tries:
            try:
                if run(t + ['true'], timeout=30).returncode == 0:
                    _netns = t
                    break
            except OSError:
                pass
        print('chromium runs under: %s' % (' '.join(_netns) or 'no namespace (flags only)'))
    return _netns


def chromium(args, url):
    prof = tempfile.mkdtemp(prefix='rcx-chromium-')
    try:
        cmd = no_network_prefix() + [
            'chromium', '--headless', '--no-sandbox', '--disable-gpu',
            '--disable-background-networking', '--disable-component-update',
            '--disable-sync', '--disable-default-apps', '--no-first-run',
            '--no-default-browser-check', '--disable-breakpad',
            '--proxy-server=127.0.0.1:9', '--host-resolver-rules=MAP * ~NOTFOUND',
            '--user-data-dir=' + prof] + args + [url]
        return run(cmd, timeout=120)
    finally:
        shutil.rmtree(prof, ignore_errors=True)


def png_nonblank(path):
    data = open(path, 'rb').read()
    if data[:8] != b'\x89PNG\r\n\x1a\n':
        return False
    pos, idat = 8, b''
    while pos + 8 <= len(data):
        n = int.from_bytes(data[pos:pos + 4], 'big')
        kind = data[pos + 4:pos + 8]
        if kind == b'IDAT':
            idat += data[pos + 8:pos + 8 + n]
        pos += 12 + n
    raw = zlib.decompress(idat)
    return len(set(raw)) > 32


def incident(rcreport, samples, work):
    pcap = os.path.join(samples, 'incident.pcap')
    out = os.path.join(work, 'incident.rcreport.html')
    r = run([rcreport, '-q', pcap, '-o', out])
    check(r.returncode == 0, 'rcreport exits 0 on the incident sample')
    common(out)
    # Expected SERVFAIL count from the sample's expectations.
    servfail = 0
    with open(os.path.join(samples, 'incident.expect.tsv')) as f:
        for line in f:
            if line.startswith('#'):
                continue
            col = line.rstrip('\n').split('\t')
            if len(col) > 3 and col[1] == 'response' and col[3] == 'SERVFAIL':
                servfail += 1
    got = xpath(out, 'string(//table[@id="code-table"]//tr[@data-code="SERVFAIL"]/td[5])')
    check(servfail > 0 and got == str(servfail),
          'code table SERVFAIL row has %d (got %s)' % (servfail, got))
    flt = 'rcodex.ede.code == 6 && ip.src == 127.0.53.53'
    got = xpath(out, 'string(//article[@data-kind="dnssec"]//code[@class="filter"][. = "%s"])' % flt)
    check(got == flt,
          'DNSSEC finding with filter "rcodex.ede.code == 6 && ip.src == 127.0.53.53"')
    first = xpath(out, 'string(//article[@id="finding-1"]/@data-kind)')
    check(first in ('dnssec', 'servfail_ede'), 'the first finding is the DNSSEC SERVFAIL (%s)' % first)
    lead = xpath(out, 'string(//p[@class="lead"])')
    check('SERVFAIL' in lead and 'EDE 6' in lead and 'Likely cause' in lead and 'Next' in lead,
          'summary paragraph names the failure, the EDE, the cause and the next step')
    check('all for names under example.net.' in lead,
          'summary paragraph names the zone of the failing names')
    check(xpath(out, 'count(//ol[@class="top"]/li)') == '3', 'three top findings on the first screen')
    check(xpath(out, 'count(//section[@id="appendix"]//dt)') not in ('', '0'), 'appendix explains the codes')
    check(xpath(out, 'count(//svg)') == '3', 'three inline SVG charts')
    # A report travels with a ticket: the folders of the capture stay out
    # of it unless --full-path asks for them.
    absolute = os.path.abspath(pcap)
    named = os.path.join(work, 'incident-named.html')
    run([rcreport, '-q', absolute, '-o', named])
    check(os.path.dirname(absolute) not in open(named, encoding='utf-8').read(),
          'the report names the capture without its directory')
    check(xpath(named, 'string(//dl[@class="facts"]/dd[1])').startswith('incident.pcap '),
          'the capture facts give the file name')
    run([rcreport, '-q', '--full-path', absolute, '-o', named])
    check(xpath(named, 'string(//dl[@class="facts"]/dd[1])').startswith(absolute + ' '),
          '--full-path: the capture facts give the path')
    # Rendering.
    dom = chromium(['--dump-dom'], 'file://' + out).stdout.decode('utf-8', 'replace')
    check('<title>DNS troubleshooting report</title>' in dom, 'Chromium DOM has the report title')
    png = os.path.join(work, 'incident-report.png')
    chromium(['--window-size=1280,1000', '--hide-scrollbars', '--screenshot=' + png], 'file://' + out)
    check(os.path.exists(png) and png_nonblank(png), 'Chromium screenshot rendered and not blank')


def hostile(rcreport, work):
    pcap = os.path.join(work, 'hostile.pcap')
    subprocess.run([sys.executable, os.path.join(HERE, 'hostile_pcap.py'), pcap], check=True)
    out = os.path.join(work, 'hostile.rcreport.html')
    r = run([rcreport, '-q', pcap, '-o', out])
    check(r.returncode in (0, 1), 'rcreport handles the hostile capture (exit %d)' % r.returncode)
    common(out)
    data = open(out, 'rb').read()
    data.decode('utf-8')  # raises on invalid UTF-8
    check(b'<script' not in data.lower() and b'<img' not in data.lower() and b'<a href="javascript' not in data,
          'no capture markup in the file')
    for ch in ('\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'):
        if ch.encode() in data:
            check(False, 'bidi control U+%04X left raw' % ord(ch))
    check(b'&lt;U+202E&gt;' in data, 'bidi override shown as <U+202E>')
    check(b'\\255' in data or b'\\xFF' in data or '\ufffd'.encode() in data,
          'invalid UTF-8 shown as an escape or U+FFFD')
    text = xpath(out, 'string(//section[@id="codes"])')
    check('<script>document.title="PWNED"' in text, 'EDE EXTRA-TEXT shown as text')
    check('<b>key</b>' in text,
          'TSIG key name shown as text')
    names = xpath(out, 'string(//section[@id="names"])')
    check('<script>' in names or '\\060script' in names.lower() or 'script' in names,
          'hostile query name shown as text')
    summary = run([rcreport, '--format', 'summary', pcap]).stdout
    check(not re.search(rb'[\x00-\x08\x0b-\x1f\x7f]', summary)
          and b'\xe2\x80\xae' not in summary and b'\xff' not in summary,
          'terminal summary: no raw control, bidi or invalid bytes')
    check(b'<U+202E>' in summary, 'terminal summary shows the bidi override as <U+202E>')
    res = chromium(['--dump-dom'], 'file://' + out)
    dom = res.stdout.decode('utf-8', 'replace')
    check('<title>DNS troubleshooting report</title>' in dom and 'PWNED</title>' not in dom,
          'Chromium: no script changed the title')
    check(re.findall(r'<body[^>]*>', dom) == ['<body>'], 'Chromium: no script changed the body')
    check('&lt;script&gt;document.title="PWNED"' in dom, 'Chromium shows the escaped text')
    png = os.path.join(work, 'hostile-report.png')
    chromium(['--window-size=1280,1000', '--screenshot=' + png], 'file://' + out)
    check(os.path.exists(png) and png_nonblank(png), 'Chromium renders the hostile report')


def jsonl_addresses(rcreport, pcaps):
    """Client and server addresses (without ports) of every transaction."""
    r = run([rcreport, '--format', 'jsonl'] + pcaps)
    clients, servers = set(), set()
    for line in r.stdout.decode('utf-8').splitlines():
        t = json.loads(line)
        for key, into in (('client', clients), ('server', servers)):
            v = t.get(key)
            if not v:
                continue
            addr = v[1:v.index(']')] if v.startswith('[') else v.rsplit(':', 1)[0]
            into.add(addr)
    return clients, servers


def address_in(addr, text):
    """addr as a whole address in text (127.0.0.1 is not in 127.0.0.11)."""
    return re.search(r'(?<![0-9A-Fa-f.:])%s(?![0-9A-Fa-f:]|\.[0-9])' % re.escape(addr),
                     text) is not None


def anonymized(rcreport, samples, work):
    for sample in ('incident.pcap', 'ipv6-any.pcapng'):
        pcap = os.path.join(samples, sample)
        clients, servers = jsonl_addresses(rcreport, [pcap])
        check(len(clients) > 0 and len(servers) > 0,
              '%s: clients %s, servers %s' % (sample, sorted(clients), sorted(servers)))
        plain = os.path.join(work, sample + '.plain.html')
        run([rcreport, '-q', pcap, '-o', plain])
        text = open(plain, encoding='utf-8').read()
        check(all(address_in(a, text) for a in clients),
              '%s: without --anonymize every client address is shown' % sample)
        for opt, hidden, shown in (('--anonymize', clients, servers - clients),
                                   ('--anonymize-servers', clients | servers, set())):
            out = os.path.join(work, '%s%s.html' % (sample, opt))
            r = run([rcreport, '-q', opt, pcap, '-o', out])
            check(r.returncode == 0, '%s %s: exit 0' % (sample, opt))
            common(out)
            data = open(out, 'rb').read()
            text = data.decode('utf-8')
            left = sorted(a for a in hidden if address_in(a, text))
            check(not left, '%s %s: no original address anywhere in the file (%s)'
                  % (sample, opt, ', '.join(left)))
            check(all(address_in(a, text) for a in shown),
                  '%s %s: server addresses still shown' % (sample, opt))
            check(re.search(r'anon[46]-[0-9a-f]{4,8}-[0-9a-f]{4,8}', text) is not None,
                  '%s %s: pseudonyms in the report' % (sample, opt))
            banner = xpath(out, 'string(//p[@id="anonymized"])')
            check('Anonymized report' in banner, '%s %s: banner says anonymized' % (sample, opt))
    # Pseudonyms cannot be linked across runs: the key is random each time.
    pcap = os.path.join(samples, 'incident.pcap')
    a, b = os.path.join(work, 'anon-a.html'), os.path.join(work, 'anon-b.html')
    run([rcreport, '-q', '--anonymize', pcap, '-o', a])
    run([rcreport, '-q', '--anonymize', pcap, '-o', b])
    pa = set(re.findall(r'anon4-[0-9a-f]{4}-[0-9a-f]{4}', open(a).read()))
    pb = set(re.findall(r'anon4-[0-9a-f]{4}-[0-9a-f]{4}', open(b).read()))
    check(pa and pb and not (pa & pb), 'pseudonyms differ between runs')


def set_rd(src, dst, frames):
    """Copy an Ethernet/IPv4/UDP pcap, setting the DNS RD bit in the given
    frames (1-based) and clearing their UDP checksum (0: none, RFC 768)."""
    data = bytearray(open(src, 'rb').read())
    assert data[:4] == b'\xd4\xc3\xb2\xa1', 'little-endian pcap expected'
    pos, n = 24, 0
    while pos + 16 <= len(data):
        incl = int.from_bytes(data[pos + 8:pos + 12], 'little')
        n += 1
        if n in frames:
            ip = pos + 16 + 14
            udp = ip + (data[ip] & 0x0f) * 4
            data[udp + 6:udp + 8] = b'\0\0'
            data[udp + 8 + 2] |= 0x01
        pos += 16 + incl
    open(dst, 'wb').write(bytes(data))


def finding_kinds(rcreport, pcaps, out):
    r = run([rcreport, '-q'] + pcaps + ['-o', out])
    check(r.returncode in (0, 1), '%s: rcreport exits 0 or 1' % ' '.join(
        os.path.basename(p) for p in pcaps))
    kinds = xpath(out, '//article/@data-kind')
    return re.findall(r'data-kind="([^"]*)"', kinds)


def findings(rcreport, samples, work):
    """Each kind of finding the report promises, on the real samples."""
    def s(name):
        return os.path.join(samples, name)
    expect = [
        (['incident.pcap'], ['dnssec', 'nxdomain', 'nodata']),
        (['dnssec.pcap'], ['dnssec']),
        (['refused.pcap'], ['refused']),
        (['tsig.pcap'], ['tsig']),
        (['edns-opcode-formerr.pcap'], ['formerr', 'notimp', 'badvers']),
        (['unanswered.pcap'], ['unanswered', 'icmp']),
        (['fragments.pcap'], ['fragmented']),
    ]
    for pcaps, kinds in expect:
        got = finding_kinds(rcreport, [s(p) for p in pcaps],
                            os.path.join(work, 'findings-%s.html' % pcaps[0]))
        for k in kinds:
            check(k in got, '%s: finding %s (found %s)' % (' '.join(pcaps), k, ' '.join(sorted(set(got)))))
        # The JSON document lists the same findings in the same order.
        r = run([rcreport, '-q', '--format', 'json'] + [s(p) for p in pcaps])
        doc = json.loads(r.stdout)
        ids = [f['id'] for f in doc['findings']]
        check(ids == got, '%s: JSON findings %s are the report\'s %s' % (' '.join(pcaps), ids, got))
        for f in doc['findings']:
            check(f['title'] and f['seen'] and f['severity'] in ('error', 'warning', 'note', 'info'),
                  '%s: JSON finding %s has a title, what was seen and a severity' % (pcaps[0], f['id']))
            if f['entry']:
                check(f['explanation'] and f['next_steps'] and f['entry']['reference'],
                      '%s: JSON finding %s explains with its reference and next steps' % (pcaps[0], f['id']))
            # A count of one reads in the singular ("1 response was").
            check(not re.search(r'(^|[^\d.,])1 (\w+ )?(responses|messages|queries|errors|places)\b', f['seen'])
                  and not re.search(r'(^|[^\d.,])1 (\w+ )+were\b', f['seen']),
                  '%s: JSON finding %s counts one thing in the singular: %s' % (pcaps[0], f['id'], f['seen']))
    doc = json.loads(run([rcreport, '-q', '--format', 'json', s('incident.pcap')]).stdout)
    f = doc['findings'][0]
    check(f['entry2'] and f['entry2']['key'] == 'ede.6' or f['entry'] and f['entry']['key'] == 'ede.6',
          'incident: the first JSON finding is EDE 6')
    check(sum(x['count'] for x in f['servers']) == f['count'] == 82,
          'incident: the EDE 6 finding counts its 82 responses per server (%s)' % f['servers'])
    ede6 = [row for row in doc['ede'] if row['code'] == 6][0]
    check(ede6['servers'] == [{'server': '127.0.53.53:53', 'count': 82}],
          'incident: EDE 6 came from 127.0.53.53:53 only (%s)' % ede6['servers'])
    tsig = xpath(os.path.join(work, 'findings-tsig.pcap.html'),
                 'string(//article[@data-kind="tsig"][contains(., "BADTIME")])')
    check('measured clock skew (client minus server) 7200 s' in tsig,
          'tsig: BADTIME finding with the measured clock skew')
    nx = xpath(os.path.join(work, 'findings-incident.pcap.html'),
               'string(//article[@data-kind="nxdomain"])')
    check('mial.example.com: likely a typo of mail.example.com' in nx,
          'incident: NXDOMAIN finding names the typo mial.example.com')
    summary = run([rcreport, '--format', 'summary', s('incident.pcap')]).stdout.decode()
    first = xpath(os.path.join(work, 'findings-incident.pcap.html'),
                  'string(//article[@id="finding-1"]//h3)')
    check('1. [error] SERVFAIL with EDE 6' in summary,
          'terminal summary starts with the report\'s first finding (%s)' % first.strip()[:60])
    check('\x1b' not in summary, 'terminal summary has no escape sequences')
    # Referrals: answers.pcap holds two, to queries sent without RD, as an
    # authoritative server gives them to a resolver: no finding. The same
    # exchanges with the RD bit set in query and response (a client asking
    # for recursion and getting a delegation) are one.
    got = finding_kinds(rcreport, [s('answers.pcap')], os.path.join(work, 'ref.html'))
    check('referral' not in got, 'answers.pcap: referrals to RD=0 queries are no finding')
    rd = os.path.join(work, 'answers-rd.pcap')
    set_rd(s('answers.pcap'), rd, {15, 16, 45, 46})
    out = os.path.join(work, 'ref-rd.html')
    got = finding_kinds(rcreport, [rd], out)
    check('referral' in got, 'referrals to RD=1 queries: finding referral')
    flt = 'rcodex.condition == "referral" && dns.flags.recdesired == 1 && (ip.src == 127.0.53.1 || ip.src == 127.0.53.3)'
    got = xpath(out, 'string(//article[@data-kind="referral"]//code[@class="filter"][. = \'%s\'])' % flt)
    check(got == flt, 'referral finding filter: %s' % flt)
    # BADCOOKIE and TC=1 are retried in the samples; cut before the retry,
    # the same real exchanges show a client that did not retry.
    for pcap, frames, kind in (('cookies.pcap', '1-10', 'badcookie_no_retry'),
                               ('tcp.pcap', '1-2', 'tc_no_retry')):
        got = finding_kinds(rcreport, [s(pcap)], os.path.join(work, 'retried.html'))
        check(kind not in got, '%s: no %s finding (the client retried)' % (pcap, kind))
        cut = os.path.join(work, 'cut-' + pcap)
        r = run(['editcap', '-r', s(pcap), cut, frames])
        check(r.returncode == 0, 'editcap cuts %s to frames %s' % (pcap, frames))
        got = finding_kinds(rcreport, [cut], os.path.join(work, 'cut.html'))
        check(kind in got, '%s frames %s: finding %s' % (pcap, frames, kind))
    # No sample on its own holds answers that disagree ...
    for name in sorted(os.listdir(samples)):
        if name.endswith(('.pcap', '.pcapng')):
            got = finding_kinds(rcreport, [s(name)], os.path.join(work, 'single.html'))
            check('inconsistent' not in got, '%s: no inconsistent-answers finding' % name)
    # ... but fragments.pcap and tcp.pcap were recorded from BIND on the same
    # address with different contents of big.example.com TXT (12 and 20
    # strings): read together, the address gave two answers to one question.
    out = os.path.join(work, 'inconsistent.html')
    got = finding_kinds(rcreport, [s('fragments.pcap'), s('tcp.pcap')], out)
    check('inconsistent' in got, 'fragments + tcp: inconsistent-answers finding')
    art = '//article[@data-kind="inconsistent"]'
    text = xpath(out, 'string(%s)' % art)
    check('big.example.com TXT: 2 different answers' in text,
          'inconsistent answers name big.example.com TXT with 2 answers')
    flt = 'dns.flags.response == 1 && dns.qry.name == "big.example.com" && dns.qry.type == 16 && ip.src == 127.0.53.1'
    got = xpath(out, 'string(%s//code[@class="filter"][. = \'%s\'])' % (art, flt))
    check(got == flt, 'inconsistent answers filter: %s' % flt)


def main():
    what = sys.argv[1]
    if what == 'incident':
        rcreport, samples, work = sys.argv[2:5]
        os.makedirs(work, exist_ok=True)
        if not os.path.exists(os.path.join(samples, 'incident.pcap')):
            print('samples/incident.pcap missing')
            return 1
        incident(rcreport, samples, work)
    elif what in ('anonymized', 'findings'):
        rcreport, samples, work = sys.argv[2:5]
        os.makedirs(work, exist_ok=True)
        (anonymized if what == 'anonymized' else findings)(rcreport, samples, work)
    elif what == 'hostile':
        rcreport, work = sys.argv[2:4]
        os.makedirs(work, exist_ok=True)
        hostile(rcreport, work)
    else:
        return 2
    if failures:
        print('%d failed' % len(failures))
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
