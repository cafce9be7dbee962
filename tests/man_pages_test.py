#!/usr/bin/env python3
"""The manual pages of dist/man against the programs (issue 16).

- Every option that `whosaid-index --help` and `whosaid VERB --help` print is documented in the
  OPTIONS section of the page (whosaid-index(1), whosaid-VERB(1)), as the tag of an entry, and the
  page documents no option that --help does not print. whosaid(1) lists every command of
  `whosaid --help` and the options that every command shares.
- `MANWIDTH=80 man --warnings -l PAGE` renders each page with nothing on stderr.

Usage: man_pages_test.py --whosaid BIN --index BIN --man-dir DIR
"""
import argparse
import os
import re
import subprocess
import sys

VERBS = ["search", "speakers", "show", "verify", "cite", "serve"]
PAGES = [f"whosaid-{v}.1" for v in VERBS] + ["whosaid.1", "whosaid-index.1", "whosaid-search-terms.7"]

failures = []


def fail(message):
    failures.append(message)
    print("FAIL:", message)


def help_text(argv):
    out = subprocess.run(argv, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise SystemExit(f"{' '.join(argv)}: exit {out.returncode}\n{out.stderr}")
    return out.stdout


def help_options(text):
    """The options of a CLI11 help's Options section: '  -j,--jobs UINT ...' -> {'-j', '--jobs'}."""
    options = set()
    in_options = False
    for line in text.splitlines():
        if line.startswith("Options:"):
            in_options = True
            continue
        if in_options and re.match(r"^\S", line):
            in_options = False
        m = re.match(r"^  (-[\w,-]+)", line) if in_options else None
        if m:
            options.update(o for o in m.group(1).split(",") if o)
    return options


def help_commands(text):
    """The commands that `whosaid --help` lists under 'Commands:'."""
    block = text.split("Commands:", 1)[1].split("\n\n", 1)[0]
    return {line.split()[0] for line in block.splitlines() if line.strip()}


def plain(roff_line):
    """A roff line as text: escapes of fonts and dashes undone, macro name dropped."""
    s = re.sub(r"\\f[BIRP]", "", roff_line)
    s = s.replace("\\-", "-").replace("\\(aq", "'").replace('"', " ")
    return re.sub(r"^\.\w+\s*", "", s)


def section(page_text, name):
    """The lines of one .SH section."""
    lines, inside = [], False
    for line in page_text.splitlines():
        if line.startswith(".SH "):
            inside = line[4:].strip().strip('"') == name
            continue
        if inside:
            lines.append(line)
    return lines


def tagged(lines):
    """The tag lines of the .TP entries among `lines`, as plain text."""
    return [plain(lines[i + 1]) for i, line in enumerate(lines[:-1]) if line.startswith(".TP")]


def page_options(page_text):
    found = set()
    for tag in tagged(section(page_text, "OPTIONS")):
        found.update(re.findall(r"(?<![\w-])(--?[A-Za-z][\w-]*)", tag))
    return found


def check_options(page, page_text, options, source):
    documented = page_options(page_text)
    for o in sorted(options - documented):
        fail(f"{page}: {o} (printed by {source}) is not an entry of OPTIONS")
    for o in sorted(documented - options):
        fail(f"{page}: OPTIONS documents {o}, which {source} does not print")
    print(f"{page}: {len(options & documented)} of {len(options)} options of {source} documented")


def render(path):
    env = dict(os.environ, MANWIDTH="80", LC_ALL="C.UTF-8", MAN_KEEP_FORMATTING="")
    env.pop("MANPAGER", None)
    env.pop("PAGER", None)
    out = subprocess.run(["man", "--warnings", "-l", path], capture_output=True, text=True, env=env, check=False)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--whosaid", required=True)
    ap.add_argument("--index", required=True)
    ap.add_argument("--man-dir", required=True)
    args = ap.parse_args()

    pages = {p: open(os.path.join(args.man_dir, p), encoding="utf-8").read() for p in PAGES}

    check_options("whosaid-index.1", pages["whosaid-index.1"], help_options(help_text([args.index, "--help"])),
                  "whosaid-index --help")
    shared = None
    for verb in VERBS:
        options = help_options(help_text([args.whosaid, verb, "--help"]))
        shared = options if shared is None else shared & options
        check_options(f"whosaid-{verb}.1", pages[f"whosaid-{verb}.1"], options, f"whosaid {verb} --help")
    check_options("whosaid.1", pages["whosaid.1"], shared, "every whosaid command's --help")

    commands = help_commands(help_text([args.whosaid, "--help"]))
    if commands != set(VERBS):
        fail(f"whosaid --help lists {sorted(commands)}; this test and the pages know {VERBS}")
    listed = {t.split()[0] for t in tagged(section(pages["whosaid.1"], "COMMANDS")) if t.split()}
    for c in sorted(commands - listed):
        fail(f"whosaid.1: command {c} of whosaid --help is not an entry of COMMANDS")
    for c in sorted(commands):
        if f"whosaid-{c}.1" not in pages:
            fail(f"command {c} has no page whosaid-{c}.1")

    if subprocess.run(["sh", "-c", "command -v man"], capture_output=True).returncode != 0:
        print("man is not installed (tools/setup installs man-db)")
        return 1
    for p in PAGES:
        out = render(os.path.join(args.man_dir, p))
        name = p.rsplit(".", 1)[0]
        if out.returncode != 0 or out.stderr.strip():
            fail(f"man --warnings -l {p}: exit {out.returncode}: {out.stderr.strip()}")
        elif not re.search(rf"^NAME\n\s+{re.escape(name)}\s+-\s+\S", out.stdout, re.M):
            fail(f"man -l {p}: no NAME line '{name} - ...' in:\n{out.stdout[:400]}")
        elif any(len(line) > 80 for line in out.stdout.splitlines()):
            fail(f"man -l {p}: lines wider than MANWIDTH=80")
        else:
            print(f"{p}: renders without warnings ({len(out.stdout.splitlines())} lines at 80 columns)")

    if failures:
        print(f"{len(failures)} failures")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
