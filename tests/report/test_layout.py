#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Layout of the HTML report as Chromium lays it out: headless Chromium
driven over the DevTools protocol (on a pipe, in a network namespace of its
own), at 800, 1280 and 1920 px, light and dark, and with print media.

  test_layout.py RCREPORT SAMPLES_DIR WORKDIR
  test_layout.py --screenshots DOCS_DIR RCREPORT SAMPLES_DIR WORKDIR
      also writes the screenshots the README and docs/report.md show
"""
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from test_report import check, failures, no_network_prefix, run  # noqa: E402


class Chromium:
    """One headless Chromium; send() runs a DevTools command and returns
    its result. The protocol runs over file descriptors 3 and 4
    (--remote-debugging-pipe): messages are JSON separated by NUL."""

    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix='rcx-layout-')
        to_chromium, self.to_us = os.pipe(), os.pipe()
        ours = (to_chromium[0], self.to_us[1])

        def fds_3_and_4():
            os.dup2(ours[0], 3)
            os.dup2(ours[1], 4)
        self.proc = subprocess.Popen(
            no_network_prefix() + [
                'chromium', '--headless', '--no-sandbox', '--disable-gpu', '--remote-debugging-pipe',
                '--disable-background-networking', '--disable-component-update', '--disable-sync',
                '--no-first-run', '--no-default-browser-check', '--disable-breakpad',
                '--proxy-server=127.0.0.1:9', '--host-resolver-rules=MAP * ~NOTFOUND',
                '--hide-scrollbars', '--user-data-dir=' + self.profile, 'about:blank'],
            pass_fds=(3, 4), preexec_fn=fds_3_and_4,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_chromium[0])
        os.close(self.to_us[1])
        self.out = to_chromium[1]
        self.seq = 0
        self.pending = b''
        target = self.send('Target.createTarget', url='about:blank')['targetId']
        self.session = self.send('Target.attachToTarget', targetId=target, flatten=True)['sessionId']

    def send(self, method, page=False, **params):
        self.seq += 1
        msg = {'id': self.seq, 'method': method, 'params': params}
        if page:
            msg['sessionId'] = self.session
        os.write(self.out, json.dumps(msg).encode() + b'\0')
        while True:
            while b'\0' not in self.pending:
                chunk = os.read(self.to_us[0], 1 << 16)
                if not chunk:
                    raise RuntimeError('Chromium closed the DevTools pipe')
                self.pending += chunk
            raw, self.pending = self.pending.split(b'\0', 1)
            reply = json.loads(raw)
            if reply.get('id') == self.seq:
                if 'error' in reply:
                    raise RuntimeError('%s: %s' % (method, reply['error']))
                return reply['result']

    def page(self, method, **params):
        return self.send(method, page=True, **params)

    def evaluate(self, expression):
        r = self.page('Runtime.evaluate', expression=expression, returnByValue=True)
        if 'exceptionDetails' in r:
            raise RuntimeError(r['exceptionDetails'])
        return r['result'].get('value')

    def load(self, url, width, dark, media=''):
        self.page('Emulation.setDeviceMetricsOverride', width=width, height=900,
                  deviceScaleFactor=1, mobile=False)
        self.page('Emulation.setEmulatedMedia', media=media, features=[
            {'name': 'prefers-color-scheme', 'value': 'dark' if dark else 'light'}])
        self.page('Page.navigate', url=url)
        for _ in range(100):
            if self.evaluate('document.readyState') == 'complete':
                return
            time.sleep(0.1)
        raise RuntimeError('page did not load')

    def screenshot(self, path, selector_from, selector_to, width):
        """PNG of the page from the top of one element to the bottom of
        another, full width."""
        top, bottom = json.loads(self.evaluate(
            'JSON.stringify([document.querySelector(%s).getBoundingClientRect().top + scrollY,'
            ' document.querySelector(%s).getBoundingClientRect().bottom + scrollY])'
            % (json.dumps(selector_from), json.dumps(selector_to))))
        shot = self.page('Page.captureScreenshot', format='png', captureBeyondViewport=True, clip={
            'x': 0, 'y': max(0, top - 16), 'width': width, 'height': bottom - top + 32, 'scale': 1})
        with open(path, 'wb') as f:
            f.write(base64.b64decode(shot['data']))

    def close(self):
        try:
            self.send('Browser.close')
        except (OSError, RuntimeError):
            pass
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        os.close(self.out)
        os.close(self.to_us[0])
        shutil.rmtree(self.profile, ignore_errors=True)


# Everything measured in the page, as one JSON object.
MEASURE = r'''
(() => {
  const box = e => { const r = e.getBoundingClientRect();
                     return [r.left, r.top, r.right, r.bottom]; };
  const meet = (a, b) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
  const lum = c => { const v = c.match(/[\d.]+/g).slice(0, 3).map(Number)
                       .map(x => x / 255).map(x => x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4);
                     return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
  const contrast = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
                               return (x + 0.05) / (y + 0.05); };
  const body = getComputedStyle(document.body);
  const out = {bodyFont: parseFloat(body.fontSize), bg: body.backgroundColor,
               fg: body.color, pageWidth: document.documentElement.scrollWidth,
               viewWidth: document.documentElement.clientWidth};
  out.svgText = [...document.querySelectorAll('svg text')].map(t => {
    const svg = t.ownerSVGElement;
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    return parseFloat(getComputedStyle(t).fontSize) * scale; });
  out.svgContrast = Math.min(...[...document.querySelectorAll('svg text')].map(
    t => contrast(getComputedStyle(t).fill, body.backgroundColor)));
  const lat = document.querySelector('#timeline figure:last-of-type svg');
  const texts = [...lat.querySelectorAll('text')].map(box);
  const marks = [...lat.querySelectorAll('circle, path.p90, path.p99, path.max')].map(box);
  out.latencyTextOverMark = texts.some(t => marks.some(m => meet(t, m)));
  out.latencyTextOverText = texts.some((t, i) => texts.some((u, k) => k > i && meet(t, u)));
  out.latencyLegend = [...lat.querySelectorAll('g.legend text')].map(t => t.textContent);
  out.zones = [...document.querySelectorAll('td.zones .mono')].map(
    s => [s.textContent, s.getClientRects().length]);
  out.texts = [...document.querySelectorAll('td.texts li')].map(
    li => [li.textContent.replace(/\s+/g, ' ').trim(),
           (li.querySelector('[title]') || li).getAttribute('title')]);
  out.tablesOverflow = [...document.querySelectorAll('.wrap')].filter(
    w => w.scrollWidth > w.clientWidth + 1).map(w => w.parentNode.id || w.previousElementSibling.textContent);
  return JSON.stringify(out);
})()
'''


def screenshots(browser, report, docs):
    """The first screen (summary, top findings, capture facts) and the
    code, EDE and response-time sections, at 1280 px in light mode."""
    browser.load('file://' + report, 1280, False)
    browser.screenshot(os.path.join(docs, 'report-screenshot.png'), 'header', '#summary dl.facts', 1280)
    browser.screenshot(os.path.join(docs, 'report-codes-screenshot.png'),
                       '#codes h3', '#timeline figure:last-of-type', 1280)


def layout(rcreport, samples, work, docs=None):
    report = os.path.join(work, 'layout-incident.html')
    r = run([rcreport, '-q', os.path.join(samples, 'incident.pcap'), '-o', report])
    check(r.returncode == 0, 'rcreport writes the incident report')
    doc = json.loads(run([rcreport, '-q', '--format', 'json', os.path.join(samples, 'incident.pcap')]).stdout)
    zones = sorted('%s ×%d' % (z['zone'], z['count']) for e in doc['ede'] for z in e['zones'])
    browser = Chromium()
    try:
        # Print: an A4 page at Chromium's default margins (0.4 in) leaves
        # 718 CSS px; Letter leaves 739.
        views = [(w, dark, '') for w in (800, 1280, 1920) for dark in (False, True)]
        views += [(718, False, 'print')]
        for width, dark, media in views:
            view = '%s%d px%s' % ('print ' if media else '', width, ' dark' if dark else '')
            browser.load('file://' + report, width, dark, media)
            m = json.loads(browser.evaluate(MEASURE))
            check(m['pageWidth'] <= m['viewWidth'], '%s: no horizontal scrolling (%d of %d px)'
                  % (view, m['pageWidth'], m['viewWidth']))
            check(not m['tablesOverflow'], '%s: every table fits (%s)' % (view, m['tablesOverflow']))
            low, high = min(m['svgText']), max(m['svgText'])
            check(0.7 * m['bodyFont'] <= low and high <= 1.1 * m['bodyFont'],
                  '%s: chart text %.1f-%.1f px for page text %.1f px' % (view, low, high, m['bodyFont']))
            check(m['svgContrast'] >= 4.5, '%s: chart text contrast %.1f:1 (at least 4.5:1)'
                  % (view, m['svgContrast']))
            check(not m['latencyTextOverMark'], '%s: response-time labels clear of the marks' % view)
            check(not m['latencyTextOverText'], '%s: response-time labels clear of each other' % view)
            check(m['latencyLegend'][:3] == ['median (p50)', 'p90', 'p99'],
                  '%s: response-time legend names the marks' % view)
            broken = [z for z, lines in m['zones'] if lines != 1]
            check(not broken, '%s: EDE zone names whole on one line (%s)' % (view, broken))
            check(len(m['zones']) == len(zones), '%s: one EDE zone a line' % view)
            cut = [t for t, whole in m['texts'] if not whole or
                   not whole.startswith(t.rsplit(' ×', 1)[0].rstrip('…'))]
            check(m['texts'] and not cut, '%s: each EXTRA-TEXT on a line with the whole text as its title' % view)
            check(all(len(t.rsplit(' ×', 1)[0]) <= 72 for t, _ in m['texts']),
                  '%s: EXTRA-TEXTs shortened to 72 characters' % view)
            dark_bg = m['bg'] in ('rgb(13, 17, 23)',)
            check(dark_bg == dark, '%s: %s background (%s)' % (view, 'dark' if dark else 'light', m['bg']))
        if docs:
            screenshots(browser, report, docs)
    finally:
        browser.close()


def main():
    args = sys.argv[1:]
    docs = None
    if args[0] == '--screenshots':
        docs = args[1]
        args = args[2:]
    rcreport, samples, work = args
    os.makedirs(work, exist_ok=True)
    layout(rcreport, samples, work, docs)
    if failures:
        print('%d failed' % len(failures))
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
