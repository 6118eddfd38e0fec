"""Pure rules of the power lists: the code format as data, and the step names.

A format is a list of segments ``name:length`` separated by commas, e.g.
``region:6,department:3,type:2,seq:3,sub:2`` (18 digits).  Known segment
names: ``region`` (GB/T 2260 code of the implementing region), ``department``
(the owner department's number), ``type`` (the type's two-digit code),
``seq`` (running number within the prefix), ``sub`` (子项, ``00`` for none).
"""
from __future__ import annotations

from dataclasses import dataclass

SEGMENT_NAMES = ("region", "department", "type", "seq", "sub")
DEFAULT_FORMAT = "region:6,department:3,type:2,seq:3,sub:2"
# The steps a responsibility item belongs to (licensing: 受理 → 事后监管;
# penalties and coercion: 立案 → 执行); anything else is 其他.
STEP_NAMES = ("受理", "立案", "调查", "审查", "告知", "决定", "送达", "执行", "事后监管", "其他")


class FormatError(ValueError):
    """A malformed format or code; ``key`` and ``params`` name it for the message catalogue."""

    def __init__(self, key: str, **params) -> None:
        self.key, self.params = key, params
        super().__init__(key)


@dataclass(frozen=True)
class Segment:
    name: str
    length: int


def parse_segments(text: str) -> tuple[Segment, ...]:
    segments, seen = [], set()
    for part in (text or "").split(","):
        name, _, length = part.strip().partition(":")
        if name not in SEGMENT_NAMES or not length.isdigit() or not 1 <= int(length) <= 12:
            raise FormatError("power_list.format_segment", segment=part.strip() or "∅")
        if name in seen:
            raise FormatError("power_list.format_segment", segment=part.strip())
        seen.add(name)
        segments.append(Segment(name, int(length)))
    if "seq" not in seen or "type" not in seen:
        raise FormatError("power_list.format_needs", needed="type, seq")
    if sum(s.length for s in segments) > 40:
        raise FormatError("power_list.format_too_long", length=sum(s.length for s in segments))
    return tuple(segments)


def split_code(code: str, segments: tuple[Segment, ...]) -> dict[str, str]:
    """The code's segments by name; refuses a code that does not fit the format."""
    total = sum(s.length for s in segments)
    if len(code) != total or not code.isdigit():
        raise FormatError("power_list.code_format", code=code, length=total,
                          format=",".join(f"{s.name}:{s.length}" for s in segments))
    out, pos = {}, 0
    for seg in segments:
        out[seg.name] = code[pos:pos + seg.length]
        pos += seg.length
    if int(out["seq"]) == 0:
        raise FormatError("power_list.code_seq_zero", code=code)
    return out


def compose(segments: tuple[Segment, ...], values: dict[str, str | int]) -> str:
    """A code from segment values (numbers are zero-padded; too long is refused)."""
    parts = []
    for seg in segments:
        value = str(values.get(seg.name, 0))
        value = value.zfill(seg.length)
        if len(value) != seg.length or not value.isdigit():
            raise FormatError("power_list.code_segment_value", segment=seg.name, value=value, length=seg.length)
        parts.append(value)
    return "".join(parts)


def prefix_before_seq(segments: tuple[Segment, ...], values: dict[str, str | int]) -> tuple[str, int, int]:
    """(the code up to the sequence, the sequence's offset, its length): new
    codes take the next free sequence number after this prefix."""
    pos, prefix = 0, []
    for seg in segments:
        if seg.name == "seq":
            return "".join(prefix), pos, seg.length
        prefix.append(str(values.get(seg.name, 0)).zfill(seg.length))
        pos += seg.length
    raise FormatError("power_list.format_needs", needed="seq")


def parse_lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def parse_responsibilities(text: str | None) -> list[tuple[int, str, str]]:
    """``受理: 内容`` per line → (its place, step name, content); a line
    without a known step name is 其他."""
    out = []
    for i, line in enumerate(parse_lines(text), start=1):
        name, sep, content = line.replace("：", ":").partition(":")
        if sep and name.strip() in STEP_NAMES:
            out.append((i, name.strip(), content.strip() or name.strip()))
        else:
            out.append((i, "其他", line))
    return out
