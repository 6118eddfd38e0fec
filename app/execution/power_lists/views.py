"""The power lists' CRUD views and REST APIs (one declaration each), the
三级四同 page with its xlsx, and the office's publishing page."""
from __future__ import annotations

import io

from flask import abort, flash, redirect, request, send_file, url_for
from flask_appbuilder import BaseView, expose, has_access
from flask_appbuilder.api import safe
from flask_appbuilder.security.decorators import permission_name, protect
from flask_babel import lazy_gettext as _l

from app.core import portal, scoping
from app.core.db import transaction
from app.core.errors import DomainError
from app.core.excel import write_xlsx
from app.core.labels import COMMON, merge
from app.core.references import reference_label
from app.core.resources import Resource, register_category, register_resources
from app.core.views import METHOD_PERMISSIONS, DomainApi
from app.execution.power_lists import models as m
from app.execution.power_lists import public, queries
from app.execution.power_lists.labels import CATALOGUE, CHOICES
from app.execution.power_lists.services import publishing
from app.justification.cases.labels import CATALOGUE as CASES
from app.quota.labels import CATALOGUE as QUOTA

LABELS = merge(COMMON, QUOTA, CASES, CATALOGUE)
ITEM = {"item": _l("Catalogue item")}
STATUS = {"status": CHOICES["item_status"]}
IMPL_COLUMNS = ["name", "code", "type", "legal_basis", "handling_division", "statutory_days", "promised_days",
                "fees", "flow"]
CHANGE_COLUMNS = ["case", "kind", "institution", "item", "level", "name", "code", "type", "legal_basis",
                  "handling_division", "statutory_days", "promised_days", "fees", "responsibilities_text",
                  "accountabilities_text", "target", "legality_note"]
IMPL_LOOKUP = {"implementation": "/powerimplementationview/lookup/"}

class PowerImplementationApiBase(DomainApi):
    method_permission_name = {**METHOD_PERMISSIONS, "api_deviations": "read"}

    @expose("/deviations", methods=["GET"])
    @protect()
    @safe
    @permission_name("read")
    def api_deviations(self):
        """三级四同: the deviations in the caller's scope.
        ---
        get:
          summary: Every implementation field that differs from its catalogue item (page of 100)
          parameters:
          - in: query
            name: field
            schema: {type: string, enum: [name, type, code, legal_basis]}
          - in: query
            name: page
            schema: {type: integer, minimum: 1}
          responses:
            200:
              description: count and rows (item, level, institution, field, both values)
        """
        page = request.args.get("page", "1")
        page = int(page) if page.isdigit() and 0 < int(page) < 100_000 else 1
        field = request.args.get("field") if request.args.get("field") in queries.FIELDS else None
        total, rows = queries.deviations(scoping.current_scope(), field=field, offset=(page - 1) * 100, limit=100)
        return self.response(200, count=total, result=[dict(zip(queries.COLUMNS, r)) for r in rows])


class PowerSnapshotApiBase(DomainApi):
    method_permission_name = {**METHOD_PERMISSIONS, "api_publish": "publish"}

    @expose("/publish/<int:institution_id>", methods=["POST"])
    @protect()
    @safe
    @permission_name("publish")
    def api_publish(self, institution_id):
        """Publish a department's list as a dated snapshot.
        ---
        post:
          summary: Freeze the department's active list (a JSON object body, e.g. {})
          parameters:
          - in: path
            name: institution_id
            schema: {type: integer}
            required: true
          responses:
            201:
              description: the snapshot (id, date, item count, hash)
            422:
              description: nothing to publish, in zh and en
        """
        if institution_id > 2**63 - 1:
            return self.response_404()
        try:
            with transaction():
                snap = publishing.publish(institution_id)
                result = {"id": snap.id, "published_on": snap.published_on.isoformat(),
                          "item_count": snap.item_count, "content_hash": snap.content_hash}
        except DomainError as err:
            return self._refusal(err)
        return self.response(201, **result)


RESOURCES: list[Resource] = [
    Resource(m.PowerType, "PowerType", _l("Power item types"), "PowerLists", ["code", "name", "is_service", "sort"],
             ["code", "name", "is_service", "sort"], ["code", "name", "is_service", "sort"],
             search_columns=["code", "name"], order=("code", "asc")),
    Resource(m.CodeFormat, "PowerCodeFormat", _l("Item code formats"), "PowerLists", ["name", "segments", "active"],
             ["name", "segments", "active"], ["name", "segments", "active"], search_columns=["name"]),
    Resource(m.PowerItem, "PowerItem", _l("Power list catalogue"), "PowerLists",
             ["code", "name", "type", "department", "status"],
             ["name", "code", "type", "sub_item", "legal_basis", "department"],
             ["name", "code", "type", "sub_item", "legal_basis", "status"],
             show_columns=["code", "name", "type", "sub_item", "legal_basis", "department", "status"],
             search_columns=["code", "name", "type", "status"], order=("code", "asc"), choices=STATUS,
             lookups={"department": "/institutionview/lookup/"}, related=("PowerImplementation",),
             api_search=("department",)),
    Resource(m.PowerImplementation, "PowerImplementation", _l("Implementations by level"), "PowerLists",
             ["code", "name", "level", "institution", "type", "statutory_days", "promised_days", "status"],
             ["item", "level", "institution", *IMPL_COLUMNS], [*IMPL_COLUMNS, "level", "status"],
             show_columns=["item", "level", "institution", *IMPL_COLUMNS, "status"],
             search_columns=["code", "name", "level", "status"], order=("code", "asc"), labels=ITEM,
             choices={**STATUS, "level": CHOICES["power_level"]},
             lookups={"institution": "/institutionview/lookup/", "item": "/poweritemview/lookup/"},
             related=("ResponsibilityItem", "AccountabilityCase"), api_search=("institution", "item"),
             api_base=PowerImplementationApiBase, api_routes=("api_deviations",)),
    Resource(m.ResponsibilityItem, "ResponsibilityItem", _l("Responsibility items"), "PowerLists",
             ["implementation", "step", "step_name", "content"], ["implementation", "step", "step_name", "content"],
             ["step", "step_name", "content"], search_columns=["step_name", "content"],
             labels={"content": _l("Responsibility")}, lookups=IMPL_LOOKUP, api_search=("implementation",)),
    Resource(m.AccountabilityCase, "AccountabilityCase", _l("Accountability cases"), "PowerLists",
             ["implementation", "content"], ["implementation", "content"], ["content"], search_columns=["content"],
             labels={"content": _l("Accountability case")}, lookups=IMPL_LOOKUP, api_search=("implementation",)),
    Resource(m.PowerCaseChange, "PowerCaseChange", _l("List change requests"), "PowerLists",
             ["case", "kind", "institution", "item", "level", "name", "result"], CHANGE_COLUMNS, CHANGE_COLUMNS,
             show_columns=[*CHANGE_COLUMNS, "result"], search_columns=["kind", "name", "case"],
             labels={**ITEM, "target": _l("Devolve to"), "kind": _l("Change")},
             choices={"kind": CHOICES["power_change_kind"], "level": CHOICES["power_level"]},
             lookups={"institution": "/institutionview/lookup/", "item": "/poweritemview/lookup/",
                      "target": "/institutionview/lookup/", "case": "/adjustmentcaseview/lookup/"},
             api_search=("case",), formatters={"result": reference_label}),
    Resource(m.PowerSnapshot, "PowerSnapshot", _l("Published lists"), "PowerLists",
             ["institution", "published_on", "item_count", "content_hash", "published_by"], None, None,
             show_columns=["institution", "published_on", "published_at", "item_count", "published_by",
                           "prev_hash", "content_hash"],
             search_columns=["published_on"], order=("id", "desc"), delete=False,
             api_base=PowerSnapshotApiBase, api_routes=("api_publish",), action_permissions=["can_publish"]),
]

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FIELD_TEXT = {"name": _l("Name"), "type": _l("Item type"), "code": _l("Code"), "legal_basis": _l("Legal basis")}
PAGE = 50


class PowerConsistencyView(BaseView):
    """三级四同: every deviation of an implementation from its catalogue item."""

    route_base = "/powerconsistency"
    class_permission_name = "PowerConsistency"
    method_permission_name = METHOD_PERMISSIONS
    base_permissions = ["can_read"]
    default_view = "index"

    @staticmethod
    def _field():
        field = request.args.get("field") or None
        return field if field in queries.FIELDS else None

    @expose("/")
    @has_access
    @permission_name("read")
    def index(self):
        page = request.args.get("page", "1")
        page = int(page) if page.isdigit() and 0 < int(page) < 100_000 else 1
        total, rows = queries.deviations(scoping.current_scope(), field=self._field(), offset=(page - 1) * PAGE,
                                         limit=PAGE)
        return self.render_template("bianzhi/power_lists/consistency.html", rows=rows, total=total, page=page,
                                    pages=max(1, -(-total // PAGE)), field=self._field(), fields=FIELD_TEXT,
                                    levels=dict(CHOICES["power_level"]))

    @expose("/xlsx")
    @has_access
    @permission_name("read")
    def xlsx(self):
        _, rows = queries.deviations(scoping.current_scope(), field=self._field(), limit=None)
        levels = dict(CHOICES["power_level"])
        headers = [str(h) for h in (_l("Code"), _l("Name"), _l("Level"), _l("Institution"), _l("Field"),
                                    _l("Catalogue value"), _l("Implementation value"))]
        data = write_xlsx(headers, ([r.item_code, r.item_name, str(levels.get(r.level, r.level)), r.institution,
                                     str(FIELD_TEXT[r.field]), r.expected, r.actual] for r in rows),
                          sheet_title="三级四同")
        return send_file(io.BytesIO(data), as_attachment=True, download_name="power-consistency.xlsx", mimetype=XLSX)


class PowerPublishView(BaseView):
    """The office publishes a department's list as a dated, immutable snapshot."""

    route_base = "/powerpublish"
    class_permission_name = "PowerPublish"
    method_permission_name = {**METHOD_PERMISSIONS, "publish": "write"}
    base_permissions = ["can_read", "can_write"]
    default_view = "index"

    @expose("/")
    @has_access
    @permission_name("read")
    def index(self):
        q = (request.args.get("q") or "").strip()[:100]
        return self.render_template("bianzhi/power_lists/publish.html", rows=queries.departments_to_publish(q), q=q)

    @expose("/publish/<int:institution_id>", methods=["POST"])
    @has_access
    @permission_name("write")
    def publish(self, institution_id):
        if institution_id > 2**63 - 1:
            abort(404)
        try:
            with transaction():
                snap = publishing.publish(institution_id)
                message = _l("Published %(count)s items of %(department)s", count=snap.item_count,
                             department=snap.institution.name)
            flash(str(message), "success")
        except DomainError as err:
            flash(str(err), "danger")
        return redirect(url_for("PowerPublishView.index"))


PUBLIC_LINK = portal.Link(_l("Power and responsibility lists"), "PowerPublicView.index",
                          _l("Each department's published list: search by name, code and type"))


def register(appbuilder) -> None:
    register_category("PowerLists", _l("Power lists"), "fa-list-alt")
    register_resources(appbuilder, RESOURCES, LABELS)
    appbuilder.add_view(PowerConsistencyView, "PowerConsistencyPage", label=_l("Three-level consistency"),
                        category="PowerLists")
    appbuilder.add_view(PowerPublishView, "PowerPublishPage", label=_l("Publish lists"), category="PowerLists")
    appbuilder.add_view_no_menu(public.PowerPublicView)
    portal.register(PUBLIC_LINK)
