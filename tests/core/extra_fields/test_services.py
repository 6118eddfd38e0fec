"""自定义字段 (issue #16 §2): the service's rules, on both databases.

Every type parses and refuses what does not fit, naming the field in zh and en; a
refusal of one value writes none of them and no audit row; a write is audited under
the row it belongs to; roles read and write only what the field grants; archiving
keeps the values and counts them.
"""
from __future__ import annotations

import datetime as dt
import decimal
import json

import pytest
from sqlalchemy import select

from app.core.audit import AuditLog
from app.core.db import transaction
from app.core.errors import ValidationFailed
from app.core.extra_fields import definitions, services
from app.core.extra_fields.models import ExtraField
from app.extensions import db
from app.quota.models import Person
from tests.core.extra_fields.fixtures import define, persons, stored  # noqa: F401  (fixture)

STAFF = {"staff"}


def write(row, values, roles=STAFF, **kwargs):
    with transaction():
        return services.write("Person", row, values, roles, **kwargs)


def test_every_type_is_stored_typed_and_read_back(persons):
    changed = write(persons["mine"], {"degree": " 硕士 ", "years": "12", "pay": "1,234.50", "joined": "2001/07/01",
                                      "rank": "副职", "vet": "是"})
    assert changed == 6
    got = services.read("Person", [persons["mine"], persons["theirs"]], STAFF)
    assert got == {persons["mine"]: {"degree": "硕士", "years": 12, "pay": decimal.Decimal("1234.5"),
                                     "joined": dt.date(2001, 7, 1), "rank": "deputy", "vet": True}}
    rank = persons["fields"]["rank"]
    assert services.display(rank, "deputy") == "副职"
    assert services.display(persons["fields"]["vet"], False) == "否"
    # The same values again change nothing and log nothing.
    before = stored()
    assert write(persons["mine"], {"years": 12, "vet": True, "rank": "deputy"}) == 0
    assert stored() == before


@pytest.mark.parametrize("code, raw, key, words", [
    ("years", "12.5", "extra.not_integer", ("工龄", "Years of service", "12.5")),
    ("years", "61", "extra.too_large", ("工龄", "60")),
    ("years", "-1", "extra.too_small", ("工龄", "0")),
    ("years", "", "extra.required", ("工龄", "Years of service")),
    ("pay", "many", "extra.not_decimal", ("津贴", "many")),
    ("pay", "1.0000001", "extra.not_decimal", ("津贴",)),
    ("joined", "2001-13-01", "extra.not_date", ("入党日期", "2001-13-01")),
    ("rank", "处长", "extra.not_in_dictionary", ("原职级", "处长")),
    ("vet", "maybe", "extra.not_yesno", ("退役军人", "maybe")),
    ("degree", "很长很长很长很长很长很长", "extra.too_long", ("学位", "10")),
    ("degree", "硕士2", "extra.no_match", ("学位", "不含数字")),
])
def test_a_bad_value_is_refused_by_name_and_nothing_is_written(persons, code, raw, key, words):
    write(persons["mine"], {"pay": "10"})
    before = stored()
    with pytest.raises(ValidationFailed) as err:
        # A good value beside the bad one is not written either.
        write(persons["mine"], {"pay": "99", code: raw})
    assert err.value.key == key
    zh, en = err.value.message("zh"), err.value.message("en")
    assert all(word in zh for word in words if not word.isascii() or word.isdigit() or word == raw)
    label_en = {"years": "Years of service", "pay": "Allowance", "joined": "Party entry", "rank": "Former rank",
                "vet": "Veteran", "degree": "Degree"}[code]
    assert label_en in en and label_en not in zh
    assert stored() == before


def test_roles_write_and_read_only_what_the_field_grants(persons):
    degree = persons["fields"]["degree"]
    before = stored()
    for roles in ({"leader"}, {"department"}, set()):
        with pytest.raises(ValidationFailed) as err:
            write(persons["mine"], {"degree": "学士"}, roles)
        assert err.value.key == "extra.not_writable" and "学位" in err.value.message("zh")
    assert stored() == before
    write(persons["mine"], {"degree": "学士"}, {"staff"})
    assert services.may_read(degree, {"leader"}) and not services.may_write(degree, {"leader"})
    assert services.read("Person", [persons["mine"]], {"leader"}) == {persons["mine"]: {"degree": "学士"}}
    # the department reads none of these fields; the administrator reads and writes them all
    assert services.read("Person", [persons["mine"]], {"department"}) == {}
    assert [f.code for f in services.fields_of("Person", {"leader"})] == ["degree"]
    assert len(services.fields_of("Person", {"admin"}, writable=True)) == 6
    write(persons["mine"], {"degree": "博士"}, {"admin"})


def test_a_write_is_audited_under_its_row(persons):
    write(persons["mine"], {"years": "3", "joined": "2020-01-02"})
    write(persons["mine"], {"years": "4", "joined": ""})
    logs = db.session.execute(select(AuditLog).where(AuditLog.object_type == "Person",
                                                     AuditLog.object_id == str(persons["mine"]))
                              .order_by(AuditLog.id)).scalars().all()
    changes = [(json.loads(a.before), json.loads(a.after)) for a in logs if a.after and "extra." in a.after]
    assert changes == [
        ({"extra.years": None, "extra.joined": None}, {"extra.years": 3, "extra.joined": "2020-01-02"}),
        ({"extra.years": 3, "extra.joined": "2020-01-02"}, {"extra.years": 4, "extra.joined": None}),
    ]
    assert services.read("Person", [persons["mine"]], STAFF) == {persons["mine"]: {"years": 4}}


def test_unknown_fields_rows_and_missing_required_values_are_refused(persons):
    before = stored()
    cases = [
        (lambda: write(persons["mine"], {"nope": "1"}), "extra.unknown_field"),
        (lambda: write(10 ** 8, {"years": "1"}), "extra.no_row"),
        (lambda: write(persons["mine"], {"pay": "1"}, complete=True), "extra.required"),
        (lambda: services.write("Hearing", 1, {"x": 1}), "extra.unknown_resource"),
    ]
    for call, key in cases:
        with pytest.raises(ValidationFailed) as err:
            call()
        db.session.rollback()
        assert err.value.key == key
    assert stored() == before
    assert write(persons["mine"], {"pay": "1", "years": "0"}, complete=True) == 2


def test_archiving_keeps_the_values_and_counts_them(persons):
    write(persons["mine"], {"years": "5"})
    write(persons["theirs"], {"years": "6"})
    years = persons["fields"]["years"]
    with transaction():
        assert definitions.archive(years.id) == 2
    assert "years" not in [f.code for f in services.fields_of("Person", {"admin"})]
    before = stored()
    with pytest.raises(ValidationFailed) as err:
        write(persons["mine"], {"years": "7"}, {"admin"})
    assert err.value.key == "extra.archived"
    assert stored() == before
    # Archived: out of every read, data kept, and a required archived field asks for nothing.
    assert services.read("Person", [persons["mine"]], {"admin"}) == {}
    write(persons["mine"], {"pay": "1"}, complete=True)
    with transaction():
        assert definitions.archive(years.id, archived=False) == 2
    assert services.read("Person", [persons["mine"]], {"admin"})[persons["mine"]]["years"] == 5


@pytest.mark.parametrize("fields, key", [
    (dict(code="Bad-Code", label_zh="甲"), "extra.bad_code"),
    (dict(code="degree", label_zh="学位二"), "extra.code_taken"),
    (dict(code="x1", label_zh=""), "extra.no_label"),
    (dict(code="x1", label_zh="甲", kind="blob"), "extra.bad_kind"),
    (dict(code="x1", label_zh="甲", kind="choice"), "extra.no_dictionary"),
    (dict(code="x1", label_zh="甲", kind="choice", dictionary="Person"), "extra.no_dictionary"),
    (dict(code="x1", label_zh="甲", kind="integer", min_value=5, max_value=1), "extra.bad_rule"),
    (dict(code="x1", label_zh="甲", pattern="(unclosed"), "extra.bad_rule"),
    (dict(code="x1", label_zh="甲", read_roles=["nobody"]), "extra.unknown_role"),
    (dict(code="x1", label_zh="甲", resource="AuditLog"), "extra.unknown_resource"),
])
def test_a_bad_definition_is_refused_and_nothing_is_added(persons, fields, key):
    count = len(db.session.execute(select(ExtraField.id)).all())
    with pytest.raises(ValidationFailed) as err:
        define(**fields)
    db.session.rollback()
    assert err.value.key == key and err.value.message("zh") and err.value.message("en")
    assert len(db.session.execute(select(ExtraField.id)).all()) == count


def test_a_fields_resource_code_and_type_are_fixed(persons):
    years = persons["fields"]["years"]
    draft = definitions.draft_of(years)
    draft.kind = "text"
    with pytest.raises(ValidationFailed) as err, transaction():
        definitions.change(years.id, draft)
    assert err.value.key == "extra.fixed"
    db.session.expire_all()
    assert db.session.get(ExtraField, years.id).kind == "integer"
    draft = definitions.draft_of(db.session.get(ExtraField, years.id))
    draft.label_zh, draft.max_value = "工作年限", decimal.Decimal(70)
    with transaction():
        definitions.change(years.id, draft)
    write(persons["mine"], {"years": "65"})


def test_filters_find_rows_by_their_typed_values(persons):
    write(persons["mine"], {"years": "9", "joined": "2001-07-01", "rank": "deputy", "degree": "硕士"})
    write(persons["theirs"], {"years": "30"})
    f = persons["fields"]

    def names(fld, op, value):
        cond = services.row_filter(fld, op, value)
        return sorted(db.session.execute(select(Person.name).where(cond)).scalars())

    assert names(f["years"], "gt", "10") == ["赵会计"]  # 30 > 10 as numbers (as text "9" > "10")
    assert names(f["years"], "lt", "10") == ["王老师"]
    assert names(f["joined"], "eq", "2001-07-01") == ["王老师"]
    assert names(f["rank"], "eq", "副职") == ["王老师"]
    assert names(f["degree"], "ct", "硕") == ["王老师"]
    assert names(f["degree"], "empty", "") == ["赵会计"]
