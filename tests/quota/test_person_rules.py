"""Every rule of a new person, through both paths: ``create_person`` (the form,
the API, the CLI, the seeds) and ``create_persons`` (the persons import).

Both refuse the same person with the same rule and the same message, and leave
the database as it was; the bulk path refuses its whole batch."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from app.core.audit import AuditLog
from app.core.db import transaction
from app.core.errors import DomainError
from app.extensions import db
from app.quota import services
from app.quota.models import Institution, InternalDivision, LeadershipQuota, Person, QuotaAllocation
from tests.factories import give_quota, new_institution, new_person, set_leadership, valid_id_number


def state():
    db.session.expire_all()
    return (sorted(tuple(r) for r in db.session.execute(select(*Person.__table__.columns)).all()),
            sorted(db.session.execute(select(QuotaAllocation.id, QuotaAllocation.occupied)).all()),
            sorted(db.session.execute(select(LeadershipQuota.id, LeadershipQuota.used)).all()),
            db.session.execute(select(func.count(AuditLog.id))).scalar())


@pytest.fixture()
def place(ref):
    """甲局 with 3 行政编制 (one in post) and one chief position (taken); 乙局 revoked;
    丙局 with no allocation; a division of 乙局."""
    a = new_institution(ref, "甲局")
    give_quota(a, ref.admin_q, 3)
    set_leadership(a, ref.chief, 1)
    in_post = valid_id_number()
    new_person(a, ref.admin_q, name="在编者", id_number=in_post, rank_id=ref.chief)
    b = new_institution(ref, "乙局")
    with transaction():
        other_division = services.create_division(InternalDivision(institution_id=b, name="办公室")).id
    with transaction():
        services.update_institution(db.session.get(Institution, b), status="revoked")
    c = new_institution(ref, "丙局")
    return dict(ref=ref, a=a, b=b, c=c, in_post=in_post, other_division=other_division)


def person(place, **overrides):
    values = dict(name="新人", id_number=valid_id_number(), institution_id=place["a"],
                  quota_type_id=place["ref"].admin_q)
    values.update(overrides)
    return Person(**values)


# rule -> (what breaks it, the refusal's key, a piece of its Chinese message)
RULES = {
    "name required": (lambda p: dict(name="  "), "write.required", "姓名"),
    "name too long": (lambda p: dict(name="张" * 101), "write.too_long", "Person.name"),
    "ID number invalid": (lambda p: dict(id_number="370202198001011230"), "ric.invalid", "校验码"),
    "status unknown": (lambda p: dict(status="retired"), "write.choice", "状态"),
    "gender unknown": (lambda p: dict(gender="X"), "write.choice", "性别"),
    "birth date contradicts the ID": (lambda p: dict(id_number=valid_id_number(), birth_date=dt.date(1980, 1, 2)),
                                      "person.birth_date_contradicts_id",
                                      "出生日期 1980-01-02 与身份证号 370202********"),
    "gender contradicts the ID": (lambda p: dict(id_number=valid_id_number(gender="M"), gender="F"),
                                  "person.gender_contradicts_id", "性别 女 / female 与身份证号 370202********"),
    "exit reason unknown": (lambda p: dict(status="exited", exit_date=dt.date(2026, 1, 5), exit_reason="fled"),
                            "write.choice", "出编原因"),
    "exit fields while in post": (lambda p: dict(exit_reason="retired"), "person.exit_fields_when_active", "在编状态"),
    "exit needs date and reason": (lambda p: dict(status="exited", exit_reason="retired"),
                                   "person.exit_reason_required", "出编日期"),
    "exit before entry": (lambda p: dict(status="exited", entry_date=dt.date(2026, 3, 1),
                                         exit_date=dt.date(2026, 1, 1), exit_reason="retired"),
                          "person.dates_order", "早于入编日期"),
    "institution unknown": (lambda p: dict(institution_id=999_999), "write.required", "机构"),
    "quota type unknown": (lambda p: dict(quota_type_id=999_999), "write.required", "编制类型"),
    "division of another institution": (lambda p: dict(division_id=p["other_division"]), "write.required",
                                        "内设机构"),
    "institution revoked": (lambda p: dict(institution_id=p["b"]), "person.institution_revoked", "乙局"),
    "quota misuse": (lambda p: dict(quota_type_id=p["ref"].inst_q), "quota.misuse", "不得混用编制"),
    "one person in post once": (lambda p: dict(id_number=p["in_post"]), "person.duplicate_active", "甲局"),
    "no allocation": (lambda p: dict(institution_id=p["c"]), "quota.over_quota_entry", "丙局 行政编制 核定 0"),
    "leadership positions": (lambda p: dict(rank_id=p["ref"].chief), "quota.leadership_exceeded",
                             "甲局 正职 职数 1, 在任 1"),
}


def _refusal(place, path, overrides) -> DomainError:
    refused = person(place, **overrides)
    with pytest.raises(DomainError) as err:
        with transaction():
            if path == "create_person":
                services.create_person(refused)
            else:  # a valid person beside it: the batch is refused whole
                services.create_persons([person(place, name="同批"), refused])
    return err.value


@pytest.mark.parametrize("rule", list(RULES))
def test_each_rule_refuses_the_same_way_through_both_paths(place, rule):
    breaks, key, text = RULES[rule]
    overrides = breaks(place)
    messages = {}
    for path in ("create_person", "create_persons"):
        before = state()
        err = _refusal(place, path, overrides)
        assert state() == before, path
        assert err.key == key, (path, err.key, err.message("zh"))
        assert text in err.message("zh"), (path, err.message("zh"))
        messages[path] = (type(err), err.message("zh"), err.message("en"))
    assert messages["create_person"] == messages["create_persons"]


@pytest.mark.parametrize("path", ["create_person", "create_persons"])
def test_a_valid_person_enters_the_same_way_through_both_paths(place, path):
    before = state()
    with transaction():
        new = person(place, rank_id=place["ref"].clerk)
        services.create_person(new) if path == "create_person" else services.create_persons([new])
    persons, allocations, leadership, audits = state()
    assert len(persons) == len(before[0]) + 1
    assert [o for _, o in allocations] == [2]  # 甲局: 1 + 1 in post
    assert leadership == before[2]  # a clerk takes no leadership position
    # the person's own row and the allocation's counter move, both audited
    assert audits >= before[3] + 2
    row = db.session.execute(select(Person).where(Person.id == new.id)).scalar_one()
    assert (row.status, row.entry_date, row.birth_date) == ("active", dt.date.today(), dt.date(1980, 1, 1))
