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
