#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Tests of the ticket text (rcreport --format markdown) through the real
rcreport binary and cmark, the CommonMark reference renderer.

  test_markdown.py samples RCREPORT SAMPLES_DIR WORKDIR
  test_markdown.py hostile RCREPORT SAMPLES_DIR WORKDIR
"""
import hashlib
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import hostile_pcap as hp  # noqa: E402

MAX_LINES = 60
failures = []


def check(cond, what):
    print(('ok   ' if cond else 'FAIL ') + what)
    if not cond:
        failures.append(what)


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, **kw)


def markdown(rcreport, pcaps, *opts):
    r = run([rcreport, '--format', 'markdown', *opts] + pcaps)
    check(r.returncode in (0, 1), '%s: rcreport --format markdown exits 0 or 1 (%d: %s)'
          % (' '.join(os.path.basename(p) for p in pcaps), r.returncode,
             r.stderr.decode('utf-8', 'replace').strip()))
    return r.stdout.decode('utf-8')


def cmark(text):
    """HTML from cmark in its default, safe mode: raw HTML would show as
    an 'omitted' comment, so its absence is checked too."""
    r = run(['cmark'], input=text.encode('utf-8'))
    return r.stdout.decode('utf-8')


def tags(html):
    return set(re.findall(r'<\s*([a-zA-Z0-9]+)', html))


# What the ticket text is made of; anything else came from the capture.
OUR_TAGS = {'h2', 'h3', 'p', 'ol', 'ul', 'li', 'strong', 'code'}


def code_spans(html):
    return [re.sub(r'&(amp|lt|gt|quot);', lambda m: {'amp': '&', 'lt': '<', 'gt': '>', 'quot': '"'}[m.group(1)], c)
            for c in re.findall(r'<code>(.*?)</code>', html, re.S)]


def samples(rcreport, samples_dir, work):
    names = sorted(n for n in os.listdir(samples_dir) if n.endswith(('.pcap', '.pcapng')))
    for name in names:
        pcap = os.path.join(samples_dir, name)
        text = markdown(rcreport, [pcap])
        lines = text.splitlines()
        check(0 < len(lines) <= MAX_LINES, '%s: %d lines (at most %d)' % (name, len(lines), MAX_LINES))
        check(lines[0] == '## DNS troubleshooting report: `%s`' % name,
              '%s: heading names the capture by its file name' % name)
        check(samples_dir not in text, '%s: no directory of the capture in the text' % name)
        sha = hashlib.sha256(open(pcap, 'rb').read()).hexdigest()
        check('- SHA-256: `%s`' % sha in lines, '%s: SHA-256 of the capture' % name)
        doc = json.loads(run([rcreport, '-q', '--format', 'json', pcap]).stdout)
        check('- Packets: %d;' % doc['capture']['packets'] in text, '%s: packet count' % name)
        check(re.search(r'^- Time span: \S+ \S+ to \S+ \S+ UTC \([0-9.]+ s\)$', text, re.M) is not None,
              '%s: time span' % name)
        html = cmark(text)
        check(tags(html) <= OUR_TAGS, '%s: only headings, paragraphs, lists, strong and code (%s)'
              % (name, sorted(tags(html) - OUR_TAGS)))
        check(len(re.findall(r'<h2>', html)) == 1, '%s: one h2 heading' % name)
        heads = re.findall(r'<h3>(.*?)</h3>', html)
        findings = doc['findings']
        check(heads == (['Top findings', 'Capture'] if findings else ['Capture']),
              '%s: sections %s' % (name, heads))
        lead = re.search(r'<h2>.*?</h2>\n<p>(.*?)</p>', html, re.S)
        check(lead is not None and ('failed.' in lead.group(1) or 'No DNS failures' in lead.group(1)),
              '%s: a lead paragraph says what failed' % name)
        if not findings:
            continue
        items = re.findall(r'^(\d+)\. \*\*(.*?)\*\* \((error|warning|note|info)\): ', text, re.M)
        shown = len(items)
        check(shown == min(5, len(findings)), '%s: top %d of %d findings shown' % (name, shown, len(findings)))
        spans = code_spans(html)
        for k, f in enumerate(findings[:shown]):
            check(items[k][0] == str(k + 1) and items[k][2] == f['severity'],
                  '%s: finding %d is the report\'s %s' % (name, k + 1, f['id']))
            if f['filter']:
                check(f['filter'] in spans, '%s: finding %s filter in a code span' % (name, f['id']))
            if f['next_steps']:
                check('Next step: ' in text, '%s: finding %s next step' % (name, f['id']))
        if len(findings) > shown:
            check('%d more finding' % (len(findings) - shown) in text,
                  '%s: says how many findings are only in the HTML report' % name)
    # Incident: the lead says what failed, how much, since when, from where.
    text = markdown(rcreport, [os.path.join(samples_dir, 'incident.pcap')])
    lead = text.splitlines()[2]
    for part in ('**203 of 345 DNS transactions (58.8 %) failed.**', 'from 127.0.53.53 were SERVFAIL',
                 'between 2026-11-22 13:51:40 and 2026-11-22 13:52:48 UTC', 'carried EDE 6 DNSSEC Bogus',
                 'all for names under `example.net`', '**Likely cause:**', '**Next:**'):
        check(part in lead, 'incident lead: %s' % part)
    check('   - Wireshark filter: `rcodex.ede.code == 6 && ip.src == 127.0.53.53`' in text,
          'incident: the EDE 6 finding\'s filter')
    docs = os.path.join(samples_dir, os.pardir, 'docs', 'rcreport.md')
    example = re.search(r'^````markdown\n(.*?)^````$', open(docs, encoding='utf-8').read(), re.S | re.M)
    check(example is not None and example.group(1) == text,
          'docs/rcreport.md shows the current ticket text of incident.pcap')
    # --full-path names the capture as given; -o writes the file whole.
    pcap = os.path.join(samples_dir, 'incident.pcap')
    text = markdown(rcreport, [pcap], '--full-path')
    check(text.splitlines()[0] == '## DNS troubleshooting report: `%s`' % pcap, '--full-path: the path as given')
    out = os.path.join(work, 'incident.md')
    r = run([rcreport, '--format', 'markdown', '-o', out, pcap])
    check(r.returncode == 0 and open(out, encoding='utf-8').read() == markdown(rcreport, [pcap]),
          '-o FILE writes the same text')
    check(('Report written to %s' % out).encode() in r.stdout, '-o FILE: the summary names the file')
    r = run([rcreport, '--format', 'json', '--full-path', pcap])
    check(r.returncode == 2 and b'--full-path' in r.stderr, '--full-path refused with json')


# Capture text that would be markup, links, headings or references if it
# were pasted raw into a ticket.
MD_LABELS = [b'# head', b'`x`', b'a|b', b'[l](x:y)', b'**b**', b'_i_', b'<b>x</b>']
MD_TEXT = (b'# Heading\n\n[click](javascript:alert(1)) <b>bold</b> ``` fence\n| a | b |\n|---|---|\n'
           b'<http://evil.example/> https://evil.example/x www.evil.example user@evil.example '
           b'@admin #123 !45 ~label %milestone $x^2$ ![img](http://evil.example/i.png) '
           b'[ref]: http://evil.example/ &amp; &#60;b&#62; \\` *emph* _emph_ ~~del~~ `code` end')


def md_hostile_pcap(path):
    t0 = 1_700_000_000
    packets = []

    def exchange(t, ident, q, r):
        packets.append((t, hp.frame(hp.CLIENT, hp.SERVER, 40000 + ident, 53, q)))
        packets.append((t + 0.002, hp.frame(hp.SERVER, hp.CLIENT, 53, 40000 + ident, r)))

    # The names made of markup fail most, so the findings name them in
    # their prose; so does the TSIG finding with its key name.
    failing = [MD_LABELS] * 3 + [[b'www', b'evil', b'example'], [b'#1', b'@user', b'~x']]
    for ident, labels in enumerate(failing, 1):
        q = hp.header(ident, 0x0100, 1, 0, 0, 1) + hp.question(labels) + hp.opt()
        r = (hp.header(ident, 0x8182, 1, 0, 0, 1) + hp.question(labels)
             + hp.opt(hp.ede(6, MD_TEXT)))
        exchange(t0 + ident, ident, q, r)
    q = hp.header(9, 0x0100, 1, 0, 0, 0) + hp.question(MD_LABELS, 15)
    r = hp.header(9, 0x8183, 1, 0, 0, 0) + hp.question(MD_LABELS, 15)
    exchange(t0 + 9, 9, q, r)
    key = [b'www', b'evil', b'example']
    q = hp.header(10, 0x0100, 1, 0, 0, 1) + hp.question([b'example', b'test'], 6) + hp.tsig(key, 0, t0 + 10)
    r = hp.header(10, 0x8189, 1, 0, 0, 1) + hp.question([b'example', b'test'], 6) + hp.tsig(key, 18, t0 - 300)
    exchange(t0 + 10, 10, q, r)
    with open(path, 'wb') as f:
        f.write(hp.struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
        for t, data in packets:
            sec = int(t)
            usec = int(round((t - sec) * 1e6))
            f.write(hp.struct.pack('<IIII', sec, usec, len(data), len(data)))
            f.write(data)


def outside_code(text):
    """The Markdown with its code spans removed."""
    return re.sub(r'(`+)(?:(?!\1).)*?\1', '', text)


def inert(name, text):
    html = cmark(text)
    check(tags(html) <= OUR_TAGS, '%s: cmark renders only our elements (%s)' % (name, sorted(tags(html) - OUR_TAGS)))
    check('raw HTML omitted' not in html, '%s: no raw HTML for cmark to omit' % name)
    check('<a ' not in html and '<img' not in html, '%s: no link or image' % name)
    check(len(re.findall(r'<h[1-6]>', html)) == len(re.findall(r'^#{2,3} ', text, re.M)) ==
          (3 if 'Top findings' in text else 2), '%s: no heading but ours' % name)
    check(html.count('<li>') == len(re.findall(r'^(\d+\.|   -|-) ', text, re.M)),
          '%s: no list item but ours' % name)
    prose = outside_code(text)
    check(re.search(r'(?<!\\)www\.|(?<!\\):\/\/|(?<!\\)@\w|(?<!\\)#\d|(?<!\\)~\w', prose) is None,
          '%s: no autolink or reference start outside code spans (GitHub, GitLab)' % name)
    check(re.search(r'[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]', text) is None,
          '%s: no control or bidi characters' % name)
    lines = text.splitlines()
    check(len(lines) <= MAX_LINES, '%s: %d lines (at most %d)' % (name, len(lines), MAX_LINES))
    return html


def hostile(rcreport, samples_dir, work):
    pcap = os.path.join(work, 'hostile.pcap')
    subprocess.run([sys.executable, os.path.join(HERE, 'hostile_pcap.py'), pcap], check=True)
    html = inert('hostile.pcap', markdown(rcreport, [pcap]))
    check('&lt;script&gt;document.title=&quot;PWNED&quot;' in html, 'hostile.pcap: EXTRA-TEXT shown as text')
    check('&lt;U+202E&gt;' in html, 'hostile.pcap: bidi override shown as <U+202E>')
    md = os.path.join(work, 'markdown-hostile.pcap')
    md_hostile_pcap(md)
    text = markdown(rcreport, [md])
    html = inert('markdown-hostile.pcap', text)
    check('[click](javascript:alert(1))' in html and '# Heading' in html,
          'markdown-hostile.pcap: EXTRA-TEXT shown as text')
    check('www\\.evil.example' in text and 'www.evil.example' in html,
          'markdown-hostile.pcap: a www name is escaped in prose and shown whole')
    # Many captures and findings: still at most MAX_LINES lines.
    all_samples = sorted(os.path.join(samples_dir, n) for n in os.listdir(samples_dir)
                         if n.endswith(('.pcap', '.pcapng')))
    inert('every capture at once', markdown(rcreport, [pcap, md] + all_samples))


def main():
    what, rcreport, samples_dir, work = sys.argv[1:5]
    os.makedirs(work, exist_ok=True)
    if what == 'samples':
        samples(rcreport, samples_dir, work)
    elif what == 'hostile':
        hostile(rcreport, samples_dir, work)
    else:
        return 2
    if failures:
        print('%d failed' % len(failures))
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
