"""What a Chinese reader must never see on a page (issue #11), as detectors shared
by the test-client walk of every door (``tests/test_secret_leaks.py``) and the
walk of every page in Chromium (``tests/browser/test_readable_walk.py``):

- a time to the second or the microsecond (as stored, in UTC), ISO or not;
- a raw reference such as ``user:leader`` or ``quota_ledger:834``;
- a sentence of our catalogue left in English;
- (in the browser's rendered text) an internal snake_case code such as
  ``staffing_increase``.
"""
from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

from babel.messages.pofile import read_po

RAW_TIME = re.compile(r"(?:\b|T)\d\d:\d\d:\d\d(?:\.\d+)?\b")
RAW_REFERENCE = re.compile(r"\b(?:user|cli|seed|quota_ledger|institution|internal_division|leadership_quota"
                           r"|three_determinations|power_implementation):[\w#]+")
SNAKE_CODE = re.compile(r"(?<![\w./@-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w/@-])")


def _catalogue_sentences() -> set[str]:
    """The English sentences our zh catalogue translates (a line showing one is untranslated)."""
    po = Path(__file__).resolve().parent.parent / "app" / "translations" / "zh" / "LC_MESSAGES" / "messages.po"
    with po.open(encoding="utf-8") as f:
        return {m.id for m in read_po(f, locale="zh")
                if isinstance(m.id, str) and m.string and " " in m.id and "%" not in m.id and len(m.id) > 6}


SENTENCES = _catalogue_sentences()


def visible_text(html: str) -> str:
    """A page's text as a reader sees it: scripts, styles and tags left out."""
    text = re.sub(r"(?is)<(script|style|template|textarea)[^>]*>.*?</\1>", " ", html)
    return html_lib.unescape(re.sub(r"(?s)<[^>]+>", "\n", text))


def unreadable_text(text: str, codes: bool = False, allowed: frozenset[str] = frozenset()) -> list[str]:
    """What a Chinese reader must not see in ``text``; ``codes`` also reports
    snake_case codes (except the ``allowed`` ones: user names, say)."""
    out = [f"raw time {m.group(0).lstrip('T')}" for m in RAW_TIME.finditer(text)]
    out += [f"raw reference {m.group(0)}" for m in RAW_REFERENCE.finditer(text)]
    out += [f"English: {line.strip()!r}" for line in text.splitlines() if line.strip() in SENTENCES]
    if codes:
        out += [f"raw code {m.group(0)}" for m in SNAKE_CODE.finditer(text) if m.group(0) not in allowed]
    return out


def unreadable(html: str) -> list[str]:
    """What a Chinese reader must not see on a page, in its visible text."""
    return unreadable_text(visible_text(html))
