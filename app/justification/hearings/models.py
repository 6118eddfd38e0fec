"""Hearings (座谈会 / 答辩会 / 听证会) and the opinions (意见) they, and the public
channels, bring in (SPEC §2).  Case links are added later by the cases module."""
from __future__ import annotations

import datetime as dt
from typing import Optional

from sqlalchemy import CheckConstraint, Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.model_base import Model
from app.office.models import OfficeDivision

HEARING_KINDS = ("forum", "defence", "public_hearing")  # 座谈会, 答辩会, 听证会
SOURCE_KINDS = (
    "city_leader", "department", "district", "npc", "cppcc", "expert",  # 市领导 部门 区市 人大 政协 专家
    "mayor_mailbox", "hotline", "conduct_online",  # 市长信箱 政务热线 行风在线
)
PUBLIC_CHANNELS = ("mayor_mailbox", "hotline", "conduct_online")
HANDLINGS = ("pending", "adopted", "partly_adopted", "not_adopted")
NOTE_REQUIRED = ("partly_adopted", "not_adopted")


class Hearing(Model):
    __tablename__ = "hearing"
    __table_args__ = (CheckConstraint(f"kind IN {HEARING_KINDS}", name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), default="forum")
    title: Mapped[str] = mapped_column(String(200), unique=True)
    held_on: Mapped[dt.date] = mapped_column(Date)
    location: Mapped[Optional[str]] = mapped_column(String(200))
    organiser_id: Mapped[int] = mapped_column(ForeignKey("office_division.id"), index=True)
    organiser: Mapped[OfficeDivision] = relationship(lazy="joined")
    participants: Mapped[Optional[str]] = mapped_column(Text)  # one participant per line
    minutes: Mapped[Optional[str]] = mapped_column(Text)

    @property
    def participant_count(self) -> int:
        return sum(1 for line in (self.participants or "").splitlines() if line.strip())

    def __repr__(self) -> str:
        return self.title


class Opinion(Model):
    """One opinion or public-concern issue, and how it was handled."""

    __tablename__ = "opinion"
    __table_args__ = (
        CheckConstraint(f"source_kind IN {SOURCE_KINDS}", name="source_kind"),
        CheckConstraint(f"handling IN {HANDLINGS}", name="handling"),
        # backstops of the service rules: a decided opinion has a date, a
        # partly or not adopted one a note; a pending one neither date nor note
        CheckConstraint("(handling = 'pending') = (handled_on IS NULL)", name="handled_on"),
        CheckConstraint(f"handling NOT IN {NOTE_REQUIRED} OR handling_note IS NOT NULL", name="note"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    hearing_id: Mapped[Optional[int]] = mapped_column(ForeignKey("hearing.id"), index=True)
    hearing: Mapped[Optional[Hearing]] = relationship(lazy="joined")
    source_kind: Mapped[str] = mapped_column(String(20))
    source_name: Mapped[str] = mapped_column(String(200))
    content: Mapped[str] = mapped_column(Text)
    handling: Mapped[str] = mapped_column(String(20), default="pending")
    handling_note: Mapped[Optional[str]] = mapped_column(Text)
    handled_on: Mapped[Optional[dt.date]] = mapped_column(Date)

    def __repr__(self) -> str:
        return f"{self.source_name}: {(self.content or '')[:30]}"
