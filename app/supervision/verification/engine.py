"""Running the rules: one run per (rule, period), findings opened and resolved.

``run_rule`` claims the period and applies the rule in ONE transaction: the
run row (unique on rule × period), every finding it opens or resolves, and
its counts commit together or not at all.  A second scheduler that fires the
same period waits on the unique key and gets nothing to do; a process killed
mid-run leaves nothing behind, so the standby that takes over runs the
period again.  A rule that fails is recorded as failed (its error kept) in a
transaction of its own, and the other rules run on.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import traceback
from typing import Optional

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.core import audit, checks
from app.core.db import transaction
from app.core.errors import DomainError, ValidationFailed
from app.extensions import db
from app.supervision.findings import services as findings
from app.supervision.findings.models import OPEN_STATES, Finding
from app.supervision.verification.models import VerificationRule, VerificationRun

log = logging.getLogger(__name__)
SOURCE = "verification"


def _s():
    return db.session


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def rule_params(rule: VerificationRule) -> dict:
    spec = checks.RULES.get(rule.code)
    if spec is None:
        raise DomainError("verification.unknown_rule", rule=rule.code)
    return {**spec.params, **json.loads(rule.params or "{}")}


def sync_rules() -> int:
    """A row for every registered rule that has none yet (its defaults); returns how many were added."""
    have = set(_s().execute(select(VerificationRule.code)).scalars())
    added = 0
    for spec in checks.RULES.values():
        if spec.code not in have:
            _s().add(VerificationRule(code=spec.code, name=spec.name, name_en=spec.name_en,
                                      description=spec.description or (spec.check.__doc__ or "").strip()[:1000],
                                      params=json.dumps(spec.params, sort_keys=True), cron=spec.cron, enabled=True,
                                      deadline_days=findings.DEFAULT_DEADLINE_DAYS))
            added += 1
    _s().flush()
    return added


def _apply(rule: VerificationRule, run: VerificationRun, today: dt.date) -> None:
    params = rule_params(rule)
    problems = {p.key: p for p in checks.RULES[rule.code].check(_s(), params, today)}
    prefix = f"{rule.code}:"
    was_open = dict(_s().execute(select(Finding.source_key, Finding.id).where(
        Finding.source_kind == SOURCE, Finding.source_key.startswith(prefix, autoescape=True),
        Finding.state.in_(OPEN_STATES))).all())
    deadline = findings.deadline_after(today, rule.deadline_days) if problems else None
    opened_by = f"verification_run:{run.id}"
    opened = 0
    for key, p in problems.items():
        finding, created = findings.open_finding(
            SOURCE, prefix + key, title=p.title, detail=p.detail, institution_id=p.institution_id,
            region_id=p.region_id, deadline=deadline, opened_by=opened_by, today=today)
        opened += created or (prefix + key not in was_open and finding.state == "open")
    resolved = 0
    for key, fid in was_open.items():
        if key[len(prefix):] not in problems:
            resolved += findings.resolve_finding(_s().get(Finding, fid), resolved_by=opened_by, today=today)
    run.problems, run.opened, run.resolved = len(problems), opened, resolved


def run_rule(rule_id: int, period: str, *, node: str, trigger: str = "schedule",
             today: Optional[dt.date] = None) -> Optional[int]:
    """Run one rule for one period; the run's id, or None when that period has run already."""
    today = today or dt.date.today()
    token = audit.set_actor(f"scheduler:{node}"[:100])
    try:
        try:
            with transaction():
                rule = _s().get(VerificationRule, rule_id)
                run = VerificationRun(rule_id=rule_id, period=period[:40], trigger=trigger, node=node[:100],
                                      started_at=_now(), status="running", problems=0, opened=0, resolved=0)
                _s().add(run)
                _s().flush()  # the unique (rule, period) key decides here
                _apply(rule, run, today)
                run.status, run.ended_at = "ok", _now()
                return run.id
        except IntegrityError:
            return None  # another scheduler has run (or is running) this period
        except Exception as exc:  # a failing rule is recorded; the others run on
            log.warning("verification rule %s failed: %s", rule_id, exc)
            error = str(exc) if isinstance(exc, DomainError) else "".join(
                traceback.format_exception_only(type(exc), exc)).strip()
            try:
                with transaction():
                    run = VerificationRun(rule_id=rule_id, period=period[:40], trigger=trigger, node=node[:100],
                                          started_at=_now(), ended_at=_now(), status="failed", problems=0, opened=0,
                                          resolved=0, error=error[:4000])
                    _s().add(run)
                    _s().flush()
                    return run.id
            except IntegrityError:
                return None
    finally:
        audit._actor.reset(token)


def run_all(*, node: str, trigger: str = "manual", period: Optional[str] = None,
            today: Optional[dt.date] = None, codes: Optional[list[str]] = None) -> list[int]:
    """Run every enabled rule (or ``codes``) once for ``period`` (default: now, manual)."""
    # a manual run is its own period (to the microsecond: two clicks in one second are two runs)
    period = period or f"manual:{dt.datetime.now().isoformat(timespec='microseconds')}"
    stmt = select(VerificationRule.id).where(VerificationRule.enabled.is_(True)).order_by(VerificationRule.id)
    if codes:
        stmt = select(VerificationRule.id).where(VerificationRule.code.in_(codes)).order_by(VerificationRule.id)
    ids = list(_s().execute(stmt).scalars())
    _s().rollback()  # no read transaction held across the runs (SQLite's write lock)
    return [run for rid in ids if (run := run_rule(rid, period, node=node, trigger=trigger, today=today))]


# ---------------------------------------------------------------------------
# Editing a rule: its schedule and parameters are data, checked on every door
# ---------------------------------------------------------------------------


_DOW = ("sun", "mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _cron_weekdays(field: str) -> str:
    """Cron counts weekdays from Sunday = 0 (7 too); APScheduler 3 from Monday = 0.
    Numbers become names, so "1-5" keeps meaning Monday to Friday."""
    import re

    if field in ("0-6", "0-7", "1-7"):  # every day, which APScheduler cannot write as a range from Sunday
        return "*"
    return re.sub(r"(?<![/\d])([0-7])(?!\d)", lambda m: _DOW[int(m.group(1))], field)


def parse_cron(expr: str, timezone: Optional[str] = None):
    """A cron trigger from ``minute hour day month weekday``, or with a leading second field."""
    from apscheduler.triggers.cron import CronTrigger

    timezone = timezone or "Asia/Shanghai"
    fields = (expr or "").split()
    try:
        if len(fields) == 5:
            fields = ["0", *fields]
        if len(fields) == 6:
            second, minute, hour, day, month, dow = fields[:5] + [_cron_weekdays(fields[5])]
            return CronTrigger(second=second, minute=minute, hour=hour, day=day, month=month, day_of_week=dow,
                               timezone=timezone)
    except ValueError as exc:
        raise ValidationFailed("verification.cron", cron=expr, reason=str(exc)) from exc
    raise ValidationFailed("verification.cron", cron=expr, reason="5 or 6 fields")


def check_params(code: str, text: str) -> str:
    spec = checks.RULES.get(code)
    if spec is None:
        raise DomainError("verification.unknown_rule", rule=code)
    try:
        values = json.loads(text or "{}")
    except ValueError as exc:
        raise ValidationFailed("verification.params_json", rule=code, reason=str(exc)) from exc
    if not isinstance(values, dict):
        raise ValidationFailed("verification.params_json", rule=code, reason="not an object")
    unknown = sorted(set(values) - set(spec.params))
    if unknown:
        raise ValidationFailed("verification.params_unknown", rule=code, names=", ".join(unknown),
                               known=", ".join(sorted(spec.params)) or "—")
    for name, value in values.items():
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100000:
            raise ValidationFailed("verification.params_value", rule=code, name=name, value=value)
    return json.dumps(values, sort_keys=True)


UPDATABLE = frozenset({"name", "name_en", "description", "params", "cron", "enabled", "deadline_days"})


def update_rule(rule: VerificationRule, **changes) -> VerificationRule:
    refused = set(changes) - UPDATABLE
    if refused:
        raise DomainError("verification.not_editable", rule=rule.code, fields=", ".join(sorted(refused)))
    if "cron" in changes:
        rule.cron = " ".join((rule.cron or "").split())
        parse_cron(rule.cron)
    if "params" in changes:
        rule.params = check_params(rule.code, rule.params)
    if rule.deadline_days is None or not 0 <= rule.deadline_days <= 365:
        raise ValidationFailed("verification.deadline_days", value=rule.deadline_days)
    if not (rule.name or "").strip():
        raise ValidationFailed("write.required", field="名称 / name")
    _s().flush()
    return rule
