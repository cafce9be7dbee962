#!/usr/bin/env python3
"""CLI tests of whosaid-index's pipeline (issue 5): --jobs keeps input order, bad files are named
and skipped (--strict fails the run, the good articles are indexed either way), incremental
re-runs skip unchanged articles and re-index changed ones, --shard splits an input into disjoint
parts that add up to the whole, and the progress line shows only when asked for a terminal."""
import argparse, json, os, re, shutil, subprocess, sys, tempfile

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL", what)


def run(*cmd, env=None):
    e = dict(os.environ)
    e.pop("WHOSAID_PROGRESS", None)
    e.update(env or {})
    return subprocess.run([str(c) for c in cmd], capture_output=True, env=e)


def corpus_articles(corpus, copies):
    """The corpus articles as JSONL records, `copies` times each under new ids (a new article
    each: the id is part of it)."""
    base = []
    for name in sorted(os.listdir(corpus)):
        text = open(os.path.join(corpus, name), encoding="utf-8").read()
        front, body = text.split("---\n", 2)[1:]
        meta = dict(l.split(": ", 1) for l in front.splitlines() if ": " in l)
        base.append({"id": meta.get("id", name), "title": meta.get("title", ""), "text": body})
    out = []
    for i in range(copies):
        for b in base:
            out.append(dict(b, id=f"{b['id']}-{i}"))
    return out


def write_jsonl(path, records):
    with open(path, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r) + "\n")


def summary(stderr):
    m = re.search(rb"(\d+) articles, (\d+) quotations indexed, (\d+) removed, (\d+) unchanged, (\d+) skipped", stderr)
    return tuple(int(x) for x in m.groups()) if m else None


def quote_ids(whosaid, db, query="court OR said OR the"):
    r = run(whosaid, "search", "--db", db, "--format", "jsonl", "--limit", "100000", query)
    return sorted(json.loads(l)["quote_id"] for l in r.stdout.splitlines() if l.strip())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--index", required=True)
    ap.add_argument("--whosaid", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--shared", default="")
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="whosaid-pipeline-")
    try:
        articles = corpus_articles(a.corpus, 15)  # 60 articles
        feed = os.path.join(tmp, "feed.jsonl")
        write_jsonl(feed, articles)
        inputs = [feed]
        wikinews = os.path.join(a.shared, "corpus/wikinews/wikinews.jsonl") if a.shared else ""
        if wikinews and os.path.exists(wikinews):
            inputs.append(wikinews)

        # --jobs: the same JSON lines in the same order on 1, 2 and 4 threads.
        outs = [run(a.index, "--extract", "--jobs", j, *inputs).stdout for j in (1, 2, 4)]
        check(len(outs[0]) > 0, "extraction printed quotations")
        check(outs[0] == outs[1] == outs[2], "--jobs 1, 2 and 4 print identical output in input order")

        # A directory of good and bad files.
        d = os.path.join(tmp, "mixed")
        os.makedirs(d)
        write_jsonl(os.path.join(d, "good.jsonl"), articles[:4])
        with open(os.path.join(d, "lines.jsonl"), "w") as f:
            f.write(json.dumps(articles[4]) + "\n{\"id\": \"broken\", \"text\": \n" + json.dumps(articles[5]) + "\n")
        with open(os.path.join(d, "latin1.txt"), "wb") as f:
            f.write(b'The mayor said: "Caf\xe9 prices will not rise," on Monday.\n')
        open(os.path.join(d, "empty.txt"), "w").close()
        with open(os.path.join(d, "blob.bin"), "wb") as f:
            f.write(bytes(range(256)) * 4)
        db = os.path.join(tmp, "mixed.db")
        r = run(a.index, "--db", db, "--jobs", "2", d)
        err = r.stderr.decode("utf-8", "replace")
        check(r.returncode == 0, f"mixed directory: exit 0 without --strict (got {r.returncode})")
        check(re.search(r"lines\.jsonl:2: skipped: not JSON", err) is not None, "malformed JSONL line named with its line")
        check(re.search(r"empty\.txt: skipped: empty article", err) is not None, "empty file named")
        check(re.search(r"blob\.bin: skipped: binary", err) is not None, "binary file named")
        check("latin1.txt: skipped" not in err, "broken UTF-8 is repaired and indexed, not skipped")
        s = summary(r.stderr)
        check(s is not None and s[0] == 7 and s[4] == 3, f"7 articles indexed, 3 skipped (got {s})")
        got = run(a.whosaid, "search", "--db", db, "--format", "jsonl", "--limit", "1000", "prices").stdout
        check(b"Caf\xef\xbf\xbd prices" in got, "the repaired article is searchable with U+FFFD in place")
        for art in articles[:6]:
            r2 = run(a.whosaid, "search", "--db", db, "--format", "jsonl", "--limit", "1", f"article:{art['id']}")
            check(r2.returncode == 0, f"good article {art['id']} indexed")
        shutil.rmtree(db)
        r = run(a.index, "--db", db, "--strict", d)
        check(r.returncode == 2, f"--strict: exit 2 when a file was skipped (got {r.returncode})")
        s = summary(r.stderr)
        check(s is not None and s[0] == 7, f"--strict still indexes the good articles (got {s})")

        # Incremental runs.
        db = os.path.join(tmp, "inc.db")
        first = run(a.index, "--db", db, feed)
        s1 = summary(first.stderr)
        check(s1 is not None and s1[0] == 60 and s1[3] == 0, f"first run indexes all 60 (got {s1})")
        ids1 = quote_ids(a.whosaid, db)
        again = run(a.index, "--db", db, feed)
        s2 = summary(again.stderr)
        check(s2 == (0, 0, 0, 60, 0), f"re-run: all 60 unchanged, nothing written (got {s2})")
        check(quote_ids(a.whosaid, db) == ids1, "re-run leaves the same quotations")
        grown = [dict(r) for r in articles]
        grown[7]["text"] = grown[7]["text"].replace("said", "stated", 1) + '\n"One more thing," said Ann Lee.\n'
        grown.append(dict(articles[0], id="brand-new"))
        write_jsonl(feed, grown)
        third = run(a.index, "--db", db, feed)
        s3 = summary(third.stderr)
        check(s3 is not None and s3[0] == 2 and s3[3] == 59, f"grown archive: 2 indexed, 59 unchanged (got {s3})")
        ids3 = quote_ids(a.whosaid, db)
        check(any(q.startswith("brand-new#") for q in ids3), "the new article is indexed")
        r = run(a.whosaid, "search", "--db", db, "--format", "jsonl", f"speaker:\"Ann Lee\"")
        check(r.returncode == 0 and grown[7]["id"].encode() in r.stdout, "the changed article's new quotation is indexed")
        # A changed article followed by its old copy in the same run: the last one read wins.
        write_jsonl(feed, grown + [articles[7]])
        run(a.index, "--db", db, feed)
        r = run(a.whosaid, "search", "--db", db, "--format", "jsonl", f"speaker:\"Ann Lee\"")
        check(r.returncode == 1, "the last copy of an article in the input is what the index holds")
        write_jsonl(feed, grown)
        s4 = summary(run(a.index, "--db", db, "--force", feed).stderr)
        check(s4 is not None and s4[0] == 61 and s4[3] == 0, f"--force re-indexes every article (got {s4})")
        # --delete forgets the content hash: the article is indexed again next time.
        run(a.index, "--db", db, "--delete", "brand-new")
        s5 = summary(run(a.index, "--db", db, feed).stderr)
        check(s5 is not None and s5[0] == 1 and s5[3] == 60, f"a deleted article is indexed again by the next run (got {s5})")

        # An index of three parts (written in parallel) answers like one of one part.
        one, three = os.path.join(tmp, "one.db"), os.path.join(tmp, "three.db")
        run(a.index, "--db", one, "--parts", "1", feed)
        r = run(a.index, "--db", three, "--parts", "3", feed)
        check(r.returncode == 0 and os.path.exists(os.path.join(three, "XAPIANDB")), "--parts 3: a stub file listing the parts")
        check(quote_ids(a.whosaid, three) == quote_ids(a.whosaid, one), "three parts hold the same quotations as one")
        s6 = summary(run(a.index, "--db", three, feed).stderr)
        check(s6 is not None and s6[0] == 0 and s6[3] == len(grown), f"three parts: a re-run finds every article unchanged (got {s6})")
        run(a.index, "--db", three, "--delete", "brand-new")
        check(not any(q.startswith("brand-new#") for q in quote_ids(a.whosaid, three)), "--delete reaches the article's part")

        # Shards: disjoint, and together the whole.
        full = run(a.index, "--extract", feed).stdout.splitlines()
        parts = [run(a.index, "--extract", "--shard", f"{k}/3", feed).stdout.splitlines() for k in (1, 2, 3)]
        check(all(len(p) > 0 for p in parts), f"every shard gets quotations ({[len(p) for p in parts]})")
        check(sorted(sum(parts, [])) == sorted(full), "the three shards together are the whole input, once")
        for spec in ("0/3", "4/3", "x", "1/0", "1/"):
            r = run(a.index, "--extract", "--shard", spec, feed)
            check(r.returncode == 2 and b"--shard" in r.stderr, f"--shard {spec}: usage error naming the option")

        # Progress: a live line when asked (as on a terminal), none otherwise.
        db = os.path.join(tmp, "progress.db")
        r = run(a.index, "--db", db, feed, env={"WHOSAID_PROGRESS": "1"})
        check(b"\r" in r.stderr and re.search(rb"\d articles?, [\d,]+ quotations.*MB/s, \d+%", r.stderr) is not None,
              "WHOSAID_PROGRESS=1: a progress line with articles, quotations, MB/s and percent")
        shutil.rmtree(db)
        r = run(a.index, "--db", db, feed)
        check(b"\r" not in r.stderr and r.stderr.count(b"\n") == 1, "not a terminal: only the summary line")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if failures:
        print(f"{len(failures)} failure(s)")
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
