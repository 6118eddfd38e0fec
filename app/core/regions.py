"""GB/T 2260 administrative division codes (行政区划代码), read from python-stdnum.

The data is python-stdnum's ``stdnum/cn/loc.dat`` (compiled from the Chinese
Wikipedia lists of division codes).  Its format, as read here:

* ``#`` lines are comments;
* an unindented line ``NN province="山东省"`` opens a province by its two-digit
  prefix;
* each indented line ``  NNNN county="..."`` completes a six-digit code with the
  province prefix (``37`` + ``0202`` -> ``370202``).  Despite the attribute name
  these lines carry every level: ``NN0000`` is the province itself, ``NNMM00``
  a prefecture (``370200`` 青岛市) and the rest county-level units;
* the value is one name, or several separated by commas, each optionally
  prefixed by its validity years: ``[1983-]市南区`` (since 1983),
  ``[-1987]胶县`` (until 1987), ``[1983-1994]台东区``, or
  ``[-1991]东郊区,[1992-]东丽区`` (the same code renamed).  A name without
  brackets has been valid throughout.  Names of one code are in chronological
  order, so the last is the latest.

"Current" below means what the file says: the latest name has no end year.
The file is not perfect: a few codes abolished long ago carry an undated name
and so still look current (422900 林区, 422921 神农架林区, 429001 随州市, which
became 421300 in 2000).  They are reported as the file has them.

Every county-level code's prefecture (``NNMM00``) and province (``NN0000``) are
present in the file as lines of their own, so no supplementary table of
prefecture or province names is needed.  ``100000`` (中央, the central level used
by some USCCs) is *not* a GB/T 2260 code and is not in the file; ``app.core.uscc``
handles it explicitly.

No Flask dependency: everything is plain data cached with ``functools.lru_cache``.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache

import stdnum

__all__ = [
    "Region",
    "all_codes",
    "children",
    "is_current",
    "is_known_code",
    "loc_dat_path",
    "region_name",
]

_CODE_RE = re.compile(r"^\d{6}$")
_PROVINCE_LINE = re.compile(r'^(\d{2})\s+province="([^"]*)"\s*$')
_COUNTY_LINE = re.compile(r'^\s+(\d{4})\s+county="([^"]*)"\s*$')
_DATED_NAME = re.compile(r"^\[(\d{4})?-(\d{4})?\](.*)$")

# The placeholder "市辖区" (districts under the city) at county level (NNMM01) is
# a statistical grouping code, not an administrative unit; children() leaves it
# out.  At prefecture level (110100 for Beijing) it is the only way down to the
# districts of a municipality, so it is kept there.
_PLACEHOLDER_NAME = "市辖区"


@dataclass(frozen=True)
class _Name:
    name: str
    start: int | None  # first year valid, None = from the start of the records
    end: int | None  # last year valid, None = still valid

    @property
    def current(self) -> bool:
        return self.end is None


@dataclass(frozen=True)
class Region:
    """One code with its names through time (oldest first)."""

    code: str
    names: tuple[_Name, ...]

    @property
    def name(self) -> str:
        """The latest name."""
        return self.names[-1].name

    @property
    def current(self) -> bool:
        return self.names[-1].current

    @property
    def level(self) -> str:
        if self.code.endswith("0000"):
            return "province"
        if self.code.endswith("00"):
            return "prefecture"
        return "county"


def loc_dat_path() -> str:
    return os.path.join(os.path.dirname(stdnum.__file__), "cn", "loc.dat")


def _parse_names(value: str, code: str) -> tuple[_Name, ...]:
    names = []
    for part in value.split(","):
        part = part.strip()
        match = _DATED_NAME.match(part)
        if match:
            start, end, name = match.groups()
            names.append(_Name(name.strip(), int(start) if start else None, int(end) if end else None))
        elif part.startswith("["):
            raise ValueError(f"loc.dat: unreadable name {part!r} for {code}")
        else:
            names.append(_Name(part, None, None))
    if not names or not names[-1].name:
        raise ValueError(f"loc.dat: no name for {code}")
    return tuple(names)


@lru_cache(maxsize=1)
def _table() -> dict[str, Region]:
    table: dict[str, Region] = {}
    province: str | None = None
    with open(loc_dat_path(), encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            match = _PROVINCE_LINE.match(line)
            if match:
                province = match.group(1)
                continue
            match = _COUNTY_LINE.match(line)
            if match and province is not None:
                code = province + match.group(1)
                region = Region(code, _parse_names(match.group(2), code))
                if code in table:  # not the case in stdnum 2.2; merge, keep order
                    region = Region(code, table[code].names + region.names)
                table[code] = region
                continue
            raise ValueError(f"loc.dat line {lineno}: unexpected format: {line!r}")
    if not table:
        raise ValueError("loc.dat: no codes read")
    return table


@lru_cache(maxsize=1)
def all_codes() -> frozenset[str]:
    """Every six-digit code that ever existed, historical ones included."""
    return frozenset(_table())


def _valid_code(code: object) -> str | None:
    if not isinstance(code, str):
        return None
    code = code.strip()
    return code if _CODE_RE.match(code) else None


def region_name(code: str) -> str | None:
    """The latest name of a code (county, prefecture or province), or None."""
    code = _valid_code(code)
    if code is None:
        return None
    region = _table().get(code)
    return region.name if region else None


def is_known_code(code: str) -> bool:
    """Six digits, and a code that exists or existed at any level."""
    code = _valid_code(code)
    if code is None:
        return False
    # Prefecture (NNMM00) and province (NN0000) codes are lines of the file
    # themselves (checked for stdnum 2.2: none is missing), so all_codes() is
    # the whole answer.
    return code in all_codes()


def is_current(code: str) -> bool:
    """Whether the code is valid today (its latest name has no end year)."""
    code = _valid_code(code)
    region = _table().get(code) if code else None
    return bool(region and region.current)


@lru_cache(maxsize=1)
def _children_index() -> dict[str, tuple[tuple[str, str], ...]]:
    index: dict[str, list[tuple[str, str]]] = {}
    for code, region in sorted(_table().items()):
        if not region.current:
            continue
        if region.level == "province":
            continue
        if region.level == "prefecture":
            parent = code[:2] + "0000"
        else:
            if region.name == _PLACEHOLDER_NAME:
                continue
            parent = code[:4] + "00"
        index.setdefault(parent, []).append((code, region.name))
    return {parent: tuple(kids) for parent, kids in index.items()}


def children(code: str) -> list[tuple[str, str]]:
    """Currently valid direct children as (code, name), sorted by code.

    A province's children are its prefecture-level codes (NNMM00); a
    prefecture's are its county-level codes, without the 市辖区 placeholder.
    County-level and unknown codes have none.
    """
    code = _valid_code(code)
    if code is None or not code.endswith("00"):
        return []
    return list(_children_index().get(code, ()))
