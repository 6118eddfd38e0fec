"""The catalogue: types, code formats, items, implementations, responsibility
items and accountability cases.

Codes follow the active format (``rules``), checked on every input; a new code
takes the next free sequence number after its prefix, under a lock on that
prefix, so parallel requests never draw the same code.  An implementation is
unique per (item, institution), under a lock on that pair.
"""
from __future__ import annotations

from typing import Optional

from sqlalchemy import func, select

from app.core import scoping
from app.core.db import without_autoflush, xact_lock
from app.core.errors import DomainError, ValidationFailed
from app.core.orm import check_choice, require, sync_foreign_keys
from app.extensions import db
from app.execution.power_lists import rules
from app.execution.power_lists.models import (
    ITEM_STATUSES,
    LEVELS,
    AccountabilityCase,
    CodeFormat,
    PowerImplementation,
    PowerItem,
    PowerType,
    ResponsibilityItem,
)
from app.quota.models import Institution


def _s():
    return db.session


def _text(obj, key: str, field: str, *, required: bool = True) -> None:
    value = (getattr(obj, key) or "").strip() or None
    if required and not value:
        raise ValidationFailed("write.required", field=field)
    setattr(obj, key, value)


def _format_error(err: rules.FormatError) -> ValidationFailed:
    return ValidationFailed(err.key, **err.params)


# -- types and formats ---------------------------------------------------------


@without_autoflush
def save_type(t: PowerType) -> PowerType:
    _text(t, "name", "类型名称 / type name")
    t.code = (t.code or "").strip()
    if len(t.code) != 2 or not t.code.isdigit():
        raise ValidationFailed("power_list.type_code", code=t.code)
    clash = _s().execute(select(PowerType.code).where(
        (PowerType.code == t.code) | (PowerType.name == t.name), PowerType.id != (t.id or 0))).first()
    if clash:
        raise ValidationFailed("power_list.type_duplicate", code=t.code, name=t.name)
    _s().add(t)
    _s().flush()
    return t


def delete_type(t: PowerType) -> None:
    used = _s().execute(select(func.count()).select_from(PowerItem).where(PowerItem.type_id == t.id)).scalar()
    if used:
        raise DomainError("power_list.type_in_use", type=t.name, count=used)
    _s().delete(t)
    _s().flush()


@without_autoflush
def save_format(f: CodeFormat) -> CodeFormat:
    _text(f, "name", "格式名称 / format name")
    f.segments = (f.segments or "").replace(" ", "")
    try:
        rules.parse_segments(f.segments)
    except rules.FormatError as err:
        raise _format_error(err) from err
    xact_lock(_s(), "power_code_format")
    if f.active:  # one active format: activating this one retires the other
        _s().execute(CodeFormat.__table__.update().where(CodeFormat.id != (f.id or 0)).values(active=False))
    _s().add(f)
    _s().flush()
    return f


def delete_format(f: CodeFormat) -> None:
    if f.active:
        raise DomainError("power_list.format_active", format=f.name)
    _s().delete(f)
    _s().flush()


def active_segments() -> tuple[rules.Segment, ...]:
    text = _s().execute(select(CodeFormat.segments).where(CodeFormat.active.is_(True)).limit(1)).scalar()
    return rules.parse_segments(text or rules.DEFAULT_FORMAT)


def check_code(code: str, type_code: Optional[str], segments=None) -> str:
    """The code, refused unless it fits the active format and (given a
    ``type_code``) its type segment is that type's."""
    segments = segments or active_segments()
    try:
        parts = rules.split_code(code, segments)
    except rules.FormatError as err:
        raise _format_error(err) from err
    if type_code is not None and parts["type"] != type_code.zfill(len(parts["type"])):
        raise ValidationFailed("power_list.code_type", code=code, segment=parts["type"], type=type_code)
    return code


def department_number(inst: Institution) -> int:
    """The department segment: the institution's number (its id, modulo the segment's width)."""
    return inst.id


def generate_code(department: Institution, type_: PowerType, *, region_code: Optional[str] = None,
                  sub: int = 0) -> str:
    """The next free code for a department and a type, from the active format."""
    segments = active_segments()
    widths = {s.name: s.length for s in segments}
    values = {"region": (region_code or department.region.code)[:widths.get("region", 6)],
              "department": department_number(department) % 10 ** widths.get("department", 3),
              "type": type_.code, "sub": sub}
    try:
        prefix, offset, length = rules.prefix_before_seq(segments, values)
    except rules.FormatError as err:
        raise _format_error(err) from err
    xact_lock(_s(), f"power_code:{prefix}")
    last = _s().execute(select(func.max(func.substr(PowerItem.code, offset + 1, length))).where(
        PowerItem.code.like(prefix + "%"), func.length(PowerItem.code) == sum(widths.values()))).scalar()
    seq = int(last) + 1 if last and last.isdigit() else 1
    if seq >= 10 ** length:
        raise DomainError("power_list.code_exhausted", prefix=prefix)
    try:
        return rules.compose(segments, {**values, "seq": seq})
    except rules.FormatError as err:
        raise _format_error(err) from err


# -- catalogue items -------------------------------------------------------------

ITEM_UPDATABLE = frozenset({"name", "sub_item", "legal_basis", "status", "type_id", "type", "code"})


def _validate_item(item: PowerItem) -> None:
    sync_foreign_keys(item)
    _text(item, "name", "事项名称 / item name")
    _text(item, "legal_basis", "设定依据 / legal basis")
    _text(item, "sub_item", "子项 / sub-item", required=False)
    type_ = require(PowerType, item.type_id, "事项类型 / type")
    dept = require(Institution, item.department_id, "主管部门 / department")
    scoping.refuse_outside(scoping.current_scope(), dept.id, label=item.name)
    item.status = item.status or "active"
    check_choice(item.status, ITEM_STATUSES, "状态 / status")
    item.code = (item.code or "").strip()
    if not item.code:
        item.code = generate_code(dept, type_)
    check_code(item.code, type_.code)
    xact_lock(_s(), f"power_item_code:{item.code}")
    clash = _s().execute(select(PowerItem.name).where(PowerItem.code == item.code,
                                                      PowerItem.id != (item.id or 0))).scalar()
    if clash is not None:
        raise ValidationFailed("power_list.duplicate_code", code=item.code, other=clash)


@without_autoflush
def create_item(item: PowerItem) -> PowerItem:
    _validate_item(item)
    _s().add(item)
    _s().flush()
    return item


@without_autoflush
def update_item(item: PowerItem, **changes) -> PowerItem:
    unknown = set(changes) - ITEM_UPDATABLE
    if unknown:
        raise ValidationFailed("power_list.not_changeable", fields=", ".join(sorted(unknown)))
    _validate_item(item)
    _s().flush()
    return item


def delete_item(item: PowerItem) -> None:
    used = _s().execute(select(func.count()).select_from(PowerImplementation)
                        .where(PowerImplementation.item_id == item.id)).scalar()
    if used:
        raise DomainError("power_list.item_in_use", item=item.name, count=used)
    _s().delete(item)
    _s().flush()


# -- implementations -------------------------------------------------------------

IMPL_UPDATABLE = frozenset({"name", "code", "type_id", "type", "legal_basis", "handling_division", "statutory_days",
                            "promised_days", "fees", "flow", "status", "level"})


def _validate_implementation(impl: PowerImplementation) -> None:
    sync_foreign_keys(impl)
    item = require(PowerItem, impl.item_id, "目录事项 / catalogue item")
    inst = require(Institution, impl.institution_id, "实施主体 / implementing body")
    scoping.refuse_outside(scoping.current_scope(), inst.id, label=item.name)
    check_choice(impl.level, LEVELS, "层级 / level")
    impl.status = impl.status or "active"
    check_choice(impl.status, ITEM_STATUSES, "状态 / status")
    # 三级四同 by default: what is not given is the catalogue's.
    impl.name = (impl.name or "").strip() or item.name
    impl.code = (impl.code or "").strip() or item.code
    impl.type_id = impl.type_id or item.type_id
    impl.legal_basis = (impl.legal_basis or "").strip() or item.legal_basis
    _text(impl, "handling_division", "承办机构 / handling division", required=False)
    require(PowerType, impl.type_id, "事项类型 / type")
    # A level's copy must be well formed; whether it matches the catalogue (its
    # type segment included) is what the 三级四同 check reports.
    check_code(impl.code, None)
    for key, field in (("statutory_days", "法定时限 / statutory limit"), ("promised_days", "承诺时限 / promised limit")):
        value = getattr(impl, key)
        if value is not None and not 0 <= value <= 3650:
            raise ValidationFailed("power_list.days", field=field, value=value)
    if impl.statutory_days is not None and impl.promised_days is not None and impl.promised_days > impl.statutory_days:
        raise ValidationFailed("power_list.promised_over_statutory", item=impl.name, promised=impl.promised_days,
                               statutory=impl.statutory_days)
    xact_lock(_s(), f"power_impl:{impl.item_id}:{impl.institution_id}")
    clash = _s().execute(select(PowerImplementation.id).where(
        PowerImplementation.item_id == impl.item_id, PowerImplementation.institution_id == impl.institution_id,
        PowerImplementation.id != (impl.id or 0))).first()
    if clash:
        raise ValidationFailed("power_list.duplicate_implementation", item=item.name, institution=inst.name)


@without_autoflush
def create_implementation(impl: PowerImplementation) -> PowerImplementation:
    _validate_implementation(impl)
    _s().add(impl)
    _s().flush()
    return impl


@without_autoflush
def update_implementation(impl: PowerImplementation, **changes) -> PowerImplementation:
    unknown = set(changes) - IMPL_UPDATABLE
    if unknown:
        raise ValidationFailed("power_list.not_changeable", fields=", ".join(sorted(unknown)))
    _validate_implementation(impl)
    _s().flush()
    return impl


def delete_implementation(impl: PowerImplementation) -> None:
    _s().delete(impl)
    _s().flush()


def _owner_check(part) -> PowerImplementation:
    sync_foreign_keys(part)
    impl = require(PowerImplementation, part.implementation_id, "实施清单 / implementation")
    scoping.refuse_outside(scoping.current_scope(), impl.institution_id, label=impl.name)
    return impl


@without_autoflush
def save_responsibility(r: ResponsibilityItem) -> ResponsibilityItem:
    _owner_check(r)
    _text(r, "content", "责任事项 / responsibility")
    r.step_name = (r.step_name or "").strip() or "其他"
    check_choice(r.step_name, rules.STEP_NAMES, "环节 / step")
    r.step = r.step if r.step is not None else rules.STEP_NAMES.index(r.step_name) + 1
    _s().add(r)
    _s().flush()
    return r


@without_autoflush
def save_accountability(a: AccountabilityCase) -> AccountabilityCase:
    _owner_check(a)
    _text(a, "content", "追责情形 / accountability case")
    _s().add(a)
    _s().flush()
    return a


def delete_part(obj) -> None:
    _s().delete(obj)
    _s().flush()
