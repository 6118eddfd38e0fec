"""Birth date and gender that contradict the ID number, refused on every door that
writes a person (issue #9, 2): the one rule in ``_validate_person`` serves the form,
the API (create and edit) and the import (tests/imports/test_mangled.py)."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from app.extensions import db
from app.quota.models import Person
from tests.conftest import api_token, csrf_token, login
from tests.factories import valid_id_number


def persons():
    db.session.expire_all()
    return sorted(tuple(r) for r in db.session.execute(
        select(Person.id, Person.name, Person.birth_date, Person.gender, Person.status)).all())


def test_api_create_and_edit_refuse_a_contradiction(world):
    c = world["client"]
    h = {"Authorization": f"Bearer {api_token(c, 'staff1')}"}
    before = persons()
    man = valid_id_number(birth=dt.date(1980, 1, 1), gender="M")
    resp = c.post("/api/v1/person/", headers=h, json={
        "name": "接口人", "id_number": man, "gender": "F", "institution": world["school"],
        "quota_type": world["ref"].inst_q})
    assert resp.status_code == 422, resp.get_json()
    assert "性别 女 / female 与身份证号 370202********" in resp.get_json()["zh"]
    assert "contradicts ID number" in resp.get_json()["en"]
    resp = c.post("/api/v1/person/", headers=h, json={
        "name": "接口人", "id_number": man, "gender": "M", "birth_date": "1980-02-01", "institution": world["school"],
        "quota_type": world["ref"].inst_q})
    assert resp.status_code == 422, resp.get_json()
    assert "出生日期 1980-02-01 与身份证号" in resp.get_json()["zh"] and "1980-01-01" in resp.get_json()["zh"]
    resp = c.put(f"/api/v1/person/{world['mine']}", headers=h, json={"birth_date": "1975-05-05"})
    assert resp.status_code == 422, resp.get_json()
    assert "身份证号中的出生日期是 1980-01-01" in resp.get_json()["zh"]
    assert persons() == before
    assert db.session.execute(select(func.count()).select_from(Person)).scalar() == len(before)


def test_form_add_and_edit_refuse_a_contradiction(app, world):
    staff = app.test_client()
    login(staff, "staff1")
    before = persons()
    woman = valid_id_number(birth=dt.date(1990, 6, 15), gender="F")
    token = csrf_token(staff, "/personview/add")
    html = staff.post("/personview/add", data={
        "name": "表单人", "id_number": woman, "gender": "M", "institution": str(world["school"]),
        "quota_type": str(world["ref"].inst_q), "csrf_token": token}, follow_redirects=True).get_data(as_text=True)
    assert "性别 男 / male 与身份证号 370202********" in html and "第 17 位表示 女 / female" in html
    mine = db.session.get(Person, world["mine"])
    token = csrf_token(staff, f"/personview/edit/{mine.id}")
    html = staff.post(f"/personview/edit/{mine.id}", data={
        "name": mine.name, "gender": mine.gender, "birth_date": "1979-12-31", "institution": str(world["school"]),
        "quota_type": str(world["ref"].inst_q), "status": "active", "csrf_token": token},
        follow_redirects=True).get_data(as_text=True)
    assert "出生日期 1979-12-31 与身份证号" in html
    assert persons() == before
