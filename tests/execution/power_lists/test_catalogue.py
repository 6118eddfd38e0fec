"""The catalogue's rules: codes from the active format, checked on every input;
implementations that copy the catalogue unless told otherwise; each refusal
names the rule and leaves the database unchanged."""
from __future__ import annotations

import pytest

from app.core.db import transaction
from app.core.errors import DomainError
from app.extensions import db
from app.execution.power_lists.models import CodeFormat, PowerImplementation, PowerItem, PowerType
from app.execution.power_lists.services import catalogue
from app.quota.models import Institution
from tests.execution.power_lists.fixtures import implement, new_item, state_of_lists


def refused(work) -> DomainError:
    before = state_of_lists()
    with pytest.raises(DomainError) as info:
        with transaction():
            work()
    assert state_of_lists() == before
    err = info.value
    assert err.message("zh") != err.message("en") and err.message("en")
    return err


def test_new_codes_take_the_next_sequence_of_their_prefix(pw):
    dept = db.session.get(Institution, pw.w.dept)
    first = db.session.get(PowerItem, pw.item).code
    assert first == f"370200{dept.id % 1000:03d}0100100"
    second = db.session.get(PowerItem, new_item(pw.w.dept, pw.types["01"], "教师资格认定")).code
    assert second == f"370200{dept.id % 1000:03d}0100200"
    penalty = db.session.get(PowerItem, new_item(pw.w.dept, pw.types["02"], "对民办学校违规办学的处罚")).code
    assert penalty[9:11] == "02" and penalty[11:14] == "001"


def test_a_code_that_does_not_fit_the_format_is_refused(pw):
    err = refused(lambda: catalogue.create_item(PowerItem(name="x", type_id=pw.types["01"], legal_basis="y",
                                                          department_id=pw.w.dept, code="12345")))
    assert err.key == "power_list.code_format" and "12345" in err.message("zh") and "16" in err.message("en")


def test_a_code_whose_type_segment_is_another_type_is_refused(pw):
    err = refused(lambda: catalogue.create_item(PowerItem(name="x", type_id=pw.types["02"], legal_basis="y",
                                                          department_id=pw.w.dept, code="3702000170100900")))
    assert err.key == "power_list.code_type" and "01" in err.message("zh")


def test_a_code_already_used_is_refused(pw):
    code = db.session.get(PowerItem, pw.item).code
    err = refused(lambda: catalogue.create_item(PowerItem(name="另一事项", type_id=pw.types["01"], legal_basis="y",
                                                          department_id=pw.w.dept, code=code)))
    assert err.key == "power_list.duplicate_code" and "民办学校设立审批" in err.message("zh")


def test_an_implementation_copies_the_catalogue_unless_told(pw):
    impl = db.session.get(PowerImplementation, pw.impl)
    item = db.session.get(PowerItem, pw.item)
    assert (impl.name, impl.code, impl.type_id, impl.legal_basis) == (item.name, item.code, item.type_id,
                                                                      item.legal_basis)
    assert [r.step_name for r in impl.responsibilities] == ["受理", "审查", "决定"]


def test_a_promise_longer_than_the_statutory_limit_is_refused(pw):
    def work():
        impl = db.session.get(PowerImplementation, pw.impl)
        impl.promised_days = 30
        catalogue.update_implementation(impl, promised_days=30)

    err = refused(work)
    assert err.key == "power_list.promised_over_statutory" and "30" in err.message("en") and "20" in err.message("en")


def test_one_institution_implements_an_item_once(pw):
    err = refused(lambda: catalogue.create_implementation(PowerImplementation(
        item_id=pw.item, institution_id=pw.w.dept, level="city")))
    assert err.key == "power_list.duplicate_implementation"


def test_an_unknown_level_is_refused(pw):
    err = refused(lambda: catalogue.create_implementation(PowerImplementation(
        item_id=pw.item, institution_id=pw.district, level="province")))
    assert err.key == "write.choice"


def test_an_item_in_use_cannot_be_deleted(pw):
    err = refused(lambda: catalogue.delete_item(db.session.get(PowerItem, pw.item)))
    assert err.key == "power_list.item_in_use"


def test_types_are_a_dictionary_with_two_digit_codes(pw):
    err = refused(lambda: catalogue.save_type(PowerType(code="1", name="新类型")))
    assert err.key == "power_list.type_code"
    err = refused(lambda: catalogue.save_type(PowerType(code="01", name="重复")))
    assert err.key == "power_list.type_duplicate"
    err = refused(lambda: catalogue.delete_type(db.session.get(PowerType, pw.types["01"])))
    assert err.key == "power_list.type_in_use"


def test_a_malformed_format_is_refused(pw):
    err = refused(lambda: catalogue.save_format(CodeFormat(name="坏", segments="region:6,seq:3")))
    assert err.key == "power_list.format_needs"
    err = refused(lambda: catalogue.save_format(CodeFormat(name="坏", segments="region:6,type:2,seq:3,colour:1")))
    assert err.key == "power_list.format_segment"


def test_the_active_format_decides_new_codes_and_checks(pw):
    with transaction():
        catalogue.save_format(CodeFormat(name="短格式", segments="type:2,seq:4", active=True))
    assert db.session.query(CodeFormat).filter_by(active=True).one().name == "短格式"
    code = db.session.get(PowerItem, new_item(pw.w.foreign, pw.types["20"], "养老服务咨询")).code
    assert code == "200001"
    err = refused(lambda: catalogue.create_item(PowerItem(name="x", type_id=pw.types["01"], legal_basis="y",
                                                          department_id=pw.w.dept, code="3702000170100900")))
    assert err.key == "power_list.code_format"
    err = refused(lambda: catalogue.delete_format(db.session.query(CodeFormat).filter_by(active=True).one()))
    assert err.key == "power_list.format_active"


def test_district_implementations_may_differ_but_stay_well_formed(pw):
    impl = implement(pw.item, pw.district, level="district", name="民办学校设立审批事项")
    assert db.session.get(PowerImplementation, impl).name == "民办学校设立审批事项"
    err = refused(lambda: catalogue.create_implementation(PowerImplementation(
        item_id=pw.foreign_item, institution_id=pw.district, level="district", code="999")))
    assert err.key == "power_list.code_format"
