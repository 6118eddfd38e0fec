"""List changes through an adjustment case (事项调整): a department asks to add,
cancel, devolve (下放) or change an item; the office reviews legality; the
leader's sign-off applies every change in the sign-off's own transaction
(registered with ``app.approval.apply.register_changes``).  The first refusal
rolls the whole approval back and names the change.
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

from sqlalchemy import func, select

from app.core.db import without_autoflush
from app.core.errors import DomainError, ValidationFailed
from app.core.messages import render
from app.core.orm import check_choice, require, sync_foreign_keys
from app.extensions import db
from app.execution.power_lists import rules
from app.execution.power_lists.models import (
    CHANGE_KINDS,
    LEVELS,
    AccountabilityCase,
    PowerCaseChange,
    PowerImplementation,
    PowerItem,
    PowerType,
    ResponsibilityItem,
)
from app.execution.power_lists.services import catalogue
from app.justification.cases.models import AdjustmentCase
from app.justification.cases.services import check_editable
from app.quota.models import Institution

KIND_TEXT = {"add": "新增 add", "cancel": "取消 cancel", "devolve": "下放 devolve", "modify": "变更 modify"}
MODIFIABLE = ("name", "legal_basis", "handling_division", "statutory_days", "promised_days", "fees")


class PowerChangeFailed(DomainError):
    """A list change refused at sign-off: the change's place, then the service's reason."""

    def __init__(self, seq: int, change: PowerCaseChange, cause: DomainError) -> None:
        self.cause = cause
        self.http_status = cause.http_status
        super().__init__("power_list.change_failed", seq=seq, kind=KIND_TEXT[change.kind])

    def message(self, lang: str | None = None) -> str:
        return render(self.key, lang, reason=self.cause.message(lang), **self.params)


def _s():
    return db.session


def _impl_of(item_id: int, institution_id: int) -> Optional[PowerImplementation]:
    return _s().execute(select(PowerImplementation).where(
        PowerImplementation.item_id == item_id, PowerImplementation.institution_id == institution_id)
    ).scalar_one_or_none()


def validate(c: PowerCaseChange) -> None:
    """Every rule a change must meet, when it is proposed and again when it is applied."""
    sync_foreign_keys(c)
    check_choice(c.kind, CHANGE_KINDS, "变更类型 / change kind")
    inst = require(Institution, c.institution_id, "实施主体 / implementing body")
    if c.level is not None:
        check_choice(c.level, LEVELS, "层级 / level")
    for key in ("statutory_days", "promised_days"):
        value = getattr(c, key)
        if value is not None and not 0 <= value <= 3650:
            raise ValidationFailed("power_list.days", field=key, value=value)
    if c.statutory_days is not None and c.promised_days is not None and c.promised_days > c.statutory_days:
        raise ValidationFailed("power_list.promised_over_statutory", item=c.name or c.item, promised=c.promised_days,
                               statutory=c.statutory_days)
    if c.kind == "add":
        if c.item_id is None:
            for key, field in (("name", "事项名称 / item name"), ("legal_basis", "设定依据 / legal basis")):
                if not (getattr(c, key) or "").strip():
                    raise ValidationFailed("write.required", field=field)
            type_ = require(PowerType, c.type_id, "事项类型 / type")
            if (c.code or "").strip():
                catalogue.check_code(c.code.strip(), type_.code)
        else:
            item = require(PowerItem, c.item_id, "目录事项 / catalogue item")
            existing = _impl_of(item.id, inst.id)
            if existing is not None and existing.status == "active":
                raise ValidationFailed("power_list.duplicate_implementation", item=item.name, institution=inst.name)
        return
    item = require(PowerItem, c.item_id, "目录事项 / catalogue item")
    impl = _impl_of(item.id, inst.id)
    if impl is None or impl.status != "active":
        raise DomainError("power_list.not_implemented", item=item.name, institution=inst.name)
    if c.kind == "devolve":
        target = require(Institution, c.target_id, "下放至 / devolve to")
        if target.id == inst.id:
            raise ValidationFailed("power_list.devolve_same", institution=inst.name)
        if c.level is None:
            raise ValidationFailed("write.required", field="层级 / level")
        existing = _impl_of(item.id, target.id)
        if existing is not None and existing.status == "active":
            raise ValidationFailed("power_list.duplicate_implementation", item=item.name, institution=target.name)
    if c.kind == "modify" and all(getattr(c, k) in (None, "") for k in MODIFIABLE) and not (
            c.responsibilities_text or c.accountabilities_text):
        raise ValidationFailed("power_list.modify_nothing", item=item.name)


@without_autoflush
def save_change(c: PowerCaseChange) -> PowerCaseChange:
    case = require(AdjustmentCase, c.case_id, "案件 / case")
    check_editable(case)
    validate(c)
    _s().add(c)
    _s().flush()
    return c


@without_autoflush
def delete_change(c: PowerCaseChange) -> None:
    check_editable(require(AdjustmentCase, c.case_id, "案件 / case"))
    _s().delete(c)
    _s().flush()


def count(case: AdjustmentCase) -> int:
    return _s().execute(select(func.count()).select_from(PowerCaseChange)
                        .where(PowerCaseChange.case_id == case.id)).scalar()


def _duties(impl: PowerImplementation, c: PowerCaseChange, *, replace: bool) -> None:
    if c.responsibilities_text:
        if replace:
            impl.responsibilities.clear()
        for step, name, content in rules.parse_responsibilities(c.responsibilities_text):
            impl.responsibilities.append(ResponsibilityItem(step=step, step_name=name, content=content))
    if c.accountabilities_text:
        if replace:
            impl.accountabilities.clear()
        for line in rules.parse_lines(c.accountabilities_text):
            impl.accountabilities.append(AccountabilityCase(content=line))


def _implement(item: PowerItem, c: PowerCaseChange, institution_id: int, level: str) -> PowerImplementation:
    impl = _impl_of(item.id, institution_id)
    if impl is not None:  # a cancelled one comes back
        impl.status, impl.level = "active", level
        catalogue.update_implementation(impl, status="active", level=level)
    else:
        impl = catalogue.create_implementation(PowerImplementation(
            item_id=item.id, institution_id=institution_id, level=level, handling_division=c.handling_division,
            statutory_days=c.statutory_days, promised_days=c.promised_days, fees=c.fees))
    _duties(impl, c, replace=True)
    return impl


def _apply_one(c: PowerCaseChange) -> str:
    validate(c)
    inst = _s().get(Institution, c.institution_id)
    level = c.level or "city"
    if c.kind == "add":
        item = _s().get(PowerItem, c.item_id) if c.item_id else catalogue.create_item(PowerItem(
            code=(c.code or "").strip() or None, name=c.name.strip(), type_id=c.type_id, legal_basis=c.legal_basis,
            department_id=inst.id))
        impl = _implement(item, c, inst.id, level)
        return f"power_implementation:{impl.id}"
    impl = _impl_of(c.item_id, inst.id)
    if c.kind == "cancel":
        impl.status = "cancelled"
        catalogue.update_implementation(impl, status="cancelled")
        _s().flush()
        return f"power_implementation:{impl.id}:cancelled"
    if c.kind == "devolve":
        new = _implement(impl.item, c, c.target_id, c.level)
        if not c.responsibilities_text:  # the duties go down with the power
            for r in impl.responsibilities:
                new.responsibilities.append(ResponsibilityItem(step=r.step, step_name=r.step_name, content=r.content))
            for a in impl.accountabilities:
                new.accountabilities.append(AccountabilityCase(content=a.content))
        impl.status = "cancelled"
        _s().flush()
        return f"power_implementation:{impl.id}:devolved_to:{new.id}"
    changes = {k: getattr(c, k) for k in MODIFIABLE if getattr(c, k) not in (None, "")}
    for key, value in changes.items():
        setattr(impl, key, value)
    catalogue.update_implementation(impl, **changes)
    _duties(impl, c, replace=True)
    _s().flush()
    return f"power_implementation:{impl.id}:modified"


def apply_case(case: AdjustmentCase, doc_no: str, today: dt.date) -> None:
    """The approval hook: every list change of the case, in order, or none."""
    changes = _s().execute(select(PowerCaseChange).where(PowerCaseChange.case_id == case.id)
                           .order_by(PowerCaseChange.id)).scalars().all()
    for seq, c in enumerate(changes, start=1):
        try:
            c.result = _apply_one(c)
        except DomainError as err:
            raise PowerChangeFailed(seq, c, err) from err
    _s().flush()
