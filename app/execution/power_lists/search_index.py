"""The text index of the public search (issue #13 §5: p95 ≤ 50 ms at 500,000
published items), built by raw DDL in migration pp01 (not models: a virtual
table or an operator-class index has no declarative form).

The search answers "name contains q, or code starts with q" (``public.search``).
The index only narrows the rows to a superset of that answer; the same LIKE
conditions are still applied to what it returns, so the result is exactly the
LIKE answer, in the same order, whichever path served it.

SQLite:
- ``power_snapshot_item_fts``: FTS5 with the trigram tokenizer over name and
  code (external content: the text stays in power_snapshot_item).  Serves
  queries of 3 characters or more: a trigram match on either column contains
  every row whose name contains q or whose code starts with q (trigram folds
  case as LIKE does, and more, which the LIKE re-check removes).
- ``power_snapshot_item_short``: FTS5 with the ascii tokenizer (every non-ASCII
  character is a token character, ASCII case folded as LIKE folds it), over a
  column of each name's distinct characters and character pairs, and a column of
  each code's first one and two characters.  Serves 1–2 character queries,
  which a trigram cannot answer and which Chinese names need (排污, 港口, 污).
  The choice: a pair column keeps the short query indexed (the rare pair is
  answered from the index, not a full LIKE scan of every item) at the cost of
  about 20 tokens an item; an indexed prefix path alone would miss the pair in
  the middle of a name.  A query whose characters are all ASCII separators
  (``%``, ``-`` …) gives no token and takes the plain LIKE scan.
Both are filled in the publishing transaction (``add_snapshot``); snapshot rows
are never updated or deleted, so nothing else needs to follow them.

PostgreSQL: pg_trgm GIN indexes on name and code (gin_trgm_ops), which the
planner uses for ``LIKE '%q%'`` and ``LIKE 'q%'`` itself; PostgreSQL keeps them.
A 1–2 character query has no trigram there, and PostgreSQL answers it by its
plain plan (the scan in id order stops at the page's 50th match).
"""
from __future__ import annotations

from typing import Optional

from sqlalchemy import column, table, text

FTS = "power_snapshot_item_fts"
SHORT = "power_snapshot_item_short"
PG_INDEXES = ("ix_power_snapshot_item_name_trgm", "ix_power_snapshot_item_code_trgm")
# What the schema holds beyond the models: the models == migrations comparison
# leaves these out (FTS5 also creates its shadow tables, <name>_data, _idx …).
UNMAPPED_PREFIXES = (FTS, SHORT)
UNMAPPED_INDEXES = PG_INDEXES


def unmapped(name: Optional[str], type_: str) -> bool:
    """True for a table or index built by raw DDL here (for Alembic's comparison)."""
    if not name:
        return False
    if type_ == "table":
        return name.startswith(UNMAPPED_PREFIXES)
    return type_ == "index" and name in UNMAPPED_INDEXES


def grams(name: str) -> str:
    """Each distinct character and character pair of ``name``, space-separated."""
    return " ".join(sorted(set(name) | {name[i:i + 2] for i in range(len(name) - 1)}))


def code_heads(code: str) -> str:
    return f"{code[:1]} {code[:2]}"


def _phrase(q: str) -> str:
    return '"' + q.replace('"', '""') + '"'


def _ascii_tokens(q: str) -> bool:
    """Whether the ascii tokenizer finds a token in ``q`` (any non-ASCII or ASCII alphanumeric)."""
    return any(not c.isascii() or c.isalnum() for c in q)


def matching(session, q: str):
    """(the index table to join on its rowid, its MATCH condition), or None when no
    index serves ``q`` on this database (PostgreSQL: its own indexes serve the LIKE)."""
    if session.get_bind().dialect.name != "sqlite" or not q:
        return None
    if len(q) >= 3:
        name, expr = FTS, _phrase(q)
    elif _ascii_tokens(q):
        name, expr = SHORT, f"grams:{_phrase(q)} OR code_head:{_phrase(q)}"
    else:
        return None
    return table(name, column("rowid")), text(f"{name} MATCH :fts_query").bindparams(fts_query=expr)


def add_snapshot(session, snapshot_id: int, rows: Optional[list] = None) -> None:
    """Index a snapshot's items, in the caller's (publishing) transaction.
    ``rows``: its (id, name, code) when the caller has them; else they are read."""
    if session.get_bind().dialect.name != "sqlite":
        return
    session.execute(text(f"INSERT INTO {FTS}(rowid, name, code) SELECT id, name, code FROM power_snapshot_item "
                         "WHERE snapshot_id = :s"), {"s": snapshot_id})
    if rows is None:
        rows = session.execute(text("SELECT id, name, code FROM power_snapshot_item WHERE snapshot_id = :s"),
                               {"s": snapshot_id}).all()
    if rows:
        session.execute(text(f"INSERT INTO {SHORT}(rowid, grams, code_head) VALUES (:id, :grams, :head)"),
                        [{"id": i, "grams": grams(n), "head": code_heads(c)} for i, n, c in rows])
