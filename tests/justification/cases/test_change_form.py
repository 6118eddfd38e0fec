"""The change form's fields per kind (issue #11, 7) agree with the rules: every kind
has its set, every required field is in it, every field is a column of the form."""
from __future__ import annotations

import json
import re
from html import unescape

from app.justification.cases.models import CHANGE_KINDS
from app.justification.cases.services import FIELDS_BY_KIND, REQUIRED
from app.justification.cases.views import CHANGE_COLUMNS
from tests.justification.cases.fixtures import client_for


def test_every_kind_has_its_fields_and_they_hold_what_is_required():
    assert set(FIELDS_BY_KIND) == set(CHANGE_KINDS)
    for kind, columns in FIELDS_BY_KIND.items():
        assert set(columns) <= set(CHANGE_COLUMNS), kind
        assert {key.removesuffix("_id") for key in REQUIRED[kind]} <= set(columns), kind


def test_the_form_page_carries_the_sets(app, world):
    html = client_for(app, "department").get("/casechangeview/add").get_data(as_text=True)
    found = re.search(r"data-sets='([^']*)'", html)
    assert found and "js/field_sets.js" in html
    assert json.loads(unescape(found.group(1))) == {"kind": FIELDS_BY_KIND}
