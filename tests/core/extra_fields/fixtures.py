"""Two persons and the fields an administrator would add to persons."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from app.core.audit import AuditLog
from app.core.db import transaction
from app.core.extra_fields import definitions
from app.core.extra_fields.models import ExtraField, ExtraValue
from app.extensions import db
from tests.factories import give_quota, new_institution, new_person


def define(**fields) -> ExtraField:
    draft = definitions.FieldDraft(**{"resource": "Person", **fields})
    with transaction():
        return definitions.define(draft)


@pytest.fixture()
def persons(app, ref):
    edu = new_institution(ref, "市教育局")
    fin = new_institution(ref, "市财政局")
    give_quota(edu, ref.admin_q, 5)
    give_quota(fin, ref.admin_q, 5)
    mine = new_person(edu, ref.admin_q, name="王老师")
    theirs = new_person(fin, ref.admin_q, name="赵会计")
    fields = dict(
        degree=define(code="degree", label_zh="学位", label_en="Degree", kind="text", max_length=10,
                      pattern=r"[^0-9]+", help_zh="不含数字", help_en="no digits",
                      read_roles=["leader"], write_roles=["staff"]),
        years=define(code="years", label_zh="工龄", label_en="Years of service", kind="integer", min_value=0,
                     max_value=60, required=True, write_roles=["staff"]),
        pay=define(code="pay", label_zh="津贴", label_en="Allowance", kind="decimal", min_value=0,
                   write_roles=["staff"]),
        joined=define(code="joined", label_zh="入党日期", label_en="Party entry", kind="date",
                      write_roles=["staff"]),
        rank=define(code="rank", label_zh="原职级", label_en="Former rank", kind="choice", dictionary="Rank",
                    write_roles=["staff"]),
        vet=define(code="vet", label_zh="退役军人", label_en="Veteran", kind="yesno", write_roles=["staff"]),
    )
    return dict(edu=edu, fin=fin, mine=mine, theirs=theirs, ref=ref, fields=fields)


def stored() -> list[tuple]:
    """Every stored value, and the audit log's length: what a refusal must leave as it was."""
    db.session.expire_all()
    values = db.session.execute(select(ExtraValue.field_id, ExtraValue.row_id, ExtraValue.value_text,
                                       ExtraValue.value_num, ExtraValue.value_date).order_by(ExtraValue.id)).all()
    audits = db.session.execute(select(AuditLog.id)).all()
    return [tuple(v) for v in values] + [("audit", len(audits))]
