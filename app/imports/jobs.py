"""Background runs of large imports, and their progress.

A job is a thread of the web process that runs inside a request context of
the uploading user (``g._login_user``), so the services and the scope checks
see exactly who they would see in the request.  Progress goes to a small JSON
file under ``IMPORT_WORK_DIR`` (default ``instance/imports``): every worker
process of the same machine can read it, and reading it needs no database — on
SQLite a running import holds the write lock, and every request that touches
the database waits for it (see README, "SQLite serialises writers").

**A dead run is seen as dead.**  The progress file names the process that runs
the work (host, pid and the pid's start time, so a reused pid is not taken for
it) and carries a heartbeat, rewritten at least every ``HEARTBEAT`` seconds.
A run whose process is gone (``kill -9``, a crash, a restart), or, seen from
another host, whose heartbeat is older than ``STALE``, is *interrupted*: its
transaction died with its connection, so nothing of it was kept, and the page
offers to run it again.  Any background work that reports through
``Progress`` gets this for free.
"""
from __future__ import annotations

import json
import logging
import os
import socket
import threading
import time
from typing import Optional

from flask import current_app, g

log = logging.getLogger(__name__)

_threads: dict[int, threading.Thread] = {}
# A job waits (at most IMPORT_JOB_GRACE_SECONDS) until its batch page has been
# served once: on SQLite the job then holds the write lock, and the page that
# shows its progress bar could not be rendered before the job ends.
_page_served: dict[int, threading.Event] = {}


def work_dir(app=None) -> str:
    app = app or current_app
    path = app.config.get("IMPORT_WORK_DIR") or os.path.join(app.instance_path, "imports")
    os.makedirs(path, exist_ok=True)
    return path


def _path(batch_id: int, app=None) -> str:
    return os.path.join(work_dir(app), f"progress-{int(batch_id)}.json")


HEARTBEAT = 5.0  # seconds between two writes of a running job's file, at most
STALE = 120.0  # a heartbeat this old, read from another host, means the job is dead


def _started(pid: int) -> Optional[str]:
    """The start time of process ``pid`` (field 22 of /proc/<pid>/stat), None if it is gone."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    if fields[0] in ("Z", "X"):  # killed, not yet reaped by its parent: dead all the same
        return None
    return fields[19]


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, another user's
        return True
    return True


class Progress:
    """``progress(done, total)`` callbacks, written when the percentage changes
    and at least every ``HEARTBEAT`` seconds; the first write happens at once, so
    a run that dies before its first row is seen as interrupted too."""

    def __init__(self, batch_id: int, owner_id: Optional[int], phase: str):
        self.batch_id, self.owner_id, self.phase = batch_id, owner_id, phase
        self.path = _path(batch_id)
        self._last = -1
        self._beat = 0.0
        pid = os.getpid()
        self._process = {"host": socket.gethostname(), "pid": pid, "started": _started(pid)}
        self._write({"done": 0, "total": None, "percent": 0, "finished": False})

    def __call__(self, done: int, total: int) -> None:
        percent = int(100 * done / total) if total else 100
        if percent == self._last and time.time() - self._beat < HEARTBEAT:
            return
        self._last = percent
        self._write({"done": done, "total": total, "percent": percent, "finished": False})

    def close(self) -> None:
        self._write({"percent": 100, "finished": True})

    def _write(self, state: dict) -> None:
        self._beat = time.time()
        state.update(batch=self.batch_id, owner=self.owner_id, phase=self.phase, beat=self._beat, **self._process)
        tmp = f"{self.path}.{threading.get_ident()}.tmp"
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(state, fh)
        os.replace(tmp, self.path)  # readers never see half a file


def read(batch_id: int) -> Optional[dict]:
    try:
        with open(_path(batch_id), encoding="utf-8") as fh:
            return json.load(fh)
    except (OSError, ValueError):
        return None


def interrupted(state: Optional[dict]) -> bool:
    """Whether a run that has not finished has lost its process (see the module notes)."""
    if not state or state.get("finished") or "pid" not in state:
        return False
    if state.get("host") != socket.gethostname():
        return time.time() - float(state.get("beat") or 0) > STALE
    pid = int(state["pid"])
    if state.get("started") is not None:
        return _started(pid) != state["started"]  # gone, or the pid now names another process
    return not _pid_alive(pid)


def start(app, batch_id: int, user_id: Optional[int], fn, *args) -> None:
    served = _page_served.setdefault(batch_id, threading.Event())
    served.clear()
    grace = app.config.get("IMPORT_JOB_GRACE_SECONDS", 2.0)
    thread = threading.Thread(target=_run, args=(app, user_id, fn, args, served, grace), name=f"import-{batch_id}",
                              daemon=True)
    _threads[batch_id] = thread
    thread.start()


def page_served(batch_id: int) -> None:
    event = _page_served.get(batch_id)
    if event is not None:
        event.set()


def wait(batch_id: int, timeout: float = 300) -> None:
    thread = _threads.pop(batch_id, None)
    if thread is not None:
        thread.join(timeout)


def _run(app, user_id: Optional[int], fn, args, served: threading.Event, grace: float) -> None:
    from app.extensions import db

    served.wait(grace)
    with app.test_request_context("/imports/job"):
        try:
            user = db.session.get(app.appbuilder.sm.user_model, user_id) if user_id else None
            g._login_user = user or app.login_manager.anonymous_user()  # flask-login's user here
            g.user = user
            fn(*args)
        except Exception:  # recorded on the batch by the use case; the thread must not die silently
            log.exception("import job failed")
        finally:
            db.session.remove()
