#!/usr/bin/env python3
"""Crash safety (issue 6): SIGKILL whosaid-index --db at random moments while it indexes, then
check that the index opens, passes xapian-check, answers queries, holds no duplicate and no
foreign quotation, and that re-running the same command completes it: the same quote ids and
document count as a clean run. Exit 0 when every kill passes, 1 otherwise, 77 (skip) without
../shared (tools/gen-corpus reads its Wikinews sample).

Rounds alternate between a fresh index (killed while first written; the re-run is incremental:
it skips the articles already committed) and a complete one re-indexed with --force (killed while
every article is being replaced), and between small batches (many commits to land in) and the
default batch. Every round is a real kill: when the process finished before its moment came, the
round is tried again with an earlier moment (a run that finished tests nothing).
"""
import argparse
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


def quote_ids(db):
    """{quote id term: number of documents holding it} and the document count."""
    out = run(["xapian-delve", "-A", "Q", "-1", "-v", db])
    if out.returncode != 0:
        raise AssertionError("xapian-delve -A Q failed: " + out.stderr.strip())
    ids = {}
    for line in out.stdout.splitlines():
        # "Qgen-000001#1 1": the term, then its termfreq (-v)
        m = re.match(r"^(Q.*) (\d+)$", line)
        if m:
            ids[m.group(1)] = int(m.group(2))
    info = run(["xapian-delve", db]).stdout
    m = re.search(r"number of documents = (\d+)", info)
    return ids, int(m.group(1)) if m else -1


def xapian_check(db):
    """xapian-check on every part of the index: "" when sound, else what failed. An index of
    several parts is a folder whose stub file (XAPIANDB) lists them; xapian-check reads one
    database at a time."""
    stub = os.path.join(db, "XAPIANDB")
    parts = [os.path.join(db, l.split(" ", 1)[1].strip()) for l in open(stub)] if os.path.exists(stub) else [db]
    for part in parts:
        chk = run(["xapian-check", part])
        if chk.returncode != 0:
            return f"xapian-check {part} failed: {chk.stdout[-500:]} {chk.stderr[-500:]}"
    return ""


def check_consistent(db, clean_ids, whosaid, problems, label):
    """The index opens, is sound, answers a query, and has no duplicate or foreign quotation."""
    if not os.path.exists(db):
        return  # killed before the index was created: nothing to check
    failed = xapian_check(db)
    if failed:
        problems.append(f"{label}: {failed}")
        return
    q = run([whosaid, "search", "--db", db, "--format", "json", "--limit", "3", "court"])
    if q.returncode not in (0, 1):
        problems.append(f"{label}: search exited {q.returncode}: {q.stderr.strip()}")
    ids, docs = quote_ids(db)
    dup = [i for i, n in ids.items() if n != 1]
    if dup:
        problems.append(f"{label}: {len(dup)} duplicated quote ids, e.g. {dup[:3]}")
    foreign = set(ids) - set(clean_ids)
    if foreign:
        problems.append(f"{label}: {len(foreign)} quote ids a clean run does not have, e.g. {sorted(foreign)[:3]}")
    if docs != sum(ids.values()):
        problems.append(f"{label}: {docs} documents but {sum(ids.values())} quote id postings")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--index-bin", required=True)
    ap.add_argument("--search-bin", required=True)
    ap.add_argument("--gen-corpus", required=True)
    ap.add_argument("--shared", required=True)
    ap.add_argument("--kills", type=int, default=20)
    ap.add_argument("--articles", type=int, default=400)
    ap.add_argument("--seed", type=int, default=int(os.environ.get("KILL_TEST_SEED", "0")) or None)
    args = ap.parse_args()
    source = os.path.join(args.shared, "corpus", "wikinews", "wikinews.jsonl")
    if not os.path.exists(source):
        print(f"skipped: {source} not found")
        return 77
    if not shutil.which("xapian-check") or not shutil.which("xapian-delve"):
        print("skipped: xapian-check / xapian-delve not installed (Debian xapian-tools)")
        return 77
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    print(f"kill test: seed {seed} (KILL_TEST_SEED={seed} repeats this run)")
    work = tempfile.mkdtemp(prefix="whosaid-kill-")
    try:
        articles = os.path.join(work, "articles.jsonl")
        gen = run([sys.executable, args.gen_corpus, "--articles", str(args.articles), "--seed", "6",
                   "--source", source, "--out", articles])
        if gen.returncode != 0:
            print("gen-corpus failed: " + gen.stderr)
            return 1
        clean = {}
        duration = {}
        for batch in (20, 500):
            db = os.path.join(work, f"clean-{batch}.db")
            t0 = time.monotonic()
            r = run([args.index_bin, "--db", db, "--batch", str(batch), articles])
            duration[batch] = time.monotonic() - t0
            if r.returncode != 0:
                print(f"clean run failed: {r.stderr}")
                return 1
            clean[batch] = quote_ids(db)
        if clean[20] != clean[500]:
            print("clean runs with batch 20 and 500 differ")
            return 1
        clean_ids, clean_docs = clean[20]
        # How long a forced re-index of a complete index takes (what the complete rounds kill).
        forced = {}
        for batch in (20, 500):
            t0 = time.monotonic()
            r = run([args.index_bin, "--db", os.path.join(work, f"clean-{batch}.db"), "--batch", str(batch),
                     "--force", articles])
            forced[batch] = time.monotonic() - t0
            if r.returncode != 0 or quote_ids(os.path.join(work, f"clean-{batch}.db")) != clean[batch]:
                print(f"forced re-index of a clean index failed or changed it: {r.stderr}")
                return 1
        print(f"clean run: {args.articles} articles, {clean_docs} quotations, "
              f"{duration[20]:.1f} s (batch 20), {duration[500]:.1f} s (batch 500); "
              f"--force over it {forced[20]:.1f} s, {forced[500]:.1f} s")
        if any(n != 1 for n in clean_ids.values()) or clean_docs != len(clean_ids):
            print("clean run has duplicate quote ids")
            return 1

        db = os.path.join(work, "killed.db")
        passed = 0
        for k in range(1, args.kills + 1):
            fresh = k % 2 == 1
            batch = 20 if k % 4 in (1, 2) else 500
            cmd = [args.index_bin, "--db", db, "--batch", str(batch)] + ([] if fresh else ["--force"]) + [articles]
            longest = duration[batch] if fresh else forced[batch]
            for attempt in range(1, 9):
                if fresh:
                    shutil.rmtree(db, ignore_errors=True)
                elif not os.path.exists(db):  # the round before was killed before it created the index
                    shutil.copytree(os.path.join(work, f"clean-{batch}.db"), db)
                delay = rng.uniform(0.05, longest)
                proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                time.sleep(delay)
                finished = proc.poll() is not None
                if not finished:
                    proc.send_signal(signal.SIGKILL)
                proc.wait()
                proc.stderr.close()
                if not finished:
                    break
                longest = max(0.1, delay * 0.7)  # it finished first: kill earlier next time
            label = f"kill {k} ({'fresh index' if fresh else 'complete index, --force'}, batch {batch}, " \
                    f"after {delay:.2f} s" + (f", attempt {attempt}" if attempt > 1 else "") + ")"
            if finished:
                print(f"FAIL {label}: the run finished before every kill moment tried")
                continue
            problems = []
            check_consistent(db, clean_ids, args.search_bin, problems, label)
            partial = len(quote_ids(db)[0]) if os.path.exists(db) else 0
            rerun = run(cmd)
            if rerun.returncode != 0:
                problems.append(f"{label}: re-run exited {rerun.returncode}: {rerun.stderr.strip()[-500:]}")
            else:
                ids, docs = quote_ids(db)
                if ids != clean_ids or docs != clean_docs:
                    missing = set(clean_ids) - set(ids)
                    problems.append(f"{label}: after the re-run {docs} documents / {len(ids)} ids, clean run "
                                    f"{clean_docs}; {len(missing)} missing, e.g. {sorted(missing)[:3]}")
                failed = xapian_check(db)
                if failed:
                    problems.append(f"{label}: after the re-run, {failed}")
            if problems:
                print("FAIL " + "\n     ".join(problems))
            else:
                passed += 1
                print(f"ok   {label}: {partial} of {clean_docs} quotations at the kill; re-run complete")
        print(f"kill test: {passed} of {args.kills} kills passed")
        return 0 if passed == args.kills else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
