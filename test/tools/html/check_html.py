#!/usr/bin/env python3
"""Renders one of frugal's HTML reports in headless Chromium and checks it.

Usage: check_html.py PAGE.html [--charts ID,...] [--skipped ID,...]
                                [--screenshot FILE.png]

The page checks itself once drawn (tools/frugal/html/main.js) and writes the
result, as JSON, into <pre id="frugal-selfcheck">; this script reads it from
the DOM Chromium dumps and fails (exit 1, one line per problem) unless:
  - the page finished drawing, and no script error occurred;
  - every chart drew (its series have data, zrender has elements to paint);
  - each table holds as many rows as the JSON array it shows, and renders
    them (a page of them) as <tr> elements;
  - energy the data calls modelled (measured: false) is labelled MODELLED;
  - with --charts/--skipped: exactly those charts drew / were left out.
It prints one line per chart, skipped chart and table, for FileCheck.

Debian's chromium package is needed; without it this fails, saying so.
"""
import argparse
import html.parser
import json
import os
import shutil
import subprocess
import sys
import tempfile

BROWSERS = ["chromium", "chromium-browser", "google-chrome"]
PAGE_SIZE = 100  # Rows per table page (tools/frugal/html/table.js).


class PageParser(html.parser.HTMLParser):
    """Collects the self-check, the embedded data, table rows and the text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.selfcheck = None
        self.data = None
        self.table = None  # The id of the table being read.
        self.in_tbody = False
        self.rows = {}  # Table id -> <tr> count in its <tbody>.
        self.text = []
        self.banner_classes = None
        self._capture = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "pre" and a.get("id") == "frugal-selfcheck":
            self._capture = ["selfcheck"]
        elif tag == "script" and a.get("id") == "frugal-data":
            self._capture = ["data"]
        elif tag == "table" and a.get("id", "").startswith("table-"):
            self.table = a["id"][len("table-"):]
            self.rows[self.table] = 0
        elif tag == "tbody" and self.table is not None:
            self.in_tbody = True
        elif tag == "tr" and self.in_tbody:
            self.rows[self.table] += 1
        if a.get("id") == "energy-banner":
            self.banner_classes = a.get("class", "")

    def handle_endtag(self, tag):
        if self._capture and tag in ("pre", "script"):
            kind, text = self._capture[0], "".join(self._capture[1:])
            setattr(self, kind, text)
            self._capture = None
        elif tag == "tbody":
            self.in_tbody = False
        elif tag == "table":
            self.table = None

    def handle_data(self, data):
        if self._capture is not None:
            self._capture.append(data)
        else:
            self.text.append(data)


def find_browser():
    for name in BROWSERS:
        path = shutil.which(name)
        if path:
            return path
    return None


def render(browser, page, screenshot):
    with tempfile.TemporaryDirectory(prefix="frugal-chromium-") as profile:
        common = [browser, "--headless", "--no-sandbox", "--disable-gpu",
                  "--no-first-run", "--disable-extensions",
                  "--user-data-dir=" + profile, "--window-size=1280,1600",
                  # Runs the page's timers (the self-check waits for the
                  # charts' first frames) without waiting in real time.
                  "--virtual-time-budget=10000"]
        url = "file://" + os.path.abspath(page)
        env = dict(os.environ, HOME=profile)
        if screenshot:
            subprocess.run(common + ["--screenshot=" + os.path.abspath(screenshot), url],
                           env=env, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, timeout=600)
        done = subprocess.run(common + ["--dump-dom", url], env=env,
                              capture_output=True, text=True, timeout=600)
        if done.returncode != 0 or not done.stdout.strip():
            sys.exit("check_html: chromium failed (exit %d) on %s:\n%s"
                     % (done.returncode, page, done.stderr[-3000:]))
        return done.stdout


def modelled_energy(data):
    """What the data says is modelled energy, by the schema of its kind."""
    found = []
    energy = data.get("energy")
    if isinstance(energy, dict):  # report: energy.domains
        domains = energy.get("domains") or []
        if isinstance(domains, dict):
            domains = [dict(v, name=k) for k, v in domains.items()]
        found += [d.get("name") for d in domains if d.get("measured") is False]
    elif energy in ("modelled", "mixed"):  # proxies: energy origin
        found.append("%s energy (%s)" % (data.get("domain"), energy))
    for v in data.get("variants") or []:  # diff
        if isinstance(v.get("energy"), dict) and v["energy"].get("measured") is False:
            found.append("variant " + str(v.get("name")))
    for p in data.get("profiles") or []:  # proxies
        if isinstance(p, dict) and p.get("energy_measured") is False:
            found.append("profile " + str(p.get("path")))
    return found


def main():
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("page")
    args.add_argument("--charts", help="the chart ids that must draw, comma-separated")
    args.add_argument("--skipped", help="the chart ids that must be left out")
    args.add_argument("--screenshot", help="also save a screenshot (PNG)")
    opts = args.parse_args()

    browser = find_browser()
    if not browser:
        sys.exit("check_html: error: chromium not found; install Debian's chromium "
                 "package (scripts/install-deps.sh does with FRUGAL_TEST_DEPS=1), "
                 "or set FRUGAL_ALLOW_NO_CHROMIUM=1 to mark the HTML tests "
                 "unsupported")

    parser = PageParser()
    parser.feed(render(browser, opts.page, opts.screenshot))
    problems = []
    if parser.selfcheck is None:
        sys.exit("check_html: error: no <pre id=\"frugal-selfcheck\"> in the page")
    check = json.loads(parser.selfcheck)
    if check.get("status") != "done":
        sys.exit("check_html: error: the page did not finish drawing: self-check %r"
                 % check)
    try:
        data = json.loads(parser.data or "")
    except ValueError as e:
        data = {}
        problems.append("the embedded data is not JSON: %s" % e)
    if not isinstance(data, dict):
        data = {}

    for e in check.get("errors", []):
        problems.append("script error: %s" % json.dumps(e))
    drawn = []
    for c in check.get("charts", []):
        if c.get("drew"):
            drawn.append(c["id"])
            print("chart %s: drew %d points, %d elements" %
                  (c["id"], c.get("points", 0), c.get("elements", 0)))
        else:
            problems.append("chart %s did not draw: %s" % (c["id"], json.dumps(c)))
    skipped = [s["id"] for s in check.get("skipped", [])]
    for s in check.get("skipped", []):
        print("skipped %s: %s" % (s["id"], s["reason"]))
    for t in check.get("tables", []):
        expected = data.get(t["source"])
        expected = len(expected) if isinstance(expected, list) else None
        in_dom = parser.rows.get(t["id"])
        print("table %s: %d rows, %s rendered" % (t["id"], t["rows"], in_dom))
        if expected is None:
            problems.append("table %s shows %r, which is not an array of the data"
                            % (t["id"], t["source"]))
        elif t["rows"] != expected:
            problems.append("table %s holds %d rows, the data %d"
                            % (t["id"], t["rows"], expected))
        if in_dom != min(t["rows"], PAGE_SIZE) or in_dom != t["rendered"]:
            problems.append("table %s renders %s rows, expected %d"
                            % (t["id"], in_dom, min(t["rows"], PAGE_SIZE)))

    modelled = modelled_energy(data)
    text = " ".join(parser.text)
    if modelled:
        if "MODELLED" not in text:
            problems.append("energy of %s is modelled, but the page never says "
                            "MODELLED" % ", ".join(modelled))
        if parser.banner_classes is not None and "modelled" not in parser.banner_classes:
            problems.append("the energy banner is not marked modelled")
        print("modelled energy labelled: %s" % ", ".join(modelled))

    for option, actual, what in ((opts.charts, drawn, "drew"),
                                 (opts.skipped, skipped, "were left out")):
        if option is None:
            continue
        want = sorted(filter(None, option.split(",")))
        if sorted(actual) != want:
            problems.append("charts that %s: %s; expected %s"
                            % (what, ",".join(sorted(actual)) or "none", ",".join(want) or "none"))

    for p in problems:
        print("check_html: error: " + p)
    if problems:
        sys.exit(1)
    print("html check: ok")


if __name__ == "__main__":
    main()
