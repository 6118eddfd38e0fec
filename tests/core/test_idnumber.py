"""Resident ID numbers (居民身份证号)."""
from __future__ import annotations

import datetime
import random

import pytest
from stdnum.cn import ric as stdnum_ric

from app.core import idnumber
from app.core.errors import ValidationFailed
from app.core.messages import MESSAGES

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def _check(first17: str) -> str:
    """ISO 7064 MOD 11-2, written out independently of stdnum."""
    total = sum(int(d) * w for d, w in zip(first17, WEIGHTS))
    return "10X98765432"[total % 11]


def _make(first17: str) -> str:
    return first17 + _check(first17)


def _refused(value, **kwargs) -> ValidationFailed:
    with pytest.raises(ValidationFailed) as exc:
        idnumber.validate(value, **kwargs)
    err = exc.value
    assert err.key == "ric.invalid"
    zh, en = err.message("zh"), err.message("en")
    shown = idnumber.normalize(value)
    assert shown in zh and shown in en
    assert "身份证号" in zh and "ID number" in en
    assert err.as_dict()["zh"] == zh and err.as_dict()["en"] == en
    return err


def test_shinan_resident_born_1970_is_valid():
    # 370202 (市南区, 青岛) was created in 1983.  IDs carry the code in force when
    # the ID was first issued (1984 onwards), not at birth, so a 市南区 resident
    # born in 1970 legitimately has 370202197001011238.  stdnum's full validate
    # refuses it because the code "did not exist" in 1970; we must accept it.
    assert idnumber.validate("370202197001011238") == "370202197001011238"
    assert not stdnum_ric.is_valid("370202197001011238")


def test_independent_checksum_agrees_with_stdnum():
    rng = random.Random(11643)
    for _ in range(3000):
        first17 = "".join(rng.choice("0123456789") for _ in range(17))
        assert stdnum_ric.calc_check_digit(first17 + "0") == _check(first17)


def test_x_check_character():
    first17 = next(
        f"37020219800101{n:03d}" for n in range(1000) if _check(f"37020219800101{n:03d}") == "X"
    )
    assert idnumber.validate(first17 + "X") == first17 + "X"
    assert idnumber.validate(first17 + "x") == first17 + "X"


@pytest.mark.parametrize(
    "raw",
    [
        " 370202197001011238 ",
        "３７０２０２１９７００１０１１２３８",
        "\u3000370202197001011238\u3000",
    ],
)
def test_normalisation(raw):
    assert idnumber.normalize(raw) == "370202197001011238"
    assert idnumber.validate(raw) == "370202197001011238"


def test_normalize_lower_and_fullwidth_x():
    assert idnumber.normalize("11010519491231002x") == "11010519491231002X"
    assert idnumber.normalize("11010519491231002ｘ") == "11010519491231002X"
    assert idnumber.normalize("11010519491231002Ｘ") == "11010519491231002X"
    assert idnumber.normalize(None) == ""


@pytest.mark.parametrize("value, length", [("37020219700101123", 17), ("3702021970010112388", 19),
                                           ("370202700101123", 15), ("", 0), (None, 0)])
def test_length(value, length):
    err = _refused(value)
    assert err.params["reason"] == "ric.reason.length"
    assert err.params["length"] == length
    assert "18" in err.message("zh") and "18" in err.message("en")


@pytest.mark.parametrize("value", ["3702021970010112A8", "X70202197001011238", "37020219700101123Y",
                                   "370202 97001011238", "370202-9700101123X"])
def test_format(value):
    err = _refused(value)
    assert err.params["reason"] == "ric.reason.format"


@pytest.mark.parametrize("date", ["19700230", "19701301", "19700000", "19700100", "19000229", "20230229"])
def test_invalid_dates(date):
    value = _make("370202" + date + "123")
    err = _refused(value)
    assert err.params["reason"] == "ric.reason.birth_date"
    assert err.params["date"] == date
    assert date in err.message("zh") and date in err.message("en")
    assert "不是有效日期" in err.message("zh") and "not a real date" in err.message("en")


def test_leap_day_is_fine():
    assert idnumber.validate(_make("370202" + "20000229" + "123"))


def test_future_birth_date():
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    value = _make("370202" + tomorrow.strftime("%Y%m%d") + "123")
    err = _refused(value)
    assert err.params["reason"] == "ric.reason.birth_future"
    assert err.params["date"] == tomorrow.isoformat()
    value = _make("370202" + "20991231" + "123")
    assert _refused(value).params["reason"] == "ric.reason.birth_future"


def test_today_can_be_injected():
    value = _make("370202" + "20240601" + "123")
    assert idnumber.validate(value, today=datetime.date(2024, 6, 1)) == value
    err = _refused(value, today=datetime.date(2024, 5, 31))
    assert err.params["reason"] == "ric.reason.birth_future"


def test_birth_before_1900():
    err = _refused(_make("370202" + "18991231" + "123"))
    assert err.params["reason"] == "ric.reason.birth_too_early"
    assert "1900" in err.message("zh") and "1900" in err.message("en")
    assert idnumber.validate(_make("370202" + "19000101" + "123"))


def test_bad_checksum():
    err = _refused("370202197001011239")
    assert err.params["reason"] == "ric.reason.checksum"
    assert err.params["expected"] == "8"
    assert err.params["actual"] == "9"
    zh, en = err.message("zh"), err.message("en")
    assert "校验码应为 8" in zh and "should be 8, not 9" in en
    assert "check digit" not in zh and "校验码" not in en  # reason follows the language


def test_every_wrong_check_character_is_refused():
    for wrong in "0123456789X":
        if wrong != "8":
            assert _refused("37020219700101123" + wrong).params["reason"] == "ric.reason.checksum"


@pytest.mark.parametrize("region", ["999999", "000000", "379900", "100000"])
def test_unknown_region(region):
    err = _refused(_make(region + "19800101" + "123"))
    assert err.params["reason"] == "ric.reason.region"
    assert err.params["region"] == region
    assert region in err.message("zh") and region in err.message("en")


@pytest.mark.parametrize("region", ["370204", "110103", "371200", "370200", "370000"])
def test_historical_and_upper_level_regions_are_accepted(region):
    # 台东区 (-1994), 崇文区 (-2010), 莱芜市 (-2018): IDs issued there stay valid
    value = _make(region + "19800101" + "123")
    assert idnumber.validate(value) == value


def test_error_is_a_validation_failed_with_the_brief_params():
    err = _refused("370202197001011239")
    assert isinstance(err, ValidationFailed)
    assert err.params["value"] == "370202197001011239"
    assert isinstance(err.params["reason"], str)
    assert err.reason("en").startswith("the check digit")


def test_birth_date_and_gender():
    assert idnumber.birth_date("370202197001011238") == datetime.date(1970, 1, 1)
    assert idnumber.gender("370202197001011238") == "男"  # 17th digit 3: odd
    female = _make("370202" + "19851231" + "124")
    assert idnumber.gender(female) == "女"
    assert idnumber.birth_date(female) == datetime.date(1985, 12, 31)
    for seq in range(0, 1000, 37):
        value = _make(f"37020219900615{seq:03d}")
        assert idnumber.gender(value) == ("男" if seq % 2 else "女")


def test_birth_date_and_gender_validate_first():
    with pytest.raises(ValidationFailed):
        idnumber.birth_date("370202197001011239")
    with pytest.raises(ValidationFailed):
        idnumber.gender("37020219700230123X")


def test_mask():
    assert idnumber.mask("370202197001011238") == "370202********1238"
    assert idnumber.mask(" 11010519491231002x ") == "110105********002X"
    assert idnumber.mask("370202700101123") == "370202*****1123"  # 15-digit legacy
    assert idnumber.mask("1234567890") == "**********"
    assert idnumber.mask("") == ""
    assert idnumber.mask(None) == ""


@pytest.mark.parametrize("key", sorted(k for k in MESSAGES if k.startswith("ric.")))
def test_ric_messages_exist_in_both_languages(key):
    assert set(MESSAGES[key]) >= {"zh", "en"}


def test_check_char_agrees_with_stdnum():
    """Our fast check character (used on every imported row) is stdnum's."""
    import random

    from stdnum.cn import ric

    rng = random.Random(11643)
    for _ in range(5000):
        number = "".join(rng.choice("0123456789") for _ in range(17)) + "0"
        assert idnumber.check_char(number) == ric.calc_check_digit(number)
