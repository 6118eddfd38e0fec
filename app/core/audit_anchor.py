"""The audit chain anchored outside the database (checkpoints).

The hash chain (``app.core.audit``) shows any row altered or removed in the
middle, but whoever can delete rows can delete the newest ones: the chain that
is left is intact, only its head has changed.  So the head is written down
somewhere the database user cannot rewrite: each **checkpoint** (row id, head
hash, row count, time) is one JSON line appended to ``AUDIT_CHECKPOINT_PATH``
(default ``instance/audit-checkpoints.jsonl``), opened ``O_APPEND``.  The office
keeps that file on a store the database account cannot write — an append-only
file (``chattr +a``) owned by another system user, a WORM share, or a copy
mailed to the supervising office: see the README.

:func:`verify` walks the chain, then compares it with the latest checkpoint:
the row it names must still exist with the same hash.  Newest rows removed (or
removed and replaced by new ones) fail that check.  Each checkpoint line also
carries the hash of the line before it, so an edited or deleted line in the file
is reported too.  A verification that passes appends a new checkpoint; one that
fails appends nothing, so a truncated log can never be laundered into a new
anchor.  ``flask audit verify`` and ``flask audit checkpoint`` call it, and so
will the scheduler (:func:`scheduled_checkpoint`).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path
from typing import Any, Optional

from flask import current_app
from sqlalchemy.orm import Session

from app.core.audit import GENESIS, AuditLog, walk_chain
from app.core.messages import MESSAGES, render

MESSAGES.update({
    "audit.chain_broken": {
        "zh": "审计链在第 {id} 条断开 ({problem}): 应为 {expected}, 实为 {found}",
        "en": "Audit chain broken at row {id} ({problem}): expected {expected}, found {found}",
    },
    "audit.truncated": {
        "zh": "审计日志最新的记录已被删除: 检查点 ({at}) 记录到第 {id} 条, 现在只到第 {last_id} 条",
        "en": "The newest audit rows have been removed: the checkpoint of {at} reaches row {id}, "
              "the log now ends at row {last_id}",
    },
    "audit.checkpoint_mismatch": {
        "zh": "审计日志第 {id} 条与检查点 ({at}) 不符: 检查点哈希 {expected}, 现为 {found}",
        "en": "Audit row {id} does not match the checkpoint of {at}: checkpoint hash {expected}, now {found}",
    },
    "audit.checkpoint_file_altered": {
        "zh": "检查点文件 {path} 第 {line} 行被改动或删除过 (与上一行的哈希不符)",
        "en": "The checkpoint file {path} was edited at line {line} (it does not follow the line before it)",
    },
    "audit.intact": {
        "zh": "审计链完整: {rows} 条, 末条 {last_id}, 哈希 {head}; 检查点已追加到 {path}",
        "en": "audit chain intact: {rows} rows, last row {last_id}, head {head}; checkpoint appended to {path}",
    },
})


def checkpoint_path(app=None) -> Path:
    app = app or current_app
    configured = app.config.get("AUDIT_CHECKPOINT_PATH")
    return Path(configured) if configured else Path(app.instance_path) / "audit-checkpoints.jsonl"


def _line_hash(line: str) -> str:
    return hashlib.sha256(line.encode("utf-8")).hexdigest()


def read_checkpoints(path: Path) -> tuple[Optional[dict[str, Any]], Optional[dict[str, Any]]]:
    """The latest checkpoint in ``path`` and the first problem with the file itself."""
    if not path.exists():
        return None, None
    latest, prev_line_hash = None, GENESIS
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            line = line.rstrip("\n")
            if not line:
                continue
            try:
                entry = json.loads(line)
                follows = entry["prev"] == prev_line_hash
            except (ValueError, KeyError, TypeError):
                follows = False
            if not follows:
                return latest, {"key": "audit.checkpoint_file_altered", "path": str(path), "line": number}
            latest, prev_line_hash = entry, _line_hash(line)
    return latest, None


def _last_line_hash(path: Path) -> str:
    if not path.exists():
        return GENESIS
    last = None
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                last = line.rstrip("\n")
    return _line_hash(last) if last else GENESIS


def append_checkpoint(path: Path, last_id: int, last_hash: str, rows: int) -> dict[str, Any]:
    """Append one checkpoint line; ``O_APPEND`` keeps concurrent writers' lines whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    entry = {"at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), "id": last_id,
             "hash": last_hash, "rows": rows, "prev": _last_line_hash(path)}
    line = json.dumps(entry, sort_keys=True, separators=(",", ":")) + "\n"
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
    try:
        os.write(fd, line.encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)
    return entry


def _against_checkpoint(session: Session, cp: dict[str, Any], last_id: int) -> Optional[dict[str, Any]]:
    if cp["id"] == 0:
        return None  # anchored an empty log
    row = session.get(AuditLog, cp["id"])
    if row is None or cp["id"] > last_id:
        return {"key": "audit.truncated", "at": cp["at"], "id": cp["id"], "last_id": last_id}
    if row.hash != cp["hash"]:
        return {"key": "audit.checkpoint_mismatch", "at": cp["at"], "id": cp["id"], "expected": cp["hash"],
                "found": row.hash}
    return None


def verify(session: Session, path: Optional[Path] = None, *, write: bool = True) -> dict[str, Any]:
    """Walk the chain, compare it with the latest checkpoint, and (when both
    hold and ``write``) append a new checkpoint.  Returns ``ok``, ``problem``
    (a message key and its parameters) and the head that was checked."""
    path = path or checkpoint_path()
    walked = walk_chain(session)
    result = {"ok": False, "problem": None, "path": str(path), **walked}
    if walked["broken"]:
        result["problem"] = {"key": "audit.chain_broken", **walked["broken"]}
        return result
    latest, file_problem = read_checkpoints(path)
    problem = file_problem or (latest and _against_checkpoint(session, latest, walked["last_id"]))
    if problem:
        result["problem"] = problem
        return result
    if write:
        result["checkpoint"] = append_checkpoint(path, walked["last_id"], walked["last_hash"], walked["rows"])
    result["ok"] = True
    return result


def describe(result: dict[str, Any], lang: str) -> str:
    """The outcome of :func:`verify` as one sentence in ``lang``."""
    if result["ok"]:
        return render("audit.intact", lang, rows=result["rows"], last_id=result["last_id"],
                      head=result["last_hash"], path=result["path"])
    params = dict(result["problem"])
    return render(params.pop("key"), lang, **params)


def scheduled_checkpoint(app) -> dict[str, Any]:
    """What the scheduler calls (and, until the scheduler process exists, cron
    through ``flask audit checkpoint``): verify, then anchor the head."""
    from app.extensions import db

    with app.app_context():
        try:
            return verify(db.session)
        finally:
            db.session.remove()
