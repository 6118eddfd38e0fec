"""Small ORM helpers shared by the generic CRUD doors and the services."""
from __future__ import annotations

import functools
import operator
from typing import Optional

from sqlalchemy import BigInteger, Integer, Numeric, String
from sqlalchemy import inspect as sa_inspect


def sync_foreign_keys(obj) -> None:
    """Forms assign related objects, the API assigns ids: make the ids true.

    Only relationships assigned in this unit of work count, so that a stale,
    previously loaded related object never overrides an id set by the API.
    """
    from sqlalchemy.orm import MANYTOONE

    state = sa_inspect(obj)
    for rel in state.mapper.relationships:
        if rel.direction is not MANYTOONE or len(rel.local_columns) != 1:
            continue
        if rel.key not in state.dict:
            continue  # never loaded nor assigned: nothing to sync (a new row built from ids)
        if state.attrs[rel.key].history.has_changes():
            related = getattr(obj, rel.key)
            if related is not None and sa_inspect(related).identity is None:
                continue  # a new related object: refuse_nested_creation decides
            column = next(iter(rel.local_columns))
            prop = state.mapper.get_property_by_column(column)
            setattr(obj, prop.key, sa_inspect(related).identity[0] if related is not None else None)


def pending_changes(obj) -> dict:
    """The column values changed on ``obj`` in this unit of work, by attribute
    name: what FAB's form or API wrote onto the row, handed by the generic edit
    door to a service that takes explicit changes."""
    state = sa_inspect(obj)
    return {attr.key: state.dict.get(attr.key) for attr in state.mapper.column_attrs
            if state.attrs[attr.key].history.has_changes()}


# ---------------------------------------------------------------------------
# Column limits: a clear refusal instead of a driver error (SQLite overflow,
# PostgreSQL "value too long" / "out of range"), checked on every flush.
# ---------------------------------------------------------------------------

INT32 = (-(2**31), 2**31 - 1)
INT64 = (-(2**63), 2**63 - 1)


@functools.lru_cache(maxsize=None)
def _limits(column) -> Optional[tuple]:
    """What a column can hold, worked out once per column: ("int", low, high),
    ("num", bound) or ("str", length); None when anything goes."""
    ctype = column.type
    if isinstance(ctype, Integer):
        return ("int", *(INT64 if isinstance(ctype, BigInteger) else INT32))
    if isinstance(ctype, Numeric) and ctype.precision:
        return ("num", 10 ** (ctype.precision - (ctype.scale or 0)))
    if isinstance(ctype, String) and ctype.length:
        return ("str", ctype.length)
    return None


def _limit_error(model_name: str, key, column, value):
    from app.core.errors import ValidationFailed

    limits = _limits(column)
    if limits is None or value is None or isinstance(value, bool):
        return None
    field = f"{model_name}.{key}"
    kind = limits[0]
    if kind == "int" and isinstance(value, int):
        low, high = limits[1], limits[2]
        if not low <= value <= high:
            return ValidationFailed("write.out_of_range", field=field, value=value, low=low, high=high)
    elif kind == "num" and value == value:
        bound = limits[1]
        try:
            too_big = abs(value) >= bound
        except TypeError:
            return None
        if too_big:
            return ValidationFailed("write.out_of_range", field=field, value=value, low=-bound, high=bound)
    elif kind == "str" and isinstance(value, str) and len(value) > limits[1]:
        return ValidationFailed("write.too_long", field=field, length=len(value), limit=limits[1])
    return None


@functools.lru_cache(maxsize=None)
def _limited_columns(mapper) -> tuple:
    """(key, column) of the mapper's columns that have a limit, worked out once."""
    return tuple((attr.key, attr.columns[0]) for attr in mapper.column_attrs if _limits(attr.columns[0]) is not None)


def validate_columns(obj, *, only_changed: bool = False) -> None:
    """Raise ``ValidationFailed`` if a value does not fit its column."""
    state = sa_inspect(obj)
    values = state.dict
    for key, column in _limited_columns(state.mapper):
        value = values.get(key)
        if value is None:
            continue
        if only_changed and not state.attrs[key].history.has_changes():
            continue
        error = _limit_error(type(obj).__name__, key, column, value)
        if error is not None:
            raise error


def _check_limits_before_flush(session, _ctx, _instances) -> None:
    for obj in session.new:
        validate_columns(obj)
    for obj in session.dirty:
        validate_columns(obj, only_changed=True)


def install_column_limits() -> None:
    from sqlalchemy import event
    from sqlalchemy.orm import Session

    if not event.contains(Session, "before_flush", _check_limits_before_flush):
        event.listen(Session, "before_flush", _check_limits_before_flush)


# ---------------------------------------------------------------------------
# Refusals every service needs
# ---------------------------------------------------------------------------


def require(model, pk, field: str):
    """The row ``pk`` of ``model``; a named refusal when it is missing."""
    from app.core.errors import ValidationFailed
    from app.extensions import db

    obj = db.session.get(model, pk) if pk is not None else None
    if obj is None:
        raise ValidationFailed("write.required", field=field)
    return obj


def check_choice(value, allowed, field: str) -> None:
    """Enumerated columns: a clear refusal instead of a CHECK-constraint error."""
    from app.core.errors import ValidationFailed

    if value not in allowed:
        raise ValidationFailed("write.choice", field=field, value=value, allowed=", ".join(allowed))


# ---------------------------------------------------------------------------
# Many new rows of one model at once
# ---------------------------------------------------------------------------


def validate_column_values(model, columns: dict[str, tuple]) -> None:
    """``validate_columns`` for plain rows given column by column (key -> the
    rows' values): a bulk write checks each limited column over the whole chunk
    from its longest string or extreme integers, not each value of each object."""
    for key, column in _limited_columns(sa_inspect(model)):
        values = [value for value in columns.get(key, ()) if value is not None]
        if not values or _all_fit(_limits(column), values):
            continue
        for value in values:  # some value does not fit: find the first, for its message
            error = _limit_error(model.__name__, key, column, value)
            if error is not None:
                raise error


def _all_fit(limits: tuple, values: list) -> bool:
    """Whether every value fits, from the longest string or the extreme integers
    (False when unsure: the caller then checks value by value)."""
    kind = limits[0]
    if kind == "str":
        return max(map(len, [v for v in values if type(v) is str]), default=0) <= limits[1]
    if kind == "int":
        ints = [v for v in values if type(v) is int]
        return not ints or (limits[1] <= min(ints) and max(ints) <= limits[2])
    return False


def insert_many(objects: list) -> list[int]:
    """Insert new ORM objects of one model with one executemany (``insert_rows``);
    the objects get their ids and stay outside the session (read them back by
    id when an ORM object is needed)."""
    if not objects:
        return []
    table = type(objects[0]).__table__
    rows = [{c.key: getattr(obj, c.key) for c in table.columns if c.key != "id"} for obj in objects]
    ids = insert_rows(type(objects[0]), rows)
    for obj, pk in zip(objects, ids):
        obj.id = pk
    return ids


def insert_rows(model, rows: list[dict]) -> list[int]:
    """Insert plain rows of one model with one executemany; audited as a flush would.

    The unit of work inserts row by row wherever it must read keys back (on
    SQLite always: its RETURNING order is not guaranteed), which costs more
    than the rest of a bulk use case.  Here the keys are drawn first: from the
    sequence on PostgreSQL, after ``max(id)`` on SQLite, whose writers hold the
    database write lock (``BEGIN IMMEDIATE``, ``app.core.db``) so nobody else
    can take them.  Column limits are checked first; a column no row sets is
    left out, so its default applies.  Returns the new ids in the rows' order.
    """
    from sqlalchemy import func, select, text

    from app.core import audit
    from app.extensions import db

    if not rows:
        return []
    table = model.__table__
    every = [c.key for c in table.columns if c.key != "id"]
    try:  # rows that name every column (a service's rows do): one C-level pass
        cells = list(map(operator.itemgetter(*every), rows)) if len(every) > 1 else [(row[every[0]],) for row in rows]
    except KeyError:
        cells = [tuple(row.get(k) for k in every) for row in rows]
    columns = dict(zip(every, zip(*cells)))
    validate_column_values(model, columns)
    keys = [k for k in every if any(map(_is_set, columns[k]))]
    session = db.session
    if session.get_bind().dialect.name == "postgresql":
        ids = session.execute(text(f"SELECT nextval(pg_get_serial_sequence('{table.name}', 'id')) "
                                   "FROM generate_series(1, :n)"), {"n": len(rows)}).scalars().all()
    else:
        first = session.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one() + 1
        ids = list(range(first, first + len(rows)))
    names = ["id", *keys]
    written = list(zip(ids, *(columns[k] for k in keys)))
    from app.core.bulk import execute_insert_tuples

    execute_insert_tuples(session, table, names, written)
    if audit.enabled(session):  # a dry run keeps nothing: no snapshots to make
        audit.record_many(session, "create", model.__name__,
                          [(pk, audit.snapshot_of(dict(zip(names, row)))) for pk, row in zip(ids, written)])
    return ids


def _is_set(value) -> bool:
    return value is not None


# ---------------------------------------------------------------------------
# Text matching
# ---------------------------------------------------------------------------


def like_text(text: str) -> str:
    """``text`` for a LIKE pattern with ``escape="\\\\"``: its own ``%`` and ``_`` are letters."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def contains(column, text: str):
    return column.like(f"%{like_text(text)}%", escape="\\")


def starts_with(column, prefix: str, session=None):
    """``column`` starts with ``prefix``.  On SQLite also as a range of the column's
    index: the binary collation is code-point order, so the prefix is one range, and
    LIKE alone scans the table.  PostgreSQL's collation need not be code-point order:
    LIKE alone (a ``varchar_pattern_ops`` index serves it)."""
    from sqlalchemy import and_

    from app.extensions import db

    condition = column.like(like_text(prefix) + "%", escape="\\")
    if (session or db.session).get_bind().dialect.name != "sqlite":
        return condition
    return and_(column >= prefix, column < prefix + "\U0010ffff", condition)

