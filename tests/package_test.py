#!/usr/bin/env python3
"""The Debian package, built, installed, used and removed (issue 16).

1. cpack builds whosaid_VERSION_ARCH.deb from this build tree (the install rules of dist/), with
   Depends: computed by dpkg-shlibdeps; it holds the programs, every man page, the completions,
   the copyright and changelog, and whosaid.service.
2. As root, with no whosaid installed already: `dpkg -i`, and `dpkg -L whosaid` lists every file of
   the package. Otherwise the package is unpacked into a directory (a DESTDIR) and used from there.
3. From the installed paths, with the checkout and the build tree hidden (a private mount namespace
   with an empty tmpfs over each, when the machine allows one) and an unrelated working directory:
   `whosaid-index --extract` on a copy of the seed article gives its four quotations (the same bytes
   as the build tree's program), `whosaid-index --db` indexes it, and `whosaid search ICC` finds
   those four; `whosaid serve`, run as the service unit runs it (its ExecStart and WHOSAID_DB, as an
   unprivileged user when root), answers /healthz and a search over that index.
4. `MANWIDTH=80 man --warnings -l` renders every installed page without a warning (and, installed
   with dpkg, `man whosaid` finds the page); the installed completion completes the verbs.
5. `dpkg -r whosaid`: the package is gone from dpkg's database and none of its files is left.

Usage: package_test.py --cpack-config FILE --index BIN --source-dir DIR --build-dir DIR --corpus DIR [--unpack]
Exit 77 (skipped) without dpkg-deb or cpack.
"""
import argparse
import fcntl
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

SEED = "icc-assembly.txt"
SEED_SPEAKERS = ["Liz Evenson", "Reed Rubinstein", "Danya Chaikel", "Stacy Gilbert"]
MAN_PAGES = ["man1/whosaid.1.gz", "man1/whosaid-index.1.gz", "man1/whosaid-search.1.gz",
             "man1/whosaid-speakers.1.gz", "man1/whosaid-show.1.gz", "man1/whosaid-verify.1.gz",
             "man1/whosaid-cite.1.gz", "man1/whosaid-serve.1.gz", "man7/whosaid-search-terms.7.gz"]
EXPECTED_FILES = (["/usr/bin/whosaid", "/usr/bin/whosaid-index", "/usr/lib/systemd/system/whosaid.service",
                   "/usr/share/bash-completion/completions/whosaid",
                   "/usr/share/bash-completion/completions/whosaid-index",
                   "/usr/share/doc/whosaid/copyright", "/usr/share/doc/whosaid/changelog.gz",
                   "/usr/share/doc/whosaid/README.md"]
                  + ["/usr/share/man/" + p for p in MAN_PAGES])

failures = []


def fail(message):
    failures.append(message)
    print("FAIL:", message, flush=True)


def ok(message):
    print("ok:", message, flush=True)


def run(argv, **kw):
    return subprocess.run(argv, capture_output=True, text=True, check=False, **kw)


def must(argv, **kw):
    out = run(argv, **kw)
    if out.returncode != 0:
        raise SystemExit(f"FAIL: {' '.join(argv)}: exit {out.returncode}\n{out.stdout}{out.stderr}")
    return out


def dpkg_retry(argv):
    """dpkg, waiting while another dpkg or apt (another session's tools/setup) holds its lock."""
    deadline = time.monotonic() + 300
    while True:
        out = run(argv)
        if out.returncode == 0 or "lock" not in out.stderr or time.monotonic() > deadline:
            return out
        time.sleep(2)


def package_files(deb):
    """The files (not directories) of the package, as absolute paths."""
    out = must(["dpkg-deb", "-c", deb]).stdout
    files = []
    for line in out.splitlines():
        if line.startswith("d"):
            continue
        path = line.split(None, 5)[5].split(" -> ")[0]
        files.append(path[1:] if path.startswith("./") else path)
    return sorted(files)


class Hider:
    """Runs commands with the checkout and the build tree hidden under empty tmpfs mounts, in a
    mount namespace of their own, when unshare(1) may make one (root, or user namespaces)."""

    def __init__(self, hidden, cwd):
        self.hidden = hidden
        self.cwd = cwd
        self.prefix = None
        script = " && ".join([f'mount -t tmpfs -o size=1m,mode=0755 tmpfs "{d}"' for d in hidden]
                             + [f'test ! -e "{d}/CMakeLists.txt"' for d in hidden]
                             + [f'cd "{cwd}"', 'exec "$@"'])
        for unshare in (["unshare", "--mount"], ["unshare", "--mount", "--map-root-user"]):
            cmd = unshare + ["sh", "-c", script, "sh"]
            if shutil.which("unshare") and run(cmd + ["true"]).returncode == 0:
                self.prefix = cmd
                break
        if self.prefix:
            print(f"the checkout is hidden while the installed programs run: {' '.join(unshare)}, "
                  f"tmpfs over {', '.join(hidden)}")
        else:
            print("could not make a mount namespace here: the installed programs run from an unrelated "
                  "directory with the checkout in place")

    def run(self, argv, env, **kw):
        if self.prefix:
            return run(self.prefix + argv, env=env, **kw)
        return run(argv, env=env, cwd=self.cwd, **kw)


def unit_settings(path):
    settings = {}
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if line and not line.startswith(("#", "[")) and "=" in line:
            key, value = line.split("=", 1)
            settings.setdefault(key, []).append(value)
    return settings


def free_port():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def check_service(root, usr_bin, env, work, dpkg_mode):
    """whosaid serve as whosaid.service starts it: its ExecStart, its WHOSAID_DB (pointed at the test's
    index: the one line to change), as an unprivileged user that owns nothing (DynamicUser=)."""
    unit = os.path.join(root, "usr/lib/systemd/system/whosaid.service")
    s = unit_settings(unit)
    exec_start = s.get("ExecStart", [""])[0].split()
    db_lines = [e for e in s.get("Environment", []) if e.startswith("WHOSAID_DB=")]
    if exec_start[:2] != ["/usr/bin/whosaid", "serve"] or "--db" in exec_start:
        fail(f"whosaid.service: ExecStart={' '.join(exec_start)}: expected /usr/bin/whosaid serve, without --db")
        return
    if db_lines != ["WHOSAID_DB=/var/lib/whosaid/whosaid.db"] or s.get("DynamicUser") != ["yes"]:
        fail(f"whosaid.service: Environment WHOSAID_DB {db_lines}, DynamicUser {s.get('DynamicUser')}")
        return
    ok(f"whosaid.service: ExecStart={' '.join(exec_start)}, {db_lines[0]}, DynamicUser=yes")
    if shutil.which("systemd-analyze"):
        out = run(["systemd-analyze", "verify", unit])
        problems = [l for l in (out.stdout + out.stderr).splitlines() if "whosaid" in l]
        if not dpkg_mode:  # unpacked elsewhere: /usr/bin/whosaid and the man pages are not where the unit says
            problems = [l for l in problems if "is not executable" not in l and "Command 'man " not in l]
        if problems:
            fail("systemd-analyze verify whosaid.service: " + " | ".join(problems))
        else:
            ok("systemd-analyze verify whosaid.service: no complaint about the unit")
    port = free_port()
    argv = [os.path.join(usr_bin, "whosaid")] + exec_start[1:]
    argv = [a if not a.startswith("127.0.0.1:") else f"127.0.0.1:{port}" for a in argv]
    serve_env = dict(env, WHOSAID_DB=os.path.join(work, "seed.db"))
    if os.geteuid() == 0 and shutil.which("setpriv"):
        argv = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] + argv
    proc = subprocess.Popen(argv, env=serve_env, cwd="/", stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        if "listening on" not in line:
            fail(f"{' '.join(argv)}: {line}{proc.stderr.read() if proc.poll() is not None else ''}")
            return
        health = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=10))
        search = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/api/search?q=ICC", timeout=10))
        speakers = sorted(h["speaker"] for h in search["hits"])
        if health.get("quotations") != 4 or speakers != sorted(SEED_SPEAKERS):
            fail(f"whosaid serve as the unit runs it: /healthz {health}, /api/search?q=ICC speakers {speakers}")
        else:
            ok(f"whosaid serve as the unit runs it{' (uid 65534)' if argv[0] == 'setpriv' else ''}: "
               f"/healthz {health}, /api/search?q=ICC: {', '.join(speakers)}")
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            rc = proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            rc = proc.wait()
        if rc != 0:
            fail(f"whosaid serve: exit {rc} on SIGTERM (expected 0)")


def check_installed(root, hider, build_index, corpus, work, dpkg_mode):
    usr_bin = os.path.join(root, "usr/bin")
    env = {"PATH": f"{usr_bin}:/usr/bin:/bin", "HOME": work, "LC_ALL": "C.UTF-8"}
    seed = os.path.join(work, SEED)

    # --extract: the four quotations, the same bytes as the build tree's program.
    got = hider.run([os.path.join(usr_bin, "whosaid-index"), "--extract", SEED], env)
    want = run([build_index, "--extract", os.path.join(corpus, SEED)])
    quotes = [json.loads(l) for l in got.stdout.splitlines() if l.strip()]
    speakers = [q["speaker"] for q in quotes]
    if got.returncode != 0 or speakers != SEED_SPEAKERS:
        fail(f"installed whosaid-index --extract {SEED}: exit {got.returncode}, speakers {speakers}: {got.stderr}")
    elif got.stdout != want.stdout:
        fail("installed whosaid-index --extract differs from the build tree's on the seed article")
    else:
        ok(f"installed whosaid-index --extract {SEED}: {len(quotes)} quotations, "
           f"{', '.join(speakers)}; identical to the build tree's output")

    # Index it, then search through $WHOSAID_DB (the service's way) and --db.
    got = hider.run([os.path.join(usr_bin, "whosaid-index"), "--db", "seed.db", SEED], env)
    if got.returncode != 0 or "4 quotations indexed" not in got.stderr:
        fail(f"installed whosaid-index --db seed.db: exit {got.returncode}: {got.stderr}")
    text = hider.run([os.path.join(usr_bin, "whosaid"), "search", "ICC"], dict(env, WHOSAID_DB="seed.db"))
    js = hider.run([os.path.join(usr_bin, "whosaid"), "search", "--db", "seed.db", "--format", "json", "ICC"], env)
    try:
        hits = json.loads(js.stdout)["hits"]
    except (ValueError, KeyError):
        hits = []
    want_ids = sorted(q["quote_id"] for q in quotes)
    want_text = {q["quote_id"]: q["text"] for q in quotes}
    if (text.returncode != 0 or not re.search(r"^4 quotations$", text.stdout, re.M)
            or any(s not in text.stdout for s in SEED_SPEAKERS)):
        fail(f"installed whosaid search ICC: exit {text.returncode}:\n{text.stdout}{text.stderr}")
    elif sorted(h["quote_id"] for h in hits) != want_ids or any(h["text"] != want_text[h["quote_id"]] for h in hits):
        fail(f"installed whosaid search --format json ICC: {js.stdout[:300]}{js.stderr}")
    else:
        ok(f"installed whosaid search ICC: 4 quotations, {', '.join(want_ids)}, texts as extracted")

    # The man pages, by path (and by name when dpkg put them where man looks).
    man_env = dict(os.environ, MANWIDTH="80", LC_ALL="C.UTF-8")
    man_env.pop("MANPAGER", None)
    man_env.pop("PAGER", None)
    clean = 0
    for page in MAN_PAGES:
        path = os.path.join(root, "usr/share/man", page)
        out = run(["man", "--warnings", "-l", path], env=man_env)
        name = os.path.basename(page)[:-len(".1.gz")]
        if out.returncode != 0 or out.stderr.strip() or not re.search(rf"^NAME\n\s+{re.escape(name)}\s+-", out.stdout, re.M):
            fail(f"man --warnings -l {path}: exit {out.returncode}: {out.stderr.strip()}")
        else:
            clean += 1
    if clean == len(MAN_PAGES):
        ok(f"MANWIDTH=80 man --warnings -l: all {clean} installed pages render, no warning")
    if dpkg_mode:
        where = run(["man", "-w", "whosaid"], env=man_env).stdout.strip()
        page = run(["man", "--warnings", "whosaid"], env=man_env)
        if where != "/usr/share/man/man1/whosaid.1.gz" or page.returncode != 0 or "whosaid-search(1)" not in page.stdout:
            fail(f"man whosaid: man -w says {where!r}, exit {page.returncode}: {page.stderr.strip()}")
        else:
            ok(f"man whosaid opens {where}")

    # The installed completion.
    script = os.path.join(root, "usr/share/bash-completion/completions/whosaid")
    comp = run(["bash", "--norc", "-c", f"source '{script}'; COMP_WORDS=(whosaid ''); COMP_CWORD=1; "
                "COMP_LINE='whosaid '; COMP_POINT=8; _whosaid; echo ${COMPREPLY[@]}"])
    offered = set(comp.stdout.split())
    if not {"search", "speakers", "show", "verify", "cite", "serve"} <= offered:
        fail(f"installed completion: whosaid <TAB> offers {sorted(offered)}: {comp.stderr}")
    else:
        ok(f"installed completion: whosaid <TAB> offers {' '.join(sorted(offered))}")

    check_service(root, usr_bin, env, work, dpkg_mode)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cpack-config", required=True)
    ap.add_argument("--index", required=True, help="the build tree's whosaid-index")
    ap.add_argument("--source-dir", required=True)
    ap.add_argument("--build-dir", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--unpack", action="store_true", help="unpack the package even as root (no dpkg -i)")
    args = ap.parse_args()
    if not shutil.which("dpkg-deb") or not shutil.which("cpack"):
        print("skipped: needs dpkg-deb and cpack")
        return 77

    t0 = time.monotonic()
    tmp = tempfile.mkdtemp(prefix="whosaid-package-test-")
    os.chmod(tmp, 0o755)  # the unprivileged `whosaid serve` reads the index below it
    try:
        # 1. The package.
        pkg = os.path.join(tmp, "pkg")
        out = run(["cpack", "-G", "DEB", "--config", args.cpack_config, "-B", pkg], cwd=args.build_dir)
        version = must([args.index, "--version"]).stdout.split()[-1]
        arch = must(["dpkg", "--print-architecture"]).stdout.strip()
        deb = os.path.join(pkg, f"whosaid_{version}_{arch}.deb")
        if out.returncode != 0 or not os.path.exists(deb):
            fail(f"cpack: exit {out.returncode}, no {os.path.basename(deb)}:\n{out.stdout}{out.stderr}")
            return 1
        depends = must(["dpkg-deb", "-f", deb, "Depends"]).stdout.strip()
        if "libxapian" not in depends or "libc6" not in depends:
            fail(f"Depends: {depends!r}: expected the shared libraries' packages (dpkg-shlibdeps)")
        files = package_files(deb)
        missing = [f for f in EXPECTED_FILES if f not in files]
        if missing:
            fail(f"{os.path.basename(deb)} lacks {missing}")
        ok(f"cpack built {os.path.basename(deb)} in {time.monotonic() - t0:.1f} s: {len(files)} files, "
           f"{os.path.getsize(deb) // 1024} kB; Depends: {depends}")

        # 2. Installed with dpkg, or unpacked.
        work = os.path.join(tmp, "work")
        os.mkdir(work)
        os.chmod(work, 0o755)
        shutil.copy(os.path.join(args.corpus, SEED), work)
        hidden = [os.path.realpath(args.source_dir)]
        build = os.path.realpath(args.build_dir)
        if not build.startswith(hidden[0] + os.sep):
            hidden.append(build)

        installed_already = run(["dpkg-query", "-W", "-f=${Status}", "whosaid"]).stdout.endswith("ok installed")
        dpkg_mode = (os.geteuid() == 0 and shutil.which("dpkg") is not None and not installed_already
                     and not args.unpack)
        if installed_already:
            print("whosaid is installed on this machine already: leaving it alone, checking an unpacked copy")
        lock = open(os.path.join(tempfile.gettempdir(), "whosaid-package-test.lock"), "w")
        if dpkg_mode:
            fcntl.flock(lock, fcntl.LOCK_EX)  # one package test at a time on a machine: they share dpkg
            already = [f for f in files if os.path.lexists(f)]
            if already:
                fail(f"before dpkg -i, files of the package exist already: {already}")
                return 1
            out = dpkg_retry(["dpkg", "-i", deb])
            if out.returncode != 0:
                fail(f"dpkg -i {deb}: exit {out.returncode}:\n{out.stdout}{out.stderr}")
                return 1
            root = "/"
        else:
            root = os.path.join(tmp, "root")
            must(["dpkg-deb", "-x", deb, root])
        try:
            if dpkg_mode:
                listed = set(run(["dpkg", "-L", "whosaid"]).stdout.split("\n"))
                absent = [f for f in files if f not in listed or not os.path.exists(f)]
                if absent:
                    fail(f"after dpkg -i, dpkg -L whosaid lacks or the disk lacks: {absent}")
                else:
                    ok(f"dpkg -i: dpkg -L whosaid lists all {len(files)} files of the package, each on disk")
            else:
                why = ("--unpack" if args.unpack else "whosaid is installed already" if installed_already
                       else "not root" if os.geteuid() != 0 else "no dpkg")
                ok(f"unpacked into {root} with dpkg-deb -x (no dpkg -i: {why})")
            check_installed(root, Hider(hidden, work), args.index, args.corpus, work, dpkg_mode)
        finally:
            if dpkg_mode:
                out = dpkg_retry(["dpkg", "-r", "whosaid"])
                status = run(["dpkg-query", "-W", "-f=${Status}", "whosaid"])
                left = [f for f in files if os.path.lexists(f)]
                listed = run(["dpkg", "-L", "whosaid"])
                if out.returncode != 0 or left or listed.returncode == 0:
                    fail(f"dpkg -r whosaid: exit {out.returncode} {out.stderr.strip()}; left behind: {left}; "
                         f"dpkg -L: {listed.stdout[:200]}")
                else:
                    ok(f"dpkg -r whosaid: none of the {len(files)} files left; dpkg -L: {listed.stderr.strip()}; "
                       f"status: {status.stdout.strip() or 'unknown'}")
                if "config-files" in status.stdout:
                    dpkg_retry(["dpkg", "-P", "whosaid"])
                fcntl.flock(lock, fcntl.LOCK_UN)
            lock.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{time.monotonic() - t0:.1f} s")
    if failures:
        print(f"{len(failures)} failures")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
