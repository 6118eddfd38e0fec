"""The code format as data, and the parsing of duties (pure functions)."""
import pytest

from app.execution.power_lists import rules


def test_the_default_format_splits_and_composes():
    segments = rules.parse_segments(rules.DEFAULT_FORMAT)
    code = rules.compose(segments, {"region": "370200", "department": 17, "type": "01", "seq": 5, "sub": 0})
    assert code == "3702000170100500"
    assert rules.split_code(code, segments) == {"region": "370200", "department": "017", "type": "01",
                                                "seq": "005", "sub": "00"}
    assert rules.prefix_before_seq(segments, {"region": "370200", "department": 17, "type": "01"}) == (
        "37020001701", 11, 3)


@pytest.mark.parametrize("text", ["", "region:6", "type:2,seq:0", "type:2,seq:3,type:2", "type:2,seq:x",
                                  "type:2,seq:3,colour:2", "type:12,seq:12,region:12,department:12"])
def test_malformed_formats_are_refused(text):
    with pytest.raises(rules.FormatError):
        rules.parse_segments(text)


@pytest.mark.parametrize("code", ["370200017010050", "37020001701005000", "37020001701A0500", "3702000170100000"])
def test_codes_that_do_not_fit_are_refused(code):
    with pytest.raises(rules.FormatError):
        rules.split_code(code, rules.parse_segments(rules.DEFAULT_FORMAT))


def test_a_value_longer_than_its_segment_is_refused():
    with pytest.raises(rules.FormatError):
        rules.compose(rules.parse_segments("type:2,seq:3"), {"type": "01", "seq": 1000})


def test_duties_are_read_one_per_line_with_their_step():
    assert rules.parse_responsibilities("受理：一次性告知\n\n随时抽查\n决定: 按时办结") == [
        (1, "受理", "一次性告知"), (2, "其他", "随时抽查"), (3, "决定", "按时办结")]
