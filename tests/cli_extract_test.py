#!/usr/bin/env python3
"""CLI tests of `whosaid-index --extract` on corpus/: exact quotations, speakers, offsets, exit codes."""
import argparse, json, os, subprocess, sys, tempfile

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL", what)


def run(binary, *args, stdin=None):
    return subprocess.run([binary, *args], capture_output=True, text=True, input=stdin)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--corpus", required=True)
    a = ap.parse_args()

    seed = os.path.join(a.corpus, "icc-assembly.txt")
    r = run(a.bin, "--extract", seed)
    check(r.returncode == 0, f"--extract exits 0 (got {r.returncode}: {r.stderr})")
    recs = [json.loads(l) for l in r.stdout.splitlines()]
    check(len(recs) == 4, f"seed: four quotations (got {len(recs)})")
    text = open(seed, encoding="utf-8").read().split("---\n", 2)[2]
    raw = text.encode("utf-8")
    for q in recs:
        check(raw[q["byte_start"]:q["byte_end"]].decode("utf-8") == q["text"], f"offsets slice to the text: {q['quote_id']}")
        check(q["doc_id"] == "seed-icc-assembly", "front-matter id is used")
    want = [("Liz Evenson", "Human Rights Watch", False), ("Reed Rubinstein", "U.S. State Department", False),
            ("Danya Chaikel", "International Federation for Human Rights", False), ("Stacy Gilbert", "State Department", True)]
    got = [(q["speaker"], q["affiliation"], q["former"]) for q in recs]
    check(got == want, f"seed speakers/affiliations: {got}")
    ev = recs[0]
    check(ev["text"].startswith("It's been a constructive mood [with] a lot"), "Evenson text exact")
    check([(x["kind"], x["text"]) for x in ev["alterations"]] == [("insertion", "[with]")], f"Evenson alterations {ev['alterations']}")
    rb = recs[1]
    check([(x["kind"], x["text"]) for x in rb["alterations"]] == [("elision", "..."), ("insertion", "[or]")],
          f"Rubinstein alterations {rb['alterations']}")
    for x in ev["alterations"] + rb["alterations"]:
        check(raw[x["byte_start"]:x["byte_end"]].decode("utf-8") == x["text"], "alteration offsets exact")

    # JSONL on stdin, missing id derived, a bad line named with its line number, exit code.
    good = json.dumps({"text": "\"We will not stop,\" said Ana Ruiz, a spokeswoman for Greenpeace."})
    r = run(a.bin, "--extract", "-", stdin=good + "\n{not json\n" + json.dumps({"id": 7, "text": 5}) + "\n")
    check(r.returncode == 0, "stdin run exits 0")
    recs = [json.loads(l) for l in r.stdout.splitlines()]
    check(len(recs) == 1 and recs[0]["speaker"] == "Ana Ruiz" and recs[0]["role"] == "spokeswoman" and
          recs[0]["affiliation"] == "Greenpeace", f"stdin quotation attributed: {recs}")
    check(recs and recs[0]["doc_id"].startswith("sha:"), "id derived from a hash of the text")
    check("<stdin>:2" in r.stderr and "not JSON" in r.stderr, f"bad line named: {r.stderr!r}")
    check("<stdin>:3" in r.stderr, f"wrong type named: {r.stderr!r}")

    r = run(a.bin, "--extract", "/nonexistent/file.jsonl")
    check("no such file" in r.stderr, "missing input reported")
    r = run(a.bin, "--bogus-flag")
    check(r.returncode == 2, f"usage error exits 2 (got {r.returncode})")
    r = run(a.bin, "--help")
    check(r.returncode == 0 and "--extract" in r.stdout, "--help documents --extract")

    # Every corpus article extracts, offsets exact everywhere.
    r = run(a.bin, "--extract", a.corpus)
    check(r.returncode == 0, "corpus extracts")
    n = 0
    for l in r.stdout.splitlines():
        q = json.loads(l)
        n += 1
        check(q["byte_end"] > q["byte_start"], f"non-empty span {q['quote_id']}")
    check(n >= 10, f"corpus has quotations ({n})")
    print(f"cli_extract: {0 if failures else 1} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
