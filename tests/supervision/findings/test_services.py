"""The findings' rules, through the services (office side, unscoped): every
refusal names the rule and leaves the database as it was."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from app.core.db import transaction
from app.core.errors import DomainError, ValidationFailed
from app.extensions import db
from app.justification.cases.models import AdjustmentCase
from app.supervision.findings import services
from app.supervision.findings.models import Finding
from tests.justification.cases.fixtures import user
from tests.supervision.findings.fixtures import DAY, get, new_finding, snapshot


def _move(fid, target, note=None, today=DAY):
    with transaction():
        return services.transition(db.session.get(Finding, fid), target, note=note, today=today)


def _refused(work, key_part):
    before = snapshot()
    with pytest.raises(DomainError) as err:
        with transaction():
            work()
    assert key_part in err.value.key
    assert err.value.message("zh") and err.value.message("en")
    assert snapshot() == before
    return err.value


def test_open_finding_is_idempotent_on_its_source(world):
    first = new_finding(world.dept, "rule:x:1")
    with transaction():
        again, created = services.open_finding("inspection", "rule:x:1", title="超编 4 名", detail="实有 14",
                                               institution_id=world.dept, opened_by="inspection:2", today=DAY,
                                               deadline=DAY)
    assert not created and again.id == first
    assert db.session.execute(select(func.count(Finding.id))).scalar() == 1
    f = get(first)
    assert (f.title, f.detail, f.opened_by, f.state) == ("超编 4 名", "实有 14", "inspection:1", "open")
    # the same key from another kind of source is another finding
    other = new_finding(world.dept, "rule:x:1", kind="spot_check")
    assert other != first


@pytest.mark.parametrize("kind,key,title,part", [
    ("nonsense", "k", "t", "choice"), ("inspection", "  ", "t", "required"), ("inspection", "k", "", "required"),
    ("inspection", "k" * 201, "t", "too_long"),
])
def test_open_finding_refuses_bad_input(world, kind, key, title, part):
    err = _refused(lambda: services.open_finding(kind, key, title=title, opened_by="x", deadline=DAY, today=DAY),
                   "")
    assert part in err.key


def test_the_states_answer_confirm(world):
    fid = new_finding(world.dept)
    _refused(lambda: services.transition(get(fid), "rectified", note="ok"), "finding.no_response")
    _refused(lambda: services.transition(get(fid), "rectifying", note="  "), "write.required")
    _refused(lambda: services.transition(get(fid), "open", note="x"), "finding.transition")
    _move(fid, "rectifying", "已退休 1 名, 再转出 2 名")
    assert get(fid).state == "rectifying" and get(fid).response == "已退休 1 名, 再转出 2 名"
    _refused(lambda: services.transition(get(fid), "rectifying", note="again"), "finding.transition")
    _move(fid, "rectified", "核实无误", today=DAY + dt.timedelta(days=3))
    f = get(fid)
    assert (f.state, f.closed_on, f.review_note) == ("rectified", DAY + dt.timedelta(days=3), "核实无误")
    assert f.resolved_by.startswith("user:")
    _refused(lambda: services.transition(get(fid), "written_off", note="x"), "finding.transition")


def test_write_off_needs_a_reason(world):
    fid = new_finding(world.dept)
    _refused(lambda: services.transition(get(fid), "written_off", note=None), "write.required")
    _move(fid, "written_off", "历史遗留, 经办务会研究核销")
    assert get(fid).state == "written_off"


def test_a_source_resolves_and_reopens_its_finding(world):
    fid = new_finding(world.dept, "verification-key")
    with transaction():
        assert services.resolve_finding(get(fid), resolved_by="verification_run:7", today=DAY) is True
    with transaction():
        assert services.resolve_finding(get(fid), resolved_by="verification_run:8", today=DAY) is False
    f = get(fid)
    assert (f.state, f.resolved_by, f.closed_on) == ("rectified", "verification_run:7", DAY)
    later = DAY + dt.timedelta(days=30)
    with transaction():
        again, created = services.open_finding("inspection", "verification-key", title="超编 1 名",
                                               institution_id=world.dept, opened_by="inspection:3",
                                               deadline=later, today=later)
    f = get(fid)
    assert not created and (f.state, f.reopened, f.closed_on, f.opened_on) == ("open", 1, None, later)
    # written off by the office: the source finding it again leaves it alone
    _move(fid, "written_off", "接受现状", today=later)
    with transaction():
        services.open_finding("inspection", "verification-key", title="超编 1 名", opened_by="x",
                              deadline=later, today=later)
    assert get(fid).state == "written_off"


def test_a_finding_confirmed_by_hand_is_not_reopened(world):
    fid = new_finding(world.dept)
    _move(fid, "rectifying", "整改")
    _move(fid, "rectified", None)
    with transaction():
        services.open_finding("inspection", "k1", title="超编 3 名", opened_by="x", deadline=DAY, today=DAY)
    assert get(fid).state == "rectified" and get(fid).reopened == 0


def test_overdue_flag_is_set_once(world):
    late = new_finding(world.dept, "a", deadline=DAY)
    on_time = new_finding(world.dept, "b", deadline=DAY + dt.timedelta(days=10))
    done = new_finding(world.dept, "c", deadline=DAY)
    _move(done, "written_off", "核销")
    with transaction():
        assert services.flag_overdue(DAY + dt.timedelta(days=1)) == [late]
    with transaction():
        assert services.flag_overdue(DAY + dt.timedelta(days=2)) == []
    assert get(late).overdue_since == DAY + dt.timedelta(days=1) and get(on_time).overdue_since is None
    assert get(late).is_overdue(DAY + dt.timedelta(days=1)) and not get(on_time).is_overdue(DAY + dt.timedelta(days=1))


def test_a_finding_opens_one_adjustment_case(world):
    fid = new_finding(world.dept)
    _refused(lambda: services.open_case(get(fid), "nonsense", user(world, "staff")), "choice")
    with transaction():
        case = services.open_case(get(fid), "staffing_decrease", user(world, "staff"))
        number = case.number
    c = db.session.get(AdjustmentCase, get(fid).case_id)
    assert (c.number, c.case_type, c.institution_id, c.state.is_initial) == (number, "staffing_decrease", world.dept,
                                                                              True)
    assert f"发现问题 #{fid}" in c.reasons
    err = _refused(lambda: services.open_case(get(fid), "staffing_decrease", user(world, "staff")),
                   "finding.case_exists")
    assert number in err.message("en")
    regional = new_finding(None, "region-wide")
    _refused(lambda: services.open_case(get(regional), "staffing_decrease", user(world, "staff")),
             "finding.case_needs_institution")


def test_edits_and_deletes(world):
    fid = new_finding(world.dept)
    _refused(lambda: services.update_finding(get(fid), state="rectified"), "finding.not_editable_fields")
    _refused(lambda: services.delete_finding(get(fid)), "finding.delete_refused")  # not a manual one
    with transaction():
        manual = services.create_finding(Finding(title="手工登记的问题", institution_id=world.dept,
                                                 deadline=DAY + dt.timedelta(days=5), opened_on=DAY))
        mid = manual.id
    m = get(mid)
    assert (m.source_kind, m.state, m.source_key.startswith("manual:")) == ("manual", "open", True)
    with pytest.raises(ValidationFailed):
        with transaction():
            services.create_finding(Finding(title="期限在前", opened_on=DAY, deadline=DAY - dt.timedelta(days=1)))
    with transaction():
        services.delete_finding(get(mid))
    assert get(mid) is None
    _move(fid, "written_off", "核销")
    f = get(fid)
    f.title = "改名"
    _refused(lambda: services.update_finding(f, title="改名"), "finding.closed")


def test_evidence_rules(world, app):
    fid = new_finding(world.dept)
    _refused(lambda: services.add_evidence(get(fid), "a.pdf", "application/pdf", b""), "finding.evidence_empty")
    app.config["FINDING_EVIDENCE_MAX_BYTES"] = 10
    try:
        _refused(lambda: services.add_evidence(get(fid), "a.pdf", "application/pdf", b"x" * 11),
                 "finding.evidence_too_large")
    finally:
        app.config.pop("FINDING_EVIDENCE_MAX_BYTES")
    with transaction():
        ev = services.add_evidence(get(fid), "整改报告.pdf", "application/pdf", b"%PDF-1.4 ...")
        assert ev.sha256 and ev.size == 12
    _move(fid, "written_off", "核销")
    _refused(lambda: services.add_evidence(get(fid), "b.pdf", "application/pdf", b"x"), "finding.closed")
