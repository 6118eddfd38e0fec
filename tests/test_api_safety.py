"""The REST API's shared rules (app/core/api_safety.py, issue #8), over every
resource found in the OpenAPI document: users leave by their safe fields only,
a body that is not a JSON object is a 400 in both languages, ``_info`` carries
no catalogue header, both workflow states look alike, and integrations can
filter and sort what they page through."""
from __future__ import annotations

import json

import pytest
from flask_appbuilder.api import ModelRestApi
from sqlalchemy import func, select
from werkzeug.security import generate_password_hash

from app.core.api_safety import SafeSchemaConverter
from app.core.audit import AuditLog
from app.extensions import db
from app.quota.models import QuotaLedgerEntry
from tests.justification.cases.fixtures import file_case, make_world, walk_to_office_meeting
from tests.conftest import api_token
from tests.discovery import api_doors, fill, find_secrets, openapi
from tests.factories import give_quota, make_user, new_institution, new_person, set_regional_cap

NOT_OBJECTS = [
    ('""', "application/json", "字符串", "a string"),
    ("[]", "application/json", "数组", "an array"),
    ("[{\"name\": \"x\"}]", "application/json", "数组", "an array"),
    ("null", "application/json", "null", "null"),
    ("123", "application/json", "数字", "a number"),
    ("1.5", "application/json", "数字", "a number"),
    ("true", "application/json", "布尔值", "a boolean"),
    ('"text"', "application/json", "字符串", "a string"),
    ("{", "application/json", "无法解析的 JSON", "malformed JSON"),
    ("", "application/json", "空", "an empty body"),
    ("name=x", "application/x-www-form-urlencoded", "非 JSON 内容", "content that is not JSON"),
]


def _audit_count() -> int:
    count = db.session.execute(select(func.count(AuditLog.id))).scalar_one()
    db.session.rollback()
    return count


def _admin(app):
    make_user(app, "api_admin", "admin")
    client = app.test_client()
    return client, {"Authorization": f"Bearer {api_token(client, 'api_admin')}"}


def test_every_rest_api_uses_the_safe_converter(app):
    """A hand-written API that forgot the mixin would serialise users whole."""
    apis = [v for v in app.appbuilder.baseviews if isinstance(v, ModelRestApi)]
    assert len(apis) >= 35
    stock = [type(v).__name__ for v in apis if not isinstance(v.model2schemaconverter, SafeSchemaConverter)]
    assert stock == []


def test_the_scanner_recognises_every_kind_of_secret(app, app_ctx):
    make_user(app, "u1", "staff")
    jwt = api_token(app.test_client(), "u1")
    samples = [generate_password_hash("x", method="scrypt"), generate_password_hash("x", method="pbkdf2:sha256"),
               "$2b$12$" + "a" * 53, "$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA", jwt]
    for sample in samples:
        assert find_secrets(json.dumps({"field": sample}), {}), sample
        assert find_secrets(f"<td>{sample}</td>".replace("$", "&#36;"), {}), sample  # HTML-escaped too
    assert find_secrets("nothing secret: 处室 经办人, staff", {"digest": "ab" * 32}) == []
    assert find_secrets("... " + "ab" * 32 + " ...", {"digest": "ab" * 32}) == ["digest"]


def test_a_body_that_is_not_an_object_is_a_400_on_every_api_write(app, ref):
    client, headers = _admin(app)
    writes = api_doors(openapi(client, headers)).writes
    assert len(writes) >= 50, writes  # every resource's POST and PUT, and the case transitions
    before = _audit_count()
    wrong = []
    for method, template in writes:
        url = fill(template, 1)
        for body, ctype, kind_zh, kind_en in NOT_OBJECTS:
            resp = client.open(url, method=method, data=body, headers={**headers, "Content-Type": ctype})
            got = resp.get_json(silent=True) or {}
            if (resp.status_code != 400 or got.get("error_code") != "api.body_not_object"
                    or kind_zh not in got.get("zh", "") or kind_en not in got.get("en", "")
                    or "JSON" not in got.get("message", "")):
                wrong.append(f"{method} {url} {body!r}: {resp.status_code} {resp.get_data(as_text=True)[:120]}")
    assert wrong == []
    assert _audit_count() == before  # nothing written


def test_the_refusal_comes_before_the_login_check_and_in_english_too(app, ref):
    client = app.test_client()
    client.get("/lang/en")
    resp = client.put("/api/v1/leadershipquota/1", data="[]", content_type="application/json")
    assert resp.status_code == 400
    assert resp.get_json()["message"].startswith("The request body must be a JSON object")


def test_info_descriptions_and_labels_are_never_the_catalogue_header(app, ref):
    client, headers = _admin(app)
    infos = api_doors(openapi(client, headers)).infos
    assert len(infos) >= 35
    bad = []
    for url in infos:
        info = client.get(url, headers=headers).get_json()
        for field in info.get("add_columns", []) + info.get("edit_columns", []):
            for key in ("description", "label"):
                if "Project-Id-Version" in str(field[key]) or "Content-Type" in str(field[key]):
                    bad.append(f"{url} {field['name']}.{key}")
            if not field["label"]:
                bad.append(f"{url} {field['name']}: no label")
    assert bad == []


def test_users_leave_by_id_username_and_name_and_email_only_to_admin(app, app_ctx):
    world = make_world(app)
    case_id = file_case(world)
    walk_to_office_meeting(world, case_id)  # history rows and countersignatures
    admin = app.test_client()
    staff = app.test_client()
    as_admin = {"Authorization": f"Bearer {api_token(admin, 'case_admin')}"}
    as_staff = {"Authorization": f"Bearer {api_token(staff, 'case_staff')}"}
    seen = {}
    for url in ("/api/v1/divisionmember/", "/api/v1/countersignature/", f"/api/v1/adjustmentcase/{case_id}"):
        for who, client, headers in (("admin", admin, as_admin), ("staff", staff, as_staff)):
            body = client.get(url, headers=headers).get_json()
            rows = body["result"] if isinstance(body["result"], list) else [body["result"]]
            for row in rows:
                user = row.get("user") or row.get("created_by")
                seen.setdefault(who, []).append(user)
    assert seen["staff"] and all(set(u) == {"id", "username", "name"} for u in seen["staff"]), seen["staff"]
    assert all(set(u) == {"id", "username", "name", "email"} for u in seen["admin"]), seen["admin"]
    filed_by = seen["staff"][-1]
    assert filed_by == {"id": world.users["department"], "username": "case_dept", "name": "case_dept test"}


def test_workflow_states_are_shown_alike_on_both_sides(app, app_ctx):
    world = make_world(app)
    walk_to_office_meeting(world, file_case(world))
    client = app.test_client()
    headers = {"Authorization": f"Bearer {api_token(client, 'case_staff')}"}
    for url in ("/api/v1/workflowhistory/", "/api/v1/workflowtransition/"):
        body = client.get(url + "?q=(page_size:100)", headers=headers).get_json()
        assert "to_state" in body["list_columns"] and "to_state_id" not in body["list_columns"]
        for row in body["result"]:
            if row["from_state"] is not None:
                assert set(row["from_state"]) == set(row["to_state"]), row
            assert isinstance(row["to_state"], dict) and row["to_state"]["code"]
    spec = openapi(*_admin(app))["components"]["schemas"]
    props = spec["WorkflowHistoryApi.get_list"]["properties"]
    assert props["from_state"] == {**props["to_state"], **props["from_state"]}


def test_ledger_entry_naming_a_missing_institution_says_it_does_not_exist(app, ref):
    client, headers = _admin(app)
    real = new_institution(ref, "甲")
    before = _audit_count()
    for field, body in (("institution", {"institution": 999999, "quota_type": ref.admin_q}),
                        ("quota_type", {"institution": real, "quota_type": 999999})):
        resp = client.post("/api/v1/quotaledgerentry/", headers=headers,
                           json={**body, "delta": 1, "reason": "x", "doc_no": "y"})
        got = resp.get_json()
        assert resp.status_code == 422 and got["error_code"] == "api.related_missing", got
        assert "999999 不存在" in got["zh"] and "999999 does not exist" in got["en"]
        assert f"field {field}" in got["en"]
    assert "机构 999999" in client.post("/api/v1/quotaledgerentry/", headers=headers, json={
        "institution": 999999, "quota_type": ref.admin_q, "delta": 1}).get_json()["zh"]
    assert db.session.execute(select(func.count(QuotaLedgerEntry.id))).scalar_one() == 0
    assert _audit_count() == before  # nothing written


@pytest.fixture()
def two_regions(app, ref):
    """A unit in the city and one in 市南区, each with quotas, ledger entries and persons."""
    set_regional_cap(ref.city, ref.admin_q, 100)
    set_regional_cap(ref.shinan, ref.admin_q, 100)
    city = new_institution(ref, "市直单位")
    district = new_institution(ref, "区属单位", region="shinan")
    for inst in (city, district):
        give_quota(inst, ref.admin_q, 5)
        give_quota(inst, ref.admin_q, 2)
    persons = {inst: [new_person(inst, ref.admin_q, name=f"人{i}") for i in range(3)] for inst in (city, district)}
    return city, district, persons


def _ids(client, headers, url, q):
    resp = client.get(f"{url}?q={q}", headers=headers)
    assert resp.status_code == 200, resp.get_data(as_text=True)
    return resp.get_json()["ids"]


def test_filter_by_institution_region_and_quota_type(app, ref, two_regions):
    city, district, persons = two_regions
    client, headers = _admin(app)
    ledger = {inst: [e.id for e in db.session.execute(select(QuotaLedgerEntry).where(
        QuotaLedgerEntry.institution_id == inst)).scalars()] for inst in (city, district)}
    db.session.rollback()
    by_inst = "(filters:!((col:institution,opr:rel_o_m,value:{})),page_size:100)"
    by_region = "(filters:!((col:institution,opr:rel_region,value:{})),page_size:100)"
    assert sorted(_ids(client, headers, "/api/v1/person/", by_inst.format(district))) == sorted(persons[district])
    assert sorted(_ids(client, headers, "/api/v1/person/", by_region.format(ref.shinan))) == sorted(persons[district])
    assert sorted(_ids(client, headers, "/api/v1/quotaledgerentry/", by_inst.format(city))) == sorted(ledger[city])
    assert sorted(_ids(client, headers, "/api/v1/quotaledgerentry/", by_region.format(ref.city))) == sorted(ledger[city])
    assert len(_ids(client, headers, "/api/v1/quotaallocation/", by_region.format(ref.shinan))) == 1
    assert len(_ids(client, headers, "/api/v1/quotaallocation/", by_inst.format(city))) == 1
    by_type = "(filters:!((col:quota_type,opr:rel_o_m,value:{})),page_size:100)"
    assert len(_ids(client, headers, "/api/v1/quotaallocation/", by_type.format(ref.admin_q))) == 2
    assert _ids(client, headers, "/api/v1/quotaallocation/", by_type.format(ref.inst_q)) == []
    # A region or institution that is not a number finds nothing (and is no 500).
    assert _ids(client, headers, "/api/v1/person/", by_region.format("abc")) == []
    # The filters are announced in _info.
    info = client.get("/api/v1/person/_info", headers=headers).get_json()
    assert {f["operator"] for f in info["filters"]["institution"]} >= {"rel_o_m", "rel_region"}


def test_sort_by_id_and_date(app, ref, two_regions):
    client, headers = _admin(app)
    for url, date in (("/api/v1/quotaledgerentry/", "effective_on"), ("/api/v1/person/", "entry_date"),
                      ("/api/v1/quotaledgerentry/", "created_at"), ("/api/v1/quotaallocation/", None)):
        asc = _ids(client, headers, url, "(order_column:id,order_direction:asc,page_size:100)")
        desc = _ids(client, headers, url, "(order_column:id,order_direction:desc,page_size:100)")
        assert asc == sorted(asc) and desc == sorted(asc, reverse=True) and len(asc) >= 2
        if date:
            assert len(_ids(client, headers, url, f"(order_column:{date},order_direction:desc,page_size:100)")) \
                == len(asc)


def test_a_department_user_filters_inside_its_own_scope_only(app, ref, two_regions):
    city, district, persons = two_regions
    make_user(app, "dept", "department", institution_id=city)
    client = app.test_client()
    headers = {"Authorization": f"Bearer {api_token(client, 'dept')}"}
    by_inst = "(filters:!((col:institution,opr:rel_o_m,value:{})),page_size:100)"
    by_region = "(filters:!((col:institution,opr:rel_region,value:{})),page_size:100)"
    assert _ids(client, headers, "/api/v1/person/", by_inst.format(district)) == []
    assert _ids(client, headers, "/api/v1/person/", by_region.format(ref.shinan)) == []
    assert sorted(_ids(client, headers, "/api/v1/person/", by_region.format(ref.city))) == sorted(persons[city])


def test_a_resource_cannot_declare_a_users_private_column():
    from app.core.api_safety import check_user_columns
    from app.office.models import DivisionMember

    check_user_columns(DivisionMember, ["user", "user.username", "user.first_name", "division.name"])
    for column in ("user.password", "user.email", "user.last_login"):
        with pytest.raises(RuntimeError, match="a user is shown by"):
            check_user_columns(DivisionMember, [column])
