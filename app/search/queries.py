"""The global search's queries: one per kind, each scoped, each a small indexed read.

Speed at province scale (1,000,000 persons, 20,000 institutions; bench/bench_search.py):

* persons by name: the name *starts with* the query (a Chinese name is looked up by
  its family name first), an index range (``ix_person_name``: on SQLite a
  ``>= q AND < q + U+10FFFF`` range of the binary collation, which is code-point
  order; on PostgreSQL ``LIKE 'q%'`` on a ``varchar_pattern_ops`` index).  A
  *contains* search over a million names is a full scan (200 ms on SQLite).
* persons by ID number: exact, on ``ix_person_id_number``, and only for the roles
  that see ID numbers unmasked (``ID_NUMBER_FULL_ROLES``): anyone else cannot
  probe whether a number is on file.
* institutions: name / short name / USCC *contain* the query; 20,000 rows scan in
  a few milliseconds, so no text index is needed.  In id order (the tree's order of
  creation, the higher bodies first), so the scan stops at the tenth match: sorted by
  name, a common word (局) sorted thousands of matches first.
* cases: number / title contain the query.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select

from app.core import scoping
from app.core.idnumber import mask
from app.core.orm import contains, starts_with
from app.extensions import db
from app.justification.cases.models import AdjustmentCase
from app.quota.models import Institution, Person

LIMIT = 10  # rows per kind: the box points to a row, it is not a list page
QUERY_MAX = 100


@dataclass(frozen=True)
class Hit:
    pk: int
    title: str
    detail: str


def institutions(q: str) -> list[Hit]:
    query = select(Institution.id, Institution.name, Institution.short_name, Institution.uscc).where(or_(
        contains(Institution.name, q), contains(Institution.short_name, q),
        contains(Institution.uscc, q))).order_by(Institution.id).limit(LIMIT)
    rows = db.session.execute(scoping.apply(Institution, query)).all()
    return [Hit(pk, name, " · ".join(x for x in (short, uscc) if x)) for pk, name, short, uscc in rows]


def persons(q: str, *, full_id: bool) -> list[Hit]:
    condition = starts_with(Person.name, q)  # an index range (ix_person_name)
    number = q.upper()
    if full_id and len(number) == 18 and number[:17].isdigit():
        condition = or_(condition, Person.id_number == number)
    query = (select(Person.id, Person.name, Person.id_number, Institution.name)
             .join(Institution, Institution.id == Person.institution_id)
             .where(condition).order_by(Person.name, Person.id).limit(LIMIT))
    rows = db.session.execute(scoping.apply(Person, query)).all()
    return [Hit(pk, name, f"{inst} · {number if full_id else mask(number)}") for pk, name, number, inst in rows]


def cases(q: str) -> list[Hit]:
    query = (select(AdjustmentCase.id, AdjustmentCase.number, AdjustmentCase.title, Institution.name)
             .join(Institution, Institution.id == AdjustmentCase.institution_id)
             .where(or_(contains(AdjustmentCase.number, q), contains(AdjustmentCase.title, q)))
             .order_by(AdjustmentCase.id.desc()).limit(LIMIT))
    rows = db.session.execute(scoping.apply(AdjustmentCase, query)).all()
    return [Hit(pk, f"{number or '#' + str(pk)} {title}", inst) for pk, number, title, inst in rows]


def clean(q: Any) -> str:
    return (q or "").strip()[:QUERY_MAX] if isinstance(q, str) else ""
