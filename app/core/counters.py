"""Row locks and counters under concurrency, for every domain's services.

Counters (``used``, ``occupied``, ``approved`` …) move with one relative,
conditional ``UPDATE … SET n = n + :d WHERE … AND <invariant>``; the row count
decides.  PostgreSQL re-evaluates the WHERE clause on the row it locks, SQLite
runs writers one at a time (``BEGIN IMMEDIATE``, see ``app.core.db``), so two
parallel requests can never both pass the invariant.

Lock order, to avoid deadlocks, when one use case moves several counters:
institution cap → regional cap → allocation → leadership quota; rows of one
table in id order (``lock_in_order``).
"""
from __future__ import annotations

from sqlalchemy import and_, inspect as sa_inspect, or_, select, update
from sqlalchemy.orm.attributes import set_committed_value

from app.core import audit
from app.core.errors import NotFound
from app.extensions import db


def locked_state(obj, keys, *, derived=()) -> dict:
    """The row's committed values of ``keys``, read under a row lock.

    Two requests editing the same row each hold a copy loaded before the other
    committed; counters must move from what the database holds now, not from
    that copy.  PostgreSQL: SELECT … FOR UPDATE waits for the other writer and
    returns its committed values.  SQLite: writers are serialised, the plain
    read is already current.
    """
    model = type(obj)
    columns = [getattr(model, k) for k in keys]
    session = db.session
    with session.no_autoflush:  # the pending edit must not reach the row before we read it
        row = session.execute(select(*columns).where(model.id == obj.id).with_for_update()).one_or_none()
    if row is None:  # deleted by another request meanwhile
        raise NotFound("write.not_found", object=str(obj))
    state = dict(zip(keys, row))
    # Our copy may be older than the row.  What this request did not change
    # takes the row's current value (so neither the counters nor the UPDATE
    # act on a stale copy); what it changed is written.  Derived columns are
    # the service's own business and always come from the row.
    attrs = sa_inspect(obj).attrs
    for key, value in state.items():
        if key in derived or not attrs[key].history.has_changes():
            set_committed_value(obj, key, value)
    return state


def lock_in_order(model, wheres: list[list]) -> None:
    """SELECT … FOR UPDATE the rows matching any of ``wheres``, in id order (PostgreSQL).

    SQLite needs nothing (its writers are serialised) and SQLAlchemy drops the
    FOR UPDATE there.
    """
    db.session.execute(
        select(model.id).where(or_(*(and_(*w) for w in wheres))).order_by(model.id).with_for_update()
    ).all()


def rowcount(stmt) -> int:
    return db.session.execute(stmt.execution_options(synchronize_session=False)).rowcount


def move(model, where: list, column: str, n: int, *, also: tuple = ()) -> bool:
    """Move a counter by ``n`` in one conditional UPDATE; audit it; False if refused.

    ``also`` holds the invariant as SQL (e.g. ``used + n <= total``): it is
    evaluated by the database on the row it locks, so parallel requests cannot
    both pass it.  The new value comes back with RETURNING (SQLite ≥ 3.35, PG).
    """
    col = getattr(model, column)
    stmt = (
        update(model)
        .where(*where, *also)
        .values({column: col + n})
        .returning(model.id, col)
        .execution_options(synchronize_session=False)
    )
    row = db.session.execute(stmt).first()
    if row is None:
        return False
    audit.record(db.session, "update", model.__name__, row[0], before={column: row[1] - n}, after={column: row[1]})
    return True
