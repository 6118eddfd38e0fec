"""The approval workflow as data: routes, roles, 一支笔, 会签 and the history."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.core.audit import AuditLog
from app.core.db import transaction
from app.core.errors import Conflict, DomainError, Forbidden, ValidationFailed
from app.extensions import db
from app.approval.models import CaseEvaluation
from app.justification.cases.models import AdjustmentCase
from app.quota.models import QuotaLedgerEntry, RegionalCap
from app.workflow import engine
from app.workflow.models import Workflow, WorkflowState, WorkflowTransition
from app.workflow import services as wf_services
from tests.justification.cases.fixtures import (
    approved,
    countersign_all,
    file_case,
    fire,
    snapshot,
    state,
    user,
    walk_to_office_meeting,
)


def test_whole_loop_applies_the_change_and_leaves_a_trail(world):
    case_id = file_case(world, delta=3)
    assert state(case_id) == "draft"
    walk_to_office_meeting(world, case_id)
    assert state(case_id) == "office_meeting"
    before = approved(world.dept, world.ref.admin_q)
    fire(world, case_id, "office_approve", "leader", doc_no="青编办字〔2026〕12号", comment="同意")
    case = db.session.get(AdjustmentCase, case_id)
    assert case.state.code == "approved" and case.applied_at is not None
    assert case.approval_doc_no == "青编办字〔2026〕12号"
    assert approved(world.dept, world.ref.admin_q) == before + 3
    entry = db.session.execute(select(QuotaLedgerEntry).order_by(QuotaLedgerEntry.id.desc()).limit(1)).scalar_one()
    assert (entry.delta, entry.doc_no) == (3, "青编办字〔2026〕12号") and case.number in entry.reason
    assert db.session.get(RegionalCap, world.cap).used == 23
    # history: start + 6 transitions, each with who / from / to
    rows = engine.history(case)
    assert [h.to_state.code for h in rows] == ["draft", "submitted", "accepted", "justifying", "division_review",
                                                "office_meeting", "approved"]
    assert rows[-1].actor_name == "case_leader" and rows[-1].from_state.code == "office_meeting"
    assert rows[-1].comment == "同意"
    audits = db.session.execute(select(AuditLog).where(AuditLog.action == "transition",
                                                       AuditLog.object_id == str(case_id))).scalars().all()
    assert len(audits) == 7
    # 动态调整: the three evaluations are scheduled for the touched institution
    kinds = db.session.execute(select(CaseEvaluation.kind).where(CaseEvaluation.case_id == case_id)).scalars().all()
    assert sorted(kinds) == ["duties", "establishment", "quota_use"]


@pytest.mark.parametrize("role", ["admin", "staff", "department", "inspector"])
def test_only_the_signoff_role_approves(world, role):
    case_id = file_case(world)
    walk_to_office_meeting(world, case_id)
    before = snapshot(world)
    with pytest.raises(Forbidden) as err:
        fire(world, case_id, "office_approve", role, doc_no="X-1")
    assert err.value.key == "workflow.signoff_only"
    assert "leader" in err.value.message("zh") and "一支笔" in err.value.message("zh")
    assert "administrators included" in err.value.message("en")
    assert snapshot(world) == before


def test_forbidden_transitions_are_refused_with_a_reason(world):
    case_id = file_case(world)
    before = snapshot(world)
    with pytest.raises(Conflict) as err:  # accept needs 申请, the case is a draft
        fire(world, case_id, "accept", "staff")
    assert err.value.key == "workflow.wrong_state" and "草拟" in err.value.message("zh")
    fire(world, case_id, "submit", "department")
    with pytest.raises(Forbidden) as err:  # a unit cannot accept its own request
        fire(world, case_id, "accept", "department")
    assert err.value.key == "workflow.role_required" and "staff" in err.value.message("en")
    with pytest.raises(DomainError) as err:
        fire(world, case_id, "no_such_transition", "staff")
    assert err.value.key == "workflow.unknown_transition"
    with pytest.raises(ValidationFailed) as err:  # a return needs a reason
        fire(world, case_id, "return_submitted", "staff")
    assert err.value.key == "workflow.comment_required"
    assert snapshot(world)["states"] != before["states"]  # only the submit moved it
    assert state(case_id) == "submitted"


def test_countersign_every_division_before_moving_on(world):
    case_id = file_case(world)
    for t, role in (("submit", "department"), ("accept", "staff"), ("start_justification", "staff"),
                    ("to_review", "staff")):
        fire(world, case_id, t, role)
    with pytest.raises(ValidationFailed) as err:
        fire(world, case_id, "review_pass", "staff")
    assert "机关编制处" in err.value.message("zh") and "事业编制处" in err.value.message("zh")
    case = db.session.get(AdjustmentCase, case_id)
    with pytest.raises(Forbidden):  # staff is not a member of 事业编制处
        with transaction():
            engine.countersign(case, world.div_b, user(world, "staff"), agree=True)
    with pytest.raises(ValidationFailed):  # a disagreement needs a reason
        with transaction():
            engine.countersign(case, world.div_a, user(world, "staff"), agree=False)
    with transaction():
        engine.countersign(db.session.get(AdjustmentCase, case_id), world.div_a, user(world, "staff"), agree=True)
    with pytest.raises(Conflict):  # once per division and round
        with transaction():
            engine.countersign(db.session.get(AdjustmentCase, case_id), world.div_a, user(world, "staff"),
                               agree=True)
    with pytest.raises(ValidationFailed) as err:
        fire(world, case_id, "review_pass", "staff")
    assert "事业编制处" in err.value.message("zh") and "机关编制处" not in err.value.message("zh")
    # a way back needs no countersign; coming back starts a new round
    fire(world, case_id, "review_return", "staff", comment="补充测算")
    fire(world, case_id, "to_review", "staff")
    assert all(sig is None for _, sig in engine.countersign_status(db.session.get(AdjustmentCase, case_id)))
    countersign_all(world, case_id)
    fire(world, case_id, "review_pass", "staff")
    assert state(case_id) == "office_meeting"


def test_large_requests_go_to_the_commission(world):
    give_more = 11
    case_id = file_case(world, delta=give_more)
    walk_to_office_meeting(world, case_id)
    with pytest.raises(ValidationFailed) as err:
        fire(world, case_id, "office_approve", "leader", doc_no="X")
    assert err.value.key == "workflow.condition_unmet"
    codes = [t.code for t in engine.available(db.session.get(AdjustmentCase, case_id), user(world, "staff"))]
    assert "to_commission_large" in codes and "to_commission" not in codes
    fire(world, case_id, "to_commission_large", "staff")
    fire(world, case_id, "commission_approve", "leader", doc_no="青编〔2026〕3号")
    assert state(case_id) == "approved"
    assert approved(world.dept, world.ref.admin_q) == 10 + give_more


def test_sign_off_needs_a_document_number(world):
    case_id = file_case(world)
    walk_to_office_meeting(world, case_id)
    with pytest.raises(ValidationFailed) as err:
        fire(world, case_id, "office_approve", "leader")
    assert err.value.key == "workflow.doc_no_required"
    assert state(case_id) == "office_meeting"


def test_administrators_edit_the_definition_with_checks(world):
    wf = db.session.execute(select(Workflow)).scalar_one()
    states = {s.code: s for s in db.session.execute(select(WorkflowState)).scalars()}
    with transaction():
        other = wf_services.save_workflow(Workflow(code="other", name="其他", signoff_role_id=wf.signoff_role_id))
        foreign_state = wf_services.save_state(WorkflowState(workflow_id=other.id, code="x", name="X"))
        foreign_state_id = foreign_state.id
    for bad, key in (
        (dict(from_state_id=states["draft"].id, to_state_id=foreign_state_id), "workflow.state_other_workflow"),
        (dict(from_state_id=states["closed"].id, to_state_id=states["draft"].id), "workflow.final_state_has_exit"),
        (dict(from_state_id=states["draft"].id, to_state_id=states["submitted"].id, case_types="establish,bogus"),
         "workflow.unknown_case_type"),
    ):
        count = db.session.execute(select(func.count(WorkflowTransition.id))).scalar()
        with pytest.raises(ValidationFailed) as err:
            with transaction():
                wf_services.save_transition(WorkflowTransition(workflow_id=wf.id, code="bad", name="bad", **bad))
        assert err.value.key == key
        assert db.session.execute(select(func.count(WorkflowTransition.id))).scalar() == count
    # a new route added as data is followed at once
    with transaction():
        wf_services.save_transition(WorkflowTransition(
            workflow_id=wf.id, code="fast_track", name="快速受理", from_state_id=states["draft"].id,
            to_state_id=states["accepted"].id, roles=[user(world, "staff").roles[0]], case_types="staffing_decrease"))
    dec = file_case(world, delta=-2, case_type="staffing_decrease")
    inc = file_case(world, delta=2)
    fire(world, dec, "fast_track", "staff")
    assert state(dec) == "accepted"
    with pytest.raises(ValidationFailed):
        fire(world, inc, "fast_track", "staff")
    with pytest.raises(DomainError) as err:  # a state with history cannot be deleted
        with transaction():
            wf_services.delete_state(db.session.get(WorkflowState, states["accepted"].id))
    assert err.value.key in ("workflow.in_use", "workflow.state_has_transitions")


def test_seed_names_a_countersign_division_that_does_not_exist(app, app_ctx):
    """``flask workflow seed --countersign jgbz,nosuch``: the typo is named (it used to be
    skipped without a word, leaving 处室审核 without that countersign); the known one is set."""
    from app.office.models import OfficeDivision

    with transaction():
        db.session.add(OfficeDivision(code="jgbz", name="机关编制处", sort=1))
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["workflow", "seed", "--countersign", "jgbz,nosuch"])
    assert result.exit_code == 0, result.output
    assert "没有代码为 nosuch 的处室" in result.stderr and "jgbz" in result.stderr
    db.session.rollback()
    review = db.session.execute(select(WorkflowState).where(WorkflowState.code == "division_review")).scalar_one()
    assert [d.code for d in review.countersign_divisions] == ["jgbz"]
