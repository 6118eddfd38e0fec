"""Unified social credit codes (统一社会信用代码, GB 32100-2015): validate and issue.

Layout of the 18 characters (positions counted from 1, as in the standard and in
our messages):

=========  =====================================================================
1          registration department (登记管理部门); ``1`` = 机构编制 (staffing office)
2          category (机构类别); for the staffing office ``1`` 机关, ``2`` 事业单位,
           ``3`` 群团, ``9`` 其他
3-8        the registering authority's GB/T 2260 division code
9-16       the organisation code body (GB 11714)
17         the organisation code's own check character (GB 11714, mod 11)
18         the USCC check character (mod 31)
=========  =====================================================================

``stdnum.cn.uscc`` checks the format and position 18 only and accepts
``12100000470095017U``, whose position 17 is wrong; :func:`validate` checks both.
No Flask dependency.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from app.core.errors import ValidationFailed
from app.core.messages import render
from app.core.regions import is_known_code

__all__ = [
    "ALPHABET",
    "CATEGORIES",
    "CENTRAL_REGION",
    "STAFFING_OFFICE",
    "UsccResult",
    "UsccWarning",
    "check_char",
    "generate",
    "normalize",
    "org_check_char",
    "validate",
]

LENGTH = 18
#: GB 32100 character set: digits and capitals without I, O, S, V, Z.
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_VALUES = {char: value for value, char in enumerate(ALPHABET)}
#: mod-31 weights for positions 1-17 (3**i mod 31).
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
#: GB 11714 weights for the eight body characters (positions 9-16).
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)

#: Position 1: the staffing office (机构编制) is registration department 1.
STAFFING_OFFICE = "1"
#: Position 2 for the staffing office: 机关, 事业单位, 群团, 其他.
CATEGORIES = {"1": "机关", "2": "事业单位", "3": "群团", "9": "其他"}
#: Positions 3-8 of codes issued by central-level authorities are 100000
#: (中央), as in the SPEC vector 12100000470095016Q.  100000 is not a GB/T 2260
#: code (no province starts with 10) and is not in regions.all_codes(), so the
#: office rules accept it explicitly, whatever ``known_region`` says.
CENTRAL_REGION = "100000"

_SERIAL_MAX = 99_999_999


# --- normalisation and check characters -------------------------------------


def _to_half_width(text: str) -> str:
    out = []
    for ch in text:
        cp = ord(ch)
        if 0xFF01 <= cp <= 0xFF5E:  # full-width ASCII block
            out.append(chr(cp - 0xFEE0))
        elif cp == 0x3000:  # ideographic space
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def normalize(code: str | None) -> str:
    """Full-width to half-width, surrounding whitespace removed, upper case."""
    if code is None:
        return ""
    return _to_half_width(str(code)).strip().upper()


def _gb11714_value(char: str) -> int:
    # GB 11714: digits are their value, letters A=10 ... Z=35.
    if len(char) != 1 or not ("0" <= char <= "9" or "A" <= char <= "Z"):
        raise ValueError(f"not a GB 11714 character: {char!r}")
    return int(char, 36)


def org_check_char(first8: str) -> str:
    """GB 11714 check character for an 8-character organisation code body.

    Weights 3,7,9,10,5,8,4,2; C = 11 - (sum mod 11); 10 -> 'X', 11 -> '0'.
    """
    if len(first8) != 8:
        raise ValueError("org_check_char needs exactly 8 characters")
    total = sum(_gb11714_value(c) * w for c, w in zip(first8.upper(), ORG_WEIGHTS))
    check = 11 - total % 11
    if check == 10:
        return "X"
    if check == 11:
        return "0"
    return str(check)


def check_char(first17: str) -> str:
    """GB 32100 check character (position 18) for the first 17 characters."""
    if len(first17) != 17:
        raise ValueError("check_char needs exactly 17 characters")
    try:
        total = sum(_VALUES[c] * w for c, w in zip(first17.upper(), WEIGHTS))
    except KeyError as exc:
        raise ValueError(f"not a USCC character: {exc.args[0]!r}") from None
    return ALPHABET[(31 - total % 31) % 31]


# --- results ---------------------------------------------------------------


@dataclass(frozen=True)
class UsccWarning:
    """A non-fatal finding: a message key and its parameters.

    Render with ``w.message('zh')`` / ``w.message('en')`` (or no argument for the
    request's language).  ``key, params = w`` also works.
    """

    key: str
    items: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, key: str, **params: Any) -> "UsccWarning":
        return cls(key, tuple(sorted(params.items())))

    @property
    def params(self) -> dict[str, Any]:
        return dict(self.items)

    def message(self, lang: str | None = None) -> str:
        return render(self.key, lang, **self.params)

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.key, "zh": self.message("zh"), "en": self.message("en")}

    def __iter__(self) -> Iterator[Any]:
        yield self.key
        yield self.params


@dataclass(frozen=True)
class UsccResult:
    """A code that passed :func:`validate`, in normalised form, with warnings."""

    code: str
    warnings: tuple[UsccWarning, ...] = field(default=())

    @property
    def ok(self) -> bool:
        """True when accepted without any warning."""
        return not self.warnings

    @property
    def registration_dept(self) -> str:
        return self.code[0]

    @property
    def category(self) -> str:
        return self.code[1]

    @property
    def region(self) -> str:
        return self.code[2:8]

    @property
    def org_code(self) -> str:
        """Positions 9-17: the organisation code with its check character."""
        return self.code[8:17]

    def messages(self, lang: str | None = None) -> list[str]:
        return [w.message(lang) for w in self.warnings]

    def __str__(self) -> str:
        return self.code


# --- validation --------------------------------------------------------------


def _is_region_known(region: str, known_region: Callable[[str], bool]) -> bool:
    if region == CENTRAL_REGION:  # 中央: see CENTRAL_REGION above
        return True
    return bool(known_region(region))


def validate(
    code: str | None,
    *,
    allow_legacy_org_check: bool = False,
    office_rules: bool = True,
    known_region: Callable[[str], bool] = is_known_code,
) -> UsccResult:
    """Check a USCC; return it normalised or raise ``ValidationFailed``.

    Order: length 18, alphabet, position 18 (mod 31), position 17 (GB 11714),
    then, with ``office_rules``, position 1 == '1', position 2 in {1,2,3,9} and
    positions 3-8 a known division code (or 100000 中央).  A position-17 failure
    is an error unless ``allow_legacy_org_check``, in which case the code is
    accepted with the warning ``uscc.org_check_char_legacy`` -- never silently.
    """
    code = normalize(code)
    warnings: list[UsccWarning] = []

    if len(code) != LENGTH:
        raise ValidationFailed("uscc.length", code=code, length=len(code))

    for position, char in enumerate(code, 1):
        if char not in _VALUES:
            raise ValidationFailed("uscc.alphabet", code=code, position=position, char=char)

    expected = check_char(code[:17])
    if code[17] != expected:
        raise ValidationFailed("uscc.check_char", code=code, position=18, expected=expected, actual=code[17])

    expected = org_check_char(code[8:16])
    if code[16] != expected:
        if not allow_legacy_org_check:
            raise ValidationFailed(
                "uscc.org_check_char", code=code, position=17, expected=expected, actual=code[16]
            )
        warnings.append(
            UsccWarning.of("uscc.org_check_char_legacy", code=code, position=17, expected=expected, actual=code[16])
        )

    if office_rules:
        if code[0] != STAFFING_OFFICE:
            raise ValidationFailed(
                "uscc.registration_dept", code=code, position=1, expected=STAFFING_OFFICE, actual=code[0]
            )
        if code[1] not in CATEGORIES:
            raise ValidationFailed(
                "uscc.org_category", code=code, position=2, expected="".join(CATEGORIES), actual=code[1]
            )
        region = code[2:8]
        if not (region.isascii() and region.isdigit()) or not _is_region_known(region, known_region):
            raise ValidationFailed("uscc.region", code=code, position="3-8", region=region)

    return UsccResult(code=code, warnings=tuple(warnings))


# --- issuance --------------------------------------------------------------


def generate(category_code: str, region_code: str, serial: int) -> str:
    """A valid code for a new registration by the staffing office.

    ``'1'`` + category + region + the serial as 8 zero-padded digits + its
    GB 11714 check character + the mod-31 check character.  The same serial,
    category and region always give the same code; the caller owns the serial
    sequence (uniqueness is the registry's job, see ``uscc.duplicate``).
    """
    category = normalize(category_code)
    if category not in CATEGORIES:
        raise ValidationFailed("uscc.generate_category", actual=category)
    region = normalize(region_code)
    if not (len(region) == 6 and region.isascii() and region.isdigit() and _is_region_known(region, is_known_code)):
        raise ValidationFailed("uscc.generate_region", region=region)
    if isinstance(serial, bool) or not isinstance(serial, int) or not 1 <= serial <= _SERIAL_MAX:
        raise ValidationFailed("uscc.generate_serial", serial=serial)

    body = f"{serial:08d}"
    first17 = STAFFING_OFFICE + category + region + body + org_check_char(body)
    code = first17 + check_char(first17)
    # Belt and braces: what we issue must pass our own validation cleanly.
    result = validate(code)
    assert result.ok, result.warnings
    return code
