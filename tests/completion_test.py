#!/usr/bin/env python3
"""The bash completion of dist/completion against the programs (issue 16).

Runs the completion functions in bash as bash would on TAB (COMP_LINE, COMP_POINT, COMP_WORDS split
at spaces and at ':', COMP_CWORD) and checks what they offer:
- the verbs of `whosaid --help`;
- for each verb, exactly the long options its --help prints; the same for whosaid-index;
- after --format, the values its --help accepts (TEXT:{text,json,jsonl}); after cite's --style,
  those of `whosaid cite --help`; after --sort, values `whosaid search --sort` accepts;
- field prefixes in a query (`spe` -> speaker:, speaker_exact:, speaker_kind:), the values of
  kind: and speaker_kind:, files after --db and as whosaid-index's inputs.
(tests/test_field_docs.cpp checks the field list against the schema's query parser.)

Usage: completion_test.py --whosaid BIN --index BIN --completion-dir DIR
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

failures = []


def fail(message):
    failures.append(message)
    print("FAIL:", message)


def comp_words(line):
    """COMP_WORDS as bash splits the line: at blanks, and ':' (of COMP_WORDBREAKS) as a word."""
    words = re.findall(r"[^\s:]+|:+", line)
    if not line or line[-1].isspace():
        words.append("")
    return words


def complete(script, function, line, cwd=None):
    words = comp_words(line)
    program = "\n".join([
        f"source {shq(script)}",
        "COMP_WORDS=(" + " ".join(shq(w) for w in words) + ")",
        f"COMP_CWORD={len(words) - 1}",
        f"COMP_LINE={shq(line)}",
        f"COMP_POINT={len(line)}",
        f"{function}",
        'printf "%s\\n" "${COMPREPLY[@]}"',
    ])
    out = subprocess.run(["bash", "--norc", "--noprofile", "-c", program], capture_output=True, text=True,
                         cwd=cwd, check=False)
    if out.returncode != 0 or out.stderr:
        fail(f"completing {line!r}: exit {out.returncode}: {out.stderr.strip()}")
    return {w for w in out.stdout.split("\n") if w}


def shq(s):
    return "'" + s.replace("'", "'\\''") + "'"


def run(argv):
    return subprocess.run(argv, capture_output=True, text=True, check=False)


def long_options(help_text):
    return set(re.findall(r"^  (?:-\w,)?(--[\w-]+)", help_text, re.M))


def choices(help_text, option):
    """The values CLI11 prints for an option: '--format TEXT:{text,json,jsonl}'."""
    m = re.search(rf"^  {re.escape(option)} TEXT:\{{([^}}]*)\}}", help_text, re.M)
    return set(m.group(1).split(",")) if m else None


def expect(label, got, want):
    if got != want:
        fail(f"{label}: offered {sorted(got)}, expected {sorted(want)}")
    else:
        print(f"ok: {label}: {' '.join(sorted(got))}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--whosaid", required=True)
    ap.add_argument("--index", required=True)
    ap.add_argument("--completion-dir", required=True)
    args = ap.parse_args()
    ws = os.path.abspath(os.path.join(args.completion_dir, "whosaid"))
    wi = os.path.abspath(os.path.join(args.completion_dir, "whosaid-index"))

    top = run([args.whosaid, "--help"]).stdout
    verbs = {line.split()[0] for line in top.split("Commands:", 1)[1].split("\n\n", 1)[0].splitlines() if line.strip()}
    expect("whosaid <TAB>", complete(ws, "_whosaid", "whosaid "), verbs | {"--help", "--version"})
    expect("whosaid se<TAB>", complete(ws, "_whosaid", "whosaid se"), {"search", "serve"})

    for verb in sorted(verbs):
        help_text = run([args.whosaid, verb, "--help"]).stdout
        expect(f"whosaid {verb} --<TAB>", complete(ws, "_whosaid", f"whosaid {verb} --"), long_options(help_text))
        fmt = choices(help_text, "--format")
        if fmt:
            expect(f"whosaid {verb} --format <TAB>", complete(ws, "_whosaid", f"whosaid {verb} --format "), fmt)
        style = choices(help_text, "--style")
        if style:
            expect(f"whosaid {verb} --style <TAB>", complete(ws, "_whosaid", f"whosaid {verb} --style "), style)

    sorts = complete(ws, "_whosaid", "whosaid search --sort ")
    if not sorts:
        fail("whosaid search --sort <TAB>: nothing offered")
    for value in sorted(sorts):
        # The sort order is read before the index is opened: a bad one is named, a good one is not.
        err = run([args.whosaid, "search", "--db", "/nonexistent/whosaid-completion.db", "--sort", value, "x"]).stderr
        if "--sort" in err:
            fail(f"--sort {value}, offered by the completion, is refused: {err.strip()}")
    print(f"ok: whosaid search --sort <TAB>: {' '.join(sorted(sorts))}, each accepted")

    expect("whosaid search spe<TAB>", complete(ws, "_whosaid", "whosaid search spe"),
           {"speaker:", "speaker_exact:", "speaker_kind:"})
    expect("whosaid speakers court da<TAB>", complete(ws, "_whosaid", "whosaid speakers court da"), {"date:"})
    expect("whosaid search kind:<TAB>", complete(ws, "_whosaid", "whosaid search kind:"), {"full", "partial"})
    expect("whosaid search ICC speaker_kind:an<TAB>", complete(ws, "_whosaid", "whosaid search ICC speaker_kind:an"),
           {"anonymous"})
    expect("whosaid search speaker:Ev<TAB>", complete(ws, "_whosaid", "whosaid search speaker:Ev"), set())
    expect("whosaid verify spe<TAB> (a claim, not a query)", complete(ws, "_whosaid", "whosaid verify spe"), set())

    with tempfile.TemporaryDirectory(prefix="whosaid-completion-") as tmp:
        for name in ("news.db", "notes.txt"):
            os.mkdir(os.path.join(tmp, name)) if name.endswith(".db") else open(os.path.join(tmp, name), "w").close()
        expect("whosaid search --db n<TAB>", complete(ws, "_whosaid", "whosaid search --db n", cwd=tmp),
               {"news.db", "notes.txt"})
        expect("whosaid-index --db part1.db no<TAB>", complete(wi, "_whosaid_index", "whosaid-index --db part1.db no",
                                                               cwd=tmp), {"notes.txt"})

    index_help = run([args.index, "--help"]).stdout
    expect("whosaid-index --<TAB>", complete(wi, "_whosaid_index", "whosaid-index --"), long_options(index_help))
    expect("whosaid-index --jobs <TAB>", complete(wi, "_whosaid_index", "whosaid-index --jobs "), set())

    if failures:
        print(f"{len(failures)} failures")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
