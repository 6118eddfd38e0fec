"""GB 32100-2015 unified social credit codes (SPEC §4.3)."""
from __future__ import annotations

import itertools
import random

import pytest
from stdnum.cn import uscc as stdnum_uscc

from app.core import uscc
from app.core.errors import ValidationFailed
from app.core.messages import MESSAGES

VALID = ["12100000470095016Q", "11140800558745220K", "1244011307461868XG"]
BAD_POS18 = "12100000470095016R"
BAD_POS17 = "12100000470095017U"


def _complete(first16: str) -> str:
    """Append GB 11714 and mod-31 check characters; the latter from stdnum."""
    first17 = first16 + uscc.org_check_char(first16[8:16])
    return first17 + stdnum_uscc.calc_check_digit(first17)


def _assert_renders(err: ValidationFailed, code: str) -> None:
    zh, en = err.message("zh"), err.message("en")
    assert code in zh and code in en
    assert zh != en
    assert err.as_dict()["code"] == err.key


# --- SPEC vectors --------------------------------------------------------------


@pytest.mark.parametrize("code", VALID)
def test_spec_valid_vectors(code):
    result = uscc.validate(code)
    assert result.code == code
    assert result.warnings == ()
    assert result.ok
    assert str(result) == code


def test_result_parts():
    result = uscc.validate("1244011307461868XG")
    assert result.registration_dept == "1"
    assert result.category == "2"
    assert result.region == "440113"
    assert result.org_code == "07461868X"


def test_spec_invalid_position_18():
    with pytest.raises(ValidationFailed) as exc:
        uscc.validate(BAD_POS18)
    err = exc.value
    assert err.key == "uscc.check_char"
    assert err.params["expected"] == "Q"
    assert err.params["actual"] == "R"
    assert err.params["position"] == 18
    _assert_renders(err, BAD_POS18)
    assert "Q" in err.message("en") and "R" in err.message("en")


def test_spec_invalid_position_18_not_rescued_by_legacy_flag():
    with pytest.raises(ValidationFailed) as exc:
        uscc.validate(BAD_POS18, allow_legacy_org_check=True, office_rules=False)
    assert exc.value.key == "uscc.check_char"


def test_spec_invalid_position_17_stdnum_accepts_it():
    # The reason for our own check: stdnum only checks position 18.
    assert stdnum_uscc.is_valid(BAD_POS17)


@pytest.mark.parametrize("office_rules", [True, False])
def test_spec_invalid_position_17_refused_by_default(office_rules):
    with pytest.raises(ValidationFailed) as exc:
        uscc.validate(BAD_POS17, office_rules=office_rules)
    err = exc.value
    assert err.key == "uscc.org_check_char"
    assert err.params["expected"] == "6"
    assert err.params["actual"] == "7"
    assert err.params["position"] == 17
    _assert_renders(err, BAD_POS17)


def test_spec_invalid_position_17_accepted_with_warning_when_legacy_allowed():
    result = uscc.validate(BAD_POS17, allow_legacy_org_check=True)
    assert result.code == BAD_POS17
    assert not result.ok
    assert len(result.warnings) == 1
    warning = result.warnings[0]
    assert warning.key == "uscc.org_check_char_legacy"
    assert warning.params["expected"] == "6"
    assert warning.params["actual"] == "7"
    key, params = warning
    assert key == "uscc.org_check_char_legacy" and params["code"] == BAD_POS17
    zh, en = warning.message("zh"), warning.message("en")
    assert BAD_POS17 in zh and BAD_POS17 in en and "注意" in zh and "Warning" in en
    assert result.messages("en") == [en]
    assert warning.as_dict() == {"code": "uscc.org_check_char_legacy", "zh": zh, "en": en}
    hash(result)  # frozen and hashable


def test_legacy_flag_gives_no_warning_for_a_good_code():
    assert uscc.validate(VALID[0], allow_legacy_org_check=True).warnings == ()


# --- normalisation -----------------------------------------------------------


def test_normalize_lowercase_fullwidth_and_whitespace():
    assert uscc.normalize("  1244011307461868xg\t") == "1244011307461868XG"
    assert uscc.normalize("１２１０００００４７００９５０１６ｑ") == "12100000470095016Q"
    assert uscc.normalize("\u3000" + "11140800558745220k" + "\u3000") == "11140800558745220K"
    assert uscc.normalize(None) == ""


@pytest.mark.parametrize(
    "raw, code",
    [
        ("12100000470095016q", "12100000470095016Q"),
        (" １２１０００００４７００９５０１６Ｑ ", "12100000470095016Q"),
        ("1244011307461868ｘｇ", "1244011307461868XG"),
    ],
)
def test_validate_returns_normalised_code(raw, code):
    assert uscc.validate(raw).code == code


# --- structure -----------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, length",
    [("12100000470095016", 17), ("12100000470095016QQ", 19), ("", 0), (None, 0), ("1210 0000 4700 9501 6Q", 22)],
)
def test_length(raw, length):
    with pytest.raises(ValidationFailed) as exc:
        uscc.validate(raw)
    err = exc.value
    assert err.key == "uscc.length"
    assert err.params["length"] == length
    assert str(length) in err.message("zh") and str(length) in err.message("en")


@pytest.mark.parametrize("bad, shown", [(c, c) for c in "IOSVZ*-"] + [("é", "É"), ("i", "I"), ("ｏ", "O")])
@pytest.mark.parametrize("position", [1, 10, 18])
def test_alphabet(bad, shown, position):
    code = list(VALID[0])
    code[position - 1] = bad
    code = "".join(code)
    with pytest.raises(ValidationFailed) as exc:
        uscc.validate(code)
    err = exc.value
    assert err.key == "uscc.alphabet"
    assert err.params["position"] == position
    assert err.params["char"] == shown  # after normalisation (upper, half-width)
    _assert_renders(err, uscc.normalize(code))


def test_alphabet_inner_space():
    # surrounding whitespace is stripped, an inner space is a bad character
    with pytest.raises(ValidationFailed) as exc:
        uscc.validate("12100000 470095016")
    assert exc.value.key == "uscc.alphabet"
    assert exc.value.params["position"] == 9


def test_alphabet_reports_first_bad_position():
    with pytest.raises(ValidationFailed) as exc:
        uscc.validate("12100000I7009501OQ")
    assert exc.value.params["position"] == 9
    assert exc.value.params["char"] == "I"


def test_check_char_matches_spec_and_stdnum():
    for code in VALID:
        assert uscc.check_char(code[:17]) == code[17]
    rng = random.Random(32100)
    for _ in range(2000):
        first17 = "".join(rng.choice(uscc.ALPHABET) for _ in range(17))
        assert uscc.check_char(first17) == stdnum_uscc.calc_check_digit(first17)


def test_check_char_can_be_zero():
    # (31 - total % 31) % 31: a total divisible by 31 gives '0', not index 31
    assert uscc.check_char("0" * 17) == "0"


def test_check_char_argument_errors():
    with pytest.raises(ValueError):
        uscc.check_char("1" * 16)
    with pytest.raises(ValueError):
        uscc.check_char("I" * 17)


@pytest.mark.parametrize(
    "body, check",
    [
        ("47009501", "6"),  # 12100000470095016Q
        ("55874522", "0"),  # 11140800558745220K: 11 - 0 -> '0'
        ("07461868", "X"),  # 1244011307461868XG: 11 - 1 -> 'X'
        ("A0000000", "3"),  # A=10: 30 mod 11 = 8, 11 - 8 = 3
        ("Z0000000", "5"),  # Z=35: 105 mod 11 = 6, 11 - 6 = 5
        ("00000001", "9"),  # 2 mod 11 = 2, 11 - 2 = 9
    ],
)
def test_org_check_char(body, check):
    assert uscc.org_check_char(body) == check


def test_org_check_char_independent_formula():
    weights = (3, 7, 9, 10, 5, 8, 4, 2)
    rng = random.Random(11714)
    letters = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    for _ in range(2000):
        body = "".join(rng.choice(letters) for _ in range(8))
        total = sum(letters.index(c) * w for c, w in zip(body, weights))
        c = 11 - total % 11
        assert uscc.org_check_char(body) == {10: "X", 11: "0"}.get(c, str(c))


def test_org_check_char_argument_errors():
    with pytest.raises(ValueError):
        uscc.org_check_char("1234567")
    with pytest.raises(ValueError):
        uscc.org_check_char("1234567*")


# --- office rules ----------------------------------------------------------------


def test_registration_department_must_be_staffing_office():
    code = _complete("91370202" + "MA3C1234")  # 9 = 工商 (market regulation)
    with pytest.raises(ValidationFailed) as exc:
        uscc.validate(code)
    err = exc.value
    assert err.key == "uscc.registration_dept"
    assert err.params["actual"] == "9"
    assert err.params["position"] == 1
    _assert_renders(err, code)
    assert uscc.validate(code, office_rules=False).code == code


@pytest.mark.parametrize("category", ["1", "2", "3", "9"])
def test_allowed_categories(category):
    code = _complete("1" + category + "370202" + "12345678")
    assert uscc.validate(code).category == category


@pytest.mark.parametrize("category", ["0", "4", "5", "8", "A", "Y"])
def test_category_refused(category):
    code = _complete("1" + category + "370202" + "12345678")
    with pytest.raises(ValidationFailed) as exc:
        uscc.validate(code)
    err = exc.value
    assert err.key == "uscc.org_category"
    assert err.params["actual"] == category
    assert err.params["position"] == 2
    _assert_renders(err, code)
    assert uscc.validate(code, office_rules=False).code == code


@pytest.mark.parametrize("region", ["999999", "379900", "000000", "37020A", "ABCDEF"])
def test_unknown_region_refused(region):
    code = _complete("12" + region + "12345678")
    with pytest.raises(ValidationFailed) as exc:
        uscc.validate(code)
    err = exc.value
    assert err.key == "uscc.region"
    assert err.params["region"] == region
    _assert_renders(err, code)
    assert region in err.message("zh") and region in err.message("en")


def test_central_region_is_known_even_to_a_strict_callable():
    # 100000 (中央) is not GB/T 2260 but is what central-level codes carry
    assert uscc.validate(VALID[0], known_region=lambda r: False).region == "100000"


def test_known_region_callable_is_consulted():
    code = _complete("12" + "370202" + "12345678")
    assert uscc.validate(code).code == code
    with pytest.raises(ValidationFailed) as exc:
        uscc.validate(code, known_region=lambda r: False)
    assert exc.value.key == "uscc.region"
    other = _complete("12" + "999999" + "12345678")
    assert uscc.validate(other, known_region=lambda r: r == "999999").code == other
    seen = []
    uscc.validate(code, known_region=lambda r: seen.append(r) or True)
    assert seen == ["370202"]


def test_historical_region_is_known():
    code = _complete("12" + "370204" + "12345678")  # 台东区, 1983-1994
    assert uscc.validate(code).region == "370204"


def test_checks_run_in_order():
    # bad position 17 and bad region: position 17 first
    first17 = "12999999" + "12345678" + "0"
    assert uscc.org_check_char("12345678") != "0"
    code = first17 + uscc.check_char(first17)
    with pytest.raises(ValidationFailed) as exc:
        uscc.validate(code)
    assert exc.value.key == "uscc.org_check_char"
    # with the legacy flag the warning does not hide the region error
    with pytest.raises(ValidationFailed) as exc:
        uscc.validate(code, allow_legacy_org_check=True)
    assert exc.value.key == "uscc.region"
    # ... and without office rules the code passes with its warning
    result = uscc.validate(code, allow_legacy_org_check=True, office_rules=False)
    assert [w.key for w in result.warnings] == ["uscc.org_check_char_legacy"]
    # position 1 is checked before position 2 and the region
    bad_all = _complete("94999999" + "12345678")
    with pytest.raises(ValidationFailed) as exc:
        uscc.validate(bad_all)
    assert exc.value.key == "uscc.registration_dept"
    # length before alphabet
    with pytest.raises(ValidationFailed) as exc:
        uscc.validate("IIII")
    assert exc.value.key == "uscc.length"


# --- generation --------------------------------------------------------------------

SERIALS = [1, 2, 9, 10, 99, 12345, 470095, 99_999_999] + list(range(100, 100_000, 997))


@pytest.mark.parametrize("category", ["1", "2", "3", "9"])
@pytest.mark.parametrize("region", ["370202", "370200", "370000", "100000", "440113"])
def test_generate_round_trips(category, region):
    codes = set()
    for serial in SERIALS:
        code = uscc.generate(category, region, serial)
        assert len(code) == 18
        assert code[:8] == "1" + category + region
        assert code[8:16] == f"{serial:08d}"
        assert code[16] == uscc.org_check_char(code[8:16])
        result = uscc.validate(code)
        assert result.code == code and result.ok
        assert stdnum_uscc.is_valid(code)
        codes.add(code)
    assert len(codes) == len(SERIALS)


def test_generate_is_deterministic():
    assert uscc.generate("2", "370202", 42) == uscc.generate("2", "370202", 42)
    assert uscc.generate("2", "370202", 42) != uscc.generate("2", "370202", 43)
    assert uscc.generate("2", "370202", 42) != uscc.generate("1", "370202", 42)


def test_generate_covers_x_and_zero_org_check_chars():
    seen = {uscc.generate("2", "370202", s)[16] for s in range(1, 200)}
    assert {"X", "0"} <= seen


def test_generate_many_serials_all_valid():
    for category, serial in itertools.product("1239", range(1, 1500)):
        uscc.validate(uscc.generate(category, "370200", serial))


@pytest.mark.parametrize("category", ["0", "4", "", "12", "A", None])
def test_generate_bad_category(category):
    with pytest.raises(ValidationFailed) as exc:
        uscc.generate(category, "370202", 1)
    err = exc.value
    assert err.key == "uscc.generate_category"
    assert "1/2/3/9" in err.message("zh") and "1, 2, 3 or 9" in err.message("en")


@pytest.mark.parametrize("region", ["999999", "37020", "3702021", "abcdef", "", None])
def test_generate_bad_region(region):
    with pytest.raises(ValidationFailed) as exc:
        uscc.generate("2", region, 1)
    err = exc.value
    assert err.key == "uscc.generate_region"
    shown = uscc.normalize(region)
    assert shown in err.message("zh") and shown in err.message("en")


@pytest.mark.parametrize("serial", [0, -1, 100_000_000, True, "5", 1.5, None])
def test_generate_bad_serial(serial):
    with pytest.raises(ValidationFailed) as exc:
        uscc.generate("2", "370202", serial)
    err = exc.value
    assert err.key == "uscc.generate_serial"
    assert str(serial) in err.message("zh") and str(serial) in err.message("en")


def test_generate_accepts_fullwidth_inputs():
    assert uscc.generate("２", "３７０２０２", 7) == uscc.generate("2", "370202", 7)


# --- messages ---------------------------------------------------------------------


@pytest.mark.parametrize("key", sorted(k for k in MESSAGES if k.startswith("uscc.")))
def test_uscc_messages_exist_in_both_languages(key):
    assert set(MESSAGES[key]) >= {"zh", "en"}
