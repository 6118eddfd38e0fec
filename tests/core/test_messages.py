"""Every message exists in Chinese and English with the same parameters: core's
own and every domain's catalogue (``<domain>/messages.py``), each key once."""
from __future__ import annotations

import string
from importlib import import_module
from importlib.util import find_spec

import pytest

from app import DOMAINS
from app.core import messages
from app.core.messages import render


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def catalogues() -> dict[str, dict]:
    """Core's catalogue and each domain's, by module, read from the modules themselves."""
    out = {"app.core.messages": messages.CORE_MESSAGES}
    for domain in DOMAINS:
        name = f"{domain}.messages"
        if find_spec(name) is not None:
            out[name] = import_module(name).MESSAGES
    return out


ALL = {key: entry for catalogue in catalogues().values() for key, entry in catalogue.items()}


def test_no_key_is_in_two_catalogues():
    seen: dict[str, str] = {}
    twice = []
    for module, catalogue in catalogues().items():
        for key in catalogue:
            if key in seen:
                twice.append(f"{key}: {seen[key]} and {module}")
            seen[key] = module
    assert twice == []


def test_a_domain_cannot_reword_a_registered_message():
    with pytest.raises(ValueError, match="write.required"):
        messages.register({"write.required": {"zh": "必填", "en": "required"}})
    messages.register({"write.required": dict(messages.MESSAGES["write.required"])})  # the same text is fine


@pytest.mark.parametrize("key", sorted(ALL))
def test_both_languages_with_the_same_parameters(app, key):
    entry = ALL[key]
    assert set(entry) == {"zh", "en"}
    assert entry["zh"].strip() and entry["en"].strip()
    assert fields(entry["zh"]) == fields(entry["en"]), key
    params = {name: f"<{name}>" for name in fields(entry["zh"])}
    assert render(key, "zh", **params) != render(key, "en", **params)  # registered by the app's domains
