"""Every domain message exists in Chinese and English with the same parameters."""
from __future__ import annotations

import string

import pytest

from app.core.messages import MESSAGES, render


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_both_languages_with_the_same_parameters(key):
    entry = MESSAGES[key]
    assert set(entry) == {"zh", "en"}
    assert entry["zh"].strip() and entry["en"].strip()
    assert fields(entry["zh"]) == fields(entry["en"]), key
    params = {name: f"<{name}>" for name in fields(entry["zh"])}
    assert render(key, "zh", **params) != render(key, "en", **params)
