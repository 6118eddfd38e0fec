"""One resource's list as one role sees it (issue #16 §1): a row per (resource, role).

Every field is optional: what a row leaves empty stays as the resource declares it
(``app.core.resources.Resource``).  Column names are the resource's own, checked on
save (``app.core.view_config.services``); deleting the row is the reset.
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

from sqlalchemy import JSON, CheckConstraint, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.core.model_base import Model


class ViewConfig(Model):
    __tablename__ = "view_config"
    __table_args__ = (
        UniqueConstraint("resource", "role_id"),
        CheckConstraint("order_direction IS NULL OR order_direction IN ('asc', 'desc')", name="order_direction"),
        CheckConstraint("page_size IS NULL OR page_size BETWEEN 1 AND 100", name="page_size_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    resource: Mapped[str] = mapped_column(String(64))  # Resource.name, the permission name
    role_id: Mapped[int] = mapped_column(ForeignKey("ab_role.id", ondelete="CASCADE"), index=True)
    list_columns: Mapped[list] = mapped_column(JSON, default=list)  # in order; empty: as declared
    search_columns: Mapped[Optional[list]] = mapped_column(JSON)  # None: as declared
    order_column: Mapped[Optional[str]] = mapped_column(String(100))
    order_direction: Mapped[Optional[str]] = mapped_column(String(4))
    page_size: Mapped[Optional[int]] = mapped_column(Integer)
    filters: Mapped[list] = mapped_column(JSON, default=list)  # [[column, filter arg name, value], ...]
    labels: Mapped[dict] = mapped_column(JSON, default=dict)  # column -> {"zh": ..., "en": ...}
    updated_at: Mapped[Optional[dt.datetime]] = mapped_column(DateTime)

    def __repr__(self) -> str:
        return f"{self.resource} / role {self.role_id}"
