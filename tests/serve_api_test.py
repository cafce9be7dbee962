#!/usr/bin/env python3
"""API tests of `whosaid serve` (issue 7) against a server on a free loopback port.

Expected answers are not written here: they come from whosaid-index --extract on the seed article
and from the `whosaid` CLI on the same index, so the API is checked to say what the CLI says.

  serve_api_test.py --whosaid BIN --index BIN --corpus corpus/ --workdir DIR
"""
import argparse
import concurrent.futures
import json
import os
import subprocess
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_util import Server, extract, index_corpus  # noqa: E402

failures = []


def check(cond, what):
    print(("ok    " if cond else "FAIL  ") + what)
    if not cond:
        failures.append(what)


def cli_json(args):
    return json.loads(subprocess.run(args, capture_output=True, text=True, check=True).stdout)


def test_endpoints(srv, opts, db, seed):
    seed_ids = sorted(q["quote_id"] for q in seed)

    status, health = srv.get("/healthz")
    check(status == 200 and health.get("status") == "ok" and health.get("quotations", 0) >= len(seed),
          f"/healthz: 200, ok, {health.get('quotations')} quotations")

    # Search: the seed acceptance, and the same JSON as `whosaid search --format json`.
    status, r = srv.get("/api/search", q="ICC")
    ids = sorted(h["quote_id"] for h in r.get("hits", []))
    check(status == 200 and ids == seed_ids, f"/api/search?q=ICC: the {len(seed_ids)} seed quotations ({ids})")
    cli = cli_json([opts.whosaid, "search", "--db", db, "--format", "json", "ICC"])
    check(r == cli, "/api/search?q=ICC is the JSON of `whosaid search --format json ICC` (hits and facets)")
    check(r.get("facets", {}).get("speakers") and r["facets"].get("orgs"), "/api/search: speaker and org facets")
    snippet = " ".join(h["snippet"] for h in r["hits"])
    check("<b>" in snippet, "/api/search: snippets mark the matched words with <b>")
    check(r.get("exact") is True and r.get("total_exact") is True, "/api/search?q=ICC: four matches, counted exactly")
    status, r0 = srv.get("/api/search", q="ICC", facets="0")
    check(status == 200 and "facets" not in r0 and r0["total"] == r["total"] and r0["hits"] == r["hits"],
          "/api/search facets=0: the same hits and total, no facets counted")
    check(r0 == cli_json([opts.whosaid, "search", "--db", db, "--format", "json", "--no-facets", "ICC"]),
          "/api/search facets=0 is `whosaid search --format json --no-facets`")

    status, page = srv.get("/api/search", q="ICC", limit=2, offset=2, sort="date")
    cli = cli_json([opts.whosaid, "search", "--db", db, "--format", "json", "--limit", "2", "--offset", "2",
                    "--sort", "date", "ICC"])
    check(status == 200 and len(page["hits"]) == 2 and page == cli,
          "/api/search: limit=2, offset=2, sort=date as the CLI's --limit 2 --offset 2 --sort date")

    # Organisation filter, by alias and by the exact canonical name a facet gives.
    hrw = [q for q in seed if q["affiliation"] == "Human Rights Watch"]
    status, r = srv.get("/api/search", q="org:HRW")
    check(status == 200 and sorted(h["quote_id"] for h in r["hits"]) == sorted(q["quote_id"] for q in hrw),
          "/api/search?q=org:HRW: the Human Rights Watch quotations")
    org = r["facets"]["orgs"][0]["value"] if status == 200 and r["facets"]["orgs"] else ""
    status, r2 = srv.get("/api/search", q=f'ICC org_exact:"{org}"')
    check(status == 200 and r2["total"] >= 1 and all(h["affiliation"] for h in r2["hits"]),
          f'/api/search: ICC org_exact:"{org}" (a facet value) narrows to {r2.get("total")}')

    # Verify: the seed's words are exact; another seed speaker's name makes them misattributed.
    first, other = seed[0], next(q for q in seed if q["speaker"] != seed[0]["speaker"])
    status, v = srv.get("/api/verify", claim=first["text"], speaker=first["speaker"])
    check(status == 200 and v["verdict"] == "exact" and v["match"]["quote_id"] == first["quote_id"],
          f"/api/verify: {first['quote_id']}'s words -> exact")
    status, v = srv.get("/api/verify", claim=first["text"], speaker=other["speaker"])
    check(status == 200 and v["verdict"] == "misattributed", "/api/verify: with another speaker -> misattributed")
    cli = cli_json([opts.whosaid, "verify", "--db", db, "--format", "json", "--speaker", other["speaker"], first["text"]])
    check(v == cli, "/api/verify is the JSON of `whosaid verify --format json`")
    words = first["text"].split()
    words[len(words) // 2] = "zebra"
    status, v = srv.get("/api/verify", claim=" ".join(words))
    check(status == 200 and v["verdict"] == "altered" and "{+zebra+}" in v["diff"]
          and any(d["kind"] == "substitution" for d in v["differences"]), "/api/verify: a word changed -> altered, diff")
    status, v = srv.get("/api/verify", claim="The weather in Paris was lovely this spring and tourists came back")
    check(status == 200 and v["verdict"] == "not_found" and v["match"] is None, "/api/verify: made up -> not_found")

    # Cite: every style, the same text as `whosaid cite`.
    for style in ["apa", "mla", "chicago", "csl-json", "bibtex"]:
        status, c = srv.get("/api/cite", id=first["quote_id"], style=style, accessed="2026-01-02")
        cli = subprocess.run([opts.whosaid, "cite", "--db", db, "--style", style, "--accessed", "2026-01-02",
                              first["quote_id"]], capture_output=True, text=True).stdout
        check(status == 200 and c["citation"] == cli and first["speaker"] in c["citation"],
              f"/api/cite style={style}: as `whosaid cite`")
        runs = c.get("formatted", [])
        check(status == 200 and "".join(run["text"] for run in runs) == c.get("text") and "*" not in c.get("text", "*"),
              f"/api/cite style={style}: formatted runs whose text is the plain text, without Markdown")
    status, c = srv.get("/api/cite", id=first["quote_id"], style="csl-json")
    check(status == 200 and json.loads(c["citation"])[0]["type"] == "article-newspaper", "/api/cite csl-json parses")

    # One quotation, with its paragraph.
    status, q = srv.get("/api/quotes/" + urllib.parse.quote(first["quote_id"], safe=""))
    check(status == 200 and q["quote_id"] == first["quote_id"] and first["text"] in q["context"]["paragraph"],
          f"/api/quotes/{first['quote_id']}: the quotation and its paragraph")
    cli = cli_json([opts.whosaid, "show", "--db", db, "--format", "json", first["quote_id"]])
    check(q == cli, "/api/quotes/ID is the JSON of `whosaid show --format json`")

    status, s = srv.get("/api/speakers")
    names = {x["speaker"] for x in s.get("speakers", [])}
    check(status == 200 and {q["speaker"] for q in seed} <= names, "/api/speakers: every seed speaker")
    status, s = srv.get("/api/speakers", q="org:HRW", limit=5)
    check(status == 200 and [x["speaker"] for x in s["speakers"]] == sorted({q["speaker"] for q in hrw}),
          "/api/speakers?q=org:HRW")

    # The page and its files, from the embedded set.
    status, headers, body = srv.request("GET", "/")
    check(status == 200 and headers.get("content-type", "").startswith("text/html") and b"/app.js" in body,
          "GET /: the page")
    for path, kind in [("/app.js", "text/javascript"), ("/app.css", "text/css")]:
        status, headers, body = srv.request("GET", path)
        check(status == 200 and headers.get("content-type", "").startswith(kind) and len(body) > 100, f"GET {path}")
    status, headers, body = srv.request("HEAD", "/app.js")
    check(status == 200, "HEAD /app.js")
    check("default-src 'self'" in headers.get("content-security-policy", ""), "a Content-Security-Policy header")


def test_not_found(srv):
    for path in ["/api/quotes/no-such-quote%231", "/api/nothing", "/nothing.html"]:
        status, _, body = srv.request("GET", path)
        check(status == 404 and "error" in json.loads(body), f"GET {path}: 404 with a JSON error")
    status, r = srv.get("/api/cite", id="no-such-quote#1")
    check(status == 404 and "error" in r, "/api/cite of an unknown id: 404")


def test_hostile(srv):
    """Each answer must be a 4xx with a JSON error, and the server must keep answering."""
    huge = "a" * (1024 * 1024)
    cases = [
        ("bad UTF-8 in q", "GET", "/api/search?q=%FF%FE%80", {400}),
        ("bad UTF-8 in a claim", "GET", "/api/verify?claim=%C3%28%A0%A1", {400}),
        ("bad UTF-8 in a parameter name", "GET", "/api/search?%FF=1", {400}),
        ("bad UTF-8 in a quote id", "GET", "/api/quotes/%FF%FE", {400, 404}),
        ("1 MB query string", "GET", "/api/search?q=" + huge, {414}),
        ("q over the limit", "GET", "/api/search?q=" + "word%20" * 400, {414}),
        ("unknown parameter", "GET", "/api/search?q=ICC&frobnicate=1", {400}),
        ("repeated parameter", "GET", "/api/search?q=ICC&q=court", {400}),
        ("page size over the limit", "GET", "/api/search?q=ICC&limit=100000", {400}),
        ("negative limit", "GET", "/api/search?q=ICC&limit=-1", {400}),
        ("limit not a number", "GET", "/api/search?q=ICC&limit=ten", {400}),
        ("offset too deep", "GET", "/api/search?q=ICC&offset=99999999999999999999", {400}),
        ("bad sort", "GET", "/api/search?q=ICC&sort=sideways", {400}),
        ("bad date range", "GET", "/api/search?q=date%3A2025..2024", {400}),
        ("claim missing", "GET", "/api/verify?speaker=Evenson", {400}),
        ("claim without words", "GET", "/api/verify?claim=...%20%21", {400}),
        ("bad citation style", "GET", "/api/cite?id=x&style=harvard", {400}),
        ("bad access date", "GET", "/api/cite?id=x&accessed=yesterday", {400}),
        ("traversal", "GET", "/../../etc/passwd", {400, 404}),
        ("encoded traversal", "GET", "/%2e%2e/%2e%2e/etc/passwd", {400, 404}),
        ("traversal after a file", "GET", "/app.js/../../../../etc/passwd", {400, 404}),
        ("traversal in the api", "GET", "/api/../../etc/passwd", {400, 404}),
        ("backslash traversal", "GET", "/..%5c..%5cetc%5cpasswd", {400, 404}),
        # Without a Content-Length httplib refuses a POST, PUT or PATCH as malformed (400).
        ("POST", "POST", "/api/search?q=ICC", {400, 405}),
        ("POST, empty body", "POST", "/api/search?q=ICC", {405}),
        ("PUT", "PUT", "/", {400, 405}),
        ("PUT, empty body", "PUT", "/", {405}),
        ("DELETE", "DELETE", "/api/quotes/x", {405}),
        ("PATCH, empty body", "PATCH", "/healthz", {405}),
        ("unknown method", "FROB", "/", {400, 405}),
        ("large body", "POST", "/api/search", {405, 413}),
    ]
    for name, method, target, want in cases:
        body = b"x" * (200 * 1024) if name == "large body" else b"" if "empty body" in name else None
        try:
            status, headers, raw = srv.request(method, target, body=body)
        except Exception as e:  # a reset is not an answer
            check(False, f"{name}: {method} {target[:60]} -> {e!r}")
            continue
        is_json = True
        if method != "HEAD":
            try:
                is_json = "error" in json.loads(raw)
            except ValueError:
                is_json = False
        check(status in want and is_json, f"{name}: {method} {target[:50]} -> {status} (want {sorted(want)})")
        check(srv.alive() and srv.get("/healthz")[0] == 200, f"  still answering after: {name}")
    # A NUL byte and control characters in a query are text, not a crash.
    status, _, _ = srv.request("GET", "/api/search?q=court%00%01%1b")
    check(status in (200, 400) and srv.alive(), f"NUL and control bytes in q -> {status}")


def test_concurrent(srv, seed):
    """Many clients at once: every answer right (one index handle per worker thread)."""
    want = sorted(q["quote_id"] for q in seed)

    def one(i):
        status, r = srv.get("/api/search", q="ICC") if i % 3 else srv.get("/api/verify", claim=seed[0]["text"])
        if "hits" in r:
            return status == 200 and sorted(h["quote_id"] for h in r["hits"]) == want
        return status == 200 and r["verdict"] == "exact"

    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        results = list(pool.map(one, range(300)))
    check(all(results), f"300 requests from 16 clients at once: {results.count(True)} right")


def test_reopen(srv, opts, db, workdir):
    """whosaid-index adds an article while the server runs: its quotation is found, no restart."""
    word = "quixotically" + str(os.getpid())
    article = os.path.join(workdir, "serve-reopen-article.txt")
    with open(article, "w") as f:
        f.write("---\nid: serve-reopen\ntitle: A late article\ndate: 2025-03-01\n---\n"
                f"\"We will act {word} on the harbour plan this spring,\" said Mara Quist, the port director.\n")
    status, r = srv.get("/api/search", q=word)
    check(status == 200 and r["total"] == 0, "reopen: the new word is not in the index yet")
    # Keep the workers busy with other requests while the index changes under them.
    subprocess.run([opts.index, "--db", db, article], check=True, stdout=subprocess.DEVNULL)
    found = False
    for _ in range(100):  # every worker thread answers from the latest commit
        status, r = srv.get("/api/search", q=word)
        if status == 200 and r["total"] == 1:
            found = True
        else:
            found = False
            break
    check(found and r["hits"][0]["speaker"] == "Mara Quist",
          "reopen: after whosaid-index commits, every answer has the new quotation (100 requests)")
    status, h = srv.get("/healthz")
    check(status == 200, "reopen: healthz after the update")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--whosaid", required=True)
    ap.add_argument("--index", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--workdir", required=True)
    opts = ap.parse_args()
    os.makedirs(opts.workdir, exist_ok=True)
    db = os.path.join(opts.workdir, "serve-api.db")
    index_corpus(opts.index, db, [opts.corpus])
    seed = extract(opts.index, os.path.join(opts.corpus, "icc-assembly.txt"))
    check(len(seed) >= 4, f"the seed article has {len(seed)} quotations")

    srv = Server(opts.whosaid, [db])
    try:
        test_endpoints(srv, opts, db, seed)
        test_not_found(srv)
        test_hostile(srv)
        test_concurrent(srv, seed)
        test_reopen(srv, opts, db, opts.workdir)
        check(srv.alive(), "the server is still running")
    finally:
        rc = srv.stop()
    check(rc == 0, f"SIGTERM: the server stops cleanly (exit {rc})")

    # Usage errors of the verb itself.
    r = subprocess.run([opts.whosaid, "serve", "--db", os.path.join(opts.workdir, "no-such.db"),
                        "--listen", "127.0.0.1:0"], capture_output=True, text=True, timeout=30)
    check(r.returncode == 2 and "no index" in r.stderr, "serve without an index: exit 2, named")
    r = subprocess.run([opts.whosaid, "serve", "--db", db, "--listen", "nonsense"], capture_output=True, text=True,
                       timeout=30)
    check(r.returncode == 2 and "--listen" in r.stderr, "serve --listen nonsense: exit 2, named")

    print(f"\n{len(failures)} failed" if failures else "\nall passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
