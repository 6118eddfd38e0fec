"""Background runs of large imports, and their progress.

A job is a thread of the web process that runs inside a request context of
the uploading user (``g._login_user``), so the services and the scope checks
see exactly who they would see in the request.  Progress goes to a small JSON
file under ``IMPORT_WORK_DIR`` (default ``instance/imports``): every worker
process of the same machine can read it, and reading it needs no database — on
SQLite a running import holds the write lock, and every request that touches
the database waits for it (see README, "SQLite serialises writers").
"""
from __future__ import annotations

import json
import logging
import os
import threading
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


class Progress:
    """``progress(done, total)`` callbacks, written when the percentage changes."""

    def __init__(self, batch_id: int, owner_id: Optional[int], phase: str):
        self.batch_id, self.owner_id, self.phase = batch_id, owner_id, phase
        self.path = _path(batch_id)
        self._last = -1

    def __call__(self, done: int, total: int) -> None:
        percent = int(100 * done / total) if total else 100
        if percent == self._last:
            return
        self._last = percent
        self._write({"done": done, "total": total, "percent": percent, "finished": False})

    def close(self) -> None:
        self._write({"percent": 100, "finished": True})

    def _write(self, state: dict) -> None:
        state.update(batch=self.batch_id, owner=self.owner_id, phase=self.phase)
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
