"""Import batches: who imported what, when, with which verdict, and the files.

A batch is created at upload (``queued``), validated by the dry run
(``validated`` with no bad row, ``invalid`` with some, ``refused`` when the
file itself is refused) and, once, ``committed``.  A commit that fails leaves
nothing behind and marks the batch ``failed``.

The files (the original upload, the error report, the per-row verdicts) live in
``import_file`` and are written with plain SQL so the audit log records the
batch and its hash, not megabytes of file content.
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

from sqlalchemy import (
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.core.model_base import Model

STATUSES = ("queued", "validating", "validated", "invalid", "refused", "committed", "failed")
FILE_KINDS = ("original", "report", "results", "parsed")


class ImportBatch(Model):
    __tablename__ = "import_batch"
    __table_args__ = (
        CheckConstraint(f"status IN {STATUSES}", name="status"),
        CheckConstraint("total_rows >= 0 AND ok_rows >= 0 AND error_rows >= 0", name="counts_nonneg"),
        # A file is imported into a list once: the backstop of the commit check.
        Index("uq_import_batch_committed_file", "list_name", "sha256", unique=True,
              sqlite_where=Column("status") == "committed", postgresql_where=Column("status") == "committed"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    list_name: Mapped[str] = mapped_column(String(40), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(Integer)
    user_id: Mapped[Optional[int]] = mapped_column(ForeignKey("ab_user.id", ondelete="SET NULL"), index=True)
    username: Mapped[str] = mapped_column(String(150))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(20), default="queued")
    total_rows: Mapped[int] = mapped_column(Integer, default=0)
    ok_rows: Mapped[int] = mapped_column(Integer, default=0)
    error_rows: Mapped[int] = mapped_column(Integer, default=0)
    message: Mapped[Optional[str]] = mapped_column(Text)  # why refused / failed (zh)
    message_en: Mapped[Optional[str]] = mapped_column(Text)
    validated_at: Mapped[Optional[dt.datetime]] = mapped_column(DateTime)
    committed_at: Mapped[Optional[dt.datetime]] = mapped_column(DateTime)

    def __repr__(self) -> str:
        return f"#{self.id} {self.filename}"


class ImportFile(Model):
    __tablename__ = "import_file"
    __table_args__ = (
        UniqueConstraint("batch_id", "kind", name="uq_import_file_batch_kind"),
        CheckConstraint(f"kind IN {FILE_KINDS}", name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("import_batch.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    data: Mapped[bytes] = mapped_column(LargeBinary)
