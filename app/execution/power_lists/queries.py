"""三级四同 (three-level consistency): every implementation whose name, type,
code or legal basis differs from its catalogue item.

One set-based statement finds the deviating implementations in a single pass
over the implementations (each joined to its item by key, the four
comparisons OR-ed); only those rows come back, and each differing field becomes
one row of the report.  Scoped like every list."""
from __future__ import annotations

from collections import namedtuple
from typing import Optional

from sqlalchemy import func, literal, or_, select

from app.core import scoping
from app.extensions import db
from app.execution.power_lists.models import PowerImplementation, PowerItem, PowerType
from app.quota.models import Institution

FIELDS = ("name", "type", "code", "legal_basis")
COLUMNS = ("implementation_id", "item_code", "item_name", "level", "institution", "field", "expected", "actual")
Deviation = namedtuple("Deviation", COLUMNS)
LEVEL_ORDER = {"city": 0, "district": 1, "town": 2}


def deviating_query(scope: Optional[scoping.Scope] = None, *, field: Optional[str] = None):
    """The implementations that differ from their item in ``field`` (any field when None)."""
    impl, item = PowerImplementation, PowerItem
    tests = {"name": impl.name != item.name, "type": impl.type_id != item.type_id, "code": impl.code != item.code,
             "legal_basis": impl.legal_basis != item.legal_basis}
    q = (select(impl.id, item.code, item.name, impl.level, impl.institution_id, impl.name, impl.code, item.type_id,
                impl.type_id, item.legal_basis, impl.legal_basis)
         .join(item, item.id == impl.item_id)
         .where(impl.status == "active", tests[field] if field in tests else or_(*tests.values())))
    if scope is not None:
        q = q.where(impl.institution_id.in_(scoping.institution_ids_in(scope)) if not scope.empty else literal(False))
    return q


def _report(rows, field: Optional[str]) -> list[Deviation]:
    """Each differing field of each deviating implementation, in item-code order."""
    inst_ids = {r[4] for r in rows}
    names = dict(db.session.execute(select(Institution.id, Institution.name).where(Institution.id.in_(inst_ids)))
                 .all()) if inst_ids else {}
    types = {i: f"{c} {n}" for i, c, n in db.session.execute(select(PowerType.id, PowerType.code, PowerType.name))}
    out = []
    for (impl_id, item_code, item_name, level, inst_id, name, code, item_type, impl_type, item_basis,
         impl_basis) in rows:
        pairs = {"name": (item_name, name), "type": (types.get(item_type), types.get(impl_type)),
                 "code": (item_code, code), "legal_basis": (item_basis, impl_basis)}
        for key in FIELDS:
            expected, actual = pairs[key]
            if (field is None or key == field) and expected != actual:
                out.append(Deviation(impl_id, item_code, item_name, level, names.get(inst_id), key, expected, actual))
    out.sort(key=lambda d: (d.item_code, LEVEL_ORDER.get(d.level, 9), d.implementation_id, FIELDS.index(d.field)))
    return out


def deviations(scope=None, *, field=None, offset: int = 0, limit: Optional[int] = 50) -> tuple[int, list]:
    """(how many deviations, the requested slice of them)."""
    report = _report(db.session.execute(deviating_query(scope, field=field)).all(), field)
    return len(report), report[offset:offset + limit if limit is not None else None]


def departments_to_publish(q: str = "", limit: int = 200) -> list:
    """Departments with an active list (scoped), their item count and last publication."""
    from app.execution.power_lists.models import PowerSnapshot

    counts = (select(PowerImplementation.institution_id.label("iid"), func.count().label("n"))
              .where(PowerImplementation.status == "active").group_by(PowerImplementation.institution_id)
              .subquery())
    last = (select(PowerSnapshot.institution_id.label("iid"), func.max(PowerSnapshot.published_on).label("on"))
            .group_by(PowerSnapshot.institution_id).subquery())
    stmt = (select(Institution.id, Institution.name, counts.c.n, last.c.on)
            .join(counts, counts.c.iid == Institution.id).outerjoin(last, last.c.iid == Institution.id))
    scope = scoping.current_scope()
    if scope is not None:
        stmt = stmt.where(Institution.id.in_(scoping.institution_ids_in(scope)) if not scope.empty
                          else literal(False))
    if q:
        stmt = stmt.where(Institution.name.contains(q, autoescape=True))
    return db.session.execute(stmt.order_by(Institution.path, Institution.id).limit(limit)).all()
