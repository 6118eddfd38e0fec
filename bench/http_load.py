"""Real servers and real clients for the concurrent parts of the benchmark.

``Server`` runs gunicorn the way the README's production section does
(``BIANZHI_CONFIG=production``, a 32+ character ``SECRET_KEY``,
``DATABASE_URL``, ``gunicorn -w 4 'app:create_app()'``), or the stock FAB app,
in a child process, and stops it by its own pid.  Two settings differ from a
production install, both for the load generator's sake:

* ``AUTH_RATE_LIMIT`` is raised: 16 clients log in as the same office account,
  which the production limit (10 per 5 minutes per account) would refuse;
* the session cookie is ``Secure`` in production and the benchmark talks plain
  HTTP on 127.0.0.1, so ``Client`` keeps cookies itself and sends them back
  (as the browser does behind the TLS-terminating proxy of a real install).

``Client`` is one logged-in browser: ``http.client``, its own cookies, CSRF
token read from the login form.
"""
from __future__ import annotations

import http.client
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass
from http.cookies import SimpleCookie
from typing import Callable, Optional

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_CSRF = (re.compile(r'name="csrf_token"[^>]*value="([^"]+)"'), re.compile(r'value="([^"]+)"[^>]*name="csrf_token"'))


def csrf_token(html: str) -> str:
    for pattern in _CSRF:
        match = pattern.search(html)
        if match:
            return match.group(1)
    raise RuntimeError("no csrf token in the page")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """gunicorn in a child process; ``with Server(...) as srv:`` starts and stops it."""

    def __init__(self, target: str, url: str, *, workers: int = 4, log: str = "/tmp/bench-gunicorn.log") -> None:
        self.target = target
        self.url = url
        self.workers = workers
        self.port = free_port()
        self.log = log
        self.proc: Optional[subprocess.Popen] = None
        self.startup = 0.0

    def __enter__(self) -> "Server":
        env = dict(os.environ, BIANZHI_CONFIG="production", SECRET_KEY=secrets.token_hex(24), DATABASE_URL=self.url,
                   AUTH_RATE_LIMIT="100000 per minute", RATELIMIT_STORAGE_URI="memory://",
                   PYTHONPATH=REPO + os.pathsep + os.environ.get("PYTHONPATH", ""))
        t = time.perf_counter()
        with open(self.log, "ab") as out:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "-w", str(self.workers), "-b", f"127.0.0.1:{self.port}",
                 "--timeout", "300", self.target], cwd=REPO, env=env, stdout=out, stderr=out)
        # Ready when every worker answers: ask for the login page until it comes back 200.
        deadline = time.time() + 600
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited ({self.proc.returncode}); see {self.log}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                conn.request("GET", "/login/")
                if conn.getresponse().status == 200:
                    break
            except OSError:
                time.sleep(0.5)
        else:
            raise RuntimeError(f"gunicorn did not answer within 600 s; see {self.log}")
        self.startup = time.perf_counter() - t
        return self

    def __exit__(self, *_exc) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


class Client:
    """One browser: its own connection and cookies."""

    def __init__(self, port: int) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        self.cookies: dict[str, str] = {}
        self.token = ""

    def request(self, method: str, path: str, form: Optional[dict] = None) -> tuple[int, bytes, float]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        path = urllib.parse.quote(path, safe="/?=&_%-.")  # 王 → %E7%8E%8B, as a browser sends it
        t = time.perf_counter()
        for attempt in (1, 2):
            try:
                self.conn.request(method, path, body=body, headers=headers)
                resp = self.conn.getresponse()
                data = resp.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.conn.close()  # the server closed a kept connection: open a new one once
                if attempt == 2:
                    raise
        seconds = time.perf_counter() - t
        for header in resp.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel.value and "1970" not in (morsel["expires"] or ""):
                    self.cookies[name] = morsel.value
                else:
                    self.cookies.pop(name, None)
        return resp.status, data, seconds

    def login(self, username: str, password: str) -> None:
        _status, page, _s = self.request("GET", "/login/")
        # The token lives in the session, which survives the login: forms posted later reuse it.
        self.token = csrf_token(page.decode())
        status, _data, _s = self.request("POST", "/login/", {"username": username, "password": password,
                                                             "csrf_token": self.token})
        if status != 302:
            raise RuntimeError(f"login of {username} answered {status}")


@dataclass
class Sample:
    op: str
    started: float  # time.perf_counter() at send
    seconds: float
    status: int
    size: int


def run_clients(clients: list[Client], work: Callable[[Client, int], tuple[str, str, str, Optional[dict]]], *,
                until: Callable[[], bool]) -> list[Sample]:
    """Each client loops ``work(client, n)`` → (op, method, path, form) and sends it, until ``until()``."""
    samples: list[Sample] = []
    lock = threading.Lock()

    def loop(client: Client) -> None:
        n = 0
        while not until():
            op, method, path, form = work(client, n)
            t = time.perf_counter()
            try:
                status, data, seconds = client.request(method, path, form)
            except (OSError, http.client.HTTPException) as exc:  # counted, not fatal: the run goes on
                client.conn.close()
                status, data, seconds = -1, repr(exc).encode(), time.perf_counter() - t
            with lock:
                samples.append(Sample(op, t, seconds, status, len(data)))
            n += 1

    threads = [threading.Thread(target=loop, args=(c,), daemon=True) for c in clients]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return samples
