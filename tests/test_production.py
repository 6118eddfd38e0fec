"""The README's production block, run for real (issue #8).

The block is read from README.md, so it cannot rot unseen: its commands run as
written, in a fresh database of their own (PostgreSQL beside the suite's when
``DATABASE_URL`` names one, else a SQLite file), with Redis as the shared
login-limit storage and gunicorn with four workers.  Then wrong logins are sent
in parallel: exactly the limit's number are answered, the rest get 429, and the
access log shows several worker processes served them — the limit holds across
workers.  Redis missing is a failure, never a skip (CI starts it).
"""
from __future__ import annotations

import concurrent.futures
import json
import os
import re
import secrets
import shlex
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from importlib import metadata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REDIS_URL = os.environ.get("BIANZHI_TEST_REDIS_URL", "redis://127.0.0.1:6379/1")
LIMIT = 5
WORKERS_SEEN_LOG = "%(p)s %(m)s %(U)s %(s)s"


def production_block() -> list[str]:
    """The README's production commands: continuation lines joined, comments dropped."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Production\n", 1)[1]
    block = re.search(r"```bash\n(.*?)```", section, re.S).group(1)
    commands, current = [], ""
    for raw in block.splitlines():
        line = re.sub(r"\s+#.*$", "", raw) if not raw.lstrip().startswith("#") else ""
        if line.endswith("\\"):
            current += line[:-1] + " "
            continue
        current += line
        if current.strip():
            commands.append(current.strip())
        current = ""
    return commands


def _redis_or_fail():
    import redis  # the production extra

    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.exceptions.ConnectionError as exc:
        pytest.fail(f"Redis is not reachable at {REDIS_URL} ({exc}): the production test needs it "
                    "(.ci/run starts it); it is never skipped", pytrace=False)
    return client


def _fresh_database(tmp: str) -> str:
    """A database of this test's own: beside the suite's PostgreSQL one, or a SQLite file."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgresql"):
        return f"sqlite:///{os.path.join(tmp, 'production.db')}"
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    suite = make_url(url.replace("postgresql://", "postgresql+psycopg://", 1))
    name = f"{suite.database}_production"
    engine = create_engine(suite, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return suite.set(database=name).render_as_string(hide_password=False)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _run(command: str, env: dict, stdin: str = "") -> None:
    result = subprocess.run(shlex.split(command), cwd=ROOT, env=env, input=stdin, capture_output=True, text=True,
                            timeout=180, start_new_session=True)  # no terminal: the password prompt reads stdin
    assert result.returncode == 0, f"{command}\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}"


def _post_login(base: str, username: str, password: str) -> int:
    body = json.dumps({"username": username, "password": password, "provider": "db"}).encode()
    request = urllib.request.Request(f"{base}/api/v1/security/login", data=body,
                                     headers={"Content-Type": "application/json", "Connection": "close"})
    try:
        with urllib.request.urlopen(request, timeout=30) as resp:
            return resp.status
    except urllib.error.HTTPError as err:
        return err.code


def _get_status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as resp:
            return resp.status
    except urllib.error.HTTPError as err:
        return err.code
    except OSError:
        return 0


def _pids(log: Path, path: str) -> set[str]:
    """The worker processes that served ``path``, from the access log."""
    lines = log.read_text().splitlines() if log.exists() else []
    return {line.split()[0] for line in lines if f" {path} " in line}


def _wait_until_every_worker_serves(base: str, server: subprocess.Popen, log: Path, workers: int) -> None:
    """Each worker loads the app on its own: wait until every one has answered,
    or the login test below could meet a single worker and prove nothing."""
    deadline = time.monotonic() + 90
    with concurrent.futures.ThreadPoolExecutor(max_workers=2 * workers) as pool:
        while time.monotonic() < deadline:
            assert server.poll() is None, "gunicorn exited: " + (log.read_text()[-3000:] if log.exists() else "")
            list(pool.map(lambda _i: _get_status(f"{base}/login/"), range(2 * workers)))
            if len(_pids(log, "/login/")) >= workers:
                return
            time.sleep(0.3)
    pytest.fail(f"not every gunicorn worker answered within 90 s: {log.read_text()[-3000:]}")


def test_the_production_extra_is_installed():
    """`pip install -e ".[production]"` brings what the block needs."""
    wanted = [r for r in metadata.requires("bianzhi") or [] if 'extra == "production"' in r]
    names = {re.match(r"[A-Za-z0-9_.-]+", r).group(0) for r in wanted}
    assert {"redis", "gunicorn"} <= names
    for name in names:
        assert metadata.version(name)
    assert 'pip install -e ".[production]"' in production_block()[0]


def test_the_readme_production_block_runs_and_the_login_limit_holds_across_workers(tmp_path):
    redis_client = _redis_or_fail()
    commands = production_block()
    assert commands[0].startswith("pip install") and commands[1].startswith("export ")
    exported = set(re.findall(r"\b([A-Z][A-Z_]+)=", commands[1]))
    prefix = f"bianzhi-test-{secrets.token_hex(4)}"
    tmp = tempfile.mkdtemp(prefix="bianzhi-prod-", dir=tmp_path)
    values = {
        "BIANZHI_CONFIG": "production",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "DATABASE_URL": _fresh_database(tmp),
        "RATELIMIT_STORAGE_URI": REDIS_URL,
        "AUDIT_CHECKPOINT_PATH": os.path.join(tmp, "checkpoints.jsonl"),
    }
    assert exported == set(values), f"the README exports {exported}; this test knows {set(values)}"
    port = _free_port()
    log = tmp_path / "gunicorn.log"
    env = {**{k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "BIANZHI_CONFIG")}, **values,
           "PATH": os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""),
           "AUTH_RATE_LIMIT": f"{LIMIT} per minute", "RATELIMIT_KEY_PREFIX": prefix,
           "SECURITY_HSTS": "max-age=31536000; includeSubDomains",
           "GUNICORN_CMD_ARGS": f"--bind 127.0.0.1:{port} --access-logfile {log} --error-logfile {log} "
                                f"--access-logformat '{WORKERS_SEEN_LOG}' --graceful-timeout 5"}
    admin_password = secrets.token_urlsafe(16) + "#A1"
    started = time.monotonic()
    server = None
    try:
        for command in commands[2:]:
            if command.startswith("gunicorn"):
                assert command == commands[-1], "gunicorn is the block's last command"
                workers = int(re.search(r"-w\s+(\d+)", command).group(1))
                assert workers >= 2, "several workers"
                server = subprocess.Popen(shlex.split(command), cwd=ROOT, env=env, start_new_session=True,
                                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            elif "create-admin" in command:
                _run(command, env, stdin=f"{admin_password}\n{admin_password}\n")
            else:
                _run(command, env)
        assert server is not None, "the block starts gunicorn"
        base = f"http://127.0.0.1:{port}"
        _wait_until_every_worker_serves(base, server, log, workers)
        setup = time.monotonic() - started

        # The administrator the block made can log in, and production sends its headers.
        with urllib.request.urlopen(f"{base}/login/", timeout=10) as resp:
            headers = resp.headers
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
        assert headers["Strict-Transport-Security"].startswith("max-age=")
        assert headers["X-Content-Type-Options"] == "nosniff"

        # Sixteen wrong logins at once: every worker is busy with one, so several answer them.
        with concurrent.futures.ThreadPoolExecutor(max_workers=16) as pool:
            codes = list(pool.map(lambda _i: _post_login(base, "admin", "wrong-password"), range(16)))
        assert sorted(codes) == sorted([401] * LIMIT + [429] * (16 - LIMIT)), codes
        # The right password is refused too while the limit lasts, on whichever worker.
        assert _post_login(base, "admin", admin_password) == 429
        time.sleep(0.5)  # the access log is written after the response
        pids = _pids(log, "/api/v1/security/login")
        assert len(pids) >= 2, f"the logins were all served by one worker: {log.read_text()[-2000:]}"
        assert redis_client.keys(f"*/{prefix}/*"), "the limiter counted in Redis"
        print(f"\n[production] set-up {setup:.1f}s; 16 parallel wrong logins over {len(pids)} workers: "
              f"{codes.count(401)} answered, {codes.count(429)} limited")
    finally:
        if server is not None and server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
        for key in redis_client.scan_iter(f"*/{prefix}/*"):
            redis_client.delete(key)
