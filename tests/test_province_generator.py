"""The province-scale generator (bench/province, issue #12) at a tiny size, on the
suite's database (SQLite, or PostgreSQL with DATABASE_URL): what it writes
passes its own consistency verification, the verification catches a broken
counter, the generated accounts log in and are scoped, and the plan is the
same for the same seed.  (Speed is the benchmark's business, not asserted here.)
"""
from __future__ import annotations

import re

import pytest
from sqlalchemy import text

from app.extensions import db
from bench.province import Sizes, generate, run_checks
from bench.province.generate import DEFAULT_PASSWORD, id_regions, plan
from bench.province.people import People
from bench.province.regions import county_codes
from tests.conftest import login

TINY = Sizes(institutions=150, persons=2_000, dept_users=3)


def _url(app) -> str:
    return app.config["SQLALCHEMY_DATABASE_URI"]


def _scalar(app, sql: str, **params):
    with app.app_context():
        value = db.session.execute(text(sql), params).scalar()
        db.session.rollback()
        return value


@pytest.fixture()
def province(app):
    counts = generate(sizes=TINY, seed=7, say=lambda _line: None, app=app)["counts"]
    return counts


def test_generated_data_passes_every_check(app, province):
    checks = run_checks(_url(app))
    assert [c.name for c in checks if not c.ok] == []
    assert len(checks) >= 15
    assert _scalar(app, "SELECT count(*) FROM institution") == TINY.institutions
    assert _scalar(app, "SELECT count(*) FROM person") == TINY.persons
    assert _scalar(app, "SELECT count(*) FROM person WHERE status = 'exited'") == round(TINY.persons * 0.06)
    assert _scalar(app, "SELECT sum(occupied) FROM quota_allocation") == TINY.persons - round(TINY.persons * 0.06)
    # the bulk rows are covered by one audit row naming the seed and the row counts
    assert _scalar(app, "SELECT count(*) FROM audit_log WHERE action = 'generate'") == 1
    after = _scalar(app, "SELECT after FROM audit_log WHERE action = 'generate'")
    assert '"seed": 7' in after and f'"person": {TINY.persons}' in after
    assert province["person"] == TINY.persons


def test_verification_reports_broken_counters(app, province):
    with app.app_context():
        db.session.info["audit_disabled"] = True  # tampering on purpose, behind the services' back
        db.session.execute(text("UPDATE quota_allocation SET occupied = occupied - 1 "
                                "WHERE id = (SELECT min(id) FROM quota_allocation WHERE occupied > 0)"))
        db.session.execute(text("UPDATE regional_cap SET used = used + 1 WHERE id = (SELECT min(id) FROM regional_cap)"))
        db.session.execute(text("UPDATE person SET id_number = '370102198001011239' "
                                "WHERE id = (SELECT min(id) FROM person WHERE status = 'exited')"))
        db.session.commit()
        db.session.info.pop("audit_disabled")
        db.session.remove()
    failed = {c.name for c in run_checks(_url(app)) if not c.ok}
    assert failed == {"occupied = persons in post", "regional cap used = Σ approved", "ID numbers valid"}


def test_generated_department_account_is_scoped_and_sees_masked_ids(app, province):
    path = _scalar(app, """SELECT i.path FROM institution i JOIN user_institution b ON b.institution_id = i.id
                           JOIN ab_user u ON u.id = b.user_id WHERE u.username = 'bench_dept'""")
    in_scope = _scalar(app, "SELECT count(*) FROM person WHERE institution_id IN "
                            "(SELECT id FROM institution WHERE path LIKE :p)", p=path + "%")
    assert 0 < in_scope < TINY.persons
    client = app.test_client()
    assert login(client, "bench_dept", DEFAULT_PASSWORD).status_code == 302
    html = client.get("/personview/list/").get_data(as_text=True)
    assert re.search(r"(?:Record Count|记录数目?):</strong>\s*(\d+)", html).group(1) == str(in_scope)
    assert re.search(r"\d{6}\*{8}[\dX]{4}", html)  # 370102********1234
    assert not re.search(r"\b\d{17}[\dX]\b", html)  # no full ID number on a department user's page

    staff = app.test_client()
    assert login(staff, "bench_staff", DEFAULT_PASSWORD).status_code == 302
    html = staff.get("/personview/list/").get_data(as_text=True)
    assert re.search(r"(?:Record Count|记录数目?):</strong>\s*(\d+)", html).group(1) == str(TINY.persons)


def test_plan_is_deterministic_from_the_seed():
    def first_persons(seed: int) -> list[tuple]:
        regions, insts, quotas = plan(TINY, seed)
        people = People(__import__("random").Random(seed + 1), county_codes(regions))
        rows = people.rows(quotas, id_regions(insts, regions))
        return [next(rows) for _ in range(50)], [(i.name, i.path, i.category) for i in insts]

    assert first_persons(7) == first_persons(7)
    assert first_persons(7) != first_persons(8)
    persons, insts = first_persons(7)
    assert len({name for name, _path, _cat in insts if _path.count("/") == 2}) == sum(
        1 for _n, p, _c in insts if p.count("/") == 2)  # roots have distinct names (the service's rule)


def test_names_follow_the_surname_distribution():
    regions, insts, quotas = plan(Sizes(institutions=400, persons=30_000), 3)
    people = People(__import__("random").Random(4), county_codes(regions))
    names = [row[1] for row in people.rows(quotas, {i.id: "" for i in insts})]
    wang = sum(1 for n in names if n.startswith("王")) / len(names)
    assert 0.05 < wang < 0.12  # 王 is the commonest surname, ~8 %
    assert any("建军" in n for n in names)
