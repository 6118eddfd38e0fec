"""The scheduler process (``flask scheduler run``): APScheduler 3.11 outside the
web workers, exactly once across any number of processes.

Every process schedules every job; only the holder of the lease in the
``scheduler_lock`` row runs them.  The lease is one conditional UPDATE
("take it if it is mine, free or expired"), renewed every ``heartbeat``
seconds and valid ``ttl`` seconds, so a standby takes over at most
``ttl + heartbeat`` after the active process dies — on SQLite and PostgreSQL
alike.  Each job re-takes the lease before it runs, and even if two processes
believed themselves active, the unique (rule, period) key of the run lets
one period of one rule run once.  A process that becomes active catches up
the fires of the last ``ttl + heartbeat`` seconds (the window it may have
missed) — already-run periods are skipped by the same key.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import socket
from typing import Optional

from sqlalchemy import insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.supervision.verification import engine
from app.supervision.verification.models import SchedulerLock, VerificationRule

log = logging.getLogger(__name__)
LOCK = "verification"
CATCH_UP_LIMIT = 500  # fires walked back per rule when catching up (a per-second cron over the window)


def last_fire(trigger, now: dt.datetime, window: dt.timedelta) -> Optional[dt.datetime]:
    """The latest fire time of ``trigger`` in (now - window, now]."""
    fire = trigger.get_next_fire_time(None, now - window)
    last = None
    for _ in range(CATCH_UP_LIMIT):
        if fire is None or fire > now:
            break
        last = fire
        fire = trigger.get_next_fire_time(fire, fire + dt.timedelta(seconds=1))
    return last


def period_of(fire: dt.datetime) -> str:
    return fire.strftime("%Y-%m-%dT%H:%M:%S")


class SchedulerNode:
    def __init__(self, app, *, name: Optional[str] = None, heartbeat: float = 10, ttl: float = 30,
                 timezone: Optional[str] = None):
        self.app = app
        self.name = name or f"{socket.gethostname()}:{os.getpid()}"
        self.heartbeat, self.ttl = heartbeat, ttl
        self.timezone = timezone or app.config.get("SCHEDULER_TIMEZONE", "Asia/Shanghai")
        self.active = False
        self.scheduler = None
        self._jobs: dict[str, tuple[str, bool]] = {}  # rule code -> (cron, enabled) as scheduled

    # -- the lease ----------------------------------------------------------
    def _tz_now(self) -> dt.datetime:
        from zoneinfo import ZoneInfo

        return dt.datetime.now(ZoneInfo(self.timezone))

    def renew(self) -> bool:
        """Take or keep the lease; True when this process holds it now."""
        now = dt.datetime.utcnow()
        session = db.session
        if session.execute(select(SchedulerLock.name).where(SchedulerLock.name == LOCK)).first() is None:
            try:  # the first process ever makes the row; a racing second one finds it made
                session.execute(insert(SchedulerLock).values(name=LOCK, holder=None, expires_at=None))
                session.commit()
            except IntegrityError:
                session.rollback()
        held = session.execute(
            update(SchedulerLock).where(SchedulerLock.name == LOCK, or_(
                SchedulerLock.holder == self.name, SchedulerLock.holder.is_(None), SchedulerLock.expires_at < now))
            .values(holder=self.name, expires_at=now + dt.timedelta(seconds=self.ttl))
            .execution_options(synchronize_session=False)).rowcount == 1
        session.commit()
        return held

    def release(self) -> None:
        with self.app.app_context():
            db.session.execute(update(SchedulerLock).where(SchedulerLock.name == LOCK,
                                                           SchedulerLock.holder == self.name)
                               .values(holder=None, expires_at=None))
            db.session.commit()
            db.session.remove()

    def beat(self) -> None:
        with self.app.app_context():
            try:
                was, self.active = self.active, self.renew()
                if self.active and not was:
                    log.warning("scheduler %s is now active", self.name)
                    self.catch_up()
                elif was and not self.active:
                    log.warning("scheduler %s lost the lease", self.name)
                self.sync_jobs()
            finally:
                db.session.remove()

    # -- the jobs -----------------------------------------------------------
    def _rules(self):
        return db.session.execute(select(VerificationRule.id, VerificationRule.code, VerificationRule.cron,
                                         VerificationRule.enabled)).all()

    def fire(self, rule_id: int, code: str, cron: str) -> None:
        """A rule's cron fired: run its period if this process holds the lease."""
        with self.app.app_context():
            try:
                if not self.renew():
                    self.active = False
                    return
                now = self._tz_now()
                fire = last_fire(engine.parse_cron(cron, self.timezone), now, dt.timedelta(seconds=60))
                if fire is not None:
                    engine.run_rule(rule_id, period_of(fire), node=self.name, today=now.date())
            finally:
                db.session.remove()

    def catch_up(self) -> None:
        """Run what fired while no process was active (the window a failover may miss)."""
        now = self._tz_now()
        window = dt.timedelta(seconds=self.ttl + self.heartbeat + 5)
        for rule_id, code, cron, enabled in self._rules():
            if not enabled:
                continue
            fire = last_fire(engine.parse_cron(cron, self.timezone), now, window)
            db.session.rollback()
            if fire is not None:
                engine.run_rule(rule_id, period_of(fire), node=self.name, today=now.date())

    def sync_jobs(self) -> None:
        """Follow the rules' schedules as edited in the UI (added, changed, disabled)."""
        if self.scheduler is None:
            return
        rules = self._rules()
        db.session.rollback()
        seen = set()
        for rule_id, code, cron, enabled in rules:
            seen.add(code)
            if self._jobs.get(code) == (cron, enabled):
                continue
            job_id = f"rule:{code}"
            if self.scheduler.get_job(job_id):
                self.scheduler.remove_job(job_id)
            self._jobs[code] = (cron, enabled)
            if enabled:
                try:
                    trigger = engine.parse_cron(cron, self.timezone)
                except Exception as exc:  # an invalid cron cannot be saved; be safe anyway
                    log.error("rule %s: bad cron %r: %s", code, cron, exc)
                    continue
                self.scheduler.add_job(self.fire, trigger, args=(rule_id, code, cron), id=job_id,
                                       coalesce=True, misfire_grace_time=30, max_instances=1)
        for code in set(self._jobs) - seen:
            self._jobs.pop(code)
            if self.scheduler.get_job(f"rule:{code}"):
                self.scheduler.remove_job(f"rule:{code}")

    def checkpoint(self) -> None:
        """The audit chain's checkpoint (app.core.audit_anchor), by the active process only."""
        from app.core.audit_anchor import scheduled_checkpoint

        with self.app.app_context():
            try:
                held = self.renew()
            finally:
                db.session.remove()
        if held:
            scheduled_checkpoint(self.app)

    def run(self) -> None:
        from apscheduler.schedulers.blocking import BlockingScheduler

        self.scheduler = BlockingScheduler(timezone=self.timezone)
        self.scheduler.add_job(self.beat, "interval", seconds=self.heartbeat, id="heartbeat",
                               next_run_time=dt.datetime.now(self.scheduler.timezone), max_instances=1,
                               coalesce=True)
        cron = self.app.config.get("AUDIT_CHECKPOINT_CRON", "15 * * * *")
        self.scheduler.add_job(self.checkpoint, engine.parse_cron(cron, self.timezone), id="audit_checkpoint", coalesce=True,
                               max_instances=1, misfire_grace_time=300)
        try:
            self.scheduler.start()
        finally:
            self.release()
