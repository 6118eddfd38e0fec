"""One way to show a refusal on every form (issue #11, 1): a rule the service layer
enforces refuses a save; the page stays on the form (422), every field keeps what
was typed, the message sits at the top in the red box and beside the field it
concerns; nothing is written.  One test per invariant, ID numbers and USCCs,
through the web form as a browser posts it."""
from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import func, select

from app.core.db import transaction
from app.extensions import db
from app.quota import models as m
from tests.conftest import csrf_token, login
from tests.factories import (
    give_quota, make_user, new_institution, new_person, set_institution_cap, set_leadership, set_regional_cap,
    valid_id_number,
)


def rows(model):
    db.session.expire_all()
    return db.session.execute(select(func.count()).select_from(model)).scalar_one()


def refused(client, url, data, *, message, field, kept):
    """Post ``data`` to the form at ``url``; check the refusal is shown the one way."""
    data = {**data, "csrf_token": csrf_token(client, url)}
    resp = client.post(url, data=data)
    html = resp.get_data(as_text=True)
    assert resp.status_code == 422, (resp.status_code, resp.headers.get("Location"))
    # at the top, in the red box (the flash), and beside the field
    top = re.findall(r'<div class="alert alert-danger">\s*<button[^>]*>&times;</button>\s*([^<]*)</div>', html)
    assert any(message in t for t in top), top
    beside = re.search(rf'id="{field}"[\s\S]*?<div class="alert alert-danger">\s*([^<]*)</div>', html)
    assert beside and message in beside.group(1), f"no message beside {field}"
    # every value the user typed is still in the form
    for value in kept:
        assert (f'value="{value}"' in html or re.search(rf">\s*{re.escape(str(value))}</textarea>", html)
                or re.search(rf'<option value="{re.escape(str(value))}" selected', html)), f"lost {value!r}"
    return html


def refused_entry(client, entry, *, message, kept):
    """A ledger entry the rules refuse, with the message beside the amount or the quota type."""
    before = rows(m.QuotaLedgerEntry)
    field = "quota_type" if "混用" in message else "delta"
    refused(client, "/quotaledgerentryview/add", entry, message=message, field=field, kept=kept)
    assert rows(m.QuotaLedgerEntry) == before


def staff_client(app):
    make_user(app, "staffer", "staff")
    client = app.test_client()
    assert login(client, "staffer").status_code == 302
    return client


def test_ledger_over_the_regional_total(app, ref):
    inst = new_institution(ref, "市审计局")
    set_regional_cap(ref.city, ref.admin_q, 4)
    give_quota(inst, ref.admin_q, 3)
    refused_entry(staff_client(app), {
        "institution": inst, "quota_type": ref.admin_q, "delta": "2", "reason": "新增职能需增编",
        "doc_no": "青编〔2026〕9号"}, message="违反总量不突破", kept=["2", "新增职能需增编", "青编〔2026〕9号", inst, ref.admin_q])


def test_ledger_wrong_quota_type_for_the_category(app, ref):
    school = new_institution(ref, "青岛一中", category="pi")
    refused_entry(staff_client(app), {
        "institution": school, "quota_type": ref.admin_q, "delta": "3", "reason": "混用", "doc_no": "X1"},
        message="不得混用编制", kept=["混用", "X1", school])


def test_ledger_below_the_persons_in_post(app, ref):
    inst = new_institution(ref, "市统计局")
    give_quota(inst, ref.admin_q, 1)
    new_person(inst, ref.admin_q)
    refused_entry(staff_client(app), {
        "institution": inst, "quota_type": ref.admin_q, "delta": "-1", "reason": "核减", "doc_no": "X2"},
        message="低于在编人数", kept=["-1", "核减"])


def test_person_over_the_allocation(app, ref):
    inst = new_institution(ref, "市商务局")
    give_quota(inst, ref.admin_q, 1)
    new_person(inst, ref.admin_q)
    client = staff_client(app)
    before = rows(m.Person)
    number = valid_id_number(gender="M")
    refused(client, "/personview/add", {
        "name": "李新", "id_number": number, "gender": "M", "institution": inst, "quota_type": ref.admin_q,
        "post": "科员"}, message="不得超编进人", field="quota_type", kept=["李新", number, "科员", "M"])
    assert rows(m.Person) == before


def test_person_beyond_leadership_positions(app, ref):
    inst = new_institution(ref, "市民政局")
    give_quota(inst, ref.admin_q, 5)
    set_leadership(inst, ref.chief, 1)
    new_person(inst, ref.admin_q, rank_id=ref.chief)
    client = staff_client(app)
    before = rows(m.Person)
    refused(client, "/personview/add", {
        "name": "王局", "id_number": valid_id_number(gender="F"), "gender": "F", "institution": inst,
        "quota_type": ref.admin_q, "rank": ref.chief}, message="不得超职数配备", field="rank",
        kept=["王局", ref.chief])
    assert rows(m.Person) == before


def test_person_bad_id_number(app, ref):
    inst = new_institution(ref, "市水务局")
    give_quota(inst, ref.admin_q, 2)
    client = staff_client(app)
    before = rows(m.Person)
    good = valid_id_number(gender="M")
    bad = good[:-1] + ("1" if good[-1] != "1" else "2")
    refused(client, "/personview/add", {
        "name": "赵六", "id_number": bad, "gender": "M", "institution": inst, "quota_type": ref.admin_q},
        message="身份证号", field="id_number", kept=["赵六", bad])
    assert rows(m.Person) == before


def test_person_edit_contradicting_the_id_number(app, ref):
    inst = new_institution(ref, "市人社局")
    give_quota(inst, ref.admin_q, 2)
    pid = new_person(inst, ref.admin_q, name="钱七", id_number=valid_id_number(birth=dt.date(1980, 1, 1)))
    client = staff_client(app)
    person = db.session.get(m.Person, pid)
    snapshot = (person.name, person.birth_date, person.post)
    refused(client, f"/personview/edit/{pid}", {
        "name": "钱七(改)", "gender": person.gender or "", "birth_date": "1975-05-05", "institution": inst,
        "quota_type": ref.admin_q, "status": "active", "post": "副科长"},
        message="与身份证号", field="birth_date", kept=["钱七(改)", "1975-05-05", "副科长"])
    db.session.expire_all()
    person = db.session.get(m.Person, pid)
    assert (person.name, person.birth_date, person.post) == snapshot


def test_institution_bad_uscc(app, ref):
    client = staff_client(app)
    before = rows(m.Institution)
    refused(client, "/institutionview/add", {
        "name": "市新设中心", "short_name": "新中心", "uscc": "12370200MB0000000X", "category": ref.pi,
        "region": ref.city, "level": "city", "status": "active"}, message="统一社会信用代码", field="uscc",
        kept=["市新设中心", "新中心", "12370200MB0000000X", ref.pi])
    assert rows(m.Institution) == before


def test_institution_over_the_institution_cap(app, ref):
    new_institution(ref, "市甲局")
    set_institution_cap(ref.city, 1)
    client = staff_client(app)
    before = rows(m.Institution)
    refused(client, "/institutionview/add", {
        "name": "市乙局", "category": ref.gov, "region": ref.city, "level": "city", "status": "active",
        "within_cap": "y", "functions": "负责乙事项"}, message="违反限额不突破", field="within_cap",
        kept=["市乙局", "负责乙事项"])
    assert rows(m.Institution) == before


def test_regional_cap_below_what_is_approved(app, ref):
    inst = new_institution(ref, "市司法局")
    cap = set_regional_cap(ref.city, ref.admin_q, 10)
    give_quota(inst, ref.admin_q, 6)
    client = staff_client(app)
    refused(client, f"/regionalcapview/edit/{cap}", {"total": "5"}, message="总量不能调整为 5", field="total",
            kept=["5"])
    db.session.expire_all()
    assert db.session.get(m.RegionalCap, cap).total == 10


def test_staffing_standard_over_its_maximum(app, ref):
    with transaction():
        std = m.StaffingStandard(code="pupils", name="中小学标准", metric_name="学生数", quota_type_id=ref.inst_q)
        db.session.add(std)
        db.session.flush()
        db.session.add(m.StaffingStandardRow(standard_id=std.id, metric_from=0, ratio=0.01, base=0))
        std_id = std.id
    school = new_institution(ref, "青岛三中", category="pi")
    with transaction():
        inst = db.session.get(m.Institution, school)
        inst.standard_id, inst.standard_metric = std_id, 200  # at most 2
    give_quota(school, ref.inst_q, 2)
    refused_entry(staff_client(app), {
        "institution": school, "quota_type": ref.inst_q, "delta": "1", "reason": "超标准", "doc_no": "X3"},
        message="违反标准不突破", kept=["超标准", "X3"])


def test_a_refused_delete_is_said_in_the_red_box(app, ref):
    parent = new_institution(ref, "市上级局")
    new_institution(ref, "市下级处", parent=parent)
    client = staff_client(app)
    resp = client.post(f"/institutionview/delete/{parent}", data={"csrf_token": csrf_token(client, "/institutionview/list/")},
                       follow_redirects=True)
    html = resp.get_data(as_text=True)
    assert re.search(r'alert alert-danger">\s*<button[^>]*>&times;</button>\s*市上级局 仍有 1 个下级机构', html)
    assert db.session.get(m.Institution, parent) is not None


def test_a_missing_institution_is_said_to_be_required(app, ref):
    edu = new_institution(ref, "市教育局")
    make_user(app, "dept", "department", institution_id=edu)
    client = app.test_client()
    login(client, "dept")
    url = "/internaldivisionview/add"
    resp = client.post(url, data={"name": "办公室", "sort": "1", "csrf_token": csrf_token(client, url)})
    html = resp.get_data(as_text=True)
    assert "无权操作" not in html and "#None" not in html
    assert "为必填项" in html and 'value="办公室"' in html
    assert rows(m.InternalDivision) == 0
