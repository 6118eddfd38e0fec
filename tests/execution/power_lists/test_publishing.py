"""Publishing: a dated snapshot per department, never edited, with a hash over
its content and the previous snapshot's; tampering is detected by the check
and the command line."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from app.core.db import transaction
from app.core.errors import DomainError
from app.extensions import db
from app.execution.power_lists.models import PowerImplementation, PowerSnapshot, PowerSnapshotItem
from app.execution.power_lists.services import catalogue, publishing
from tests.execution.power_lists.fixtures import detail, implement, new_item, state_of_lists, tamper

DAY = dt.date(2026, 11, 30)


def publish(inst, day=DAY) -> int:
    with transaction():
        return publishing.publish(inst, today=day, actor="test").id


def test_a_snapshot_freezes_the_list_with_its_duties(pw):
    snap_id = publish(pw.w.dept)
    snap = db.session.get(PowerSnapshot, snap_id)
    assert (snap.published_on, snap.item_count, snap.prev_hash) == (DAY, 1, None) and len(snap.content_hash) == 64
    (row,) = db.session.execute(select(PowerSnapshotItem).where(PowerSnapshotItem.snapshot_id == snap_id)).scalars()
    d = detail(row.id)
    assert d["name"] == "民办学校设立审批" and [r["step_name"] for r in d["responsibilities"]] == ["受理", "审查", "决定"]
    assert d["accountabilities"] == ["未在法定期限内作出决定的"]
    assert publishing.verify(snap) is None
    # The live list changes later; the snapshot does not.
    with transaction():
        impl = db.session.get(PowerImplementation, pw.impl)
        impl.fees = "按标准收费"
        catalogue.update_implementation(impl, fees="按标准收费")
    assert detail(row.id)["fees"] is None and publishing.verify(snap) is None


def test_the_next_snapshot_chains_to_the_previous(pw):
    first = publish(pw.w.dept, DAY)
    implement(new_item(pw.w.dept, pw.types["20"], "招生政策咨询"), pw.w.dept)
    second = publish(pw.w.dept, DAY + dt.timedelta(days=1))
    a, b = db.session.get(PowerSnapshot, first), db.session.get(PowerSnapshot, second)
    assert b.prev_hash == a.content_hash and b.item_count == 2 and publishing.verify_all() == []


def test_nothing_to_publish_is_refused(pw):
    before = state_of_lists()
    with pytest.raises(DomainError) as info:
        with transaction():
            publishing.publish(pw.district, today=DAY)
    assert info.value.key == "power_list.nothing_to_publish" and "市南区教育和体育局" in info.value.message("zh")
    assert state_of_lists() == before


def test_the_orm_refuses_to_edit_or_delete_a_snapshot(pw):
    snap_id = publish(pw.w.dept)
    for change in (lambda s: setattr(s, "item_count", 5), lambda s: db.session.delete(s)):
        snap = db.session.get(PowerSnapshot, snap_id)
        change(snap)
        with pytest.raises(RuntimeError):
            db.session.flush()
        db.session.rollback()
    assert db.session.get(PowerSnapshot, snap_id).item_count == 1


@pytest.mark.parametrize("edit", [
    {"name": "改过的名称"},
    {"detail": '{"code":"x","name":"y","type_code":"01"}'},
])
def test_an_edit_by_hand_in_the_database_is_detected(app, pw, edit):
    snap_id = publish(pw.w.dept)
    row_id = db.session.execute(select(PowerSnapshotItem.id).where(PowerSnapshotItem.snapshot_id == snap_id)).scalar()
    db.session.rollback()
    tamper(row_id, **edit)
    db.session.expire_all()
    assert publishing.verify(db.session.get(PowerSnapshot, snap_id)) is not None
    db.session.rollback()
    result = app.test_cli_runner().invoke(args=["power-lists", "verify"])
    assert result.exit_code == 1 and f"#{snap_id}" in result.output


def test_a_removed_older_snapshot_breaks_the_next(app, pw):
    first = publish(pw.w.dept, DAY)
    second = publish(pw.w.dept, DAY + dt.timedelta(days=1))
    db.session.rollback()
    with db.engine.begin() as conn:
        conn.execute(PowerSnapshotItem.__table__.delete().where(PowerSnapshotItem.snapshot_id == first))
        conn.execute(PowerSnapshot.__table__.delete().where(PowerSnapshot.id == first))
    db.session.expire_all()
    assert "previous snapshot" in publishing.verify(db.session.get(PowerSnapshot, second))


def test_the_command_line_passes_an_intact_history(app, pw):
    publish(pw.w.dept)
    db.session.rollback()
    result = app.test_cli_runner().invoke(args=["power-lists", "verify"])
    assert result.exit_code == 0 and "intact" in result.output
    result = app.test_cli_runner().invoke(args=["power-lists", "publish", str(pw.w.foreign)])
    assert result.exit_code == 0 and "1 items" in result.output
    result = app.test_cli_runner().invoke(args=["power-lists", "publish", str(pw.district)])
    assert result.exit_code == 2 and "nothing to publish" in result.output
