"""The power lists' test world: the case world (a department with a unit, a
foreign department, the default workflow, one user per role), the type
dictionary, the active code format, and one item with a city implementation
for the department and for the foreign department."""
from __future__ import annotations

import json
from dataclasses import dataclass

import pytest
from sqlalchemy import select

from app.core.audit import AuditLog
from app.core.db import transaction
from app.extensions import db
from app.execution.power_lists.models import (
    AccountabilityCase,
    CodeFormat,
    PowerCaseChange,
    PowerImplementation,
    PowerItem,
    PowerSnapshot,
    PowerSnapshotItem,
    PowerType,
    ResponsibilityItem,
)
from app.execution.power_lists import rules
from app.execution.power_lists.services import catalogue
from app.quota.models import Institution, Region
from tests.justification.cases.fixtures import World, make_world

TYPES = (("01", "行政许可", False), ("02", "行政处罚", False), ("10", "其他行政权力", False), ("20", "公共服务事项", True))


@dataclass
class PowerWorld:
    w: World
    types: dict  # code -> id
    item: int  # the department's item
    impl: int  # its city implementation
    foreign_item: int
    foreign_impl: int
    district: int  # a district institution (市南区教育和体育局)


def new_item(dept: int, type_id: int, name: str, *, code: str | None = None, basis="《教育法》第十条") -> int:
    with transaction():
        return catalogue.create_item(PowerItem(name=name, type_id=type_id, legal_basis=basis, department_id=dept,
                                               code=code)).id


def implement(item_id: int, inst: int, level="city", duties=("受理", "审查", "决定"), **kw) -> int:
    with transaction():
        impl = catalogue.create_implementation(PowerImplementation(item_id=item_id, institution_id=inst, level=level,
                                                                   handling_division="审批处", statutory_days=20,
                                                                   promised_days=10, **kw))
        for step in duties:
            catalogue.save_responsibility(ResponsibilityItem(implementation_id=impl.id, step_name=step,
                                                             content=f"{step}环节的责任"))
        catalogue.save_accountability(AccountabilityCase(implementation_id=impl.id, content="未在法定期限内作出决定的"))
        return impl.id


def make_power_world(app) -> PowerWorld:
    w = make_world(app)
    with transaction():
        for sort, (code, name, service) in enumerate(TYPES):
            catalogue.save_type(PowerType(code=code, name=name, is_service=service, sort=sort))
        catalogue.save_format(CodeFormat(name="默认", segments=rules.DEFAULT_FORMAT, active=True))
        shinan = db.session.get(Region, w.ref.shinan)
        district = Institution(name="市南区教育和体育局", category_id=w.ref.gov, region_id=shinan.id, level="district")
        from app.quota import services as quota

        district = quota.create_institution(district).id
    types = dict(db.session.execute(select(PowerType.code, PowerType.id)).all())
    item = new_item(w.dept, types["01"], "民办学校设立审批")
    foreign_item = new_item(w.foreign, types["01"], "养老机构设立许可", basis="《养老机构管理办法》")
    return PowerWorld(w, types, item, implement(item, w.dept), foreign_item, implement(foreign_item, w.foreign),
                      district)


@pytest.fixture()
def pw(app, app_ctx) -> PowerWorld:
    return make_power_world(app)


def state_of_lists() -> dict:
    """Everything a list write could touch, to compare before and after a refusal."""
    db.session.expire_all()

    def rows(*cols):
        return sorted(tuple(r) for r in db.session.execute(select(*cols)).all())

    return {
        "items": rows(PowerItem.id, PowerItem.code, PowerItem.name, PowerItem.type_id, PowerItem.legal_basis,
                      PowerItem.status),
        "impls": rows(PowerImplementation.id, PowerImplementation.institution_id, PowerImplementation.name,
                      PowerImplementation.code, PowerImplementation.status, PowerImplementation.promised_days),
        "duties": rows(ResponsibilityItem.id, ResponsibilityItem.implementation_id, ResponsibilityItem.content),
        "cases": rows(AccountabilityCase.id, AccountabilityCase.content),
        "changes": rows(PowerCaseChange.id, PowerCaseChange.result),
        "snapshots": rows(PowerSnapshot.id, PowerSnapshot.content_hash),
        "snapshot_items": rows(PowerSnapshotItem.id),
        "types": rows(PowerType.id, PowerType.code, PowerType.name),
        "formats": rows(CodeFormat.id, CodeFormat.segments, CodeFormat.active),
        "audit": rows(AuditLog.id),
    }


def tamper(snapshot_item_id: int, **values) -> None:
    """Edit a published row by hand, behind the ORM's back (as someone with database access could)."""
    with db.engine.begin() as conn:
        conn.execute(PowerSnapshotItem.__table__.update().where(PowerSnapshotItem.id == snapshot_item_id)
                     .values(**values))


def detail(snapshot_item_id: int) -> dict:
    return json.loads(db.session.get(PowerSnapshotItem, snapshot_item_id).detail)
