"""Labels and choice lists per domain, merged per resource: one column name has
one label in every domain, every column a resource shows has one, and the
cases' "kind" reads 类别 (it read the hearings' 形式 while one process-wide dict
let the last domain imported win)."""
from __future__ import annotations

from importlib import import_module
from importlib.util import find_spec

import pytest
from flask_babel import lazy_gettext as _l

from app import DOMAINS
from app.core.labels import COMMON, Catalogue, conflicts, merge
from app.core.resources import REGISTERED, labels_of
from tests.conftest import login
from tests.factories import make_user


def catalogues() -> list[Catalogue]:
    out = [COMMON]
    for domain in DOMAINS:
        name = f"{domain}.labels"
        if find_spec(name) is not None:
            out.append(import_module(name).CATALOGUE)
    return out


def test_no_two_domains_word_one_column_differently():
    assert len(catalogues()) >= 7
    assert conflicts(catalogues()) == []


def test_a_conflict_is_found_and_refused():
    ours = Catalogue("ours", {"kind": _l("Kind")}, {"status": [("a", _l("Active"))]})
    theirs = Catalogue("theirs", {"kind": _l("Form")}, {"status": [("a", _l("Active")), ("b", _l("Closed"))]})
    assert len(conflicts([ours, theirs])) == 2
    with pytest.raises(ValueError, match="'kind'"):
        merge(ours, theirs)
    assert merge(ours, Catalogue("same", {"kind": _l("Kind")}))["kind"] == _l("Kind")


def test_every_column_a_resource_shows_has_a_label(app):
    missing = []
    for name, res in sorted(REGISTERED.items()):
        labels = labels_of(res)
        columns = {*res.list_columns, *(res.show_columns or []), *(res.add_columns or []),
                   *(res.edit_columns or []), *res.search_columns}
        missing += [f"{name}.{col}" for col in sorted(columns) if col not in labels]
    assert len(REGISTERED) >= 30
    assert missing == []


@pytest.mark.parametrize("url", ["/casechangeview/list/", "/caseevaluationview/list/"])
def test_the_kind_of_a_change_or_an_evaluation_is_a_kind_not_a_form(app, url):
    make_user(app, "reader", "admin")
    client = app.test_client()
    login(client, "reader")
    html = client.get(url).get_data(as_text=True)
    assert "类别" in html and "形式" not in html
    assert "形式" in client.get("/hearingview/list/").get_data(as_text=True)


def test_a_stored_result_reads_as_a_linked_label(app):
    """issue #11: ``quota_ledger:834`` on a signed-off case reads 编制台账 #834, linked."""
    from app.core.references import reference_label

    with app.test_request_context():
        ledger = str(reference_label("quota_ledger:834"))
        assert ledger == '<a href="/quotaledgerentryview/show/834">编制台账 #834</a>'
        merged = str(reference_label("institution:12:merged_into:15"))
        assert "机构 #12</a> 并入 <a" in merged and "/institutionview/show/15" in merged
        removed = str(reference_label("internal_division:3:removed (综合科)"))
        assert "已删除" in removed and "(综合科)" in removed
        assert reference_label("something:else") == "something:else" and reference_label(None) == ""
