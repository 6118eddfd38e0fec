"""Office divisions and task forces: service rules, each refusal leaving the database unchanged."""
from __future__ import annotations

import pytest

from app.core.db import transaction
from app.core.errors import DomainError
from app.extensions import db
from app.office import services
from app.office.models import DivisionMember, OfficeDivision, TaskForce, TaskForceMember
from tests.factories import make_user
from tests.office.fixtures import draw, join, new_division, new_task_force, snapshot

ALL = (OfficeDivision, DivisionMember, TaskForce, TaskForceMember)


@pytest.fixture()
def office(app, app_ctx):
    zh = new_division("general", "综合处", 1)
    org = new_division("organs", "机关编制处", 2)
    inst = new_division("institutions", "事业编制处", 3)
    alice = make_user(app, "alice", "staff")
    bob = make_user(app, "bob", "staff")
    join(alice, zh)
    join(alice, org)
    join(bob, inst)
    return dict(zh=zh, org=org, inst=inst, alice=alice, bob=bob)


def refused(key, fn, *args, prepare=None, **kwargs):
    """``fn(*args)`` (or ``fn(prepare())``) is refused with ``key``; no table changes."""
    before = snapshot(*ALL)
    with pytest.raises(DomainError) as exc:
        with transaction():
            fn(*(args or (prepare(),)), **kwargs)
    assert exc.value.key == key, exc.value.key
    assert snapshot(*ALL) == before
    return exc.value


def test_divisions_of_lists_every_division_of_a_user(office):
    assert services.divisions_of(office["alice"]) == {office["zh"], office["org"]}
    assert services.divisions_of(office["bob"]) == {office["inst"]}
    assert services.divisions_of(999999) == set()


def test_division_code_and_name_are_unique_and_required(office):
    err = refused("office.division_duplicate", services.save_division, OfficeDivision(code="x", name="综合处"))
    assert "综合处" in err.message("zh") and "综合处" in err.message("en")
    refused("office.division_duplicate", services.save_division, OfficeDivision(code="general", name="新处"))
    refused("write.required", services.save_division, OfficeDivision(code="  ", name="新处"))
    # renaming a division to its own name is no clash
    with transaction():
        div = db.session.get(OfficeDivision, office["zh"])
        div.name_en = "General Office"
        services.save_division(div)


def test_membership_is_a_unique_pair(office):
    refused("office.member_duplicate", services.save_division_member,
            DivisionMember(user_id=office["alice"], division_id=office["zh"]))
    refused("write.required", services.save_division_member, DivisionMember(user_id=999999, division_id=office["zh"]))


def test_task_force_members_come_from_their_divisions(office):
    tf = new_task_force("部门“三定”规定审核专班", office["org"])
    draw(tf, office["alice"], office["org"], is_lead=True)
    draw(tf, office["bob"], office["inst"])  # 一处室牵头、多处室联动
    # bob is not a member of 综合处
    tf2 = new_task_force("功能区体制机制改革工作专班", office["zh"])
    err = refused("office.not_division_member", services.save_task_force_member,
                  TaskForceMember(task_force_id=tf2, user_id=office["bob"], division_id=office["zh"]))
    assert "bob" in err.message("zh")
    refused("office.task_force_member_duplicate", services.save_task_force_member,
            TaskForceMember(task_force_id=tf, user_id=office["alice"], division_id=office["zh"]))
    members = db.session.query(TaskForceMember).filter_by(task_force_id=tf).all()
    assert {m.division_id for m in members} == {office["org"], office["inst"]}


def test_membership_a_task_force_draws_on_cannot_go(office):
    tf = new_task_force("属地管理工作专班", office["zh"])
    draw(tf, office["alice"], office["org"])
    m = db.session.query(DivisionMember).filter_by(user_id=office["alice"], division_id=office["org"]).one()
    refused("office.member_in_task_force", services.delete_division_member, m)

    def moved():
        m = db.session.query(DivisionMember).filter_by(user_id=office["alice"], division_id=office["org"]).one()
        m.division_id = office["inst"]
        return m

    refused("office.member_in_task_force", services.save_division_member, prepare=moved)
    # the other membership is free to go
    with transaction():
        services.delete_division_member(
            db.session.query(DivisionMember).filter_by(user_id=office["alice"], division_id=office["zh"]).one())
    assert services.divisions_of(office["alice"]) == {office["org"]}


def test_dissolved_task_force_keeps_its_members(office):
    tf = new_task_force("已完成专班", office["zh"])
    member = draw(tf, office["alice"], office["zh"])
    with transaction():
        t = db.session.get(TaskForce, tf)
        t.status = "dissolved"
        services.save_task_force(t)
    refused("office.task_force_dissolved", services.save_task_force_member,
            TaskForceMember(task_force_id=tf, user_id=office["bob"], division_id=office["inst"]))
    refused("office.task_force_dissolved", services.delete_task_force_member, db.session.get(TaskForceMember, member))

    def abolished():
        t = db.session.get(TaskForce, tf)
        t.status = "abolished"
        return t

    refused("write.choice", services.save_task_force, prepare=abolished)


def test_task_force_names_unique_and_delete_takes_members(office):
    tf = new_task_force("专班甲", office["zh"])
    draw(tf, office["alice"], office["zh"])
    refused("office.task_force_duplicate", services.save_task_force,
            TaskForce(name="专班甲", lead_division_id=office["org"]))
    refused("write.required", services.save_task_force, TaskForce(name="专班乙", lead_division_id=None))
    with transaction():
        services.delete_task_force(db.session.get(TaskForce, tf))
    assert db.session.query(TaskForceMember).count() == 0


def test_a_division_in_use_cannot_be_deleted(office):
    refused("office.division_in_use", services.delete_division, db.session.get(OfficeDivision, office["zh"]))
    empty = new_division("research", "机构编制研究处")
    tf = new_task_force("研究专班", empty)
    err = refused("office.division_in_use", services.delete_division, db.session.get(OfficeDivision, empty))
    assert "工作专班" in err.message("zh") and "task forces" in err.message("en")
    with transaction():
        services.delete_task_force(db.session.get(TaskForce, tf))
    with transaction():
        services.delete_division(db.session.get(OfficeDivision, empty))
    assert db.session.get(OfficeDivision, empty) is None
