"""Fixtures for browser tests: a live server on 127.0.0.1 and Debian's Chromium.

The app under test is the session ``app`` fixture from ``tests/conftest.py``
(same database), served by werkzeug in a background thread on a free port.
Chromium is Debian's ``/usr/bin/chromium`` driven through playwright's sync API;
``playwright install`` is never needed.  A missing Chromium FAILS the tests
(CI installs it: ``apt-get install -y chromium fonts-wqy-zenhei``) - it never
skips.
"""
from __future__ import annotations

import os
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from werkzeug.serving import WSGIRequestHandler, make_server

CHROMIUM = os.environ.get("BIANZHI_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--no-proxy-server",
    # Belt and braces: even a request that slipped past page.route() could not
    # resolve any host but the loopback one, so the test never leaves the machine.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
# Schemes that never touch the network.
LOCAL_SCHEMES = {"data", "blob", "about", "javascript"}


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "browser: drives the live app in headless Chromium (/usr/bin/chromium, playwright sync API)",
    )


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return True
    return parts.scheme in ("http", "https", "ws", "wss") and parts.hostname in LOCAL_HOSTS


class _QuietHandler(WSGIRequestHandler):
    """No access-log line per request (hundreds per run); errors are still logged."""

    def log_request(self, code="-", size="-"):
        pass


class LiveServer:
    """The real WSGI app on 127.0.0.1:<free port> in a daemon thread."""

    def __init__(self, app):
        self.server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=_QuietHandler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, name="bianzhi-live-server",
                                       kwargs={"poll_interval": 0.1}, daemon=True)

    def start(self) -> "LiveServer":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()  # returns once serve_forever() has left its loop
        self.server.server_close()
        self.thread.join(timeout=10)
        assert not self.thread.is_alive(), "live server thread did not stop"


@pytest.fixture(scope="session")
def live_server(app):
    server = LiveServer(app).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium through playwright; fails (never skips) when it is missing."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: browser tests need it "
            "(apt-get install -y chromium fonts-wqy-zenhei), they are never skipped.",
            pytrace=False,
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # pragma: no cover - depends on the environment
        pytest.fail(f"playwright is not installed (pip install -e '.[test]'): {exc}", pytrace=False)

    pw = sync_playwright().start()
    try:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    except Exception:
        pw.stop()
        raise
    yield browser
    browser.close()
    pw.stop()


@dataclass
class Traffic:
    """Everything the browser did, collected for the assertions."""

    base_url: str
    current: str = "(start)"  # the page being visited, for the report
    requests: list[tuple[str, str, str]] = field(default_factory=list)  # (page, resource type, url)
    foreign: list[tuple[str, str, str]] = field(default_factory=list)
    server_errors: list[tuple[str, int, str]] = field(default_factory=list)
    page_errors: list[tuple[str, str]] = field(default_factory=list)
    failed_local: list[tuple[str, str, str]] = field(default_factory=list)
    broken_pages: list[tuple[str, str]] = field(default_factory=list)  # (page, what is wrong)
    csp_violations: list[tuple[str, str]] = field(default_factory=list)  # (page, what the policy refused)

    def page_problem(self, message: str) -> None:
        self.broken_pages.append((self.current, message))

    def problems(self) -> list[str]:
        lines = [f"PAGE          {page}: {message}" for page, message in self.broken_pages]
        for page, kind, url in self.foreign:
            lines.append(f"FOREIGN HOST  {page}: {kind} {url}")
        for page, status, url in self.server_errors:
            lines.append(f"HTTP {status}      {page}: {url}")
        for page, message in self.page_errors:
            lines.append(f"JS ERROR      {page}: {message}")
        for page, kind, url in self.failed_local:
            lines.append(f"LOAD FAILED   {page}: {kind} {url}")
        for page, message in self.csp_violations:
            lines.append(f"CSP VIOLATION {page}: {message}")
        return lines


# Every Content-Security-Policy violation in a page is reported to the test: the
# browser fires ``securitypolicyviolation``; the listener forwards it to the console.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (e) => {
  console.error("CSP-VIOLATION " + JSON.stringify({directive: e.effectiveDirective, blocked: e.blockedURI,
                                                   source: e.sourceFile, line: e.lineNumber, sample: e.sample}));
}, true);
"""


@pytest.fixture()
def browser_page(chromium, live_server):
    """A fresh context and page that record every request and block foreign ones."""
    with open_page(chromium, live_server) as opened:
        yield opened


@contextmanager
def open_page(chromium, live_server, **context_args):
    """The page of ``browser_page``; ``bypass_csp=True`` tests the request guard
    on its own, without the app's Content-Security-Policy in front of it."""
    context = chromium.new_context(base_url=live_server.url, locale="zh-CN", viewport={"width": 1400, "height": 900},
                                   service_workers="block", **context_args)
    # Generous: a slow page on a loaded machine is not a failure; a page that never
    # comes, or a request that leaves the origin, is.
    context.set_default_timeout(45_000)
    context.set_default_navigation_timeout(60_000)
    traffic = Traffic(live_server.url)

    def on_request(request):
        entry = (traffic.current, request.resource_type, request.url)
        traffic.requests.append(entry)
        if not is_local(request.url):
            traffic.foreign.append(entry)

    def on_response(response):
        if response.status >= 500 and is_local(response.url):
            traffic.server_errors.append((traffic.current, response.status, response.url))

    def on_request_failed(request):
        # A local resource that did not arrive (blocked foreign ones are reported already).
        # ERR_ABORTED is a load the browser cancelled itself because the page navigated
        # on (seen for a web font under load during the language switch), not a failure.
        if is_local(request.url) and request.url.startswith("http") and request.failure != "net::ERR_ABORTED":
            traffic.failed_local.append((traffic.current, request.resource_type,
                                         f"{request.url} ({request.failure})"))

    def on_websocket(ws):
        if not is_local(ws.url):
            traffic.foreign.append((traffic.current, "websocket", ws.url))

    def block(route):
        # Recorded by on_request; never let it out.
        route.abort("blockedbyclient")

    context.on("request", on_request)
    context.on("response", on_response)
    context.on("requestfailed", on_request_failed)

    def on_console(message):
        text = message.text
        if text.startswith("CSP-VIOLATION ") or (message.type == "error" and "Content Security Policy" in text):
            traffic.csp_violations.append((traffic.current, text.removeprefix("CSP-VIOLATION ")))

    context.route(lambda url: not is_local(url), block)
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    page.on("pageerror", lambda exc: traffic.page_errors.append((traffic.current, str(exc))))
    page.on("console", on_console)
    page.on("websocket", on_websocket)
    try:
        yield page, traffic
    finally:
        context.close()
