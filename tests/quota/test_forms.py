"""Every add and edit form saves through the browser's form encoding: one valid
submission per resource, checked in the database (catches form-level defects
such as required checkboxes or lookups that do not post)."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.quota import models as m
from tests.conftest import login
from tests.web import browser_post
from tests.factories import give_quota, make_user, new_institution, set_leadership, valid_id_number


def form_data(name, ref, ctx):
    """Valid add-form data per resource (ids as the browser posts them)."""
    return {
        "Region": {"code": "370285", "name": "莱西市", "level": "district", "parent": ref.city},
        "InstitutionCategory": {"code": "mass", "name": "群团机关", "name_en": "Mass organisation organ",
                                "uscc_code": "3"},
        "QuotaType": {"code": "service", "name": "机关工勤编制", "allowed_categories": ref.gov},
        "Rank": {"code": "div_chief", "name": "内设机构正职", "is_leadership": "y", "sort": "3"},
        "StaffingStandard": {"code": "beds", "name": "公立医院编制标准", "metric_name": "床位数",
                             "quota_type": ref.inst_q},
        "StaffingStandardRow": {"standard": ctx["standard"], "metric_from": "0", "ratio": "1.2", "base": "10"},
        "Institution": {"name": "市新设局", "category": ref.gov, "region": ref.city, "level": "city",
                        "status": "active", "within_cap": "y", "uscc": "11140800558745220K"},
        "InternalDivision": {"institution": ctx["inst"], "name": "办公室", "sort": "1"},
        "ThreeDeterminations": {"institution": ctx["inst"], "functions": "负责……", "approval_doc_no": "青编〔2026〕1号"},
        "QuotaLedgerEntry": {"institution": ctx["inst"], "quota_type": ref.admin_q, "delta": "3",
                             "reason": "增编", "doc_no": "青编〔2026〕2号"},
        "RegionalCap": {"region": ref.shinan, "quota_type": ref.admin_q, "total": "300"},
        "InstitutionCap": {"region": ref.shinan, "total": "37"},
        "LeadershipQuota": {"institution": ctx["inst"], "rank": ref.chief, "approved": "1"},
        "Person": {"name": "新同志", "id_number": valid_id_number(gender="F"), "gender": "F", "institution": ctx["inst"],
                   "quota_type": ref.admin_q},
        "UserInstitution": {"user": ctx["user"], "institution": ctx["inst"]},
    }[name]


EDITS = {  # resource -> (field changed, new value, attribute checked)
    "Region": ("name", "莱西市(改)", "name"),
    "InstitutionCategory": ("counts_toward_cap", "y", "counts_toward_cap"),
    "QuotaType": ("name_en", "Service worker quota", "name_en"),
    "Rank": ("sort", "4", "sort"),
    "StaffingStandard": ("metric_name", "编制床位数", "metric_name"),
    "StaffingStandardRow": ("base", "12", "base"),
    "Institution": ("functions", "负责新事项", "functions"),
    "InternalDivision": ("name", "综合处", "name"),
    "RegionalCap": ("total", "400", "total"),
    "InstitutionCap": ("total", "36", "total"),
    "LeadershipQuota": ("approved", "2", "approved"),
    "Person": ("post", "科员", "post"),
    "UserInstitution": ("institution", None, "institution_id"),
}


@pytest.fixture()
def ctx(app, ref):
    inst = new_institution(ref, "市测试局")
    other = new_institution(ref, "市另一局")
    give_quota(inst, ref.admin_q, 5)
    set_leadership(inst, ref.deputy, 1)
    from app.core.db import transaction

    with transaction():
        std = m.StaffingStandard(code="school", name="中学标准", metric_name="学生数", quota_type_id=ref.inst_q)
        db.session.add(std)
    uid = make_user(app, "binduser", "department")
    make_user(app, "root", "admin")
    client = app.test_client()
    assert login(client, "root").status_code == 302
    return {"inst": inst, "other": other, "standard": std.id, "user": uid, "client": client}


def count(model):
    db.session.expire_all()
    return db.session.execute(select(func.count()).select_from(model)).scalar_one()


@pytest.mark.parametrize("name", [
    "Region", "InstitutionCategory", "QuotaType", "Rank", "StaffingStandard", "StaffingStandardRow", "Institution",
    "InternalDivision", "ThreeDeterminations", "QuotaLedgerEntry", "RegionalCap", "InstitutionCap",
    "LeadershipQuota", "Person", "UserInstitution"])
def test_add_then_edit_form(ref, ctx, name):
    model = getattr(m, name)
    c = ctx["client"]
    url = f"/{name.lower()}view"
    before = count(model)
    resp = browser_post(c, f"{url}/add", form_data(name, ref, ctx))
    assert count(model) == before + 1, resp.get_data(as_text=True)[-3000:]
    if name not in EDITS:
        return
    pk = db.session.execute(select(model.id).order_by(model.id.desc()).limit(1)).scalar_one()
    field, value, attr = EDITS[name]
    if value is None:
        value = str(ctx["other"])
    resp = browser_post(c, f"{url}/edit/{pk}", {field: value})
    db.session.expire_all()
    got = getattr(db.session.get(model, pk), attr)
    want = {"y": True}.get(value, value)
    assert str(got) == str(want), resp.get_data(as_text=True)[-3000:]


def test_exit_through_the_edit_form_frees_the_quota(ref, ctx):
    from tests.factories import new_person

    c = ctx["client"]
    pk = new_person(ctx["inst"], ref.admin_q, name="将退休")
    html = browser_post(c, f"/personview/edit/{pk}", {"status": "exited", "exit_date": "2000-01-01",
                                                     "exit_reason": "retired"}).get_data(as_text=True)
    assert "出编日期 2000-01-01 早于入编日期" in html  # a clear refusal, not a constraint error
    today = dt.date.today().isoformat()
    resp = browser_post(c, f"/personview/edit/{pk}", {"status": "exited", "exit_date": today,
                                                     "exit_reason": "retired"})
    db.session.expire_all()
    person = db.session.get(m.Person, pk)
    assert (person.status, person.exit_reason) == ("exited", "retired"), resp.get_data(as_text=True)[-2000:]
    alloc = db.session.execute(select(m.QuotaAllocation).where(m.QuotaAllocation.institution_id == ctx["inst"]))
    assert alloc.scalar_one().occupied == 0
    # an exit without its reason is refused with the rule, nothing changes
    pk2 = new_person(ctx["inst"], ref.admin_q, name="缺原因")
    html = browser_post(c, f"/personview/edit/{pk2}", {"status": "exited", "exit_date": today}).get_data(
        as_text=True)
    assert "出编必须填写出编日期和出编原因" in html
    db.session.expire_all()
    assert db.session.get(m.Person, pk2).status == "active"


def test_delete_button_posts_and_deletes(ref, ctx):
    from app.core.db import transaction

    with transaction():
        div = m.InternalDivision(institution_id=ctx["inst"], name="待撤处室")
        db.session.add(div)
    div_id = div.id
    c = ctx["client"]
    from tests.conftest import csrf_token

    token = csrf_token(c, f"/internaldivisionview/edit/{div_id}")
    c.post(f"/internaldivisionview/delete/{div_id}", data={"csrf_token": token})
    db.session.expire_all()
    assert db.session.get(m.InternalDivision, div_id) is None
