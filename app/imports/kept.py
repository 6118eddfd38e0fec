"""The dry run's parsed rows, kept with the batch so that the commit does not parse the file again.

Kept only for a file without refused rows (the only kind that can be committed)
and used only when the commit's file is the dry run's, byte for byte: the
SHA-256 of the original is stored with the rows and compared with the batch's,
which the commit has already checked against the stored bytes.  What was
checked on the file alone (types, required cells, in-file duplicates) holds as
it did; everything that depends on the database (references, scope, caps,
ID numbers in post) is checked again by the commit's services inside its own
transaction, since the database may have changed since the dry run.
"""
from __future__ import annotations

import datetime as dt
import json
import zlib
from typing import Optional

from app.imports.engine import Parsed, Row
from app.imports.specs import ImportSpec

FORMAT = 1


def dump(spec: ImportSpec, parsed: Parsed, digest: str) -> bytes:
    """The rows' values (not their cells: the commit writes no error report)."""
    keys = sorted({key for row in parsed.rows for key in (row.values or {})})
    stored = {"format": FORMAT, "sha256": digest, "list": spec.name, "keys": keys,
              "header": [None if h is None else str(h) for h in parsed.header],
              "columns": [list(c) for c in parsed.columns],
              "rows": [[row.number, [row.values.get(k) for k in keys]] for row in parsed.rows]}
    text = json.dumps(stored, ensure_ascii=False, separators=(",", ":"), default=_date)
    return zlib.compress(text.encode("utf-8"), 1)  # level 1: this blob lives for one commit


def load(spec: ImportSpec, data: Optional[bytes], digest: str) -> Optional[Parsed]:
    """The kept rows of the file ``digest`` for ``spec``, or None (parse again)."""
    if not data:
        return None
    try:
        stored = json.loads(zlib.decompress(data).decode("utf-8"))
    except (zlib.error, ValueError, UnicodeDecodeError):
        return None
    if stored.get("format") != FORMAT or stored.get("sha256") != digest or stored.get("list") != spec.name:
        return None
    keys = stored["keys"]
    try:
        dates = {i for i, key in enumerate(keys) if spec.column(key).kind == "date"}
    except KeyError:  # the list's columns changed since the dry run
        return None
    parsed = Parsed(header=stored["header"], columns=[tuple(c) for c in stored["columns"]])
    try:
        for number, cells in stored["rows"]:
            for i in dates:
                if cells[i] is not None:
                    cells[i] = dt.date.fromisoformat(cells[i])
            parsed.rows.append(Row(number, [], dict(zip(keys, cells))))
    except (TypeError, ValueError):
        return None
    return parsed


def _date(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"not kept: {type(value).__name__}")
