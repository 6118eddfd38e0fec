"""Races with real threads against the real database (SQLite file or PostgreSQL):
the shared helpers of every concurrency test."""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from app.core import audit
from app.core.db import transaction
from app.core.errors import DomainError
from app.extensions import db

THREADS, ATTEMPTS, FREE = 16, 64, 10


def race(app, attempt, attempts: int = ATTEMPTS):
    """Run ``attempt(i)`` 64 times on 16 threads; count grants and refusals."""
    granted, refused, errors = [], [], []
    wave = min(THREADS, attempts)
    start = threading.Barrier(wave)

    def run(i):
        if i < wave:
            start.wait()  # make the first wave truly simultaneous
        with app.app_context():
            token = audit.set_actor(f"thread-{i}")
            try:
                with transaction():
                    attempt(i)
                granted.append(i)
            except DomainError:  # a refusal with its reason (cap, gone, …)
                refused.append(i)
            except Exception as exc:  # anything else is a defect
                errors.append(repr(exc))
            finally:
                audit._actor.reset(token)
                db.session.remove()

    db.session.rollback()  # the test's own session must not hold the SQLite write lock
    with ThreadPoolExecutor(THREADS) as pool:
        list(pool.map(run, range(attempts)))
    assert errors == []
    return len(granted), len(refused)


def assert_chain_intact():
    db.session.expire_all()
    assert audit.verify_chain(db.session) is None
