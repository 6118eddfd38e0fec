"""The search page the menu bar's box opens (``/search/?q=…``): one group per kind
the user may read, each row a link to its show page; ``/search/hits?q=…`` is the
same answer as JSON (the box's suggestions)."""
from __future__ import annotations

from flask import current_app, jsonify, request, url_for
from flask_appbuilder import BaseView, expose, has_access
from flask_babel import lazy_gettext as _l

from app.search import queries


def _full_id() -> bool:
    from app.quota.views import can_see_full_id

    return can_see_full_id()


# kind -> (the resource whose read permission it needs, its label, its show endpoint, the query)
KINDS = (
    ("institution", "Institution", _l("Institutions"), "InstitutionView.show", lambda q: queries.institutions(q)),
    ("person", "Person", _l("Persons"), "PersonView.show", lambda q: queries.persons(q, full_id=_full_id())),
    ("case", "AdjustmentCase", _l("Adjustment cases"), "AdjustmentCaseView.show", lambda q: queries.cases(q)),
)


def search(q: str) -> list[tuple[str, str, list[tuple[str, queries.Hit]]]]:
    """(kind, label, [(url, hit)]) for every kind the user may read; nothing for an empty query."""
    if not q:
        return []
    sm = current_app.appbuilder.sm
    groups = []
    for kind, resource, label, endpoint, run in KINDS:
        if sm.has_access("can_read", resource):
            groups.append((kind, str(label), [(url_for(endpoint, pk=hit.pk), hit) for hit in run(q)]))
    return groups


class SearchView(BaseView):
    route_base = "/search"
    default_view = "index"
    class_permission_name = "Search"
    method_permission_name = {"index": "read", "hits": "read"}
    base_permissions = ["can_read"]

    @expose("/")
    @has_access
    def index(self):
        q = queries.clean(request.args.get("q"))
        return self.render_template("bianzhi/search.html", q=q, groups=search(q), title=_l("Search"))

    @expose("/hits")
    @has_access
    def hits(self):
        q = queries.clean(request.args.get("q"))
        return jsonify(q=q, groups=[{"kind": kind, "label": label,
                                     "hits": [{"url": url, "title": h.title, "detail": h.detail} for url, h in rows]}
                                    for kind, label, rows in search(q)])
