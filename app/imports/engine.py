"""The import engine: parse a file for a spec, dry-run it, commit it.

**Dry run.**  Every row goes through the spec's ``apply`` — the list's own
service, with its invariants — inside one transaction that is rolled back at
the end.  Earlier good rows stay flushed, so the quota invariants are checked
cumulatively across the file (the 11th person into 10 free slots fails).  Rows
run in chunks under a savepoint; when a row is refused its chunk is rolled back
and replayed one row per savepoint, so a bad row never poisons the rest and
the common case pays one savepoint per chunk, not per row.

**Commit.**  The same rows again, in one transaction (``core.db.transaction``):
the first refusal rolls everything back.  Nothing is written unless every row
passes against the database as it is at commit time.

Rows that cannot even be parsed (a missing required value, a bad date, an
in-file duplicate) are refused before any service sees them.
"""
from __future__ import annotations

import gc
import json
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from sqlalchemy.exc import IntegrityError

from app.core.db import transaction
from app.core.errors import DomainError, ValidationFailed
from app.core.excel import write_xlsx
from app.core.scoping import Scope
from app.extensions import db
from app.imports import readers
from app.imports.specs import Context, ImportSpec

# Rows per savepoint (dry run) and per set-based service call: large enough that
# each allocation's counter moves once for many persons, small enough to replay.
CHUNK = 1000
# The commit's chunks are larger: each costs a fixed round of reference, counter
# and duplicate queries, and a refusal there (the database changed since the dry
# run) is rare, so the row-by-row replay that names it may be slower.
COMMIT_CHUNK = 5000
Progress = Callable[[int, int], None]


@dataclass
class Row:
    number: int  # row number in the file (as Excel shows it)
    cells: list[Any]
    values: Optional[dict] = None
    error: Optional[DomainError] = None
    verdict: Optional[str] = None  # message key of what an accepted row does

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass
class Parsed:
    header: list[Any]
    rows: list[Row] = field(default_factory=list)
    # Every column of the file: (letter, header as written, field key or None when ignored)
    columns: list[tuple[str, str, Optional[str]]] = field(default_factory=list)

    @property
    def errors(self) -> list[Row]:
        return [r for r in self.rows if not r.ok]


class CommitRefused(DomainError):
    """A row failed at commit: nothing was imported."""

    def __init__(self, row: Row):
        self.row = row
        super().__init__("import.commit_row_failed", row=row.number, reason=row.error.message("zh"))

    def message(self, lang: Optional[str] = None) -> str:
        from app.core.messages import render

        return render(self.key, lang, row=self.row.number, reason=self.row.error.message(lang))


# An import allocates hundreds of thousands of small objects that form no cycles
# (cells, rows, parameters): at Python's default threshold (700 allocations) the
# cyclic collector walks them again and again, a sixth of a 50,000-row import.
# Raised while any import runs (imports run in threads: counted), restored after.
GC_THRESHOLD = 50_000
_gc_lock = threading.Lock()
_gc_runs = [0, None]  # imports running, the threshold to restore


@contextmanager
def fewer_collections():
    with _gc_lock:
        if _gc_runs[0] == 0:
            _gc_runs[1] = gc.get_threshold()
            gc.set_threshold(max(GC_THRESHOLD, _gc_runs[1][0]), *_gc_runs[1][1:])
        _gc_runs[0] += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_runs[0] -= 1
            if _gc_runs[0] == 0:
                gc.set_threshold(*_gc_runs[1])


# ---------------------------------------------------------------------------
# Parsing: header, typed values, in-file duplicates
# ---------------------------------------------------------------------------


def parse(spec: ImportSpec, data: bytes, filename: str, limits: readers.Limits) -> Parsed:
    sheet = readers.load(data, filename, limits)
    h, mapping = readers.locate_header(sheet, spec.match)
    required = [c for c in spec.columns if c.required]
    missing = [c.header for c in spec.missing(set(mapping.values()))]
    if not mapping:
        raise ValidationFailed("import.no_header", rows=readers.HEADER_SCAN_ROWS,
                               required=", ".join(c.header for c in required))
    if missing:
        raise ValidationFailed("import.missing_columns", columns=", ".join(missing))
    body = sheet.rows[h + 1:]
    if not body:
        raise ValidationFailed("import.empty")
    if len(body) > limits.max_rows:
        raise ValidationFailed("import.too_many_rows", limit=limits.max_rows)
    parsed = Parsed(header=list(sheet.rows[h][1]), columns=account(sheet, h, mapping))
    columns = [(i, spec.column(key), {}) for i, key in mapping.items()]
    seen: dict[tuple, int] = {}
    for number, cells in body:
        row = Row(number, cells)
        try:
            row.values = {col.key: _cell(col, memo, cells[i] if i < len(cells) else None, number)
                          for i, col, memo in columns}
            spec.complete(row.values)
            key = spec.duplicate_key(row.values)
            if key is not None and key in seen:
                shown = ", ".join(str(part) for part in key[1:] if part is not None)  # key[0] names the kind
                raise ValidationFailed("import.row.duplicate", first=seen[key], value=shown)
            if key is not None:
                seen[key] = number
        except DomainError as err:
            row.error = err
        parsed.rows.append(row)
    return parsed


# Distinct cells remembered per column: a unit, a quota type, a date repeat
# thousands of times; names and ID numbers do not, and stop being remembered.
MEMO_CELLS = 2048


def _cell(col, memo: dict, raw: Any, number: int) -> Any:
    """``col.parse`` of a cell, once per distinct cell of the column (a refusal
    is never remembered: it names its row)."""
    key = (type(raw), raw)  # by type too: True == 1 == 1.0, yet a text cell shows them differently
    try:
        return memo[key]
    except KeyError:
        pass
    except TypeError:  # not hashable
        return col.parse(raw, number)
    value = col.parse(raw, number)
    if len(memo) < MEMO_CELLS:
        memo[key] = value
    return value


def account(sheet: readers.Sheet, h: int, mapping: dict[int, str]) -> list[tuple[str, str, Optional[str]]]:
    """Every column that has a header or holds a value: the field it fills, or None
    (ignored) — the dry run lists them all, so no column is dropped unseen."""
    from openpyxl.utils import get_column_letter

    header = sheet.rows[h][1]
    above = sheet.rows[h - 1][1] if h > 0 else []
    width = max((len(cells) for _, cells in sheet.rows[h:]), default=0)
    used = {i for i in range(width) if i < len(header) and not readers.blank(header[i])}
    unnamed = set(range(width)) - used - set(mapping)
    for _, cells in sheet.rows[h + 1:]:  # a column without a header that holds data is reported too
        if not unnamed:
            break
        unnamed -= {i for i in unnamed if i < len(cells) and not readers.blank(cells[i])}
    out = []
    for i in range(width):
        if i not in used and i not in mapping and i in unnamed:
            continue  # blank header, no data: not a column
        written = header[i] if i in used else (above[i] if i < len(above) and not readers.blank(above[i]) else "")
        out.append((get_column_letter(i + 1), "" if written is None else str(written).strip(), mapping.get(i)))
    return out


# ---------------------------------------------------------------------------
# Running rows through the services
# ---------------------------------------------------------------------------


def _integrity(exc: IntegrityError) -> ValidationFailed:
    """A constraint the service could not foresee, as a row refusal."""
    return ValidationFailed("import.row.integrity", detail=str(exc.orig).splitlines()[0][:200])


def _attempt(spec: ImportSpec, row: Row, ctx: Context) -> None:
    try:
        row.verdict = spec.apply(row.values, ctx)
    except IntegrityError as exc:
        raise _integrity(exc) from exc


def _attempt_chunk(spec: ImportSpec, rows: list[Row], ctx: Context) -> None:
    """A whole chunk through the spec's (possibly set-based) ``apply_chunk``."""
    try:
        verdicts = spec.apply_chunk([row.values for row in rows], ctx)
    except IntegrityError as exc:
        raise _integrity(exc) from exc
    for row, verdict in zip(rows, verdicts):
        row.verdict = verdict


def _in_savepoint(ctx: Context, work: Callable[[], None]) -> Optional[DomainError]:
    """Run ``work`` under a savepoint; on a refusal roll it back (and the cached
    rows it may have made) and return the refusal instead of raising it."""
    savepoint = ctx.session.begin_nested()
    try:
        work()
        savepoint.commit()
        return None
    except DomainError as err:
        savepoint.rollback()
        ctx.forget()
        return err


def _one_by_one(spec: ImportSpec, rows: list[Row], ctx: Context) -> None:
    """Each row under its own savepoint: a refused row gets its reason and leaves no trace."""
    for row in rows:
        row.verdict = None
        row.error = _in_savepoint(ctx, lambda row=row: _attempt(spec, row, ctx))


def _tolerant(spec: ImportSpec, rows: list[Row], ctx: Context, progress: Progress) -> None:
    """Dry run: every row gets a verdict; refused rows leave no trace."""
    todo = [r for r in rows if r.ok]
    done, size = 0, CHUNK
    while done < len(todo):
        part = todo[done:done + size]
        if _in_savepoint(ctx, lambda: _attempt_chunk(spec, part, ctx)) is None:
            size = min(size * 2, CHUNK)
        else:
            _one_by_one(spec, part, ctx)  # replay the chunk to name the refused rows
            size = max(1, size // 4)  # errors cluster: smaller chunks for a while
        done += len(part)
        progress(done, len(todo))


def _strict(spec: ImportSpec, rows: list[Row], ctx: Context, progress: Progress) -> None:
    """Commit: the first refused row refuses the whole file."""
    for row in rows:
        if not row.ok:
            raise CommitRefused(row)
    for start in range(0, len(rows), COMMIT_CHUNK):
        part = rows[start:start + COMMIT_CHUNK]
        err = _in_savepoint(ctx, lambda: _attempt_chunk(spec, part, ctx))
        if err is not None:
            _one_by_one(spec, part, ctx)  # find the row to name in the refusal
            for row in part:
                if not row.ok:
                    raise CommitRefused(row) from err
            part[0].error = err  # the chunk fails as a whole only (e.g. a race): name its first row
            raise CommitRefused(part[0]) from err
        progress(start + len(part), len(rows))


def _quiet(_done: int, _total: int) -> None:
    pass


def dry_run(spec: ImportSpec, parsed: Parsed, scope: Optional[Scope], progress: Progress = _quiet) -> Parsed:
    """Give every row a verdict; the database is left as it was."""
    session = db.session
    session.rollback()  # start from a clean transaction of our own
    # Nothing of a dry run is kept, so there is nothing to audit: the audit
    # rows would be hashed and written only to be rolled back with the rest.
    session.info["audit_disabled"] = True
    try:
        with session.no_autoflush:
            _tolerant(spec, parsed.rows, Context(session, scope), progress)
    finally:
        session.rollback()
        session.info.pop("audit_disabled", None)
    return parsed


def commit(spec: ImportSpec, parsed: Parsed, scope: Optional[Scope], progress: Progress = _quiet,
           *, claim: Callable[[], None], finish: Callable[[], None]) -> None:
    """Import every row in one transaction, or nothing.

    ``claim`` runs first inside the transaction (it refuses a batch that is not
    committable, race-safe); ``finish`` last (it marks the batch committed).
    """
    session = db.session
    session.rollback()
    with transaction(session), session.no_autoflush:
        claim()
        _strict(spec, parsed.rows, Context(session, scope), progress)
        finish()


# ---------------------------------------------------------------------------
# What the preview and the error report show
# ---------------------------------------------------------------------------


def results(parsed: Parsed) -> list[list]:
    """Per row: [row number, ok, Chinese, English] — the verdict or the reason."""
    from app.core.messages import render

    out = []
    for row in parsed.rows:
        if row.ok:
            key = row.verdict or "import.ok.create"
            out.append([row.number, 1, render(key, "zh"), render(key, "en")])
        else:
            out.append([row.number, 0, row.error.message("zh"), row.error.message("en")])
    return out


def dump_results(parsed: Parsed) -> bytes:
    import gzip

    stored = {"columns": [list(c) for c in parsed.columns], "rows": results(parsed)}
    return gzip.compress(json.dumps(stored, ensure_ascii=False).encode("utf-8"))


def _loaded(data: bytes) -> dict:
    import gzip

    stored = json.loads(gzip.decompress(data).decode("utf-8"))
    return stored if isinstance(stored, dict) else {"columns": [], "rows": stored}  # batches before the column report


def load_results(data: bytes) -> list[list]:
    return _loaded(data)["rows"]


def load_columns(data: bytes) -> list[list]:
    """[[letter, header as written, field key or None (ignored)], …] of the dry run."""
    return _loaded(data)["columns"]


def error_report(parsed: Parsed) -> bytes:
    """xlsx: each bad row as it was in the file, beside its reason (formula-safe)."""
    headers = ["行号 / Row", *["" if h is None else str(h) for h in parsed.header],
               "错误原因", "Reason"]
    width = len(parsed.header)
    rows = ([row.number, *_cells(row.cells, width), row.error.message("zh"), row.error.message("en")]
            for row in parsed.errors)
    return write_xlsx(headers, rows, sheet_title="错误报告")


def _cells(cells: list[Any], width: int) -> list[Any]:
    padded = list(cells[:width]) + [None] * max(0, width - len(cells))
    return ["" if c is None else c for c in padded]
