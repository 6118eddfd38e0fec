"""No 500 for any hand-made list URL (issue #11): every list of the menu, as the
administrator (who reaches them all), with page, page-size, order and filter
arguments a user might type or a link might mangle.  Each is either served or
refused with a 4xx page that names the argument; none is a server error."""
from __future__ import annotations

from flask import url_for

from app.core.guards import MAX_INT
from tests.conftest import login
from tests.discovery import menu_hrefs
from tests.factories import make_user

HUGE = str(MAX_INT * 10)


def _lists(app) -> list[tuple[str, object]]:
    """(list URL, its view) for every list page of the menu."""
    views = {type(v).__name__: v for v in app.appbuilder.baseviews}
    out = []
    with app.test_request_context():
        for href in menu_hrefs(app):
            for name, view in views.items():
                if getattr(view, "_filters", None) is not None and href == _url(view):
                    out.append((href, view))
    return out


def _url(view) -> str:
    try:
        return url_for(f"{type(view).__name__}.list")
    except Exception:  # a view without a list page
        return ""


def _variants(view) -> list[str]:
    name = type(view).__name__
    out = [f"page_{name}=-1", f"page_{name}=abc", f"page_{name}={HUGE}", f"psize_{name}=0",
           f"psize_{name}=100000000", f"_oc_{name}=no_such_column&_od_{name}=asc", f"_od_{name}=sideways",
           "_flt_0_no_such_column=1"]
    for column, offered in view._filters.get_search_filters().items():
        out += [f"_flt_{len(offered)}_{column}=1", f"_flt_0_{column}=abc", f"_flt_0_{column}={HUGE}",
                f"_flt_0_{column}=2026-13-45"]
    return out


def test_no_hand_made_list_url_is_a_server_error(app):
    make_user(app, "admin1", "admin")
    client = app.test_client()
    login(client, "admin1")
    lists = _lists(app)
    assert len(lists) >= 30, [href for href, _ in lists]
    errors, refused = [], 0
    for href, view in lists:
        for query in _variants(view):
            resp = client.get(f"{href}?{query}")
            if resp.status_code >= 500:
                errors.append(f"{href}?{query}: {resp.status_code}")
            elif resp.status_code == 400:
                refused += 1
                assert "列表地址中的参数" in resp.get_data(as_text=True), f"{href}?{query}"
    assert errors == []
    assert refused >= 5 * len(lists)  # page, page size, order column and direction at least
