"""收藏的筛选: a list's filter and sort, saved under a name by its owner and, by an
administrator, shared with one role.

Only the list arguments are stored (``_flt_…``, ``_oc_…``, ``_od_…``), never rows:
whoever opens a saved filter gets the list page with those arguments, and the
list applies the viewer's own scope at read."""
from __future__ import annotations

import datetime as dt
from typing import Optional

from sqlalchemy import DateTime, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.core.model_base import Model


class SavedFilter(Model):
    __tablename__ = "saved_filter"
    __table_args__ = (UniqueConstraint("owner_id", "view_name", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    view_name: Mapped[str] = mapped_column(String(100))  # the list's view class (PersonView)
    args: Mapped[str] = mapped_column(Text, default="")  # the list arguments, URL-encoded
    owner_id: Mapped[int] = mapped_column(ForeignKey("ab_user.id", ondelete="CASCADE"), index=True)
    shared_role_id: Mapped[Optional[int]] = mapped_column(ForeignKey("ab_role.id", ondelete="SET NULL"),
                                                          index=True)
    created_on: Mapped[dt.datetime] = mapped_column(DateTime, default=lambda: dt.datetime.now(dt.timezone.utc)
                                                    .replace(tzinfo=None))

    def __repr__(self) -> str:
        return self.name
