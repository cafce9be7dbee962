#!/usr/bin/env python3
"""Every quotation of an index cites with its article's own key, and pandoc renders them (issue 14).

Indexes the shared Wikinews corpus (when ../shared is there) and corpus/, cites every quotation
as CSL-JSON and BibTeX, and checks that:
  * every quotation of one article has one key, and no other article has it (the old keys,
    outlet + year + title word, were shared by 22 Wikinews articles);
  * `pandoc --citeproc` (Debian's pandoc) renders a document citing every article, from the
    CSL-JSON and from the BibTeX, with no warning, in the default (Chicago) style, and names
    each article's title in the bibliography.
Skips (77) when pandoc is not installed.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile


def run(cmd, **kw):
    p = subprocess.run(cmd, capture_output=True, text=True, **kw)
    return p


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--index-bin", required=True)
    ap.add_argument("--search-bin", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--shared", required=True)
    a = ap.parse_args()
    pandoc = shutil.which("pandoc")
    if not pandoc:
        print("skipped: pandoc is not installed (tools/setup installs it)")
        return 77
    inputs = [a.corpus]
    wikinews = os.path.join(a.shared, "corpus", "wikinews", "wikinews.jsonl")
    if os.path.exists(wikinews):
        inputs.append(wikinews)
    else:
        print("note: ../shared is absent: corpus/ only")
    failures = []

    def check(cond, what):
        if not cond:
            failures.append(what)
            print("FAIL", what)

    with tempfile.TemporaryDirectory(prefix="whosaid-cite-") as tmp:
        db = os.path.join(tmp, "cite.db")
        p = run([a.index_bin, "--db", db, *inputs])
        if p.returncode != 0:
            raise SystemExit(f"indexing: {p.stderr}")
        p = run([a.search_bin, "search", "--db", db, "--format", "json", "--all-copies", "--no-facets",
                 "--limit", "100000", "NOT zzzzqq"])
        hits = json.loads(p.stdout)["hits"]
        print(f"{len(hits)} quotations of {len({h['article']['id'] for h in hits})} articles")
        check(len(hits) > (1000 if len(inputs) > 1 else 3), f"the index holds quotations: {len(hits)}")

        key_articles, article_keys, items, bib = {}, {}, {}, {}
        for h in hits:
            qid, art = h["quote_id"], h["article"]["id"]
            p = run([a.search_bin, "cite", "--db", db, "--style", "csl-json", "--accessed", "2026-11-28", qid])
            item = json.loads(p.stdout)[0]
            key_articles.setdefault(item["id"], set()).add(art)
            article_keys.setdefault(art, set()).add(item["id"])
            if art not in items:
                items[art] = item
                p = run([a.search_bin, "cite", "--db", db, "--style", "bibtex", "--accessed", "2026-11-28", qid])
                bib[art] = p.stdout
                check(p.stdout.startswith("@article{" + item["id"] + ",") or p.stdout.startswith("@misc{" + item["id"] + ","),
                      f"{qid}: the BibTeX key is the CSL id: {p.stdout[:80]!r}")
        shared = {k: sorted(v) for k, v in key_articles.items() if len(v) > 1}
        check(not shared, f"keys shared by several articles: {list(shared.items())[:5]}")
        several = {k: sorted(v) for k, v in article_keys.items() if len(v) > 1}
        check(not several, f"articles with several keys: {list(several.items())[:5]}")
        print(f"{len(key_articles)} keys, one per article")

        refs_json = os.path.join(tmp, "refs.json")
        refs_bib = os.path.join(tmp, "refs.bib")
        doc = os.path.join(tmp, "doc.md")
        with open(refs_json, "w", encoding="utf-8") as f:
            json.dump(list(items.values()), f, ensure_ascii=False)
        with open(refs_bib, "w", encoding="utf-8") as f:
            f.write("\n".join(bib.values()))
        with open(doc, "w", encoding="utf-8") as f:
            f.write("Quoted: " + "; ".join(f"[@{it['id']}]" for it in items.values()) + ".\n")
        for refs in (refs_json, refs_bib):
            p = run([pandoc, "--citeproc", "--bibliography", refs, "-t", "plain", "--wrap=none", doc])
            what = os.path.basename(refs)
            check(p.returncode == 0, f"pandoc {what}: exit {p.returncode}: {p.stderr[:500]}")
            check(p.stderr.strip() == "", f"pandoc {what}: no warning: {p.stderr[:1000]}")
            check("???" not in p.stdout, f"pandoc {what}: every citation resolved")
            def longest_word(title):  # pandoc curls apostrophes and may change a title's case
                return max((w for w in title.split() if w.isalpha()), key=len, default="").lower()
            out = p.stdout.lower()
            missing = [it["title"] for it in items.values() if it.get("title") and longest_word(it["title"]) not in out]
            check(not missing, f"pandoc {what}: the bibliography names every article: {missing[:3]}")
            print(f"pandoc --citeproc {what}: {len(p.stdout.splitlines())} lines, stderr {len(p.stderr)} bytes")
    print(f"{len(failures)} failed" if failures else "all passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
