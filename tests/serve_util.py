"""What the `whosaid serve` tests share: building an index of corpus/, starting the server on a
free loopback port (it prints the port it got from --listen 127.0.0.1:0), and plain HTTP GETs.
Python standard library only."""
import http.client
import json
import os
import shutil
import signal
import subprocess
import urllib.parse


def index_corpus(index_bin, db, inputs):
    """A fresh index of `inputs` at `db`."""
    shutil.rmtree(db, ignore_errors=True)
    subprocess.run([index_bin, "--db", db, *inputs], check=True, stdout=subprocess.DEVNULL)


def extract(index_bin, path):
    """The quotations whosaid-index finds in one article, as its --extract prints them."""
    out = subprocess.run([index_bin, "--extract", path], check=True, capture_output=True, text=True).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


class Server:
    """`whosaid serve --db DB --listen 127.0.0.1:0`, stopped with SIGTERM on exit."""

    def __init__(self, whosaid_bin, dbs, threads=4):
        args = [whosaid_bin, "serve", "--listen", "127.0.0.1:0", "--threads", str(threads)]
        for db in dbs:
            args += ["--db", db]
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, text=True)
        first = self.proc.stdout.readline()
        if "listening on http://" not in first:
            self.proc.kill()
            raise RuntimeError(f"whosaid serve did not start: {first!r}")
        self.base = first.split("listening on ")[1].split()[0].rstrip("/")
        self.host, port = urllib.parse.urlsplit(self.base).netloc.rsplit(":", 1)
        self.port = int(port)

    def alive(self):
        return self.proc.poll() is None

    def request(self, method, target, headers=None, body=None, timeout=30):
        """(status, headers dict, body bytes); `target` is sent exactly as given."""
        conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        try:
            conn.putrequest(method, target, skip_accept_encoding=True)
            for k, v in (headers or {}).items():
                conn.putheader(k, v)
            if body is not None:
                conn.putheader("Content-Length", str(len(body)))
            conn.endheaders(body)
            res = conn.getresponse()
            return res.status, {k.lower(): v for k, v in res.getheaders()}, res.read()
        finally:
            conn.close()

    def get(self, path, **params):
        """GET path?params (UTF-8, %-encoded) -> (status, parsed JSON body)."""
        target = path + ("?" + urllib.parse.urlencode(params) if params else "")
        status, _, body = self.request("GET", target)
        return status, json.loads(body)

    def stop(self):
        if self.alive():
            self.proc.send_signal(signal.SIGTERM)
            try:
                return self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                return None
        return self.proc.returncode

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()

