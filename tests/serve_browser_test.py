#!/usr/bin/env python3
"""End-to-end test of the `whosaid serve` page in Debian's chromium, headless, driven through the
DevTools protocol (python3-websocket; no npm). It loads the page, types ICC into the search box and
presses Enter, waits for the seed article's quotations, runs a verify, saves a screenshot, narrows
by an organisation facet, and opens a citation (italics set as italics, copied as plain text); then,
390 px wide as on a phone, checks that the facets come before the results and saves that too.

Expected results come from whosaid-index --extract on the seed article, not from this file.
Exit 77 (skipped) only when chromium is not installed or cannot start at all.

  serve_browser_test.py --whosaid BIN --index BIN --corpus corpus/ --workdir DIR [--screenshot PNG]
"""
import argparse
import base64
import json
import os
import signal
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_util import Server, extract, index_corpus  # noqa: E402

try:
    import websocket  # Debian's python3-websocket
except ImportError:  # a python3 other than Debian's (pyenv): the package is pure Python
    sys.path.append("/usr/lib/python3/dist-packages")
    import websocket

SKIP = 77
failures = []


def check(cond, what):
    print(("ok    " if cond else "FAIL  ") + what, flush=True)
    if not cond:
        failures.append(what)
    return cond


class Chromium:
    """A headless chromium and a DevTools session on its one page."""

    def __init__(self, binary, profile):
        # Root in a container: no sandbox; no GPU; /dev/shm may be tiny.
        self.proc = subprocess.Popen(
            [binary, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
             "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--mute-audio",
             "--remote-debugging-port=0", "--remote-allow-origins=*", f"--user-data-dir={profile}",
             "--window-size=1280,1000", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
            start_new_session=True)  # its own process group: close() ends its helper processes too
        port_file = os.path.join(profile, "DevToolsActivePort")
        deadline = time.time() + 60
        while not os.path.exists(port_file) or not open(port_file).read().strip():
            if self.proc.poll() is not None or time.time() > deadline:
                err = self.proc.stderr.read() if self.proc.poll() is not None else "(no port after 60 s)"
                self.close()
                raise RuntimeError(f"chromium did not start: {err[-2000:]}")
            time.sleep(0.1)
        port = int(open(port_file).read().split()[0])
        targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10))
        page = next(t for t in targets if t.get("type") == "page")
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=30, suppress_origin=True)
        self.next_id = 0
        self.call("Page.enable")
        self.call("Runtime.enable")

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:  # events come in between; the answer carries our id
            msg = json.loads(self.ws.recv())
            if msg.get("id") == self.next_id:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})

    def js(self, expression):
        r = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in r:
            raise RuntimeError(f"{expression[:80]}: {r['exceptionDetails'].get('text')} "
                               f"{r['exceptionDetails'].get('exception', {}).get('description', '')}")
        return r["result"].get("value")

    def wait_for(self, expression, what, timeout=20):
        """Polls `expression` until it is truthy; returns its value (None on time-out)."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            v = self.js(expression)
            if v:
                return v
            time.sleep(0.1)
        check(False, f"timed out waiting for {what}")
        return None

    def click(self, selector):
        """A real mouse click at the element's centre (it must be visible and not covered)."""
        box = self.js(f"""(() => {{ const e = document.querySelector({json.dumps(selector)});
            if (!e) return null; e.scrollIntoView({{block: 'center'}});
            const r = e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; }})()""")
        if not box:
            raise RuntimeError(f"nothing to click at {selector}")
        for kind in ("mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", type=kind, x=box[0], y=box[1], button="left", clickCount=1)

    def type_text(self, selector, text):
        self.js(f"document.querySelector({json.dumps(selector)}).focus()")
        self.call("Input.insertText", text=text)

    def press_enter(self):
        for kind in ("keyDown", "keyUp"):
            self.call("Input.dispatchKeyEvent", type=kind, key="Enter", code="Enter", windowsVirtualKeyCode=13,
                      nativeVirtualKeyCode=13, **({"text": "\r"} if kind == "keyDown" else {}))

    def screenshot(self, path, width=1280):
        _, height = self.js("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
        self.call("Emulation.setDeviceMetricsOverride", width=width, height=min(height, 4000), deviceScaleFactor=1,
                  mobile=width < 700)
        png = self.call("Page.captureScreenshot", format="png", captureBeyondViewport=True)["data"]
        self.call("Emulation.clearDeviceMetricsOverride")
        with open(path, "wb") as f:
            f.write(base64.b64decode(png))

    def close(self):
        try:
            self.ws.close()
        except Exception:
            pass
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        # Chromium's zygote, renderer and crash handler outlive the browser process for a moment
        # and keep writing to the profile, which then cannot be removed: end the whole group.
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        time.sleep(0.2)


def hit_ids(browser):
    return browser.js("[...document.querySelectorAll('#results .hit')].map(e => e.dataset.quoteId)") or []


def run(browser, base, seed, screenshot):
    seed_ids = sorted(q["quote_id"] for q in seed)

    # 1. Load the page, type ICC, press Enter.
    browser.call("Page.navigate", url=base + "/")
    browser.wait_for("document.readyState === 'complete' && !!document.getElementById('q')", "the page to load")
    browser.type_text("#q", "ICC")
    browser.press_enter()
    browser.wait_for(f"document.querySelectorAll('#results .hit').length === {len(seed_ids)}",
                     f"{len(seed_ids)} results")
    check(sorted(hit_ids(browser)) == seed_ids, f"search ICC: the seed quotations {seed_ids}")
    check("q=ICC" in browser.js("location.search"), "the query is in the URL")
    marked = browser.js("[...document.querySelectorAll('#results .hit blockquote b')].map(b => b.textContent)")
    check(bool(marked) and all(m.upper() == "ICC" for m in marked), f"the matched words are highlighted: {marked}")
    speakers = browser.js("[...document.querySelectorAll('#results .hit .speaker')].map(e => e.textContent)")
    check(sorted(speakers) == sorted(q["speaker"] for q in seed), "each result names its speaker")

    # 2. Verify: one seed quotation with a word changed -> altered, the change marked inline.
    first = seed[0]
    words = first["text"].split()
    words[len(words) // 2] = "zebra"
    browser.type_text("#claim", " ".join(words))
    browser.type_text("#claim-speaker", first["speaker"].split()[-1])
    browser.click("#verify-button")
    verdict = browser.wait_for("document.querySelector('#verdict-card')?.dataset.verdict", "a verdict")
    check(verdict == "altered", f"verify a changed quotation: {verdict}")
    inserted = browser.js("[...document.querySelectorAll('#verdict-card .diff ins')].map(e => e.textContent)")
    check(inserted == ["zebra"], f"the inline diff marks the changed word: {inserted}")
    check(bool(browser.js("!!document.querySelector('#verdict-card .differences .substitution')")),
          "the differences list names a substitution")
    # The card says what was claimed, by whom, and whether the index agrees (issue 13).
    claimed = browser.js("document.querySelector('#verdict-card .claimed')?.textContent || ''")
    check(first["speaker"].split()[-1] in claimed and "same" in claimed,
          f"the card shows the claimed speaker and the attribution outcome: {claimed!r}")
    check("zebra" in (browser.js("document.querySelector('#verdict-card .claim')?.textContent || ''") or ""),
          "the card shows the claim")
    # Verdicts the seed cannot give, drawn by the page's own verdictCard: exact words of an
    # unknown speaker (no green badge without saying so), "1 word", a splice.
    drawn = browser.js("""(() => {
        const hit = {quote_id: 'x#1', speaker: '', text: 'a b c', article: {id: 'x'}};
        const unknown = verdictCard({verdict: 'exact', claim: 'a b', speaker: 'Someone', attribution: 'unknown',
            similarity: 1, fragment: true, match: hit, diff: '[... 1 word] a b', differences: []});
        const splice = verdictCard({verdict: 'altered', claim: 'a b c d', speaker: '', attribution: 'not_checked',
            similarity: 0.9, match: {...hit, speaker: 'Ann Lee'}, diff: 'a b [splice: y#2] c d', differences: []});
        const badge = unknown.querySelector('.badge');
        return {unconfirmed: badge.classList.contains('unconfirmed'), badge: badge.textContent,
                green: getComputedStyle(document.body.appendChild(badge)).backgroundColor,
                cut: unknown.querySelector('.diff .cut').textContent,
                claimed: unknown.querySelector('.claimed').textContent,
                splice: splice.querySelector('.diff .splice')?.textContent || '',
                inserted: splice.querySelectorAll('.diff ins').length};
    })()""")
    check(drawn["unconfirmed"] and "speaker unknown" in drawn["badge"] and drawn["green"] != "rgb(19, 111, 45)",
          f"exact words of an unknown speaker: no green badge, and it says so: {drawn}")
    check(drawn["cut"] == "[… 1 word]", f"one word cut reads '1 word': {drawn['cut']!r}")
    check("unknown" in drawn["claimed"], f"the claimed speaker is marked unknown: {drawn['claimed']!r}")
    check("y#2" in drawn["splice"] and drawn["inserted"] == 0, f"a splice shows as a splice, not an inserted word: {drawn}")
    browser.js("document.querySelectorAll('body > .badge').forEach(b => b.remove())")

    browser.js("window.scrollTo(0, 0)")
    if screenshot:
        browser.screenshot(screenshot)
        check(os.path.getsize(screenshot) > 10000, f"screenshot saved: {screenshot}")

    # 3. Narrow by an organisation facet: the results become that facet's count, and the URL says so.
    facet = browser.js("""(() => { const b = document.querySelector('#facets .facet[data-field="org_exact"]');
        return b && [b.dataset.value, Number(b.querySelector('.count').textContent)]; })()""")
    if check(bool(facet), "an organisation facet is offered"):
        org, count = facet
        browser.click('#facets .facet[data-field="org_exact"]')
        browser.wait_for(f"""document.querySelectorAll('#results .hit').length === {count}
                             && location.search.includes('org_exact=')""", f"the {org} results")
        ids = hit_ids(browser)
        check(len(ids) == count and set(ids) <= set(seed_ids), f"facet {org}: {count} of the seed quotations")
        check(bool(browser.js("!!document.querySelector('#chips button')")), "the facet shows as a removable chip")
        # Back in history: the four again, restored from the URL.
        browser.js("history.back()")
        browser.wait_for(f"document.querySelectorAll('#results .hit').length === {len(seed_ids)}",
                         "the results before the facet (history.back)")

    # 4. A shared URL restores the search on load.
    browser.call("Page.navigate", url=base + "/?q=ICC&org=HRW")
    ok = browser.wait_for("document.querySelectorAll('#results .hit').length >= 1 && document.getElementById('f-org').value === 'HRW'",
                          "the search restored from the URL")
    check(bool(ok), "a shared URL (?q=ICC&org=HRW) restores the form and the results")

    # 5. Cite: the dialog shows the citation of the first result, in each style.
    browser.click("#results .hit .cite-button")
    text = browser.wait_for("""(() => { const t = document.getElementById('cite-text').textContent;
        return t && t !== 'Loading…' ? t : null; })()""", "a citation")
    check(bool(text) and "as cited in" in text, "cite: APA, 'as cited in'")
    browser.click('.styles button[data-style="bibtex"]')
    text = browser.wait_for("(() => { const t = document.getElementById('cite-text').textContent; "
                            "return t.startsWith('@') ? t : null; })()", "a BibTeX citation")
    check(bool(text), "cite: BibTeX on a click")
    browser.click("#cite-copy")
    status = browser.wait_for("document.getElementById('cite-status').textContent", "the copy status")
    check(bool(status), f"copy: {status}")
    browser.click("#cite-close")

    # 6. A citation with an outlet: the outlet in italics, never Markdown's asterisks, and Copy
    # takes the plain text.
    browser.call("Page.navigate", url=base + "/?q=tides")
    browser.wait_for("document.querySelectorAll('#results .hit').length === 1", "the Harbour Times quotation")
    browser.click("#results .hit .cite-button")
    italic = browser.wait_for("[...document.querySelectorAll('#cite-text i')].map(e => e.textContent).join('|')",
                              "an italic outlet")
    check(italic == "Harbour Times", f"cite: the outlet is set in italics: {italic!r}")
    shown = browser.js("document.getElementById('cite-text').textContent")
    check("*" not in shown and "Harbour Times" in shown, f"cite: no Markdown in the dialog: {shown[:120]!r}")
    plain = browser.js("citePlain")
    check(plain == shown and "*" not in plain, f"copy: the plain text without Markdown: {plain[:120]!r}")
    browser.click("#cite-close")

    # 7. A 390-px phone: the facets come before the results (they started 7,200 px down), and the
    # counts are marked when they are estimates.
    browser.call("Emulation.setDeviceMetricsOverride", width=390, height=844, deviceScaleFactor=1, mobile=True)
    browser.call("Page.navigate", url=base + "/?q=ICC")
    browser.wait_for(f"document.querySelectorAll('#results .hit').length === {len(seed_ids)}", "results at 390 px")
    browser.wait_for("document.querySelectorAll('#facets .facet').length > 0", "facets at 390 px")
    tops = browser.js("""(() => { const top = (e) => e.getBoundingClientRect().top + window.scrollY;
        return [top(document.getElementById('facets')), top(document.querySelector('#results .hit')),
                document.getElementById('facets').getBoundingClientRect().height,
                document.documentElement.scrollWidth]; })()""")
    facets_top, first_hit_top, facets_height, page_width = tops
    check(facets_top < first_hit_top, f"390 px: the facets ({facets_top:.0f} px) come before the results ({first_hit_top:.0f} px)")
    check(facets_height < 250, f"390 px: the facets take little room ({facets_height:.0f} px)")
    check(page_width <= 390, f"390 px: nothing wider than the screen ({page_width} px)")
    counts = browser.js("[...document.querySelectorAll('#facets .count')].map(e => e.textContent)")
    check(all(c.isdigit() for c in counts), f"exact counts are plain numbers: {counts}")
    if screenshot:
        narrow = screenshot.replace(".png", "-390.png")
        browser.screenshot(narrow, width=390)
        check(os.path.getsize(narrow) > 5000, f"390-px screenshot saved: {narrow}")
    browser.call("Emulation.clearDeviceMetricsOverride")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--whosaid", required=True)
    ap.add_argument("--index", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--workdir", required=True)
    ap.add_argument("--screenshot", help="where to save the results page (default WORKDIR/serve-screenshot.png)")
    ap.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    opts = ap.parse_args()
    if not os.path.exists(opts.chromium):
        print("skipped: chromium is not installed (tools/setup installs it)")
        return SKIP
    os.makedirs(opts.workdir, exist_ok=True)
    db = os.path.join(opts.workdir, "serve-browser.db")
    # One article with an outlet (the seed article has none), for the italics of a citation.
    extra = os.path.join(opts.workdir, "harbour.jsonl")
    with open(extra, "w", encoding="utf-8") as f:
        f.write(json.dumps({"id": "harbour-tides", "title": "Sea levels rise", "outlet": "Harbour Times",
                            "date": "2024-05-02", "url": "https://harbour.example/tides",
                            "text": "\"The tides are rising faster than anyone predicted,\" said Ana Costa, "
                                    "a marine scientist at the University of Lisbon.\n"}) + "\n")
    index_corpus(opts.index, db, [opts.corpus, extra])
    seed = extract(opts.index, os.path.join(opts.corpus, "icc-assembly.txt"))
    screenshot = opts.screenshot or os.path.join(opts.workdir, "serve-screenshot.png")

    with Server(opts.whosaid, [db]) as srv, tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as profile:
        try:
            browser = Chromium(opts.chromium, profile)
        except RuntimeError as e:
            print(f"skipped: {e}")
            return SKIP
        try:
            run(browser, srv.base, seed, screenshot)
        finally:
            browser.close()
        check(srv.alive(), "the server is still running")
    print(f"\n{len(failures)} failed" if failures else "\nall passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
