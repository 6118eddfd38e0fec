"""The coordination list: status machine, closing rules, overdue flagging, the CLI."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from app.core import audit
from app.core.db import transaction
from app.core.errors import DomainError
from app.extensions import db
from app.justification.coordination import services
from app.justification.coordination.models import CoordinationItem, Milestone
from tests.justification.coordination.fixtures import new_item
from tests.office.fixtures import new_division, snapshot

TODAY = dt.date(2026, 11, 26)


def item(pk) -> CoordinationItem:
    db.session.expire_all()
    return db.session.get(CoordinationItem, pk)


def refused(key, fn):
    before = snapshot(CoordinationItem, Milestone)
    with pytest.raises(DomainError) as exc:
        with transaction():
            fn()
    assert exc.value.key == key, exc.value.key
    assert snapshot(CoordinationItem, Milestone) == before
    return exc.value


def test_forward_moves_and_closing(app_ctx):
    a = new_item("功能区体制机制改革")
    with transaction():
        services.transition(item(a), "supervised")
    with transaction():
        services.transition(item(a), "closed", note="改革任务完成", today=TODAY)
    got = item(a)
    assert (got.status, got.closed_on, got.closing_note) == ("closed", TODAY, "改革任务完成")
    b = new_item("事业单位绩效考核")
    with transaction():
        services.transition(item(b), "closed", note="直接销号", today=TODAY)  # 在办 → 销号 is allowed
    assert item(b).status == "closed"


def test_never_backwards_and_closed_is_final(app_ctx):
    a = new_item("党政机构改革")
    with transaction():
        services.transition(item(a), "supervised")
    err = refused("coordination.transition", lambda: services.transition(item(a), "in_progress"))
    assert "督办" in err.message("zh") and "supervised" in err.message("en")
    with transaction():
        services.transition(item(a), "closed", note="完成", today=TODAY)
    for target in ("in_progress", "supervised"):
        refused("coordination.closed", lambda: services.transition(item(a), target))
    refused("coordination.closed", lambda: services.transition(item(a), "closed", note="再销一次"))

    def edit():
        it = item(a)
        it.status, it.lead_leader = "supervised", "别人"
        services.update_item(it)

    refused("coordination.closed", edit)
    refused("coordination.closed", lambda: services.delete_item(item(a)))
    refused("coordination.closed", lambda: services.save_milestone(Milestone(item_id=a, title="补一个节点")))
    refused("write.choice", lambda: services.transition(item(a), "archived"))


def test_closing_needs_a_note_and_every_milestone_done(app_ctx):
    a = new_item("机构编制标准化", milestones=[("方案起草", TODAY), ("征求意见", None), ("印发", None)])
    refused("coordination.closing_note_required", lambda: services.transition(item(a), "closed", note="  "))
    err = refused("coordination.open_milestones", lambda: services.transition(item(a), "closed", note="完成"))
    assert "征求意见" in err.message("zh") and "2" in err.message("en")

    def close_by_edit():
        it = item(a)
        it.status, it.closing_note = "closed", "完成"
        services.update_item(it, today=TODAY)

    refused("coordination.open_milestones", close_by_edit)
    with transaction():
        for m in db.session.execute(select(Milestone).where(Milestone.item_id == a)).scalars():
            m.done_on = TODAY
            services.save_milestone(m)
    with transaction():
        close_by_edit()
    assert (item(a).status, item(a).closed_on) == ("closed", TODAY)


def test_edit_door_follows_the_machine(app_ctx):
    a = new_item("党政机构改革")

    def to(status, **kw):
        def run():
            it = item(a)
            it.status = status
            for k, v in kw.items():
                setattr(it, k, v)
            services.update_item(it, today=TODAY)
        return run

    with transaction():
        to("supervised")()
    refused("coordination.transition", to("in_progress"))
    refused("write.choice", to("lost"))
    refused("coordination.closing_note_required", to("closed"))
    # a closed_on sent by a form on an open item is not kept
    with transaction():
        to("supervised", closed_on=TODAY)()
    assert item(a).closed_on is None
    refused("coordination.new_status", lambda: services.create_item(CoordinationItem(
        title="新事项", lead_leader="办主任", lead_division_id=item(a).lead_division_id, due_on=TODAY,
        status="closed")))
    refused("coordination.duplicate", lambda: services.create_item(CoordinationItem(
        title="党政机构改革", lead_leader="办主任", lead_division_id=item(a).lead_division_id, due_on=TODAY)))
    refused("write.required", lambda: services.create_item(CoordinationItem(
        title="无期限", lead_leader="办主任", lead_division_id=item(a).lead_division_id, due_on=None)))


def test_is_overdue(app_ctx):
    a = new_item("逾期事项", due=dt.date(2026, 11, 1))
    it = item(a)
    assert it.is_overdue(TODAY) and not it.is_overdue(dt.date(2026, 11, 1))
    with transaction():
        services.transition(it, "closed", note="完成", today=TODAY)
    assert not item(a).is_overdue(TODAY)


def test_flag_overdue_moves_in_progress_items_once_with_audit(app_ctx):
    late = new_item("逾期在办", due=dt.date(2026, 11, 1))
    late_supervised = new_item("逾期督办", due=dt.date(2026, 10, 1))
    with transaction():
        services.transition(item(late_supervised), "supervised")
    on_time = new_item("按期", due=dt.date(2026, 12, 31))
    done = new_item("已销号", due=dt.date(2026, 10, 1))
    with transaction():
        services.transition(item(done), "closed", note="完成", today=dt.date(2026, 9, 30))
    with transaction():
        moved = services.flag_overdue(TODAY)
    assert [m.id for m in moved] == [late]
    assert [item(i).status for i in (late, late_supervised, on_time, done)] == [
        "supervised", "supervised", "in_progress", "closed"]
    rows = db.session.execute(select(audit.AuditLog).where(audit.AuditLog.object_type == "CoordinationItem",
                                                           audit.AuditLog.object_id == str(late))).scalars().all()
    assert any('"supervised"' in (r.after or "") and '"in_progress"' in (r.before or "") for r in rows)
    with transaction():
        assert services.flag_overdue(TODAY) == []
    assert audit.verify_chain(db.session) is None


def test_cli_flag_overdue(app):
    with app.app_context():
        late = new_item("逾期在办", due=dt.date(2026, 11, 1))
        db.session.remove()
    result = app.test_cli_runner().invoke(args=["coordination", "flag-overdue", "--today", "2026-11-26"])
    assert result.exit_code == 0, result.output
    assert "逾期在办" in result.output and "1 项转督办" in result.output
    with app.app_context():
        assert db.session.get(CoordinationItem, late).status == "supervised"
        actors = db.session.execute(select(audit.AuditLog.actor).where(
            audit.AuditLog.object_type == "CoordinationItem", audit.AuditLog.action == "update")).scalars().all()
        assert "cli:coordination-flag-overdue" in actors
        db.session.remove()
    result = app.test_cli_runner().invoke(args=["coordination", "flag-overdue", "--today", "2026-11-26"])
    assert "0 项转督办" in result.output


def test_office_rows_an_item_or_a_hearing_refers_to_cannot_be_deleted(app_ctx):
    """The office refuses through the references hearings and the coordination list
    declare (it imports neither): a lead or co-division, an organiser, a task force."""
    import datetime as dt_

    from app.justification.hearings import services as hearings
    from app.justification.hearings.models import Hearing
    from app.office import services as office
    from app.office.models import OfficeDivision, TaskForce
    from tests.office.fixtures import new_task_force

    lead, co, organiser = new_division("lead", "牵头处"), new_division("co", "配合处"), new_division("org", "组织处")
    tf = new_task_force("改革专班", new_division("tf", "专班牵头处"))
    pk = new_item("党政机构改革", lead=lead, co=(co,))
    with transaction():
        db.session.get(CoordinationItem, pk).task_force_id = tf  # as the item's form would set it
    with transaction():
        hearings.save_hearing(Hearing(title="座谈会", held_on=dt_.date(2026, 3, 1), organiser_id=organiser))
    for division, what in ((lead, "顶格协调事项"), (co, "顶格协调事项"), (organiser, "论证会")):
        with pytest.raises(DomainError) as err:
            with transaction():
                office.delete_division(db.session.get(OfficeDivision, division))
        assert err.value.key == "office.division_in_use" and what in err.value.message("zh")
    with pytest.raises(DomainError) as err:
        with transaction():
            office.delete_task_force(db.session.get(TaskForce, tf))
    assert err.value.message("zh") == "工作专班 改革专班 仍承担顶格协调事项 党政机构改革, 不能删除"
    db.session.expire_all()
    assert db.session.get(TaskForce, tf) is not None and db.session.get(OfficeDivision, co) is not None
