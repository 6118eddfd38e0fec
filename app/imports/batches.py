"""The life of an import batch: upload, dry run, commit (use cases behind every door).

* ``create`` stores the upload and its SHA-256 (status ``queued``);
* ``validate`` runs the dry run and stores the verdicts and the error report
  (``validated`` / ``invalid``; ``refused`` when the file itself is refused or
  was imported before);
* ``commit`` imports exactly the validated bytes, once: the batch is claimed by
  a conditional ``UPDATE … WHERE status = 'validated' AND sha256 = :hash`` in
  the same transaction as the rows, so two parallel commits cannot both pass,
  and a partial unique index refuses a second committed batch of the same file.

The uploader's scope comes from the request (a background job runs inside a
request context of the same user, see ``jobs.py``).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import logging
from typing import Optional

from flask import current_app
from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from app.core import audit, scoping
from app.core.db import transaction
from app.core.errors import DomainError, NotFound, ValidationFailed
from app.extensions import db
from app.imports import engine, jobs, kept, specs
from app.imports.models import ImportBatch, ImportFile
from app.imports.readers import Limits

log = logging.getLogger(__name__)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def limits() -> Limits:
    return Limits.from_config(current_app.config)


def file_of(batch_id: int, kind: str) -> Optional[bytes]:
    return db.session.execute(
        select(ImportFile.data).where(ImportFile.batch_id == batch_id, ImportFile.kind == kind)
    ).scalar()


def _store(batch_id: int, kind: str, data: bytes) -> None:
    # Plain SQL: the audit log records the batch and its hash, not the bytes.
    db.session.execute(insert(ImportFile).values(batch_id=batch_id, kind=kind, data=data))


def get(batch_id: int) -> ImportBatch:
    batch = db.session.get(ImportBatch, batch_id)
    if batch is None:
        raise NotFound("write.not_found", object=f"#{batch_id}")
    return batch


def _set_outcome(batch_id: int, status: str, error: Optional[DomainError] = None, **values) -> None:
    with transaction():
        batch = get(batch_id)
        batch.status = status
        batch.message = error.message("zh") if error else None
        batch.message_en = error.message("en") if error else None
        for key, value in values.items():
            setattr(batch, key, value)


# ---------------------------------------------------------------------------
# Upload
# ---------------------------------------------------------------------------


def create(spec: specs.ImportSpec, filename: str, data: bytes, user) -> int:
    """Store the upload; a file over the size limit is kept as a refused batch, without its bytes."""
    with transaction():
        batch = ImportBatch(list_name=spec.name, filename=(filename or "upload")[:255], sha256=sha256(data),
                            size=len(data), user_id=user.id if user else None,
                            username=user.username if user else audit.current_actor(), created_at=_now(),
                            status="queued", total_rows=0, ok_rows=0, error_rows=0)
        db.session.add(batch)
        db.session.flush()
        batch_id = batch.id
        if len(data) <= limits().max_bytes:
            _store(batch_id, "original", data)
    if len(data) > limits().max_bytes:
        _set_outcome(batch_id, "refused", ValidationFailed("import.too_large", size=len(data),
                                                           limit=limits().max_bytes))
    return batch_id


def committed_twin(list_name: str, digest: str) -> Optional[ImportBatch]:
    return db.session.execute(
        select(ImportBatch).where(ImportBatch.list_name == list_name, ImportBatch.sha256 == digest,
                                  ImportBatch.status == "committed")
    ).scalar_one_or_none()


def _already(twin: ImportBatch) -> ValidationFailed:
    return ValidationFailed("import.already_imported", sha256=twin.sha256[:12], batch=twin.id, who=twin.username,
                            when=f"{twin.committed_at:%Y-%m-%d %H:%M}" if twin.committed_at else "")


# ---------------------------------------------------------------------------
# Dry run
# ---------------------------------------------------------------------------


@engine.fewer_collections()
def validate(batch_id: int) -> None:
    """Dry-run the stored file and record the verdicts; never raises for a bad file."""
    batch = get(batch_id)
    if batch.status != "queued":
        return
    spec = specs.get(batch.list_name)
    progress = jobs.Progress(batch_id, batch.user_id, "validate")
    _set_outcome(batch_id, "validating")
    try:
        twin = committed_twin(batch.list_name, batch.sha256)
        if twin is not None:
            raise _already(twin)
        data = file_of(batch_id, "original")
        parsed = engine.parse(spec, data, batch.filename, limits())
        # Taken before the dry run, whose services must not be able to change what the commit reads.
        rows_kept = None if parsed.errors else kept.dump(spec, parsed, sha256(data))
        progress(0, len(parsed.rows))
        engine.dry_run(spec, parsed, scoping.current_scope(), progress)
    except DomainError as err:
        _set_outcome(batch_id, "refused", err, validated_at=_now())
        return
    except Exception as exc:  # a bug or a lost database: record it, do not hide it
        log.exception("import batch %s: dry run failed", batch_id)
        db.session.rollback()
        _set_outcome(batch_id, "failed", DomainError("import.interrupted", detail=type(exc).__name__))
        raise
    else:
        errors = len(parsed.errors)
        with transaction():
            _store(batch_id, "results", engine.dump_results(parsed))
            if errors:
                _store(batch_id, "report", engine.error_report(parsed))
            elif rows_kept is not None:
                _store(batch_id, "parsed", rows_kept)
        _set_outcome(batch_id, "invalid" if errors else "validated", total_rows=len(parsed.rows),
                     ok_rows=len(parsed.rows) - errors, error_rows=errors, validated_at=_now())
    finally:
        progress.close()  # last: the page reloads when it sees the end


# ---------------------------------------------------------------------------
# Commit
# ---------------------------------------------------------------------------


def check_committable(batch: ImportBatch, digest: str, data: Optional[bytes] = None) -> None:
    """Refusals that leave the batch as it is: wrong state, a changed file."""
    if data is not None and sha256(data) != batch.sha256:
        raise ValidationFailed("import.hash_mismatch", expected=batch.sha256[:12], actual=sha256(data)[:12])
    if digest != batch.sha256:
        raise ValidationFailed("import.hash_mismatch", expected=batch.sha256[:12], actual=(digest or "—")[:12])
    if batch.status != "validated" or batch.error_rows:
        raise ValidationFailed("import.not_validated", batch=batch.id, status=batch.status)


@engine.fewer_collections()
def commit(batch_id: int, digest: str) -> None:
    """Import the validated file, all rows or none; a refusal is recorded and raised."""
    batch = get(batch_id)
    check_committable(batch, digest)
    spec = specs.get(batch.list_name)
    progress = jobs.Progress(batch_id, batch.user_id, "commit")
    try:
        data = file_of(batch_id, "original") or b""
        if sha256(data) != batch.sha256:  # the stored bytes were altered since the dry run
            err = ValidationFailed("import.hash_mismatch", expected=batch.sha256[:12], actual=sha256(data)[:12])
            _set_outcome(batch_id, "failed", err)
            raise err
        # The dry run's rows when they are of these very bytes; else the file is parsed again.
        parsed = kept.load(spec, file_of(batch_id, "parsed"), sha256(data)) \
            or engine.parse(spec, data, batch.filename, limits())
        progress(0, len(parsed.rows))
        engine.commit(spec, parsed, scoping.current_scope(), progress,
                      claim=lambda: _claim(batch_id, digest), finish=lambda: _finish(batch_id, parsed))
    except IntegrityError as exc:  # the partial unique index: the same file committed meanwhile
        db.session.rollback()
        twin = committed_twin(batch.list_name, batch.sha256)
        raise (_already(twin) if twin else DomainError("import.row.integrity", detail=str(exc.orig)[:200])) from exc
    except engine.CommitRefused as err:
        _set_outcome(batch_id, "failed", err)
        raise
    finally:
        progress.close()


def revive(batch_id: int) -> bool:
    """A dry run whose process died (``jobs.interrupted``) is queued again; True if
    it was.  A commit needs no reviving: its transaction died with it, the claim
    included, so the batch is still ``validated`` and may be committed again."""
    if not jobs.interrupted(jobs.read(batch_id)):
        return False
    with transaction():
        return db.session.execute(
            update(ImportBatch).where(ImportBatch.id == batch_id, ImportBatch.status == "validating")
            .values(status="queued").execution_options(synchronize_session=False)
        ).rowcount == 1


def _claim(batch_id: int, digest: str) -> None:
    claimed = db.session.execute(
        update(ImportBatch)
        .where(ImportBatch.id == batch_id, ImportBatch.status == "validated", ImportBatch.error_rows == 0,
               ImportBatch.sha256 == digest)
        .values(status="committed", committed_at=_now())
        .execution_options(synchronize_session=False)
    ).rowcount
    if claimed != 1:
        current = db.session.execute(select(ImportBatch.status).where(ImportBatch.id == batch_id)).scalar()
        raise ValidationFailed("import.not_validated", batch=batch_id, status=current)


def _finish(batch_id: int, parsed: engine.Parsed) -> None:
    # The kept rows served their one commit: the original and the results stay.
    db.session.execute(delete(ImportFile).where(ImportFile.batch_id == batch_id, ImportFile.kind == "parsed"))
    audit.record(db.session, "import", "ImportBatch", batch_id,
                 before={"status": "validated"},
                 after={"status": "committed", "rows": len(parsed.rows)})


# ---------------------------------------------------------------------------
# Background or inline
# ---------------------------------------------------------------------------


def run(batch_id: int, size: int, user_id: Optional[int], work, *args) -> bool:
    """Run ``work(batch_id, *args)`` now, or in the background for a large file (True)."""
    if size >= current_app.config.get("IMPORT_BACKGROUND_BYTES", 256 * 1024):
        jobs.start(current_app._get_current_object(), batch_id, user_id, work, batch_id, *args)
        return True
    work(batch_id, *args)
    return False


def visible(query, user):
    """Office staff see every batch; anyone else their own."""
    if scoping.role_names(user) & {"admin", "staff"}:
        return query
    return query.where(ImportBatch.user_id == user.id)
