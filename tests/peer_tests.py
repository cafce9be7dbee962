#!/usr/bin/env python3
"""Runs the peers' test cases (../shared/eval/peer_tests.jsonl: CoreNLP and textacy) against
whosaid-index --extract. The strings are read at test time, never copied into this repository.

How each kind maps onto our output:
- quote_spans: the quotations found, with their marks, equal the expected list.
- attribution: the expected quotation is found and its speaker is the canonical speaker.
- speaker_cue_content: one record per expected triple, in order: content matches (marks
  stripped), speaker_mention holds the expected speaker words, cue the expected cue.
- speaker_tokens: the speaker mentions of our records, split into words, equal the expected
  tokens in order.
Cases listed in KNOWN_DIFFERENCES are reported but do not fail the run (documented in
docs/extraction.md)."""
import argparse, json, os, subprocess, sys, tempfile

KNOWN_DIFFERENCES = {
    # commented out upstream as failing; compound speakers are not split into two records
    "textacy.direct_quotations_2_disabled",
}


def extract(binary, text):
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        f.write(json.dumps({"id": "t", "text": text}) + "\n")
        path = f.name
    try:
        out = subprocess.run([binary, "--extract", path], capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(path)
    return [json.loads(l) for l in out.splitlines() if l.strip()]


def with_marks(text, q):
    raw = text.encode("utf-8")
    # the span with its outer marks: widen to the marks around byte_start/byte_end
    s = len(raw[: q["byte_start"]].decode("utf-8"))
    e = len(raw[: q["byte_end"]].decode("utf-8"))
    marks = "\"'“”‘’«»„‚`"
    while s > 0 and text[s - 1] in marks:
        s -= 1
        if text[s] != "`" or s == 0 or text[s - 1] != "`":
            break
    while e < len(text) and text[e] in marks:
        e += 1
        if not (text[e - 1] == "'" and e < len(text) and text[e] == "'"):
            break
    return text[s:e]


def strip_marks(s):
    return s.strip().strip("\"'“”‘’«»„‚`").strip()


def check(case, recs):
    kind, exp, text = case["kind"], case["expected"], case["text"]
    if kind == "quote_spans":
        got = [with_marks(text, q) for q in recs]
        return got == exp["quotes"], f"got {got!r}"
    if kind == "attribution":
        want = strip_marks(exp["quotes"][0])
        hit = [q for q in recs if strip_marks(q["text"]) == want]
        ok = bool(hit) and hit[0]["speaker"] == exp["canonical_speaker"]
        return ok, f"got {[(q['text'], q['speaker']) for q in recs]!r}"
    if kind == "speaker_cue_content":
        triples = exp["triples"]
        if len(recs) != len(triples):
            return False, f"{len(recs)} records for {len(triples)} triples: {[(q['text'], q['speaker_mention']) for q in recs]!r}"
        for q, t in zip(recs, triples):
            if strip_marks(q["text"]) != strip_marks(t["content"]):
                return False, f"content {q['text']!r} != {t['content']!r}"
            mention = q.get("speaker_mention") or q["speaker"]
            if mention.split() != t["speaker"] and q["speaker"].split() != t["speaker"]:
                return False, f"speaker {mention!r}/{q['speaker']!r} != {t['speaker']!r}"
            if q["cue"] and q["cue"].split() != t["cue"]:
                return False, f"cue {q['cue']!r} != {t['cue']!r}"
        return True, ""
    if kind == "speaker_tokens":
        got = []
        for q in recs:
            got += (q.get("speaker_mention") or q["speaker"]).split()
        return got == exp["speaker_tokens_in_order"], f"got {got!r}"
    return False, f"unknown kind {kind}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--shared", required=True)
    a = ap.parse_args()
    path = os.path.join(a.shared, "eval", "peer_tests.jsonl")
    if not os.path.exists(path):
        print(f"SKIP: {path} not found")
        return 77
    passed = failed = known = 0
    for line in open(path, encoding="utf-8"):
        if not line.strip():
            continue
        case = json.loads(line)
        ok, why = check(case, extract(a.bin, case["text"]))
        if ok:
            passed += 1
        elif case["id"] in KNOWN_DIFFERENCES:
            known += 1
            print(f"KNOWN  {case['id']}: {why}")
        else:
            failed += 1
            print(f"FAIL   {case['id']}: {why}")
    print(f"peer tests: {passed} passed, {failed} failed, {known} known differences")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
