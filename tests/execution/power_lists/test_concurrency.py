"""Races with real threads, on SQLite and PostgreSQL: generated codes never
collide, an item is implemented once per institution, parallel publications of
one department form one chain, and a case with list changes is applied once."""
from __future__ import annotations

from sqlalchemy import func, select

from app.extensions import db
from app.execution.power_lists.models import PowerCaseChange, PowerImplementation, PowerItem, PowerSnapshot
from app.execution.power_lists.services import catalogue, changes, publishing
from app.justification.cases import services as cases
from app.justification.cases.models import AdjustmentCase
from tests.execution.power_lists.fixtures import new_item
from tests.justification.cases.fixtures import fire, state, user, walk_to_office_meeting
from tests.races import ATTEMPTS, assert_chain_intact, race


def test_parallel_new_items_draw_distinct_codes(app, pw):
    def attempt(i):
        catalogue.create_item(PowerItem(name=f"事项{i}", type_id=pw.types["02"], legal_basis="《教育法》",
                                        department_id=pw.w.dept))

    assert race(app, attempt) == (ATTEMPTS, 0)
    codes = db.session.execute(select(PowerItem.code).where(PowerItem.type_id == pw.types["02"])).scalars().all()
    assert len(set(codes)) == ATTEMPTS and sorted(int(c[11:14]) for c in codes) == list(range(1, ATTEMPTS + 1))
    assert_chain_intact()


def test_an_item_is_implemented_once_per_institution(app, pw):
    def attempt(i):
        catalogue.create_implementation(PowerImplementation(item_id=pw.item, institution_id=pw.district,
                                                            level="district", handling_division=f"处{i}"))

    assert race(app, attempt) == (1, ATTEMPTS - 1)
    assert db.session.execute(select(func.count()).select_from(PowerImplementation).where(
        PowerImplementation.institution_id == pw.district)).scalar() == 1
    assert_chain_intact()


def test_parallel_publications_form_one_chain(app, pw):
    def attempt(i):
        publishing.publish(pw.w.dept, actor=f"t{i}")

    assert race(app, attempt, attempts=32) == (32, 0)
    snaps = db.session.execute(select(PowerSnapshot).order_by(PowerSnapshot.id)).scalars().all()
    assert len(snaps) == 32 and publishing.verify_all() == []
    assert [s.prev_hash for s in snaps[1:]] == [s.content_hash for s in snaps[:-1]]
    assert_chain_intact()


def test_sixteen_approvers_apply_the_list_changes_once(app, pw):
    from app.core.db import transaction

    with transaction():
        case = cases.create_case(AdjustmentCase(title="新增事项", case_type="function_change", institution_id=pw.w.dept),
                                 user(pw.w, "department"))
        changes.save_change(PowerCaseChange(case_id=case.id, kind="add", institution_id=pw.w.dept, level="city",
                                            name="新增的许可", type_id=pw.types["01"], legal_basis="《教育法》"))
        case_id = case.id
    walk_to_office_meeting(pw.w, case_id)
    fire(pw.w, case_id, "to_commission", "staff")

    def attempt(i):
        cases.transition(db.session.get(AdjustmentCase, case_id), "commission_approve", user(pw.w, "leader"),
                         doc_no=f"青编委〔2026〕{i}号")

    assert race(app, attempt, attempts=16) == (1, 15)
    assert state(case_id) == "approved"
    assert db.session.execute(select(func.count()).select_from(PowerItem).where(
        PowerItem.name == "新增的许可")).scalar() == 1
    assert_chain_intact()


def test_items_in_other_prefixes_do_not_wait_on_each_other(app, pw):
    """Two departments, one type: each prefix has its own sequence."""
    def attempt(i):
        dept = pw.w.dept if i % 2 else pw.w.foreign
        catalogue.create_item(PowerItem(name=f"检查{i}", type_id=pw.types["10"], legal_basis="依据",
                                        department_id=dept))

    assert race(app, attempt, attempts=32) == (32, 0)
    for dept in (pw.w.dept, pw.w.foreign):
        codes = db.session.execute(select(PowerItem.code).where(PowerItem.department_id == dept,
                                                                PowerItem.type_id == pw.types["10"])).scalars().all()
        assert sorted(int(c[11:14]) for c in codes) == list(range(1, 17))
    new_item(pw.w.dept, pw.types["10"], "再一项")
