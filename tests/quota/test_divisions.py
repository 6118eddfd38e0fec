"""Internal divisions: one ``delete_division`` with its in-use rule behind every
door (service, form, bulk action, REST API; the case door is in the apply tests)."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from app.core.db import transaction
from app.core.errors import DomainError
from app.extensions import db
from app.quota import services
from app.quota.models import InternalDivision, LeadershipQuota, Person
from tests.conftest import api_token, csrf_token, login
from tests.factories import give_quota, make_user, new_institution, new_person, set_leadership

IN_USE = "内设机构 人事处 仍有 1 名在编人员或领导职数, 不能撤销"


def divisions():
    db.session.expire_all()
    return sorted(db.session.execute(select(InternalDivision.id, InternalDivision.name)).all())


@pytest.fixture()
def bureau(app, ref):
    """市教育局 with a division that has a person in post (人事处) and one that has
    only a leadership position of 0 (信息中心)."""
    edu = new_institution(ref, "市教育局")
    give_quota(edu, ref.admin_q, 2)
    with transaction():
        busy = services.create_division(InternalDivision(institution_id=edu, name="人事处")).id
        free = services.create_division(InternalDivision(institution_id=edu, name="信息中心")).id
    set_leadership(edu, ref.deputy, 0, division_id=free)
    person = new_person(edu, ref.admin_q, name="处员")
    with transaction():
        services.update_person(db.session.get(Person, person), division_id=busy)
    make_user(app, "staff1", "staff")
    return dict(edu=edu, busy=busy, free=free, person=person, ref=ref)


def test_the_service_refuses_a_division_in_use_and_removes_a_free_one(bureau):
    before = divisions()
    with pytest.raises(DomainError) as err:
        with transaction():
            services.delete_division(db.session.get(InternalDivision, bureau["busy"]))
    assert err.value.key == "division.in_use" and err.value.message("zh") == IN_USE
    assert divisions() == before
    # approved leadership positions count as use too
    with transaction():
        services.exit_person(db.session.get(Person, bureau["person"]), exit_date=dt.date.today(),
                             exit_reason="retired")
    set_leadership(bureau["edu"], bureau["ref"].chief, 1, division_id=bureau["busy"])
    with pytest.raises(DomainError) as err:
        with transaction():
            services.delete_division(db.session.get(InternalDivision, bureau["busy"]))
    assert err.value.key == "division.in_use"
    # a division with only a position of 0 goes, and the position with it
    with transaction():
        services.delete_division(db.session.get(InternalDivision, bureau["free"]))
    assert [name for _, name in divisions()] == ["人事处"]
    assert db.session.execute(select(LeadershipQuota).where(LeadershipQuota.division_id == bureau["free"])).first() \
        is None


def test_form_action_and_api_refuse_a_division_in_use(app, bureau):
    client = app.test_client()
    assert login(client, "staff1").status_code == 302
    before = divisions()
    token = csrf_token(client, "/internaldivisionview/add")
    html = client.post(f"/internaldivisionview/delete/{bureau['busy']}", data={"csrf_token": token},
                       follow_redirects=True).get_data(as_text=True)
    assert IN_USE in html
    html = client.post("/internaldivisionview/action_post", data={
        "action": "muldelete", "rowid": [str(bureau["busy"])], "csrf_token": token},
        follow_redirects=True).get_data(as_text=True)
    assert IN_USE in html
    headers = {"Authorization": f"Bearer {api_token(client, 'staff1')}"}
    resp = client.delete(f"/api/v1/internaldivision/{bureau['busy']}", headers=headers)
    assert resp.status_code == 422
    assert resp.get_json()["error_code"] == "division.in_use" and resp.get_json()["zh"] == IN_USE
    assert divisions() == before
    # the same doors remove a free division
    resp = client.delete(f"/api/v1/internaldivision/{bureau['free']}", headers=headers)
    assert resp.status_code == 200, resp.get_json()
    assert [name for _, name in divisions()] == ["人事处"]
