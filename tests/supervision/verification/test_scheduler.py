"""The scheduler process, for real: three ``flask scheduler run`` processes on
one database, the active one killed; each fire runs once, by the lease holder,
and a standby takes over within a minute.  (On SQLite the same lock row.)"""
from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select, update

from app.core.db import transaction
from app.extensions import db
from app.supervision.findings.models import Finding
from app.supervision.verification.models import SchedulerLock, VerificationRule, VerificationRun
from app.supervision.verification.scheduler import SchedulerNode
from tests.races import assert_chain_intact

ROOT = Path(__file__).resolve().parents[3]
HEARTBEAT, TTL = 1, 4


def _start(app, name, logs):
    env = {**os.environ, "BIANZHI_CONFIG": "testing", "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
           "AUDIT_CHECKPOINT_PATH": app.config["AUDIT_CHECKPOINT_PATH"]}
    log = open(logs / f"{name}.log", "w")
    return subprocess.Popen([sys.executable, "-m", "flask", "--app", "app", "scheduler", "run", "--name", name,
                             "--heartbeat", str(HEARTBEAT), "--ttl", str(TTL)], cwd=ROOT, env=env, stdout=log,
                            stderr=subprocess.STDOUT)


def _runs():
    db.session.rollback()
    rows = db.session.execute(select(VerificationRun.period, VerificationRun.node, VerificationRun.started_at)
                              .order_by(VerificationRun.period)).all()
    db.session.rollback()  # SQLite: a transaction holds the write lock (BEGIN IMMEDIATE); let the schedulers in
    return rows


def _wait(predicate, timeout):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        time.sleep(0.5)
    return predicate()


def test_three_schedulers_one_killed(app, planted, tmp_path):
    with transaction():  # one rule, firing every 2 seconds; the others off
        db.session.execute(update(VerificationRule).values(enabled=False))
        db.session.execute(update(VerificationRule).where(VerificationRule.code == "out_of_cap_active")
                           .values(enabled=True, cron="*/2 * * * * *"))
    procs = {name: _start(app, name, tmp_path) for name in ("node-a", "node-b", "node-c")}
    try:
        assert _wait(lambda: len(_runs()) >= 3, 120), [p.read_text() for p in tmp_path.iterdir()]
        db.session.rollback()
        active = db.session.execute(select(SchedulerLock.holder)).scalar()
        db.session.rollback()
        assert active in procs
        procs[active].send_signal(signal.SIGKILL)  # no goodbye: the lease has to expire
        procs[active].wait()
        killed_at = dt.datetime.now()
        taken = _wait(lambda: [r for r in _runs() if r.node != active and r.started_at >= killed_at], 60)
        assert taken, [p.read_text() for p in tmp_path.iterdir()]
        takeover = (min(r.started_at for r in taken) - killed_at).total_seconds()
        assert takeover < 60
        new = taken[0].node
        _wait(lambda: len([r for r in _runs() if r.node == new]) >= 3, 30)
    finally:
        for proc in procs.values():
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in procs.values():
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
    runs = _runs()
    periods = [r.period for r in runs]
    assert len(periods) == len(set(periods))  # each fire once (the key would refuse a second anyway)
    before = [r for r in runs if r.started_at < killed_at]
    after = [r for r in runs if r.started_at >= killed_at]
    assert {r.node for r in before} == {active}  # only the lease holder ran
    assert {r.node for r in after} == {new} and new != active
    # fires are every 2 s: while one process is active, none is run twice and few are missed
    first, last = (dt.datetime.fromisoformat(p) for p in (periods[0], periods[-1]))
    fires = (last - first).total_seconds() / 2 + 1
    assert len(runs) >= (fires - (takeover + TTL) / 2) * 0.5, (len(runs), fires)
    # one finding for the one planted problem, however many runs saw it
    assert db.session.execute(select(func.count(Finding.id)).where(
        Finding.source_key.startswith("out_of_cap_active:"))).scalar() == 1
    assert_chain_intact()


def test_the_audit_checkpoint_is_a_job_of_the_active_scheduler(app, planted):
    path = Path(app.config["AUDIT_CHECKPOINT_PATH"])
    standby, active = SchedulerNode(app, name="standby", ttl=60), SchedulerNode(app, name="active", ttl=60)
    with app.app_context():
        assert active.renew() and not standby.renew()
        db.session.remove()
    standby.checkpoint()
    assert not path.exists()
    active.checkpoint()
    assert path.exists() and path.read_text().count("\n") == 1
    active.release()
    with app.app_context():
        assert standby.renew()
        db.session.remove()
