"""Small ORM helpers shared by the generic CRUD doors and the services."""
from __future__ import annotations

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
        if state.attrs[rel.key].history.has_changes():
            related = getattr(obj, rel.key)
            if related is not None and sa_inspect(related).identity is None:
                continue  # a new related object: refuse_nested_creation decides
            column = next(iter(rel.local_columns))
            prop = state.mapper.get_property_by_column(column)
            setattr(obj, prop.key, sa_inspect(related).identity[0] if related is not None else None)


# ---------------------------------------------------------------------------
# Column limits: a clear refusal instead of a driver error (SQLite overflow,
# PostgreSQL "value too long" / "out of range"), checked on every flush.
# ---------------------------------------------------------------------------

INT32 = (-(2**31), 2**31 - 1)
INT64 = (-(2**63), 2**63 - 1)


def _limit_error(obj, key, column, value):
    from sqlalchemy import BigInteger, Integer, Numeric, String

    from app.core.errors import ValidationFailed

    ctype = column.type
    field = f"{type(obj).__name__}.{key}"
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(ctype, Integer) and isinstance(value, int):
        low, high = INT64 if isinstance(ctype, BigInteger) else INT32
        if not low <= value <= high:
            return ValidationFailed("write.out_of_range", field=field, value=value, low=low, high=high)
    elif isinstance(ctype, Numeric) and not isinstance(ctype, Integer) and ctype.precision and value == value:
        bound = 10 ** (ctype.precision - (ctype.scale or 0))
        try:
            too_big = abs(value) >= bound
        except TypeError:
            return None
        if too_big:
            return ValidationFailed("write.out_of_range", field=field, value=value, low=-bound, high=bound)
    elif isinstance(ctype, String) and ctype.length and isinstance(value, str) and len(value) > ctype.length:
        return ValidationFailed("write.too_long", field=field, length=len(value), limit=ctype.length)
    return None


def validate_columns(obj, *, only_changed: bool = False) -> None:
    """Raise ``ValidationFailed`` if a value does not fit its column."""
    state = sa_inspect(obj)
    for attr in state.mapper.column_attrs:
        if only_changed and not state.attrs[attr.key].history.has_changes():
            continue
        value = state.dict.get(attr.key)
        error = _limit_error(obj, attr.key, attr.columns[0], value)
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
