"""Every rule of the extra fields, in one place, inside the writing transaction
(issue #16 §2): defining a field, archiving it, and reading and writing values.

Doors (forms, the REST API, imports) pass what they received as text or Python
values; ``write`` checks all of them first (the role may write the field, the field
is live, the value fits its type and validation) and only then writes, so a refusal
leaves the database as it was.  A value is written with Core statements, not ORM
objects, and recorded in the audit log under the row it belongs to (``Person`` 17:
``extra.<code>`` before → after), as a change of any column of that row would be.
"""
from __future__ import annotations

import datetime as dt
import decimal
import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Optional

from sqlalchemy import delete, func, insert, select, update

from app.core import audit
from app.core.errors import ValidationFailed
from app.core.extra_fields.models import KINDS, ExtraField, ExtraValue
from app.extensions import db

# The resources an administrator may extend, and the dictionaries a choice may draw
# on (resource names, as registered by their domains; absent ones are skipped).
RESOURCES = ("Institution", "Person", "AdjustmentCase", "Registration", "PowerItem")
DICTIONARIES = ("Rank", "QuotaType", "InstitutionCategory", "Region")
CODE = re.compile(r"[a-z][a-z0-9_]{0,39}")
TEXT_LIMIT = 2000  # extra_value.value_text
NUMBER_LIMIT = decimal.Decimal("1e18")  # Numeric(24, 6)
YES = {"1", "true", "yes", "y", "是", "√"}
NO = {"0", "false", "no", "n", "否", "×"}


def _registered(name: str):
    from app.core.resources import REGISTERED

    return REGISTERED.get(name)


def resources() -> list[str]:
    return [name for name in RESOURCES if _registered(name) is not None]


def dictionaries() -> list[str]:
    return [name for name in DICTIONARIES if _registered(name) is not None]


def label_of(name: str) -> str:
    res = _registered(name)
    return str(res.label) if res is not None else name


def model_of(resource: str):
    return _registered(resource).model


def form_name(fld: ExtraField) -> str:
    """The field's name on forms, in the API and as a list column (``extra_<code>``)."""
    return f"extra_{fld.code}"


class Bilingual:
    """A message parameter worded per language (a field's zh and en labels)."""

    def __init__(self, zh: str, en: Optional[str] = None) -> None:
        self.zh, self.en = zh, en or zh

    def __str__(self) -> str:
        return self.zh


class FieldRefused(ValidationFailed):
    """A refusal naming a field: each language gets the field's label in that language."""

    def message(self, lang: Optional[str] = None) -> str:
        from app.core.messages import current_lang, render

        lang = lang or current_lang()
        params = {key: ((value.en if lang == "en" else value.zh) if isinstance(value, Bilingual) else value)
                  for key, value in self.params.items()}
        return render(self.key, lang, **params)


def _names(fld: ExtraField) -> dict[str, Any]:
    """Message parameters naming ``fld`` in both languages (and its form field)."""
    return {"field": Bilingual(fld.label_zh, fld.label_en), "column": form_name(fld)}


# --------------------------------------------------------------------------
# Who may read and write
# --------------------------------------------------------------------------


def _admin_role() -> str:
    from flask import current_app

    return current_app.config.get("AUTH_ROLE_ADMIN", "admin")


def current_roles() -> Optional[set[str]]:
    """The logged-in user's role names; ``None`` outside a request (CLI, seeds, jobs: all)."""
    from app.core.scoping import current_user, role_names

    user = current_user()
    if user is None or not getattr(user, "is_authenticated", False):
        from flask import has_request_context

        return set() if has_request_context() else None
    return role_names(user)


def may_write(fld: ExtraField, roles: Optional[set[str]]) -> bool:
    return roles is None or _admin_role() in roles or bool(roles & set(fld.write_roles or []))


def may_read(fld: ExtraField, roles: Optional[set[str]]) -> bool:
    return may_write(fld, roles) or bool(roles & set(fld.read_roles or []))


def fields_of(resource: str, roles: Optional[set[str]] = None, *, writable: bool = False,
              archived: bool = False) -> list[ExtraField]:
    """The live fields of ``resource`` that ``roles`` may read (or write), in order."""
    query = select(ExtraField).where(ExtraField.resource == resource)
    if not archived:
        query = query.where(ExtraField.archived.is_(False))
    rows = db.session.execute(query.order_by(ExtraField.sort, ExtraField.id)).scalars().all()
    allowed = may_write if writable else may_read
    return [f for f in rows if allowed(f, roles)]


# --------------------------------------------------------------------------
# Defining fields
# --------------------------------------------------------------------------


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


# --------------------------------------------------------------------------
# Values
# --------------------------------------------------------------------------


def dictionary_rows(name: str) -> list[tuple[str, str]]:
    """(code, name) of a dictionary's entries."""
    model = model_of(name)
    return [tuple(r) for r in db.session.execute(select(model.code, model.name)).all()]


def _dictionary_code(fld: ExtraField, value: str) -> Optional[str]:
    model = model_of(fld.dictionary)
    found = db.session.execute(select(model.code).where((model.code == value) | (model.name == value))
                               .limit(1)).scalar()
    return found


def _number(fld: ExtraField, raw: Any) -> decimal.Decimal:
    if isinstance(raw, bool):
        raise FieldRefused("extra.not_decimal", **_names(fld), value=raw)
    try:
        number = decimal.Decimal(str(raw).strip().replace(",", ""))
    except decimal.InvalidOperation:
        number = None
    if number is None or not number.is_finite() or abs(number) >= NUMBER_LIMIT:
        raise FieldRefused("extra.not_integer" if fld.kind == "integer" else "extra.not_decimal",
                           **_names(fld), value=str(raw)[:60])
    if fld.kind == "integer":
        if number != number.to_integral_value():
            raise FieldRefused("extra.not_integer", **_names(fld), value=str(raw)[:60])
        number = number.to_integral_value()
    elif number.as_tuple().exponent < -6:
        raise FieldRefused("extra.not_decimal", **_names(fld), value=str(raw)[:60])
    if fld.min_value is not None and number < fld.min_value:
        raise FieldRefused("extra.too_small", **_names(fld), limit=_plain_number(fld.min_value), value=number)
    if fld.max_value is not None and number > fld.max_value:
        raise FieldRefused("extra.too_large", **_names(fld), limit=_plain_number(fld.max_value), value=number)
    return number


def _plain_number(value: decimal.Decimal) -> str:
    text = format(value.normalize(), "f")
    return text


def _date(fld: ExtraField, raw: Any) -> dt.date:
    if isinstance(raw, dt.datetime):
        value = raw.date()
    elif isinstance(raw, dt.date):
        value = raw
    else:
        try:
            value = dt.date.fromisoformat(str(raw).strip().replace("/", "-").replace(".", "-"))
        except ValueError:
            raise FieldRefused("extra.not_date", **_names(fld), value=str(raw)[:60]) from None
    if fld.min_date and value < fld.min_date:
        raise FieldRefused("extra.too_small", **_names(fld), limit=fld.min_date.isoformat(), value=value.isoformat())
    if fld.max_date and value > fld.max_date:
        raise FieldRefused("extra.too_large", **_names(fld), limit=fld.max_date.isoformat(), value=value.isoformat())
    return value


def _text(fld: ExtraField, raw: Any) -> str:
    value = str(raw).strip()
    limit = min(fld.max_length or TEXT_LIMIT, TEXT_LIMIT)
    if len(value) > limit:
        raise FieldRefused("extra.too_long", **_names(fld), limit=limit)
    if fld.min_length and len(value) < fld.min_length:
        raise FieldRefused("extra.too_short", **_names(fld), limit=fld.min_length)
    if fld.pattern and not re.fullmatch(fld.pattern, value):
        raise FieldRefused("extra.no_match", **_names(fld), help=Bilingual(fld.help_zh or fld.pattern,
                                                                    fld.help_en or fld.help_zh or fld.pattern))
    return value


def parse(fld: ExtraField, raw: Any) -> Optional[dict[str, Any]]:
    """The value columns for ``raw`` (``None``: no value), or a refusal naming the field."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if fld.required:
            raise FieldRefused("extra.required", **_names(fld))
        return None
    kind = fld.kind
    if kind in ("integer", "decimal"):
        return {"value_num": _number(fld, raw)}
    if kind == "date":
        return {"value_date": _date(fld, raw)}
    if kind == "yesno":
        if isinstance(raw, bool):
            return {"value_num": decimal.Decimal(int(raw))}
        word = str(raw).strip().lower()
        if word not in YES | NO:
            raise FieldRefused("extra.not_yesno", **_names(fld), value=str(raw)[:60])
        return {"value_num": decimal.Decimal(int(word in YES))}
    if kind == "choice":
        code = _dictionary_code(fld, str(raw).strip())
        if code is None:
            raise FieldRefused("extra.not_in_dictionary", **_names(fld), value=str(raw)[:60],
                                   dictionary=label_of(fld.dictionary))
        return {"value_text": code}
    return {"value_text": _text(fld, raw)}


def typed_value(fld: ExtraField, value_text, value_num, value_date) -> Any:
    """A stored value as Python: str, int, Decimal, date or bool."""
    if fld.kind == "integer":
        return None if value_num is None else int(value_num)
    if fld.kind == "decimal":
        return None if value_num is None else decimal.Decimal(value_num).normalize()
    if fld.kind == "yesno":
        return None if value_num is None else bool(int(value_num))
    if fld.kind == "date":
        return value_date
    return value_text


def jsonable(value: Any) -> Any:
    if isinstance(value, (dt.date, decimal.Decimal)):
        return value.isoformat() if isinstance(value, dt.date) else _plain_number(value)
    return value


def write(resource: str, row_id: int, values: dict[str, Any], roles: Optional[set[str]] = None,
          *, complete: bool = False) -> int:
    """Set the extra fields ``values`` (code -> raw value; empty removes it) of one row.

    ``roles`` are the writer's (``None``: the system).  ``complete``: the door submits
    every field the roles may write (an add form, an import row), so a required field
    left out is refused too.  Everything is checked before anything is written.
    Returns how many values changed.
    """
    if resource not in resources():
        raise ValidationFailed("extra.unknown_resource", resource=resource,
                               allowed="、".join(label_of(r) for r in resources()))
    known = {f.code: f for f in fields_of(resource, None, archived=True)}
    parsed: dict[int, tuple[ExtraField, Optional[dict]]] = {}
    for code, raw in values.items():
        fld = known.get(code)
        if fld is None:
            raise ValidationFailed("extra.unknown_field", resource=label_of(resource), code=str(code)[:60])
        if not may_write(fld, roles):
            raise FieldRefused("extra.not_writable", **_names(fld))
        if fld.archived:
            raise FieldRefused("extra.archived", **_names(fld))
        parsed[fld.id] = (fld, parse(fld, raw))
    if complete:
        for fld in known.values():
            if fld.required and not fld.archived and fld.id not in parsed and may_write(fld, roles):
                raise FieldRefused("extra.required", **_names(fld))
    if not parsed:
        return 0
    model = model_of(resource)
    if db.session.execute(select(model.id).where(model.id == row_id)).first() is None:
        raise ValidationFailed("extra.no_row", resource=label_of(resource), row=row_id)
    stored = {r.field_id: r for r in db.session.execute(
        select(ExtraValue.id, ExtraValue.field_id, ExtraValue.value_text, ExtraValue.value_num, ExtraValue.value_date)
        .where(ExtraValue.row_id == row_id, ExtraValue.field_id.in_(list(parsed)))).all()}
    before, after = {}, {}
    for field_id, (fld, columns) in parsed.items():
        old = stored.get(field_id)
        old_value = typed_value(fld, old.value_text, old.value_num, old.value_date) if old else None
        new_value = typed_value(fld, **{"value_text": None, "value_num": None, "value_date": None, **(columns or {})})
        if old_value == new_value:
            continue
        if columns is None:
            db.session.execute(delete(ExtraValue).where(ExtraValue.id == old.id))
        elif old is None:
            db.session.execute(insert(ExtraValue).values(field_id=field_id, row_id=row_id, **columns))
        else:
            db.session.execute(update(ExtraValue).where(ExtraValue.id == old.id).values(
                **{"value_text": None, "value_num": None, "value_date": None, **columns}))
        key = f"extra.{fld.code}"
        before[key], after[key] = jsonable(old_value), jsonable(new_value)
    if after:
        audit.record(db.session, "update", model.__name__, row_id, before=before, after=after)
    return len(after)


def read(resource: str, row_ids: Iterable[int], roles: Optional[set[str]] = None) -> dict[int, dict[str, Any]]:
    """row id -> {code: typed value} of the fields ``roles`` may read, for rows that have any."""
    fields = {f.id: f for f in fields_of(resource, roles)}
    ids = list(row_ids)
    if not fields or not ids:
        return {}
    out: dict[int, dict[str, Any]] = {}
    for chunk in range(0, len(ids), 500):
        rows = db.session.execute(select(ExtraValue.row_id, ExtraValue.field_id, ExtraValue.value_text,
                                         ExtraValue.value_num, ExtraValue.value_date)
                                  .where(ExtraValue.field_id.in_(list(fields)),
                                         ExtraValue.row_id.in_(ids[chunk:chunk + 500]))).all()
        for row in rows:
            fld = fields[row.field_id]
            out.setdefault(row.row_id, {})[fld.code] = typed_value(fld, row.value_text, row.value_num, row.value_date)
    return out


def display(fld: ExtraField, value: Any) -> str:
    """A value as a reader sees it: 是/否, a dictionary entry's name, a plain number."""
    if value is None:
        return ""
    if fld.kind == "yesno":
        from app.core.messages import current_lang

        return ("Yes" if value else "No") if current_lang() == "en" else ("是" if value else "否")
    if fld.kind == "choice":
        return dict(dictionary_rows(fld.dictionary)).get(value, value)
    if isinstance(value, decimal.Decimal):
        return _plain_number(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


# --------------------------------------------------------------------------
# Filtering
# --------------------------------------------------------------------------

OPERATIONS = ("eq", "ct", "gt", "lt", "empty")


def row_filter(fld: ExtraField, operation: str, raw: Any):
    """A condition on the resource's ``id`` for "field ``operation`` ``raw``": a sub-select
    of row ids served by the ``(field_id, value_…, row_id)`` indexes."""
    model = model_of(fld.resource)
    ids = select(ExtraValue.row_id).where(ExtraValue.field_id == fld.id)
    if operation == "empty":
        return model.id.not_in(ids)
    if operation == "ct" and fld.kind == "text":
        from app.core.orm import contains

        return model.id.in_(ids.where(contains(ExtraValue.value_text, str(raw))))
    columns = parse(_optional(fld), raw)
    if columns is None:
        return model.id.not_in(ids)
    (name, value), = columns.items()
    column = getattr(ExtraValue, name)
    condition = {"eq": column == value, "gt": column > value, "lt": column < value}.get(operation, column == value)
    return model.id.in_(ids.where(condition))


def _optional(fld: ExtraField) -> ExtraField:
    """``fld`` without its required flag and range (a filter value need not be a valid entry)."""
    return ExtraField(id=fld.id, resource=fld.resource, code=fld.code, label_zh=fld.label_zh, label_en=fld.label_en,
                      kind=fld.kind, dictionary=fld.dictionary, required=False)


def forget(resource: str, row_id: int) -> int:
    """The row is deleted: its values go with it (audited, as the row's own columns are)."""
    fields = {f.id: f for f in fields_of(resource, None, archived=True)}
    if not fields:
        return 0
    rows = db.session.execute(select(ExtraValue.field_id, ExtraValue.value_text, ExtraValue.value_num,
                                     ExtraValue.value_date).where(ExtraValue.row_id == row_id,
                                                                  ExtraValue.field_id.in_(list(fields)))).all()
    if not rows:
        return 0
    before = {f"extra.{fields[r.field_id].code}": jsonable(typed_value(fields[r.field_id], r.value_text, r.value_num,
                                                                      r.value_date)) for r in rows}
    db.session.execute(delete(ExtraValue).where(ExtraValue.row_id == row_id, ExtraValue.field_id.in_(list(fields))))
    audit.record(db.session, "update", model_of(resource).__name__, row_id, before=before,
                 after={key: None for key in before})
    return len(rows)


def resource_of(model: type) -> Optional[str]:
    """The extensible resource whose rows are ``model``'s (None: not one)."""
    return next((name for name in resources() if model_of(name) is model), None)


def as_text(fld: ExtraField, value: Any) -> str:
    """A stored value as a form shows it for editing (the inverse of ``parse``)."""
    if value is None:
        return ""
    if fld.kind == "yesno":
        return "1" if value else "0"
    if isinstance(value, decimal.Decimal):
        return _plain_number(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
