"""Checks that the demo looks like a real office (issue #11 item 10), run by the
demo test of ``tests/test_seeds.py`` on the demo it has loaded (loading it
again would double the test's time):

- every quota type at 88 % or more of its places occupied;
- the units planted at their limit (every place and leadership position held);
- the problems the scheduled verification finds in the demo, by rule;
- cases filed by several departments and a district, each department user
  reaching its own cases only: list, show, edit, API list and API item.
"""
from __future__ import annotations

import re

from sqlalchemy import func, select

from app.extensions import db
from app.justification.cases.models import AdjustmentCase
from app.quota.models import Institution, LeadershipQuota, QuotaAllocation, QuotaType, UserInstitution
from config import DEMO_PASSWORD
from seeds.persons import AT_LIMIT
from tests.conftest import api_token, csrf_token

DEPARTMENT_FILERS = ("dept_edu", "dept_health", "dept_civil", "district_shinan")


def check_occupancy() -> dict[str, float]:
    rows = db.session.execute(
        select(QuotaType.code, func.sum(QuotaAllocation.approved), func.sum(QuotaAllocation.occupied))
        .join(QuotaType, QuotaType.id == QuotaAllocation.quota_type_id).group_by(QuotaType.code)).all()
    share = {code: occupied / approved for code, approved, occupied in rows}
    assert len(share) == 6 and all(s >= 0.88 for s in share.values()), share
    return share


def check_units_at_their_limit() -> None:
    """The planted full allocations: no vacancy, and their unit's own leadership positions all held."""
    full = db.session.execute(select(QuotaAllocation.institution_id).where(
        QuotaAllocation.approved >= 8, QuotaAllocation.occupied == QuotaAllocation.approved)).scalars().all()
    assert len(full) >= AT_LIMIT, full
    held = db.session.execute(select(func.count()).select_from(LeadershipQuota).where(
        LeadershipQuota.institution_id.in_(full), LeadershipQuota.division_id.is_(None),
        LeadershipQuota.used == LeadershipQuota.approved, LeadershipQuota.approved > 0)).scalar_one()
    assert held >= 2 * AT_LIMIT  # chief and deputies of each


# rule code -> the problems the demo plants or leaves for it (at least)
FOUND_IN_DEMO = {
    "ledger_mismatch": 1, "cap_recount": 1, "out_of_cap_active": 1, "overdue_publications": 1,
    "overdue_findings": 1, "overdue_coordination": 2, "workflow_overdue": 1, "missing_annual_reports": 1,
    "expiring_certificates": 1,
}


def check_planted_problems() -> None:
    from app.supervision.findings.models import Finding
    from app.supervision.verification.models import VerificationRule, VerificationRun

    runs = dict(db.session.execute(
        select(VerificationRule.code, VerificationRun.problems)
        .join(VerificationRun, VerificationRun.rule_id == VerificationRule.id)
        .where(VerificationRun.period == "demo")).all())
    short = {code: runs.get(code) for code, n in FOUND_IN_DEMO.items() if (runs.get(code) or 0) < n}
    assert short == {}, short
    # the invariants the services enforce hold in the demo: nothing to find there
    assert [runs[c] for c in ("overstaffed", "over_leadership", "over_total", "over_limit", "mixed_quota")] \
        == [0] * 5
    findings = db.session.execute(select(func.count(Finding.id)).where(Finding.source_kind == "verification")) \
        .scalar_one()
    assert findings >= sum(FOUND_IN_DEMO.values())


def _client(app, username: str):
    client = app.test_client()
    resp = client.post("/login/", data={"username": username, "password": DEMO_PASSWORD,
                                        "csrf_token": csrf_token(client)})
    assert resp.status_code == 302 and "/login" not in resp.headers["Location"], username
    return client


def check_department_cases(app) -> None:
    """Each department user lists, opens and reads through the API exactly the cases
    of its own institution's subtree; another's case is a 404 on every door."""
    sm = app.appbuilder.sm
    cases = db.session.execute(select(AdjustmentCase.id, AdjustmentCase.number, AdjustmentCase.institution_id,
                                      AdjustmentCase.applicant_kind)).all()
    assert {kind for *_r, kind in cases} >= {"department", "district"}
    own: dict[str, set[int]] = {}
    for username in DEPARTMENT_FILERS:
        bound = db.session.execute(select(UserInstitution.institution_id)
                                   .where(UserInstitution.user_id == sm.find_user(username=username).id)).scalar_one()
        under = _subtree(bound)
        own[username] = {cid for cid, _n, inst, _k in cases if inst in under}
    db.session.rollback()
    assert all(own.values()), own  # every filer has cases of its own
    assert len({frozenset(v) for v in own.values()}) == len(own)
    for username, mine in own.items():
        client = _client(app, username)
        html = client.get("/adjustmentcaseview/list/?psize_AdjustmentCaseView=100").get_data(as_text=True)
        listed = {int(pk) for pk in re.findall(r"/adjustmentcaseview/show/(\d+)", html)}
        assert listed == mine, (username, listed, mine)
        headers = {"Authorization": f"Bearer {api_token(client, username, DEMO_PASSWORD)}"}
        api = client.get("/api/v1/adjustmentcase/?q=(page_size:100)", headers=headers).get_json()
        assert set(api["ids"]) == mine, username
        for cid, *_rest in cases:
            expected = 200 if cid in mine else 404
            assert client.get(f"/adjustmentcaseview/show/{cid}").status_code == expected, (username, cid)
            assert client.get(f"/api/v1/adjustmentcase/{cid}", headers=headers).status_code == expected
            if cid not in mine:
                assert client.get(f"/adjustmentcaseview/edit/{cid}").status_code == 404


def _subtree(institution_id: int) -> set[int]:
    path = db.session.get(Institution, institution_id).path
    return set(db.session.execute(select(Institution.id).where(Institution.path.startswith(path))).scalars())
