"""Translations: Simplified Chinese by default, English switchable.

* every msgid the app marks for translation (``_l``, ``lazy_gettext``, ``_``
  in ``app/**.py`` and ``app/templates/**.html``, per ``babel.cfg``) has a
  Chinese translation in ``app/translations/zh`` - a new label without one
  fails here;
* every msgid Flask-AppBuilder itself uses has Chinese in FAB's catalogue or
  ours (FAB's zh catalogue is stale; ours fills the gaps);
* the committed ``.mo`` files say what their ``.po`` files say;
* a list page renders in Chinese by default and in English after ``/lang/en``,
  with FAB's and our catalogues merged (ours overriding FAB's).

Workflow (see babel.cfg)::

    pybabel extract -F babel.cfg -k _l -k lazy_gettext -k _ -o /tmp/messages.pot .
    pybabel update -i /tmp/messages.pot -d app/translations -N
    pybabel compile -d app/translations
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import flask_appbuilder
import pytest
from babel.messages import frontend
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from tests.conftest import login
from tests.factories import make_user

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "app" / "translations"
LOCALES = ("zh", "en")
KEYWORDS = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None}
FAB_DIR = Path(flask_appbuilder.__file__).resolve().parent
FAB_KEYWORDS = {**DEFAULT_KEYWORDS, "__": None, "lazy_gettext": None, "lazy_formatter_gettext": None}


def _po_path(locale: str) -> Path:
    return TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po"


def _read_po(locale: str):
    with open(_po_path(locale), "rb") as f:
        return read_po(f, locale=locale)


def _msgid(message) -> str:
    return message[0] if isinstance(message, (tuple, list)) else message


def _extract(dirname: Path, method_map, options_map, keywords) -> dict[str, list[str]]:
    """msgid -> ["file:line", ...] for every marked string under dirname."""
    found: dict[str, list[str]] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(dirname), method_map, options_map, keywords=keywords
    ):
        msgid = _msgid(message)
        if msgid:
            found.setdefault(msgid, []).append(f"{filename}:{lineno}")
    return found


def _app_msgids() -> dict[str, list[str]]:
    parse = getattr(frontend, "parse_mapping_cfg", None) or frontend.parse_mapping
    with open(ROOT / "babel.cfg", encoding="utf-8") as f:
        method_map, options_map = parse(f)
    return _extract(ROOT, method_map, options_map, KEYWORDS)


def _translated(catalog) -> dict:
    """What a compiled catalogue holds: non-empty, non-fuzzy translations."""
    out = {}
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        strings = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
        if all(strings):
            out[message.id] = message.string
    return out


@pytest.fixture(scope="module")
def app_msgids():
    found = _app_msgids()
    assert len(found) > 100, "extraction found suspiciously few msgids: check babel.cfg"
    return found


# ---------------------------------------------------------------------------
# Catalogue coverage
# ---------------------------------------------------------------------------


def test_babel_cfg_covers_python_and_templates(app_msgids):
    files = {loc.split(":")[0].replace(os.sep, "/") for locs in app_msgids.values() for loc in locs}
    assert any(f.startswith("app/quota/") and f.endswith(".py") for f in files)
    assert any(f.startswith("app/templates/") and f.endswith(".html") for f in files)
    assert "Institutions" in app_msgids and "Export to Excel" in app_msgids


def test_every_app_msgid_has_chinese(app_msgids):
    zh = _read_po("zh")
    missing = []
    for msgid, where in sorted(app_msgids.items()):
        message = zh.get(msgid)
        if message is None:
            missing.append(f"{msgid!r} ({where[0]}): not in zh/messages.po - run pybabel update")
        elif message.fuzzy:
            missing.append(f"{msgid!r} ({where[0]}): fuzzy (fuzzy entries are not compiled)")
        elif not all(message.string if isinstance(message.string, (tuple, list)) else (message.string,)):
            missing.append(f"{msgid!r} ({where[0]}): empty msgstr")
    assert not missing, "untranslated Chinese:\n" + "\n".join(missing)


def test_chinese_translations_are_chinese_and_keep_placeholders():
    zh = _read_po("zh")
    problems = []
    for message, errors in zh.check():
        problems += [f"{message.id!r}: {e}" for e in errors]
    placeholder = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")
    for message in zh:
        if not message.id or not message.string:
            continue
        if sorted(placeholder.findall(message.id)) != sorted(placeholder.findall(message.string)):
            problems.append(f"{message.id!r}: placeholders differ in {message.string!r}")
        if "%" in message.string and not placeholder.search(message.id):
            # Jinja's newstyle gettext %-formats every template string.
            problems.append(f"{message.id!r}: stray % in {message.string!r}")
        if not re.search(r"[\u4e00-\u9fff]", message.string) and message.string != message.id:
            problems.append(f"{message.id!r}: {message.string!r} has no Chinese")
    assert not problems, "\n".join(problems)


def test_english_catalogue_matches_chinese():
    """en exists (so /lang/en finds a catalogue) and lists the same msgids."""
    zh_ids = {m.id for m in _read_po("zh") if m.id}
    en_ids = {m.id for m in _read_po("en") if m.id}
    assert zh_ids == en_ids, {"only zh": sorted(zh_ids - en_ids), "only en": sorted(en_ids - zh_ids)}


def test_every_fab_msgid_has_chinese():
    """FAB's zh catalogue is stale; what it lacks must be in ours (app/translations/fab_msgids.py)."""
    fab_found = _extract(
        FAB_DIR,
        [("**.py", "python"), ("templates/**.html", "jinja2")],
        {"templates/**.html": {"extensions": "jinja2.ext.i18n"}},
        FAB_KEYWORDS,
    )
    assert "Add a new record" in fab_found and "List Users" in fab_found
    fab_zh = Translations.load(str(FAB_DIR / "translations"), ["zh"])._catalog
    ours = _translated(_read_po("zh"))
    missing = sorted(
        f"{msgid!r} ({where[0]})" for msgid, where in fab_found.items() if not ours.get(msgid) and not fab_zh.get(msgid)
    )
    assert not missing, "FAB msgids without Chinese (add to app/translations/fab_msgids.py):\n" + "\n".join(missing)


# ---------------------------------------------------------------------------
# Compiled catalogues
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("locale", LOCALES)
def test_mo_matches_po(locale):
    mo_path = _po_path(locale).with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} missing: run pybabel compile -d app/translations"
    with open(mo_path, "rb") as f:
        compiled = read_mo(f)
    expected = _translated(_read_po(locale))
    actual = {m.id: m.string for m in compiled if m.id}
    assert actual == expected, (
        f"{mo_path.relative_to(ROOT)} is out of date with its .po: run pybabel compile -d app/translations "
        f"(differs for {sorted(set(actual.items()) ^ set(expected.items()))[:10]})"
    )


# ---------------------------------------------------------------------------
# Rendering
# ---------------------------------------------------------------------------


def test_list_page_chinese_by_default_english_after_switch(app, client):
    make_user(app, "u", "admin")
    login(client, "u")

    zh = client.get("/institutionview/list/")
    assert zh.status_code == 200
    html = zh.get_data(as_text=True)
    assert "核心编制库" in html  # our category label
    assert "统一社会信用代码" in html and "限额内" in html  # our column labels
    assert "新增记录" in html and "新增" in html  # FAB msgids: missing in FAB's zh, translated by us
    assert "搜索" in html  # FAB msgid translated only by FAB's catalogue: both are merged
    assert "安全" in html and "用户权限" not in html  # ours overrides FAB's "Security"
    for english in ("Institutions", "Quota database", "Add a new record", ">Search<"):
        assert english not in html

    switched = client.get("/lang/en")
    assert switched.status_code == 302
    html = client.get("/institutionview/list/").get_data(as_text=True)
    for english in ("Institutions", "Quota database", "Within cap", "Add a new record", "Search"):
        assert english in html
    for chinese in ("核心编制库", "限额内", "新增记录", "搜索"):
        assert chinese not in html

    client.get("/lang/zh")
    assert "核心编制库" in client.get("/institutionview/list/").get_data(as_text=True)
