"""Use cases of hearings and opinions: record, handle (采纳 / 部分采纳 / 不采纳), summarise."""
from __future__ import annotations

import datetime as dt
from collections import Counter

from sqlalchemy import func, select

from app.core.db import without_autoflush
from app.core.errors import DomainError, ValidationFailed
from app.core.orm import check_choice, require, sync_foreign_keys
from app.extensions import db
from app.justification.hearings.models import (
    HANDLINGS,
    HEARING_KINDS,
    NOTE_REQUIRED,
    SOURCE_KINDS,
    Hearing,
    Opinion,
)
from app.office.models import OfficeDivision
from app.office.services import clean_text

HANDLING_TEXT = {"adopted": "采纳", "partly_adopted": "部分采纳", "not_adopted": "不采纳", "pending": "待处理"}


def _s():
    return db.session


@without_autoflush
def save_hearing(h: Hearing) -> Hearing:
    sync_foreign_keys(h)
    h.kind = h.kind or "forum"
    check_choice(h.kind, HEARING_KINDS, "形式 / kind")
    clean_text(h, "title", "名称 / title")
    if h.held_on is None:
        raise ValidationFailed("write.required", field="日期 / held on")
    require(OfficeDivision, h.organiser_id, "组织处室 / organiser")
    for attr in ("location", "participants", "minutes"):
        clean_text(h, attr, attr, required=False)
    clash = _s().execute(select(Hearing.id).where(Hearing.title == h.title, Hearing.id != (h.id or 0))).first()
    if clash:
        raise ValidationFailed("hearing.duplicate", title=h.title)
    _s().add(h)
    _s().flush()
    return h


@without_autoflush
def delete_hearing(h: Hearing) -> None:
    count = _s().execute(select(func.count(Opinion.id)).where(Opinion.hearing_id == h.id)).scalar_one()
    if count:
        raise DomainError("hearing.has_opinions", title=h.title, count=count)
    _s().delete(h)
    _s().flush()


@without_autoflush
def save_opinion(o: Opinion, *, today: dt.date | None = None) -> Opinion:
    """Record an opinion, or its handling.  A decided opinion gets a date (today
    unless given); partly or not adopted needs a note saying why."""
    sync_foreign_keys(o)
    if o.hearing_id is not None:
        require(Hearing, o.hearing_id, "论证会 / hearing")
    check_choice(o.source_kind, SOURCE_KINDS, "意见来源 / source")
    clean_text(o, "source_name", "提出方 / source name")
    clean_text(o, "content", "意见内容 / content")
    o.handling = o.handling or "pending"
    check_choice(o.handling, HANDLINGS, "处理结果 / handling")
    note = clean_text(o, "handling_note", "处理说明 / handling note", required=False)
    if o.handling in NOTE_REQUIRED and note is None:
        raise ValidationFailed("opinion.note_required", handling=HANDLING_TEXT[o.handling])
    if o.handling == "pending":
        o.handled_on = None
    elif o.handled_on is None:
        o.handled_on = today or dt.date.today()
    _s().add(o)
    _s().flush()
    return o


def handle_opinion(o: Opinion, handling: str, note: str | None = None, *, today: dt.date | None = None) -> Opinion:
    o.handling, o.handling_note, o.handled_on = handling, note, None
    return save_opinion(o, today=today)


def hearing_summary(hearing_id: int | None) -> dict:
    """How many opinions, by source and by handling (``None``: opinions outside any hearing)."""
    where = Opinion.hearing_id == hearing_id if hearing_id is not None else Opinion.hearing_id.is_(None)
    rows = _s().execute(select(Opinion.source_kind, Opinion.handling, func.count(Opinion.id)).where(where)
                        .group_by(Opinion.source_kind, Opinion.handling)).all()
    sources = dict(_s().execute(select(Opinion.source_kind, func.count(func.distinct(Opinion.source_name)))
                                .where(where).group_by(Opinion.source_kind)).all())
    table: dict[str, Counter] = {}
    by_handling: Counter = Counter()
    for source, handling, n in rows:
        table.setdefault(source, Counter())[handling] += n
        by_handling[handling] += n
    return {
        "by_source": {k: dict(table[k]) for k in SOURCE_KINDS if k in table},
        "sources": {k: sources[k] for k in SOURCE_KINDS if k in sources},  # distinct 提出方 per kind
        "by_handling": {h: by_handling[h] for h in HANDLINGS if by_handling[h]},
        "total": sum(by_handling.values()),
    }
