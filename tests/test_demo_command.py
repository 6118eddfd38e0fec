"""The README's demo command sets everything up and really serves (a subprocess,
as a newcomer runs it), on a database of its own."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_flask_demo_migrates_seeds_prints_logins_and_serves(tmp_path):
    port = free_port()
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.db'}", "BIANZHI_CONFIG": "development",
           "PYTHONWARNINGS": "ignore"}
    proc = subprocess.Popen([sys.executable, "-m", "flask", "--app", "app", "demo", "--port", str(port)],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        # The demo loads every domain's data (about 30,000 execution rows: power lists,
        # registrations, entry batches) before it serves: about a minute on a quiet
        # machine, several on a loaded one.  The test checks that it comes up.
        started = time.time()
        deadline = started + 900
        status = None
        while time.time() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/login/", timeout=2) as resp:
                    status = resp.status
                    break
            except OSError:
                time.sleep(0.5)
        assert status == 200, f"the demo server never answered (exit code {proc.poll()})"
        print(f"\n[demo] set up and serving after {time.time() - started:.0f} s")
    finally:
        proc.terminate()
        output, _ = proc.communicate(timeout=30)
    for login in ("admin", "staff", "staff2", "leader", "dept_edu", "inspector"):
        assert f"  {login} " in output, output[-2000:]
    assert f"http://127.0.0.1:{port}/" in output
