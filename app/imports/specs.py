"""What a list declares to plug into the import engine.

A list registers one ``ImportSpec``: its columns (Chinese header, English
label, type, required, allowed values), the permission that guards it, and
``apply(values, ctx)``, which builds the object and calls the list's own
service — the same use case a form calls.  The engine (``engine.py``) never
knows which list it runs; later lists (power lists, staffing plans,
registrations) call ``register(MySpec())`` from their own module.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any, Optional

from sqlalchemy import or_, select

from app.core import scoping
from app.core.errors import ValidationFailed
from app.core.orm import contains
from app.core.scoping import Scope
from app.imports import values as v
from app.imports.readers import normalise_header


@dataclass
class Column:
    key: str
    header: str  # Chinese header, as in the template
    label: str  # English label (also accepted as a header)
    kind: str = "text"  # text | code | int | date | bool | choice
    required: bool = False
    choices: dict[str, tuple[str, str]] = field(default_factory=dict)  # stored value -> (zh, en)
    aliases: tuple[str, ...] = ()
    example: Any = None
    hint: str = ""  # allowed values in words (references: "机构名称或统一社会信用代码")
    bool_words: dict[str, bool] = field(default_factory=dict)
    # A code whose digits matter (ID number, USCC): a numeric cell is refused,
    # never converted, since Excel has already cut it to 15 significant digits.
    text_only: bool = False
    # Required, unless one of these columns stands in (行政区划 or 行政区划代码).
    instead: tuple[str, ...] = ()

    def synonyms(self) -> list[str]:
        """Every header accepted for this column, as the template's instructions list them."""
        return list(dict.fromkeys((self.header, *self.aliases, self.label)))

    def headers(self) -> set[str]:
        return {normalise_header(h) for h in (*self.synonyms(), self.key)}

    def allowed(self) -> str:
        if self.choices:
            return " / ".join(zh for zh, _ in self.choices.values())
        if self.kind == "bool":
            return "是 / 否"
        return self.hint

    def parse(self, raw: Any, row: Optional[int] = None) -> Any:
        if self.text_only:
            numeric = v.numeric_code(raw)
            if numeric is not None:
                shown, lost = numeric
                raise ValidationFailed("import.row.numeric_code_lost" if lost else "import.row.numeric_code",
                                       row=row, column=self.header, value=shown)
        if self.kind == "int":
            value = v.to_int(raw, self.header)
        elif self.kind == "date":
            value = v.to_date(raw, self.header)
        elif self.kind == "bool":
            value = v.to_bool(raw, self.header, self.bool_words)
        elif self.kind == "choice":
            value = self._choice(raw)
        elif self.kind == "code":  # a name or code of a reference row: looked up as typed, then folded
            value = v.text(raw)
        else:
            value = v.text(raw)
        if value is None and self.required and not self.instead:  # else checked with the row: ``ImportSpec.complete``
            raise ValidationFailed("import.row.required", column=self.header)
        return value

    def _choice(self, raw: Any) -> Optional[str]:
        # A column of choices holds a handful of distinct cells: fold each once.
        memo = self.__dict__.setdefault("_choice_memo", {})
        if isinstance(raw, str) and raw in memo:
            return memo[raw]
        value = self._choose(raw)
        if isinstance(raw, str):
            memo[raw] = value
        return value

    def _choose(self, raw: Any) -> Optional[str]:
        key = v.choice_key(raw)
        if key is None:
            return None
        if not hasattr(self, "_choice_keys"):  # once per column, not once per cell
            self._choice_keys = {v.choice_key(text): stored for stored, labels in self.choices.items()
                                 for text in (stored, *labels)}
        if key in self._choice_keys:
            return self._choice_keys[key]
        raise ValidationFailed("import.row.choice", column=self.header, value=v.text(raw), allowed=self.allowed())


class ImportSpec:
    """One importable list.  Subclasses set the attributes and ``apply``."""

    name: str  # URL slug: /imports/<name>/
    title: str  # Chinese title (file names, template sheet)
    label: Any  # UI label (lazy msgid)
    resource: str  # FAB permission view name of the target resource
    permission: str = "can_write"
    columns: list[Column]

    def match(self, header: str) -> Optional[str]:
        if not hasattr(self, "_headers"):
            self._headers = {h: c.key for c in self.columns for h in c.headers()}
        return self._headers.get(header)

    def column(self, key: str) -> Column:
        if not hasattr(self, "_by_key"):  # asked for every row of a file: a dict, not a scan
            self._by_key = {c.key: c for c in self.columns}
        return self._by_key[key]

    def missing(self, mapped: set[str]) -> list[Column]:
        """Required columns absent from the file (a stand-in column counts)."""
        return [c for c in self.columns if c.required and c.key not in mapped and not set(c.instead) & mapped]

    def complete(self, values: dict) -> None:
        """A required value given by neither its column nor a stand-in is refused."""
        for c in self.columns:
            if c.required and c.instead and values.get(c.key) is None and \
                    all(values.get(k) is None for k in c.instead):
                raise ValidationFailed("import.row.required", column=" / ".join(
                    [c.header, *(self.column(k).header for k in c.instead)]))

    def duplicate_key(self, values: dict) -> Optional[tuple]:
        """Rows with the same key are duplicates within one file (None: never).

        ``key[0]`` names the kind of key; the rest is shown in the message."""
        return None

    def apply(self, values: dict, ctx: "Context") -> str:
        """Write one row through the service; return a message key (``import.ok.*``)."""
        raise NotImplementedError

    def apply_chunk(self, rows: list[dict], ctx: "Context") -> list[str]:
        """Write a chunk of rows; one ``apply`` each unless the list has a
        set-based service.  On any refusal the engine rolls the chunk back and
        replays it row by row with ``apply``, so every refusal names its row."""
        return [self.apply(values, ctx) for values in rows]

    # -- the template --------------------------------------------------------
    def template(self) -> bytes:
        """An xlsx: the data sheet (headers, drop-downs for choices) and a sheet of
        instructions with an example row and every column's allowed values."""
        from openpyxl import Workbook
        from openpyxl.styles import Font
        from openpyxl.worksheet.datavalidation import DataValidation

        wb = Workbook()
        data = wb.active
        data.title = "数据"
        data.append([c.header for c in self.columns])
        for i, col in enumerate(self.columns, start=1):
            cell = data.cell(row=1, column=i)
            cell.font = Font(bold=True, color="C00000" if col.required else "000000")
            letter = cell.column_letter
            data.column_dimensions[letter].width = max(12, len(col.header) * 2 + 4)
            if col.choices or col.kind == "bool":
                options = [zh for zh, _ in col.choices.values()] if col.choices else ["是", "否"]
                dv = DataValidation(type="list", formula1='"' + ",".join(options) + '"', allow_blank=True)
                dv.add(f"{letter}2:{letter}100000")
                data.add_data_validation(dv)
            elif col.kind == "code" or col.key in ("id_number", "uscc"):
                for row in range(2, 1002):  # text cells: long codes keep every digit
                    data.cell(row=row, column=i).number_format = "@"
        notes = wb.create_sheet("说明")
        notes.append([f"{self.title} 导入模板 / import template"])
        notes.append(["只读取第一个工作表 (数据); 红色列为必填; 日期可写作 2024-03-01、2024/3/1、2024年3月1日 或 20240301"])
        notes.append([])
        notes.append(["列 / column", "English", "必填 / required", "可填的值 / allowed values", "示例 / example"])
        for col in self.columns:
            notes.append([col.header, col.label, "是" if col.required else "否", col.allowed(),
                          "" if col.example is None else str(col.example)])
        notes.append([])
        notes.append(["表头同义词 / accepted headers (不区分全角半角、空格和 * 号 / width, spaces and * ignored)"])
        notes.append(["字段 / field", "可用的表头 / headers accepted"])
        for col in self.columns:
            notes.append([col.header, " / ".join(col.synonyms())])
        notes.append(["其他列 / other columns", "校验时列为“忽略”, 不导入 / listed as ignored by the dry run, not imported"])
        notes.append([])
        notes.append(["示例行 / example row"])
        notes.append([c.header for c in self.columns])
        notes.append(["" if c.example is None else str(c.example) for c in self.columns])
        notes.column_dimensions["A"].width = 18
        notes.column_dimensions["D"].width = 60
        buf = io.BytesIO()
        wb.save(buf)
        return buf.getvalue()


# ---------------------------------------------------------------------------
# Registry
# ---------------------------------------------------------------------------

SPECS: dict[str, ImportSpec] = {}


def register(spec: ImportSpec) -> ImportSpec:
    SPECS[spec.name] = spec
    return spec


def get(name: str) -> Optional[ImportSpec]:
    return SPECS.get(name)


# ---------------------------------------------------------------------------
# What one run knows: the session, the uploader's scope, reference lookups
# ---------------------------------------------------------------------------


class Context:
    """Per-run caches of reference rows, looked up by name or code.

    Cached ORM objects are held strongly, so the services' ``session.get`` of
    the same rows is answered from the identity map instead of a SELECT per row.
    After a rolled-back savepoint the caches are dropped (``forget``): a row
    created inside it no longer exists.
    """

    def __init__(self, session, scope: Optional[Scope]):
        self.session = session
        self.scope = scope
        self._cache: dict[tuple, Any] = {}

    def forget(self) -> None:
        self._cache.clear()

    def remember(self, model, value: Any, obj) -> None:
        self._cache[(model, value)] = obj

    def cached(self, model, value: Any) -> Any:
        return self._cache.get((model, value))

    def prefetch(self, model, values, *, by: tuple[str, ...] = ("code", "name")) -> None:
        """``lookup`` of many values with one query per 500: each value typed
        exactly as a row holds it is cached with what ``lookup`` would find first
        (the first field of ``by`` naming exactly one row).  Anything else (a
        value to fold, an ambiguous or unknown one) is left to ``lookup``."""
        todo = sorted({v for v in values if isinstance(v, str)} - {v for m, v in self._cache if m is model})
        for start in range(0, len(todo), 500):
            part = todo[start:start + 500]
            rows = self.session.execute(
                select(model).where(or_(*(getattr(model, attr).in_(part) for attr in by)))
            ).unique().scalars().all()
            index = {attr: {} for attr in by}
            for row in rows:
                for attr in by:
                    index[attr].setdefault(getattr(row, attr), []).append(row)
            for value in part:
                hits = next((index[attr][value] for attr in by if value in index[attr]), [])
                if len(hits) == 1:
                    self._cache[(model, value)] = hits[0]

    def lookup(self, model, value: Optional[str], column: str, *, by: tuple[str, ...] = ("code", "name"),
               hint: bool = False) -> Any:
        """The one row of ``model`` whose field in ``by`` equals ``value``.

        ``hint``: an unknown value names the entries that hold it — for
        dictionaries only (quota types, ranks), never for rows under scoping."""
        if value is None:
            return None
        key = (model, value)
        if key in self._cache:
            return self._cache[key]
        found = None
        # As typed first (names may hold full-width brackets), then folded (full-width digits in codes).
        folded = v.folded(value)
        # NFKC folds the full-width brackets of dictionary names (事业编制（全额拨款）) too: try them wide.
        wide = folded.replace("(", "（").replace(")", "）")
        for candidate in dict.fromkeys((value, folded, wide)):
            for attr in by:
                rows = self.session.execute(
                    select(model).where(getattr(model, attr) == candidate).limit(3)
                ).scalars().all()
                if len(rows) > 1:
                    raise ValidationFailed("import.row.ambiguous_ref", column=column, value=value, count=len(rows))
                if rows:
                    found = rows[0]
                    break
            if found is not None:
                break
        if found is None:
            hints = self._similar(model, value, by) if hint else []
            if hints:
                raise ValidationFailed("import.row.unknown_ref_hint", column=column, value=value,
                                       candidates="、".join(hints))
            raise ValidationFailed("import.row.unknown_ref", column=column, value=value)
        self._cache[key] = found
        return found

    def _similar(self, model, value: str, by: tuple[str, ...]) -> list[str]:
        """Entries whose name holds what was typed ("事业编制" → 事业编制（全额拨款）…),
        for a hint in the refusal; at most 5 named."""
        typed = v.folded(value) or ""
        if "name" not in by or len(typed) < 2:
            return []

        # NFKC folded the brackets to half-width; the dictionaries write them full-width.
        wide = typed.replace("(", "（").replace(")", "）")
        matching = or_(*(contains(model.name, text) for text in (value, typed, wide)))
        names = self.session.execute(select(model.name).where(matching).order_by(model.name).limit(6)).scalars().all()
        return list(names[:5]) + (["…"] if len(names) > 5 else [])

    def check_scope(self, institution) -> None:
        """A department user imports rows of its own subtree only: the core
        check of every write, against the uploader's scope."""
        scoping.refuse_outside(self.scope, institution.id, label=institution.name, path=institution.path)

