"""The extra fields in the REST API (issue #16 §2): GET /<pk> carries the readable ones
as ``extra``; PUT and POST write them through the same service, in the row's
transaction; a refusal answers 422 naming the field (zh and en) and changes nothing;
rows out of scope stay 404."""
from __future__ import annotations

from app.core.db import transaction
from app.core.extra_fields import services
from app.extensions import db
from app.quota.models import Person
from tests.conftest import api_token
from tests.core.extra_fields.fixtures import persons, stored  # noqa: F401  (fixture)
from tests.factories import make_user


def bearer(app, username, role, institution_id=None):
    make_user(app, username, role, institution_id=institution_id)
    client = app.test_client()
    return client, {"Authorization": f"Bearer {api_token(client, username)}"}


def test_get_carries_the_fields_the_role_reads(app, persons):
    with transaction():
        services.write("Person", persons["mine"], {"degree": "硕士", "years": "5", "pay": "12.5"})
    staff, auth = bearer(app, "staff1", "staff")
    extra = staff.get(f"/api/v1/person/{persons['mine']}", headers=auth).get_json()["result"]["extra"]
    assert extra == {"degree": "硕士", "years": 5, "pay": "12.5", "joined": None, "rank": None, "vet": None}
    leader, auth = bearer(app, "lead1", "leader")
    extra = leader.get(f"/api/v1/person/{persons['mine']}", headers=auth).get_json()["result"]["extra"]
    assert extra == {"degree": "硕士"}
    dept, auth = bearer(app, "dept1", "department", institution_id=persons["edu"])
    assert dept.get(f"/api/v1/person/{persons['theirs']}", headers=auth).status_code == 404


def test_put_writes_and_a_refusal_changes_nothing(app, persons):
    with transaction():
        services.write("Person", persons["mine"], {"years": "5"})
    staff, auth = bearer(app, "staff1", "staff")
    url = f"/api/v1/person/{persons['mine']}"
    resp = staff.put(url, json={"post": "教研员", "extra": {"years": 6, "vet": "否"}}, headers=auth)
    assert resp.status_code == 200, resp.get_data(as_text=True)
    assert services.read("Person", [persons["mine"]])[persons["mine"]] == {"years": 6, "vet": False}
    before = stored()
    resp = staff.put(url, json={"post": "改不了", "extra": {"years": "六"}}, headers=auth)
    body = resp.get_json()
    assert resp.status_code == 422 and "工龄" in body["zh"] and "Years of service" in body["en"]
    assert stored() == before
    db.session.expire_all()
    assert db.session.get(Person, persons["mine"]).post == "教研员"
    for bad, key in (({"extra": ["x"]}, "extra.not_object"), ({"extra": {"nope": 1}}, "extra.unknown_field")):
        resp = staff.put(url, json=bad, headers=auth)
        assert resp.status_code == 422 and resp.get_json()["error_code"] == key
    assert stored() == before


def test_roles_that_only_read_cannot_write_through_the_api(app, persons):
    dept, auth = bearer(app, "dept1", "department", institution_id=persons["edu"])
    before = stored()
    resp = dept.put(f"/api/v1/person/{persons['mine']}", json={"extra": {"years": 3}}, headers=auth)
    assert resp.status_code == 422 and resp.get_json()["error_code"] == "extra.not_writable"
    assert stored() == before
