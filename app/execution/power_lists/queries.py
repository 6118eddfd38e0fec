"""三级四同 (three-level consistency): every implementation whose name, type,
code or legal basis differs from its catalogue item, as one set-based SQL
statement (four joins united), scoped like every list."""
from __future__ import annotations

from typing import Optional

from sqlalchemy import func, literal, select, union_all
from sqlalchemy.orm import aliased

from app.core import scoping
from app.extensions import db
from app.execution.power_lists.models import PowerImplementation, PowerItem, PowerType
from app.quota.models import Institution

FIELDS = ("name", "type", "code", "legal_basis")
COLUMNS = ("implementation_id", "item_code", "item_name", "level", "institution", "field", "expected", "actual")


def deviations_query(scope: Optional[scoping.Scope] = None, *, field: Optional[str] = None):
    """A SELECT of every deviation: (implementation id, item code, item name,
    level, institution, field, catalogue value, implementation value)."""
    impl, item = PowerImplementation, PowerItem
    item_type, impl_type = aliased(PowerType), aliased(PowerType)

    def part(name, expected, actual, *joins):
        q = (select(impl.id.label("implementation_id"), item.code.label("item_code"), item.name.label("item_name"),
                    impl.level.label("level"), Institution.name.label("institution"), literal(name).label("field"),
                    expected.label("expected"), actual.label("actual"))
             .join(item, item.id == impl.item_id).join(Institution, Institution.id == impl.institution_id))
        for target, on in joins:
            q = q.join(target, on)
        q = q.where(impl.status == "active", expected != actual)
        if scope is not None:
            q = q.where(impl.institution_id.in_(scoping.institution_ids_in(scope)) if not scope.empty
                        else literal(False))
        return q

    parts = {
        "name": part("name", item.name, impl.name),
        "type": part("type", item_type.code + literal(" ") + item_type.name,
                     impl_type.code + literal(" ") + impl_type.name,
                     (item_type, item_type.id == item.type_id), (impl_type, impl_type.id == impl.type_id)),
        "code": part("code", item.code, impl.code),
        "legal_basis": part("legal_basis", item.legal_basis, impl.legal_basis),
    }
    if field in parts:
        return parts[field].subquery()
    return union_all(*parts.values()).subquery()


def deviations(scope=None, *, field=None, offset: int = 0, limit: Optional[int] = 50) -> tuple[int, list]:
    sub = deviations_query(scope, field=field)
    total = db.session.execute(select(func.count()).select_from(sub)).scalar()
    q = select(*sub.c).order_by(sub.c.item_code, sub.c.level, sub.c.implementation_id, sub.c.field).offset(offset)
    if limit is not None:
        q = q.limit(limit)
    return total, db.session.execute(q).all()


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
