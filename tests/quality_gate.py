#!/usr/bin/env python3
"""Quality gate: runs ../shared/eval/score.py on the seed, wikinews-dev and polnear-dev and fails
when a figure drops below its floor. Skips (exit 77) when ../shared is absent.

FLOORS are regression floors set just under the figures measured when they were last raised
(see README "Quality"); the issue's targets are the goal, and the floors move up as they are met."""
import argparse, json, os, subprocess, sys, tempfile

# wikinews-dev's speaker floor came down from 0.92 with the trained speaker model (issue 15): the
# hand-written rules it replaced had been tuned on wikinews-dev's own articles (0.921 there, 0.694
# on wikinews-train); the model, trained on wikinews-train and polnear-train only, scores 0.758 and
# 0.936 on them cross-validated, 0.891 on wikinews-dev and 0.950 on polnear-dev (docs/extraction.md).
FLOORS = {
    "seed": {"quote_f1": 1.0, "speaker_accuracy": 1.0, "role_accuracy": 1.0, "affiliation_accuracy": 1.0},
    "wikinews-dev": {"quote_f1": 0.98, "speaker_accuracy": 0.87, "role_accuracy": 0.89, "affiliation_accuracy": 0.81},
    "polnear-dev": {"quote_f1": 0.91, "speaker_accuracy": 0.93},
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--shared", required=True)
    a = ap.parse_args()
    score = os.path.join(a.shared, "eval", "score.py")
    if not os.path.exists(score):
        print(f"SKIP: {score} not found")
        return 77
    failed = 0
    for name, floors in FLOORS.items():
        base = os.path.join(a.shared, "seed", "seed") if name == "seed" else os.path.join(a.shared, "eval", name)
        docs, gold = base + ".docs.jsonl", base + ".gold.jsonl"
        with tempfile.NamedTemporaryFile("w+", suffix=".jsonl", delete=False) as pred:
            subprocess.run([a.bin, "--extract", docs], stdout=pred, stderr=subprocess.DEVNULL, check=True)
        out = subprocess.run([sys.executable, score, "--docs", docs, "--gold", gold, "--pred", pred.name, "--json"],
                             capture_output=True, text=True, check=True).stdout
        os.unlink(pred.name)
        figures = json.loads(out)
        for key, floor in floors.items():
            got = figures.get(key)
            ok = got is not None and got >= floor
            failed += not ok
            print(f"{'ok  ' if ok else 'FAIL'} {name:14} {key:22} {got} (floor {floor})")
    print(f"quality gate: {sum(len(f) for f in FLOORS.values()) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
