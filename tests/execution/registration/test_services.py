"""Registration rules: each matter's refusals name the rule and change nothing; the steps
issue a valid USCC and certificates; the timestamps give the receipt-to-issue time."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from app.core import uscc
from app.core.db import transaction
from app.core.errors import DomainError
from app.execution.registration import services
from app.execution.registration.models import Certificate, Registration
from app.extensions import db
from app.quota.models import Institution
from app.quota.services import assign_uscc
from tests.factories import new_institution
from tests.execution.registration.fixtures import T0, file, materials, reload, uscc_of, walk
from tests.office.fixtures import snapshot


def refused(key, fn):
    before = snapshot(Registration, Certificate, Institution)
    with pytest.raises(DomainError) as err:
        fn()
    db.session.rollback()
    assert err.value.key == key, err.value.message("en")
    assert err.value.message("zh") and err.value.message("en")
    assert snapshot(Registration, Certificate, Institution) == before
    return err.value


def valid_cert(pk):
    db.session.expire_all()
    return services.valid_certificate(pk)


def test_establish_issues_a_valid_uscc_and_a_five_year_certificate(units):
    reg_id = file(units.new_pi, "establish", legal_rep="李四")
    reg = walk(reg_id, "announced", minutes=3)
    code = uscc_of(units.new_pi)
    assert reg.uscc == code and uscc.validate(code).code == code and code[1] == "2"
    cert = valid_cert(units.new_pi)
    assert cert.kind == "legal_person" and cert.uscc == code
    assert (cert.valid_from, cert.valid_to) == (dt.date(2026, 5, 6), dt.date(2031, 5, 5))
    assert [reg.accepted_at, reg.reviewed_at, reg.approved_at, reg.issued_at] == [
        T0 + dt.timedelta(minutes=3 * i) for i in range(1, 5)]
    assert reg.turnaround_s == 9 * 60 and reg.same_day is True  # 受理 → 发证
    assert "市教育考试院" in reg.notice and code in reg.notice


def test_code_issue_for_an_organ_and_not_for_a_public_institution(units):
    walk(file(units.bureau, "code_issue"), "issued")
    code = uscc_of(units.bureau)
    assert code[1] == "1" and uscc.validate(code).code == code
    assert valid_cert(units.bureau).kind == "code"
    refused("registration.already_certified", lambda: file(units.bureau, "code_issue"))
    # An organ coded earlier by the 赋码 action keeps its code and gets its certificate.
    party = new_institution(units.ref, "市委宣传部", category="party")
    with transaction():
        coded = assign_uscc(db.session.get(Institution, party))
    reg = walk(file(party, "code_issue"), "issued")
    assert reg.uscc == coded == uscc_of(party) and valid_cert(party).uscc == coded
    err = refused("registration.code_issue_category", lambda: file(units.new_pi, "code_issue"))
    assert "市教育考试院" in err.message("zh")
    refused("registration.establish_category", lambda: file(units.bureau, "establish", legal_rep="x"))
    refused("registration.already_coded", lambda: file(units.school, "establish", legal_rep="x"))


def test_missing_materials_are_named(units):
    err = refused("registration.materials_missing",
                  lambda: file(units.new_pi, "establish", legal_rep="李四", materials="登记申请书\n章程草案"))
    assert "审批机关批准文件" in err.message("zh") and "章程草案" not in err.message("zh")


def test_funds_change_only_above_twenty_percent(units):
    err = refused("registration.funds_below_threshold", lambda: file(
        units.school, "change", change_item="funds", funds_before=Decimal("100"), funds_after=Decimal("120")))
    assert "20.0%" in err.message("zh") and "20.0%" in err.message("en")
    reg_id = file(units.school, "change", change_item="funds", funds_before=Decimal("100"),
                  funds_after=Decimal("121"))
    reg = reload(Registration, reg_id)
    assert (reg.old_value, reg.new_value) == ("100 万元", "121 万元")
    old = valid_cert(units.school)
    walk(reg_id, "issued")
    new = valid_cert(units.school)
    assert new.id != old.id and (new.valid_from, new.valid_to) == (old.valid_from, old.valid_to)
    assert reload(Certificate, old.id).status == "replaced"


def test_change_needs_a_registered_unit_and_one_open_change(units):
    refused("registration.not_registered",
            lambda: file(units.new_pi, "change", change_item="address", new_value="香港中路 1 号"))
    file(units.school, "change", change_item="address", new_value="香港中路 1 号")
    refused("registration.open_duplicate",
            lambda: file(units.school, "change", change_item="legal_rep", new_value="赵六"))


def test_cancel_needs_a_clearing_report_and_voids_the_certificate(units):
    refused("registration.clearing_report_required", lambda: file(units.school, "cancel"))
    walk(file(units.school, "cancel", clearing_report="清算报告 2026-1"), "issued")
    assert valid_cert(units.school) is None
    refused("registration.cancelled", lambda: file(units.school, "renew"))
    assert db.session.query(Certificate).filter_by(institution_id=units.school, status="cancelled").count() == 1


def test_simple_cancel_with_a_successor(units):
    proof = "三方承接证明 2026-07"
    refused("registration.successor_required", lambda: file(units.school, "simple_cancel", undertaking_proof=proof))
    refused("registration.undertaking_proof_required",
            lambda: file(units.school, "simple_cancel", successor_id=units.successor))
    refused("registration.simple_cancel_no_clearing", lambda: file(
        units.school, "simple_cancel", successor_id=units.successor, undertaking_proof=proof, clearing_report="x"))
    refused("registration.successor_self",
            lambda: file(units.school, "simple_cancel", successor_id=units.school, undertaking_proof=proof))
    refused("registration.successor_not_registered",
            lambda: file(units.school, "simple_cancel", successor_id=units.new_pi, undertaking_proof=proof))
    reg = walk(file(units.school, "simple_cancel", successor_id=units.successor, undertaking_proof=proof),
               "announced")
    assert valid_cert(units.school) is None and valid_cert(units.successor) is not None
    assert "市教育服务中心" in reg.notice and proof in reg.notice


def test_annual_report_window_and_one_per_year(units):
    values = dict(report_year=2025, activities="开展教学活动", net_assets=Decimal("350.5"), staff_count=120)
    refused("registration.report_too_early", lambda: file(units.school, "annual_report", now=dt.datetime(
        2025, 12, 31, 10), **values))
    reg = walk(file(units.school, "annual_report", now=dt.datetime(2026, 3, 2, 9), **values), "announced",
               start=dt.datetime(2026, 3, 2, 9))
    assert reg.issued_at is None and reg.approved_at is None and "2025 年度报告" in reg.notice
    refused("registration.report_duplicate", lambda: file(units.school, "annual_report", now=dt.datetime(
        2026, 3, 3, 9), **values))
    refused("write.required", lambda: file(units.successor, "annual_report", now=dt.datetime(2026, 3, 3, 9),
                                           report_year=2025, activities="", net_assets=1, staff_count=1))


def test_renew_and_reissue(units):
    old = valid_cert(units.school)
    walk(file(units.school, "renew"), "issued", start=dt.datetime(2026, 9, 1, 9))
    renewed = valid_cert(units.school)
    assert renewed.valid_from == dt.date(2026, 9, 1) and renewed.valid_to == dt.date(2031, 8, 31)
    assert reload(Certificate, old.id).status == "replaced"
    refused("write.required", lambda: file(units.school, "reissue"))
    walk(file(units.school, "reissue", reason="遗失"), "issued")
    reissued = valid_cert(units.school)
    assert reissued.id != renewed.id and reissued.valid_to == renewed.valid_to
    paper = new_institution(units.ref, "市教育装备中心", parent=units.bureau, category="pi", within_cap=False)
    with transaction():  # coded by the older 赋码 action, with a paper certificate: a code, no certificate
        assign_uscc(db.session.get(Institution, paper))
    refused("registration.no_certificate", lambda: file(paper, "reissue", reason="遗失"))
    walk(file(paper, "renew"), "issued")  # 换领 takes the paper certificate in
    assert valid_cert(paper).kind == "legal_person"


def test_online_needs_tracking_numbers_both_ways(units):
    refused("registration.tracking_in_required", lambda: file(units.school, "reissue", reason="遗失",
                                                               channel="online"))
    reg_id = file(units.school, "reissue", reason="遗失", channel="online", tracking_in="SF1234567890")
    walk(reg_id, "approved")
    reg = reload(Registration, reg_id)
    refused("registration.tracking_out_required", lambda: services.advance(reg, now=T0 + dt.timedelta(hours=1)))
    reg = reload(Registration, reg_id)
    with transaction():
        services.advance(reg, tracking_out="EMS9876543210CN", now=T0 + dt.timedelta(days=1, hours=1))
    reg = reload(Registration, reg_id)
    assert reg.step == "issued" and reg.tracking_out == "EMS9876543210CN" and reg.same_day is False


def test_steps_in_order_and_refusals(units):
    reg_id = file(units.school, "reissue", reason="遗失")
    reg = reload(Registration, reg_id)
    refused("registration.wrong_step", lambda: services.advance(reg, target="issued"))
    walk(reg_id, "announced")
    reg = reload(Registration, reg_id)
    refused("registration.finished", lambda: services.advance(reg))


def test_edit_and_withdraw_only_before_receipt(units):
    reg_id = file(units.school, "change", change_item="address", new_value="香港中路 1 号")
    with transaction():
        services.update_registration(reload(Registration, reg_id), new_value="香港中路 2 号")
    assert reload(Registration, reg_id).new_value == "香港中路 2 号"
    refused("registration.not_editable", lambda: services.update_registration(reload(Registration, reg_id),
                                                                              step="issued"))
    walk(reg_id, "accepted")
    refused("registration.locked", lambda: services.update_registration(reload(Registration, reg_id),
                                                                        new_value="x"))
    refused("registration.withdraw_late", lambda: services.delete_registration(reload(Registration, reg_id)))
    other = file(units.school, "reissue", reason="损毁")
    with transaction():
        services.delete_registration(reload(Registration, other))
    assert reload(Registration, other) is None
