"""The values of extra fields, inside the writing transaction (issue #16 §2): who may
read and write a field, reading, checking and writing values, filtering by them.
Defining and archiving a field is ``definitions``.

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
from typing import Any, Iterable, Optional

from sqlalchemy import delete, insert, select, update

from app.core import audit
from app.core.errors import ValidationFailed
from app.core.extra_fields.models import ExtraField, ExtraValue
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
