"""List changes through an adjustment case: proposed by the department, applied
by the leader's sign-off in the same transaction, all or nothing."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from app.core.db import transaction
from app.core.errors import DomainError
from app.extensions import db
from app.execution.power_lists.models import PowerCaseChange, PowerImplementation, PowerItem
from app.execution.power_lists.services import changes
from app.justification.cases import services as cases
from app.justification.cases.models import AdjustmentCase
from tests.execution.power_lists.fixtures import implement, new_item, state_of_lists
from tests.conftest import api_token
from tests.justification.cases.fixtures import client_for, fire, state, user, walk_to_office_meeting

ADD = dict(kind="add", level="city", name="校外培训机构分支机构设立审批", legal_basis="《校外培训机构管理条例》第十二条",
           handling_division="行政审批处", statutory_days=20, promised_days=10,
           responsibilities_text="受理: 一次性告知补正材料\n审查: 审查办学条件\n决定: 按时办结",
           accountabilities_text="对符合法定条件的申请不予受理的\n未在法定期限内作出决定的")


def file(pw, *specs, institution=None) -> int:
    with transaction():
        case = cases.create_case(AdjustmentCase(title="权责清单调整", case_type="function_change",
                                                institution_id=institution or pw.w.dept, reasons="依法调整"),
                                 user(pw.w, "department"))
        for spec in specs:
            changes.save_change(PowerCaseChange(case_id=case.id, institution_id=pw.w.dept, **spec))
        return case.id


def approve(pw, case_id):
    walk_to_office_meeting(pw.w, case_id)
    fire(pw.w, case_id, "to_commission", "staff")
    fire(pw.w, case_id, "commission_approve", "leader", doc_no="青编委〔2026〕3号")


def impl_of(item_id, inst_id):
    return db.session.execute(select(PowerImplementation).where(
        PowerImplementation.item_id == item_id, PowerImplementation.institution_id == inst_id)).scalar_one_or_none()


def test_an_added_item_exists_after_the_sign_off_only(pw):
    case_id = file(pw, {**ADD, "type_id": pw.types["01"]})
    walk_to_office_meeting(pw.w, case_id)
    fire(pw.w, case_id, "to_commission", "staff")
    assert db.session.execute(select(PowerItem).where(PowerItem.name == ADD["name"])).first() is None
    fire(pw.w, case_id, "commission_approve", "leader", doc_no="青编委〔2026〕3号")
    assert state(case_id) == "approved"
    item = db.session.execute(select(PowerItem).where(PowerItem.name == ADD["name"])).scalar_one()
    impl = impl_of(item.id, pw.w.dept)
    assert item.code[9:11] == "01" and impl.promised_days == 10
    assert [r.step_name for r in impl.responsibilities] == ["受理", "审查", "决定"]
    assert len(impl.accountabilities) == 2
    change = db.session.execute(select(PowerCaseChange)).scalar_one()
    assert change.result == f"power_implementation:{impl.id}"


def test_cancel_devolve_and_modify(pw):
    other = new_item(pw.w.dept, pw.types["02"], "对民办学校违规办学的处罚")
    implement(other, pw.w.dept)
    third = new_item(pw.w.dept, pw.types["20"], "招生政策咨询")
    implement(third, pw.w.dept)
    case_id = file(pw, {"kind": "cancel", "item_id": pw.item},
                   {"kind": "devolve", "item_id": other, "target_id": pw.district, "level": "district"},
                   {"kind": "modify", "item_id": third, "promised_days": 3, "statutory_days": 5,
                    "accountabilities_text": "咨询答复错误造成损失的"})
    approve(pw, case_id)
    assert impl_of(pw.item, pw.w.dept).status == "cancelled"
    assert impl_of(other, pw.w.dept).status == "cancelled"
    down = impl_of(other, pw.district)
    assert (down.status, down.level) == ("active", "district")
    assert [r.step_name for r in down.responsibilities] == ["受理", "审查", "决定"]  # the duties went down with it
    modified = impl_of(third, pw.w.dept)
    assert (modified.promised_days, modified.statutory_days) == (3, 5)
    assert [a.content for a in modified.accountabilities] == ["咨询答复错误造成损失的"]


def test_a_change_refused_at_sign_off_rolls_everything_back(pw):
    case_id = file(pw, {"kind": "cancel", "item_id": pw.item}, {**ADD, "type_id": pw.types["01"]})
    walk_to_office_meeting(pw.w, case_id)
    fire(pw.w, case_id, "to_commission", "staff")
    # Meanwhile the office cancels the item by hand: the first change can no longer apply.
    with transaction():
        impl = impl_of(pw.item, pw.w.dept)
        db.session.delete(impl)
    before = state_of_lists()
    with pytest.raises(DomainError) as info:
        fire(pw.w, case_id, "commission_approve", "leader", doc_no="青编委〔2026〕4号")
    assert "第 1 项权责清单变更" in info.value.message("zh") and "List change 1" in info.value.message("en")
    assert "does not implement" in info.value.message("en")
    assert state(case_id) == "commission_review" and state_of_lists() == before


@pytest.mark.parametrize("spec, key", [
    ({"kind": "add", "name": "x", "legal_basis": "y"}, "write.required"),  # no type
    ({"kind": "add", "name": "x", "legal_basis": "y", "code": "123"}, "power_list.code_format"),
    ({"kind": "cancel"}, "write.required"),  # no item
    ({"kind": "devolve", "item_id": None, "target_id": None}, "write.required"),
    ({"kind": "modify"}, "power_list.modify_nothing"),
    ({"kind": "modify", "promised_days": 30}, "power_list.promised_over_statutory"),
    ({"kind": "rename"}, "write.choice"),
])
def test_malformed_changes_are_refused_when_proposed(pw, spec, key):
    spec = {**spec}
    if spec["kind"] in ("modify", "devolve") and "item_id" not in spec:
        spec["item_id"] = pw.item
    if spec["kind"] == "add" and "code" in spec:
        spec["type_id"] = pw.types["01"]
    if spec.get("promised_days") == 30:
        spec["statutory_days"] = 20
    case_id = file(pw)
    before = state_of_lists()
    with pytest.raises(DomainError) as info:
        with transaction():
            changes.save_change(PowerCaseChange(case_id=case_id, institution_id=pw.w.dept, **spec))
    assert info.value.key == key and state_of_lists() == before


def test_a_submitted_case_takes_no_new_change_from_the_department(app, pw):
    case_id = file(pw, {"kind": "cancel", "item_id": pw.item})
    fire(pw.w, case_id, "submit", "department")
    client = client_for(app, "department")
    resp = client.post("/api/v1/powercasechange/", json={"case": case_id, "kind": "cancel", "institution": pw.w.dept,
                                                         "item": pw.item},
                       headers={"Authorization": f"Bearer {api_token(client, 'case_dept')}"})
    assert resp.status_code in (403, 409, 422) and db.session.query(PowerCaseChange).count() == 1

