"""Defining extra fields (issue #16 §2): what an administrator may declare (a code,
a type, its validation, the roles that read and write it), changing one, and archiving
it with its values kept.  Values themselves are read and written in ``services``."""
from __future__ import annotations

import datetime as dt
import decimal
import re
from dataclasses import dataclass, field
from typing import Iterable, Optional

from sqlalchemy import func, select

from app.core.errors import ValidationFailed
from app.core.extra_fields.models import KINDS, ExtraField, ExtraValue
from app.core.extra_fields.services import (CODE, TEXT_LIMIT, Bilingual, FieldRefused, _names, dictionaries,
                                            label_of, resources)
from app.extensions import db


@dataclass
class FieldDraft:
    resource: str
    code: str
    label_zh: str
    kind: str = "text"
    label_en: str = ""
    dictionary: Optional[str] = None
    required: bool = False
    min_value: Optional[decimal.Decimal] = None
    max_value: Optional[decimal.Decimal] = None
    min_date: Optional[dt.date] = None
    max_date: Optional[dt.date] = None
    min_length: Optional[int] = None
    max_length: Optional[int] = None
    pattern: Optional[str] = None
    help_zh: str = ""
    help_en: str = ""
    read_roles: list[str] = field(default_factory=list)
    write_roles: list[str] = field(default_factory=list)
    sort: int = 0


def _bad_rule(draft: FieldDraft, zh: str, en: str) -> ValidationFailed:
    return FieldRefused("extra.bad_rule", field=Bilingual(draft.label_zh, draft.label_en),
                        detail=Bilingual(zh, en))


def check_definition(draft: FieldDraft) -> None:
    if draft.resource not in resources():
        raise ValidationFailed("extra.unknown_resource", resource=draft.resource,
                               allowed="、".join(label_of(r) for r in resources()))
    if not CODE.fullmatch(draft.code or ""):
        raise ValidationFailed("extra.bad_code", code=(draft.code or "")[:60])
    label = (draft.label_zh or "").strip()
    if not label or len(label) > 100 or len(draft.label_en or "") > 100:
        raise ValidationFailed("extra.no_label")
    if draft.kind not in KINDS:
        raise ValidationFailed("extra.bad_kind", kind=str(draft.kind)[:40])
    names = dict(field=Bilingual(label, draft.label_en))
    if draft.kind == "choice" and draft.dictionary not in dictionaries():
        raise FieldRefused("extra.no_dictionary", **names, allowed="、".join(label_of(d) for d in dictionaries()))
    low, high = draft.min_value, draft.max_value
    if low is not None and high is not None and low > high:
        raise _bad_rule(draft, f"最小值 {low} 大于最大值 {high}", f"the minimum {low} is above the maximum {high}")
    if draft.min_date and draft.max_date and draft.min_date > draft.max_date:
        raise _bad_rule(draft, "最早日期晚于最晚日期", "the earliest date is after the latest")
    for limit in (draft.min_length, draft.max_length):
        if limit is not None and not 0 <= limit <= TEXT_LIMIT:
            raise _bad_rule(draft, f"长度限制应在 0 至 {TEXT_LIMIT} 之间", f"length limits lie between 0 and {TEXT_LIMIT}")
    if draft.min_length and draft.max_length and draft.min_length > draft.max_length:
        raise _bad_rule(draft, "最短长度大于最长长度", "the shortest length is above the longest")
    if draft.pattern:
        try:
            re.compile(draft.pattern)
        except re.error as err:
            raise _bad_rule(draft, f"格式 (正则表达式) 无法解析: {err}", f"the pattern (a regular expression) "
                            f"does not parse: {err}") from None
        if len(draft.pattern) > 200:
            raise _bad_rule(draft, "格式最多 200 个字符", "the pattern has at most 200 characters")
    if len(draft.help_zh or "") > 300 or len(draft.help_en or "") > 300:
        raise _bad_rule(draft, "说明最多 300 个字符", "the help text has at most 300 characters")
    from flask_appbuilder.security.sqla.models import Role

    known = set(db.session.execute(select(Role.name)).scalars())
    for role in [*draft.read_roles, *draft.write_roles]:
        if role not in known:
            raise ValidationFailed("extra.unknown_role", role=str(role)[:60])


def _apply(row: ExtraField, draft: FieldDraft) -> None:
    typed = draft.kind
    row.label_zh, row.label_en = draft.label_zh.strip(), (draft.label_en or "").strip() or None
    row.dictionary = draft.dictionary if typed == "choice" else None
    row.required = bool(draft.required)
    numeric = typed in ("integer", "decimal")
    row.min_value, row.max_value = (draft.min_value, draft.max_value) if numeric else (None, None)
    row.min_date, row.max_date = (draft.min_date, draft.max_date) if typed == "date" else (None, None)
    text = typed == "text"
    row.min_length, row.max_length = (draft.min_length, draft.max_length) if text else (None, None)
    row.pattern = (draft.pattern or None) if text else None
    row.help_zh, row.help_en = (draft.help_zh or "").strip() or None, (draft.help_en or "").strip() or None
    row.read_roles = sorted(set(draft.read_roles))
    row.write_roles = sorted(set(draft.write_roles))
    row.sort = draft.sort or 0


def check_new(draft: FieldDraft) -> None:
    """Every rule a new field passes (its code unused on its resource, archived ones too)."""
    check_definition(draft)
    taken = db.session.execute(select(ExtraField.id).where(ExtraField.resource == draft.resource,
                                                           ExtraField.code == draft.code)).first()
    if taken:
        raise ValidationFailed("extra.code_taken", resource=label_of(draft.resource), code=draft.code)


def draft_of(row: ExtraField) -> FieldDraft:
    """A field's definition as a draft (the admin page fills the row from its form)."""
    values = {name: getattr(row, name) for name in FieldDraft.__dataclass_fields__}
    for name in ("label_en", "help_zh", "help_en", "label_zh", "code"):
        values[name] = values[name] or ""
    for name in ("read_roles", "write_roles"):
        values[name] = list(values[name] or [])
    values["required"], values["sort"] = bool(values["required"]), values["sort"] or 0
    return FieldDraft(**values)


def define(draft: FieldDraft) -> ExtraField:
    """A new field of ``draft.resource``."""
    check_new(draft)
    row = ExtraField(resource=draft.resource, code=draft.code, kind=draft.kind, archived=False)
    _apply(row, draft)
    db.session.add(row)
    db.session.flush()
    return row


def change(field_id: int, draft: FieldDraft) -> ExtraField:
    """New labels, rules or roles for a field; its resource, code and type stay (its
    values are stored by type)."""
    row = db.session.get(ExtraField, field_id)
    if row is None:
        raise ValidationFailed("extra.unknown_field", resource="", code=str(field_id))
    if (draft.resource, draft.code, draft.kind) != (row.resource, row.code, row.kind):
        raise FieldRefused("extra.fixed", **_names(row))
    check_definition(draft)
    _apply(row, draft)
    db.session.flush()
    return row


def archive(field_id: int, archived: bool = True) -> int:
    """Archive (or bring back) a field: it leaves every form, list and door, its values
    stay.  Returns how many rows carry a value."""
    row = db.session.get(ExtraField, field_id)
    if row is None:
        raise ValidationFailed("extra.unknown_field", resource="", code=str(field_id))
    row.archived = archived
    db.session.flush()
    return value_counts([field_id]).get(field_id, 0)


def value_counts(field_ids: Iterable[int]) -> dict[int, int]:
    ids = list(field_ids)
    if not ids:
        return {}
    rows = db.session.execute(select(ExtraValue.field_id, func.count()).where(ExtraValue.field_id.in_(ids))
                              .group_by(ExtraValue.field_id)).all()
    return dict(rows)
