"""GB/T 2260 division codes read from python-stdnum's cn/loc.dat."""
from __future__ import annotations

import os
import re

import pytest

from app.core import regions

QINGDAO_NOW = [
    ("370202", "市南区"),
    ("370203", "市北区"),
    ("370211", "黄岛区"),
    ("370212", "崂山区"),
    ("370213", "李沧区"),
    ("370214", "城阳区"),
    ("370215", "即墨区"),
    ("370281", "胶州市"),
    ("370283", "平度市"),
    ("370285", "莱西市"),
]


def test_loc_dat_is_the_stdnum_file():
    path = regions.loc_dat_path()
    assert os.path.isfile(path)
    assert path.endswith(os.path.join("stdnum", "cn", "loc.dat"))


def test_all_codes_are_six_digits_and_include_history():
    codes = regions.all_codes()
    assert isinstance(codes, frozenset)
    assert len(codes) > 3000
    assert all(re.fullmatch(r"\d{6}", c) for c in codes)
    # current, historical (台东区 until 1994, 崇文区 until 2010), prefecture, province
    for code in ("370202", "370204", "110103", "370200", "370000", "810000"):
        assert code in codes
    assert "999999" not in codes
    # 100000 (中央) is not a GB/T 2260 code; the USCC module handles it itself
    assert "100000" not in codes


def test_all_codes_is_cached():
    assert regions.all_codes() is regions.all_codes()


def test_every_code_has_its_prefecture_and_province_in_the_file():
    codes = regions.all_codes()
    for code in codes:
        assert code[:4] + "00" in codes, code
        assert code[:2] + "0000" in codes, code


@pytest.mark.parametrize(
    "code, name",
    [
        ("370202", "市南区"),
        ("370200", "青岛市"),
        ("370000", "山东省"),
        ("110000", "北京市"),
        ("440113", "番禺区"),
        ("140800", "运城市"),
        ("370204", "台东区"),  # historical, 1983-1994
        ("120110", "东丽区"),  # renamed from 东郊区 in 1992: the latest name
        ("810000", "香港特别行政区"),
    ],
)
def test_region_name(code, name):
    assert regions.region_name(code) == name


@pytest.mark.parametrize("code", ["999999", "100000", "37020", "3702021", "abcdef", "", None, 370202])
def test_region_name_unknown(code):
    assert regions.region_name(code) is None


@pytest.mark.parametrize("code", ["370202", "370200", "370000", "370204", "110103", " 370202 "])
def test_is_known_code_true(code):
    assert regions.is_known_code(code) is True


@pytest.mark.parametrize("code", ["999999", "379900", "100000", "37020", "3702021", "37020a", "", None, 370202])
def test_is_known_code_false(code):
    assert regions.is_known_code(code) is False


def test_is_current():
    assert regions.is_current("370202")
    assert not regions.is_current("370204")  # 台东区, merged 1994
    assert not regions.is_current("371200")  # 莱芜市, merged into 济南 2019
    assert regions.is_current("120110")
    assert not regions.is_current("999999")


def test_children_of_qingdao_are_the_current_districts_and_counties():
    assert regions.children("370200") == QINGDAO_NOW


def test_children_leave_out_history_and_placeholder():
    codes = [c for c, _ in regions.children("370200")]
    assert "370201" not in codes  # 市辖区 placeholder
    assert "370204" not in codes  # 台东区, 1983-1994
    assert "370282" not in codes  # 即墨市, 1989-2017 (now 370215 即墨区)


def test_children_of_a_province_are_prefectures():
    kids = dict(regions.children("370000"))
    assert kids["370200"] == "青岛市"
    assert kids["370100"] == "济南市"
    assert "371200" not in kids  # 莱芜市, abolished
    assert all(c.startswith("37") and c.endswith("00") and c != "370000" for c in kids)


def test_children_of_a_municipality():
    assert regions.children("110000") == [("110100", "市辖区")]
    districts = dict(regions.children("110100"))
    assert districts["110101"] == "东城区"
    assert districts["110119"] == "延庆区"
    assert "110103" not in districts  # 崇文区, merged 2010


@pytest.mark.parametrize("code", ["370202", "999900", "999999", "abc", "", None])
def test_children_of_county_or_unknown_is_empty(code):
    assert regions.children(code) == []


def test_children_returns_a_fresh_list():
    kids = regions.children("370200")
    kids.clear()
    assert regions.children("370200") == QINGDAO_NOW
