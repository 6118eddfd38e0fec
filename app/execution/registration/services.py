"""Use cases of registration (登记 / 赋码): file, edit, withdraw, advance a step.

Filing checks the matter's own rules (设立 only for 事业单位 without a code, 赋码 only
for 机关 and 群团, a 开办资金 change only above 20 %, 简易注销 with a successor and the
three-party proof instead of a clearing report, one annual report per year …) and its
required materials, under a per-unit transaction lock so two parallel filings of the
same matter cannot both pass the duplicate check.

``advance`` moves a registration one step with a conditional
``UPDATE … WHERE id = :id AND step = :current``: the row count decides, so of two
parallel clicks exactly one moves it, and the loser's effects (a USCC, a certificate)
roll back with its refusal.  发证 issues what the matter issues, in the same
transaction: a USCC from the foundation's 赋码 service and a 5-year certificate.
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

from sqlalchemy import func, select, update

from app.core import audit, scoping
from app.core.counters import locked_state
from app.core.db import without_autoflush, xact_lock
from app.core.errors import Conflict, DomainError, NotFound, ValidationFailed
from app.core.orm import check_choice, require, sync_foreign_keys
from app.execution.registration import rules
from app.execution.registration.models import CHANGE_ITEMS, CHANNELS, MATTERS, Certificate, Registration
from app.extensions import db
from app.quota.models import Institution
from app.quota.services import assign_uscc, update_institution

# What an edit may change while the application waits for receipt (申请).
CONTENT = frozenset({"legal_rep", "old_value", "new_value", "funds_before", "funds_after", "clearing_report",
                     "successor_id", "undertaking_proof", "activities", "net_assets", "staff_count", "litigation",
                     "complaints", "reason", "materials", "channel", "tracking_in"})
UPDATABLE = CONTENT | {"tracking_out"}  # the return tracking number: until the certificate is issued
TIMESTAMP = {"accepted": "accepted_at", "reviewed": "reviewed_at", "approved": "approved_at",
             "issued": "issued_at", "announced": "announced_at"}


def _s():
    return db.session


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def _text(value) -> Optional[str]:
    value = (value or "").strip() if isinstance(value, str) else value
    return value or None


def _registered(inst: Institution) -> None:
    if not inst.uscc:
        raise DomainError("registration.not_registered", institution=inst.name)
    if inst.status != "active":
        raise DomainError("registration.not_active", institution=inst.name, status=inst.status)
    cancelled = _s().execute(select(Registration.id).where(
        Registration.institution_id == inst.id, Registration.matter.in_(rules.CANCELLING_MATTERS),
        Registration.step.in_(("issued", "announced")))).first()
    if cancelled:
        raise DomainError("registration.cancelled", institution=inst.name, id=cancelled[0])


def _check_matter(reg: Registration, inst: Institution) -> None:
    """The matter's own rules; raises naming the rule, the unit and the values."""
    matter = reg.matter
    allowed = rules.CATEGORY_OF_MATTER.get(matter)
    if allowed and inst.category.uscc_code not in allowed:
        raise DomainError(f"registration.{matter}_category", institution=inst.name, category=inst.category.name)
    if matter == "establish":
        if inst.uscc:
            raise DomainError("registration.already_coded", institution=inst.name, uscc=inst.uscc)
        if not reg.legal_rep:
            raise ValidationFailed("write.required", field="法定代表人 / legal representative")
        return
    if matter == "code_issue":
        # 赋码发证: a code from the 赋码 service if the organ has none yet, and its certificate.
        if valid_certificate(inst.id) is not None:
            raise DomainError("registration.already_certified", institution=inst.name, uscc=inst.uscc)
        return
    _registered(inst)
    if matter == "change":
        check_choice(reg.change_item, CHANGE_ITEMS, "变更事项 / change item")
        if reg.change_item == "funds":
            _check_funds(reg, inst)
        elif not reg.new_value:
            raise ValidationFailed("write.required", field="变更后内容 / new value")
    elif matter == "cancel" and not reg.clearing_report:
        raise ValidationFailed("registration.clearing_report_required", institution=inst.name)
    elif matter == "simple_cancel":
        _check_successor(reg, inst)
    elif matter == "annual_report":
        _check_report(reg, inst)
    elif matter == "reissue":
        # 补领 replaces a certificate on record; 换领 also takes in a paper one issued before this system.
        if valid_certificate(inst.id) is None:
            raise DomainError("registration.no_certificate", institution=inst.name)
        if not reg.reason:
            raise ValidationFailed("write.required", field="补领原因 / reason")


def _check_funds(reg: Registration, inst: Institution) -> None:
    if reg.funds_before is None or reg.funds_after is None:
        raise ValidationFailed("write.required", field="变更前后开办资金 / funds before and after")
    if reg.funds_before <= 0 or reg.funds_after <= 0:
        raise ValidationFailed("registration.funds_positive", before=reg.funds_before, after=reg.funds_after)
    ratio = rules.funds_change_ratio(reg.funds_before, reg.funds_after)
    if ratio <= rules.FUNDS_THRESHOLD:
        raise DomainError("registration.funds_below_threshold", institution=inst.name, before=reg.funds_before,
                          after=reg.funds_after, percent=f"{ratio * 100:.1f}")
    reg.old_value, reg.new_value = f"{reg.funds_before} 万元", f"{reg.funds_after} 万元"


def _check_successor(reg: Registration, inst: Institution) -> None:
    if reg.clearing_report:
        raise ValidationFailed("registration.simple_cancel_no_clearing", institution=inst.name)
    if not reg.undertaking_proof:
        raise ValidationFailed("registration.undertaking_proof_required", institution=inst.name)
    if reg.successor_id is None:
        raise ValidationFailed("registration.successor_required", institution=inst.name)
    successor = require(Institution, reg.successor_id, "承接单位 / successor")
    if successor.id == inst.id:
        raise ValidationFailed("registration.successor_self", institution=inst.name)
    scoping.refuse_outside(scoping.current_scope(), successor.id, label=f"承接单位 / successor {successor.name}")
    if not successor.uscc or successor.status != "active":
        raise DomainError("registration.successor_not_registered", successor=successor.name)


def _check_report(reg: Registration, inst: Institution) -> None:
    today = (reg.applied_at or _now()).date()
    if reg.report_year is None:
        raise ValidationFailed("write.required", field="报告年度 / report year")
    if today < rules.report_window_opens(reg.report_year):
        raise ValidationFailed("registration.report_too_early", year=reg.report_year,
                               opens=rules.report_window_opens(reg.report_year))
    if not reg.activities:
        raise ValidationFailed("write.required", field="开展业务活动情况 / activities")
    if reg.net_assets is None or reg.staff_count is None or reg.staff_count < 0:
        raise ValidationFailed("write.required", field="净资产、从业人数 / net assets, staff")
    clash = _s().execute(select(Registration.id).where(
        Registration.institution_id == inst.id, Registration.report_year == reg.report_year,
        Registration.id != (reg.id or 0))).first()
    if clash:
        raise DomainError("registration.report_duplicate", institution=inst.name, year=reg.report_year)


def _check_common(reg: Registration, inst: Institution) -> None:
    check_choice(reg.channel, CHANNELS, "申请方式 / channel")
    for key in ("legal_rep", "new_value", "clearing_report", "undertaking_proof", "activities", "reason",
                "tracking_in", "tracking_out", "materials"):
        setattr(reg, key, _text(getattr(reg, key)))
    if reg.channel == "online" and not reg.tracking_in:
        raise ValidationFailed("registration.tracking_in_required", institution=inst.name)
    missing = rules.missing_materials(reg.matter, reg.materials)
    if missing:
        raise ValidationFailed("registration.materials_missing", matter=rules.MATTER_TEXT[reg.matter], institution=inst.name,
                               missing="、".join(missing))


def _refuse_open_duplicate(reg: Registration, inst: Institution) -> None:
    if reg.matter == "annual_report":
        return  # one per year, checked with the report
    clash = _s().execute(select(Registration.id).where(
        Registration.institution_id == inst.id, Registration.matter == reg.matter,
        Registration.step != rules.steps_of(reg.matter)[-1], Registration.id != (reg.id or 0))).first()
    if clash:
        raise DomainError("registration.open_duplicate", institution=inst.name, matter=rules.MATTER_TEXT[reg.matter],
                          id=clash[0])


@without_autoflush
def create_registration(reg: Registration, *, now: Optional[dt.datetime] = None) -> Registration:
    """File a registration (申请); a department files for its own subtree only."""
    sync_foreign_keys(reg)
    check_choice(reg.matter, MATTERS, "登记事项 / matter")
    inst = require(Institution, reg.institution_id, "单位 / institution")
    scoping.refuse_outside(scoping.current_scope(), inst.id, label=inst.name)
    xact_lock(_s(), f"registration:{inst.id}")  # the duplicate checks below hold until commit
    reg.channel = reg.channel or "counter"
    reg.change_item = reg.change_item if reg.matter == "change" else None
    reg.report_year = reg.report_year if reg.matter == "annual_report" else None
    reg.step, reg.applied_at = "applied", now or _now()
    for key in ("accepted_at", "reviewed_at", "approved_at", "issued_at", "announced_at", "turnaround_s",
                "same_day", "uscc", "notice"):
        setattr(reg, key, None)
    _check_common(reg, inst)
    _check_matter(reg, inst)
    _refuse_open_duplicate(reg, inst)
    _s().add(reg)
    _s().flush()
    return reg


@without_autoflush
def update_registration(reg: Registration, **changes) -> Registration:
    """An edit by name: content while waiting for receipt, the return tracking number until issue."""
    unknown = set(changes) - UPDATABLE
    if unknown:
        raise DomainError("registration.not_editable", fields=", ".join(sorted(unknown)))
    old = locked_state(reg, ("step",))
    content = set(changes) & CONTENT
    if content and old["step"] != "applied":
        raise Conflict("registration.locked", id=reg.id, step=rules.STEP_TEXT[old["step"]], fields=", ".join(sorted(content)))
    if "tracking_out" in changes and old["step"] in ("issued", "announced"):
        raise Conflict("registration.locked", id=reg.id, step=rules.STEP_TEXT[old["step"]], fields="tracking_out")
    for key, value in changes.items():
        setattr(reg, key, value)
    sync_foreign_keys(reg)
    inst = require(Institution, reg.institution_id, "单位 / institution")
    _check_common(reg, inst)
    if content:
        _check_matter(reg, inst)
    _s().flush()
    return reg


@without_autoflush
def delete_registration(reg: Registration) -> None:
    """Withdraw an application not yet received (申请); anything later stays on record."""
    old = locked_state(reg, ("step",))
    if old["step"] != "applied":
        raise Conflict("registration.withdraw_late", id=reg.id, step=rules.STEP_TEXT[old["step"]])
    _s().delete(reg)
    _s().flush()


# ---------------------------------------------------------------------------
# Steps
# ---------------------------------------------------------------------------


def valid_certificate(institution_id: int) -> Optional[Certificate]:
    return _s().execute(select(Certificate).where(Certificate.institution_id == institution_id,
                                                  Certificate.status == "valid")
                        .order_by(Certificate.id.desc()).limit(1)).scalar()


def _new_certificate(reg: Registration, inst: Institution, kind: str, valid_from: dt.date,
                     valid_to: Optional[dt.date] = None) -> Certificate:
    seq = _s().execute(select(func.count(Certificate.id)).where(Certificate.institution_id == inst.id)).scalar()
    start, end = rules.cert_validity(valid_from)
    cert = Certificate(cert_no=f"{inst.uscc}-{seq + 1:02d}", kind=kind, institution_id=inst.id, uscc=inst.uscc,
                       valid_from=start, valid_to=valid_to or end, status="valid", registration_id=reg.id)
    _s().add(cert)
    return cert


def _retire(inst_id: int, status: str) -> Optional[Certificate]:
    old = valid_certificate(inst_id)
    if old is not None:
        old.status = status
    return old


def _issue(reg: Registration, now: dt.datetime) -> None:
    """发证: what each matter issues, in the advancing transaction."""
    inst = _s().get(Institution, reg.institution_id)
    if reg.channel == "online" and not reg.tracking_out:
        raise ValidationFailed("registration.tracking_out_required", id=reg.id, institution=inst.name)
    if reg.matter == "establish":
        if inst.uscc:  # coded meanwhile by the 赋码 action
            raise DomainError("registration.already_coded", institution=inst.name, uscc=inst.uscc)
        reg.uscc = assign_uscc(inst)
        _new_certificate(reg, inst, "legal_person", now.date())
    elif reg.matter == "code_issue":
        if valid_certificate(inst.id) is not None:
            raise DomainError("registration.already_certified", institution=inst.name, uscc=inst.uscc)
        reg.uscc = assign_uscc(inst) or inst.uscc  # None: the organ had its code already
        _new_certificate(reg, inst, "code", now.date())
    elif reg.matter == "renew":
        _retire(inst.id, "replaced")
        _new_certificate(reg, inst, "legal_person", now.date())
    elif reg.matter in ("reissue", "change"):
        old = _retire(inst.id, "replaced")  # the same validity on a new certificate number
        if old is not None:
            _new_certificate(reg, inst, old.kind, old.valid_from, old.valid_to)
    elif reg.matter in rules.CANCELLING_MATTERS:
        _retire(inst.id, "cancelled")
    received = reg.accepted_at
    reg.turnaround_s = max(0, int((now - received).total_seconds()))
    reg.same_day = now.date() == received.date()


# 变更登记 items the quota database also holds: the registered value is written back
# on 核准, in the advancing transaction, through the quota services (audited there).
# The other items (法定代表人, 宗旨和业务范围, 住所, 开办资金, 举办单位) are registration's own.
WRITE_BACK = {"name": "name"}


def _write_back(reg: Registration) -> None:
    """A 变更 approved (核准) changes the institution in the quota database: a refusal there
    (say, the new name taken under the same parent) refuses the step and changes nothing."""
    field = WRITE_BACK.get(reg.change_item) if reg.matter == "change" else None
    if field is None:
        return
    inst = _s().get(Institution, reg.institution_id)
    if reg.old_value is None:
        reg.old_value = getattr(inst, field)
    update_institution(inst, **{field: reg.new_value})


def _notice(reg: Registration) -> str:
    inst = reg.institution
    lines = [f"{inst.name}（统一社会信用代码 {reg.uscc or inst.uscc or '—'}）"]
    if reg.matter == "change":
        lines.append(f"变更事项: {reg.change_item}; {reg.old_value or ''} → {reg.new_value or ''}")
    if reg.matter == "simple_cancel" and reg.successor is not None:
        lines.append(f"简易注销, 权利义务由 {reg.successor.name} 承接（承接证明 {reg.undertaking_proof}）")
    if reg.matter == "annual_report":
        lines.append(f"{reg.report_year} 年度报告: 净资产 {reg.net_assets} 万元, 从业人数 {reg.staff_count}")
    return "\n".join(lines)


@without_autoflush
def advance(reg: Registration, *, target: Optional[str] = None, tracking_out: Optional[str] = None,
            now: Optional[dt.datetime] = None) -> Registration:
    """Move one step on (申请 → 受理 → 审查 → 核准 → 发证 → 公告); the row count decides."""
    now = now or _now()
    current = reg.step
    expected = rules.next_step(reg.matter, current)
    if expected is None:
        raise Conflict("registration.finished", id=reg.id, step=rules.STEP_TEXT[current])
    if target is not None and target != expected:
        raise Conflict("registration.wrong_step", id=reg.id, step=rules.STEP_TEXT[current], target=target,
                       expected=rules.STEP_TEXT[expected])
    row = _s().execute(update(Registration).where(Registration.id == reg.id, Registration.step == current)
                       .values({"step": expected, TIMESTAMP[expected]: now}).returning(Registration.id)
                       .execution_options(synchronize_session=False)).first()
    if row is None:
        moved = _s().execute(select(Registration.step).where(Registration.id == reg.id)).scalar()
        if moved is None:
            raise NotFound("write.not_found", object=f"registration {reg.id}")
        raise Conflict("registration.moved", id=reg.id, step=rules.STEP_TEXT[moved], expected=rules.STEP_TEXT[current])
    _s().refresh(reg)
    before = {"step": current}
    if expected == "accepted":  # the clock of 办结时限 starts at receipt
        from app.execution.registration.time_limits import due_on

        reg.due_on = due_on(reg.matter, now.date())
    if tracking_out:
        reg.tracking_out = _text(tracking_out)
    if expected == "approved":
        _write_back(reg)
    elif expected == "issued":
        _issue(reg, now)
    elif expected == "announced":
        reg.notice = _notice(reg)
    _s().flush()
    audit.record(_s(), "update", "Registration", reg.id, before=before,
                 after={"step": expected, TIMESTAMP[expected]: str(now)})
    return reg


def find(reg_id: int) -> Registration:
    reg = scoping.apply(Registration, _s().query(Registration)).filter(Registration.id == reg_id).one_or_none()
    if reg is None:
        raise NotFound("write.not_found", object=f"registration {reg_id}")
    return reg

