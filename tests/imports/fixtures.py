"""Import test helpers: files built in the test (openpyxl, raw zip writes, encoded CSV),
a small world of institutions and quotas, and a snapshot of what the database holds."""
from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from app.core.audit import AuditLog
from app.extensions import db
from app.imports import batches, specs
from app.imports.models import ImportBatch
from app.quota.models import Institution, Person, QuotaAllocation, QuotaLedgerEntry, RegionalCap
from tests.factories import give_quota, new_institution, set_regional_cap, valid_id_number

PERSON_HEADER = ["姓名", "身份证号", "机构", "编制类型", "岗位", "状态", "入编日期", "出编日期", "出编原因"]


def xlsx(rows, *, merges=(), sheet_title="数据") -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = sheet_title
    for row in rows:
        ws.append(list(row))
    for rng in merges:
        ws.merge_cells(rng)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def csv_bytes(rows, encoding="utf-8") -> bytes:
    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    return buf.getvalue().encode(encoding)


def ids(n, start=0):
    """n distinct valid ID numbers."""
    return [valid_id_number(birth=dt.date(1970, 1, 1) + dt.timedelta(days=(start + k) // 900), seq=(start + k) % 900)
            for k in range(n)]


def person_rows(inst_name, n, *, quota="事业编制", start=0):
    return [[f"人员{start + k}", number, inst_name, quota, "科员", "在编", "2024-03-01", None, None]
            for k, number in enumerate(ids(n, start))]


@pytest.fixture()
def world(ref):
    """市教育局 (gov) › 青岛二中 (public institution, 10 事业编制); 市财政局 (gov, 5 行政编制)."""
    set_regional_cap(ref.city, ref.admin_q, 100)
    edu = new_institution(ref, "市教育局")
    school = new_institution(ref, "青岛二中", parent=edu, category="pi")
    fin = new_institution(ref, "市财政局")
    give_quota(edu, ref.admin_q, 5)
    give_quota(school, ref.inst_q, 10)
    give_quota(fin, ref.admin_q, 5)
    return dict(ref=ref, edu=edu, school=school, fin=fin)


def snapshot() -> dict:
    """What an import could change: row counts, counters, the audit chain's length."""
    db.session.rollback()
    scalar = lambda stmt: db.session.execute(stmt).scalar()  # noqa: E731
    return {
        "institutions": scalar(select(func.count(Institution.id))),
        "persons": scalar(select(func.count(Person.id))),
        "active": scalar(select(func.count(Person.id)).where(Person.status == "active")),
        "ledger": scalar(select(func.count(QuotaLedgerEntry.id))),
        "approved": scalar(select(func.coalesce(func.sum(QuotaAllocation.approved), 0))),
        "occupied": scalar(select(func.coalesce(func.sum(QuotaAllocation.occupied), 0))),
        "caps": scalar(select(func.coalesce(func.sum(RegionalCap.total), 0))),
        "cap_used": scalar(select(func.coalesce(func.sum(RegionalCap.used), 0))),
        "audit_domain": scalar(select(func.count(AuditLog.id)).where(AuditLog.object_type != "ImportBatch")),
    }


def dry(name: str, data: bytes, filename: str = "file.xlsx") -> ImportBatch:
    """Upload and dry-run as the CLI would (no user, unrestricted)."""
    batch_id = batches.create(specs.get(name), filename, data, None)
    batches.validate(batch_id)
    db.session.rollback()
    return db.session.get(ImportBatch, batch_id)


def verdicts(batch: ImportBatch) -> dict[int, str]:
    """Row number -> '' for an accepted row, else the Chinese reason."""
    from app.imports import engine

    stored = batches.file_of(batch.id, "results")
    return {r[0]: ("" if r[1] else r[2]) for r in engine.load_results(stored)} if stored else {}
