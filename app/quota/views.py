"""Web views and REST APIs of the quota database (核心编制库).

Each resource is declared once (``Resource``) and gets both a CRUD view and a
REST API from the same column lists, so the two doors cannot drift apart.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any, Optional

from flask import abort, current_app, flash, redirect
from flask_appbuilder import expose, has_access
from flask_appbuilder.actions import action
from flask_appbuilder.fieldwidgets import Select2Widget
from flask_appbuilder.security.decorators import permission_name
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from wtforms import SelectField

from app.core import idnumber
from app.core.crud import ScopedInterface
from app.core.scoping import current_user, role_names
from app.core.views import DomainApi, DomainModelView
from app.extensions import db
from app.quota import models as m
from app.quota.access import register_all

# ---------------------------------------------------------------------------
# Labels (English msgids; Chinese comes from app/translations)
# ---------------------------------------------------------------------------

LABELS = {
    "code": _l("Code"), "name": _l("Name"), "name_en": _l("English name"), "level": _l("Level"),
    "parent": _l("Parent"), "counts_toward_cap": _l("Counts toward institution cap"),
    "uscc_code": _l("USCC category code"), "allowed_categories": _l("Categories allowed to hold it"),
    "is_leadership": _l("Leadership rank"), "sort": _l("Order"), "metric_name": _l("Metric"),
    "quota_type": _l("Quota type"), "standard": _l("Staffing standard"), "metric_from": _l("Metric from"),
    "metric_to": _l("Metric to (exclusive)"), "ratio": _l("Staff per metric unit"), "base": _l("Base"),
    "short_name": _l("Short name"), "uscc": _l("USCC"), "category": _l("Category"), "region": _l("Region"),
    "within_cap": _l("Within cap"), "status": _l("Status"), "established_on": _l("Established on"),
    "revoked_on": _l("Revoked on"), "functions": _l("Functions"), "standard_metric": _l("Standard metric value"),
    "institution": _l("Institution"), "version": _l("Version"), "divisions": _l("Internal divisions"),
    "staffing": _l("Staffing"), "approval_doc_no": _l("Approval document No."), "approved_on": _l("Approved on"),
    "approved": _l("Approved"), "occupied": _l("Occupied"), "vacant": _l("Vacant"), "delta": _l("Change"),
    "balance_after": _l("Balance after"), "reason": _l("Reason"), "doc_no": _l("Document No."),
    "effective_on": _l("Effective on"), "actor": _l("Actor"), "created_at": _l("Recorded at"),
    "total": _l("Total"), "used": _l("Used"), "division": _l("Internal division"), "rank": _l("Rank"),
    "id_number": _l("ID number"), "gender": _l("Gender"), "birth_date": _l("Birth date"), "post": _l("Post"),
    "entry_date": _l("Entry date"), "exit_date": _l("Exit date"), "exit_reason": _l("Exit reason"),
    "user": _l("User"), "rows": _l("Bands"),
}

CHOICES: dict[str, list[tuple[str, Any]]] = {
    "level": [("province", _l("Province")), ("city", _l("City")), ("district", _l("District")),
              ("function_zone", _l("Function zone")), ("street", _l("Town/street"))],
    "status": [("preparing", _l("Preparing")), ("active", _l("Active")), ("revoked", _l("Revoked")),
               ("merged", _l("Merged"))],
    "person_status": [("active", _l("In post")), ("exited", _l("Exited"))],
    "gender": [("M", _l("Male")), ("F", _l("Female"))],
    "exit_reason": [("", "—"), ("retired", _l("Retired")), ("transferred_out", _l("Transferred out")),
                    ("resigned", _l("Resigned")), ("dismissed", _l("Dismissed")), ("expelled", _l("Expelled")),
                    ("deceased", _l("Deceased"))],
    "uscc_code": [("1", _l("1 Organ")), ("2", _l("2 Public institution")), ("3", _l("3 Mass organisation")),
                  ("9", _l("9 Other"))],
}


def _choice_label(kind: str):
    table = dict(CHOICES[kind])

    def fmt(value):
        return table.get(value, value) if value is not None else ""

    fmt.table = table  # templates that show raw rows use the same labels

    return fmt


def _select(kind: str, label_key: str, required: bool = True):
    return SelectField(LABELS[label_key], choices=CHOICES[kind], widget=Select2Widget(),
                       coerce=lambda v: v if v else None)


def can_see_full_id() -> bool:
    user = current_user()
    allowed = set(current_app.config.get("ID_NUMBER_FULL_ROLES", ()))
    return bool(user is not None and role_names(user) & allowed)


def id_number_for_viewer(value):
    if not value:
        return ""
    return value if can_see_full_id() else idnumber.mask(value)


# ---------------------------------------------------------------------------
# Resources
# ---------------------------------------------------------------------------


@dataclass
class Resource:
    model: type
    name: str  # permission name and menu name
    label: Any
    category: str
    list_columns: list[str]
    add_columns: Optional[list[str]] = None  # None: read-only resource
    edit_columns: Optional[list[str]] = None
    show_columns: Optional[list[str]] = None
    search_columns: list[str] = field(default_factory=list)
    order: tuple[str, str] = ("id", "asc")
    choices: dict[str, str] = field(default_factory=dict)  # column -> CHOICES kind
    delete: bool = True
    labels: dict = field(default_factory=dict)  # overrides of LABELS for this resource
    # related columns picked by type-ahead (column -> endpoint) instead of a full <select>
    lookups: dict = field(default_factory=lambda: {"institution": "/institutionview/lookup/"})
    view_extra: dict = field(default_factory=dict)


RESOURCES: list[Resource] = [
    Resource(m.Region, "Region", _l("Regions"), "ReferenceData",
             ["code", "name", "level", "parent"], ["code", "name", "level", "parent"],
             ["code", "name", "level", "parent"], search_columns=["code", "name", "level"],
             order=("code", "asc"), choices={"level": "level"}),
    Resource(m.InstitutionCategory, "InstitutionCategory", _l("Institution categories"), "ReferenceData",
             ["code", "name", "name_en", "counts_toward_cap", "uscc_code"],
             ["code", "name", "name_en", "counts_toward_cap", "uscc_code"],
             ["code", "name", "name_en", "counts_toward_cap", "uscc_code"], search_columns=["code", "name"],
             choices={"uscc_code": "uscc_code"}),
    Resource(m.QuotaType, "QuotaType", _l("Quota types"), "ReferenceData",
             ["code", "name", "name_en", "allowed_categories"], ["code", "name", "name_en", "allowed_categories"],
             ["code", "name", "name_en", "allowed_categories"], search_columns=["code", "name"]),
    Resource(m.Rank, "Rank", _l("Ranks"), "ReferenceData",
             ["code", "name", "name_en", "is_leadership", "sort"], ["code", "name", "name_en", "is_leadership", "sort"],
             ["code", "name", "name_en", "is_leadership", "sort"], search_columns=["code", "name"],
             order=("sort", "asc")),
    Resource(m.StaffingStandard, "StaffingStandard", _l("Staffing standards"), "ReferenceData",
             ["code", "name", "metric_name", "quota_type"], ["code", "name", "name_en", "metric_name", "quota_type"],
             ["code", "name", "name_en", "metric_name", "quota_type"], search_columns=["code", "name"]),
    Resource(m.StaffingStandardRow, "StaffingStandardRow", _l("Staffing standard bands"), "ReferenceData",
             ["standard", "metric_from", "metric_to", "ratio", "base"],
             ["standard", "metric_from", "metric_to", "ratio", "base"],
             ["standard", "metric_from", "metric_to", "ratio", "base"]),
    Resource(m.Institution, "Institution", _l("Institutions"), "QuotaDatabase",
             ["name", "category", "region", "parent", "within_cap", "status", "uscc"],
             ["name", "short_name", "uscc", "category", "region", "level", "parent", "within_cap", "status",
              "established_on", "revoked_on", "functions", "standard", "standard_metric"],
             ["name", "short_name", "uscc", "category", "region", "level", "parent", "within_cap", "status",
              "established_on", "revoked_on", "functions", "standard", "standard_metric"],
             search_columns=["name", "uscc", "status", "within_cap", "category", "region"],
             order=("path", "asc"), choices={"status": "status", "level": "level"},
             lookups={"parent": "/institutionview/lookup/"}),
    Resource(m.InternalDivision, "InternalDivision", _l("Internal divisions"), "QuotaDatabase",
             ["institution", "name", "sort"], ["institution", "name", "functions", "sort"],
             ["institution", "name", "functions", "sort"], search_columns=["name"]),
    Resource(m.ThreeDeterminations, "ThreeDeterminations", _l("Three determinations"), "QuotaDatabase",
             ["institution", "version", "approval_doc_no", "approved_on"],
             ["institution", "functions", "divisions", "staffing", "approval_doc_no", "approved_on"], [],
             show_columns=["institution", "version", "functions", "divisions", "staffing", "approval_doc_no",
                           "approved_on"],
             search_columns=["approval_doc_no", "version"], delete=False),
    Resource(m.QuotaAllocation, "QuotaAllocation", _l("Approved quotas and vacancies"), "QuotaDatabase",
             ["institution", "quota_type", "approved", "occupied", "vacant"],
             show_columns=["institution", "quota_type", "approved", "occupied", "vacant"],
             search_columns=["quota_type", "approved", "occupied"], delete=False),
    Resource(m.QuotaLedgerEntry, "QuotaLedgerEntry", _l("Quota ledger"), "QuotaDatabase",
             ["created_at", "institution", "quota_type", "delta", "balance_after", "doc_no", "actor"],
             ["institution", "quota_type", "delta", "reason", "doc_no", "effective_on"], [],
             show_columns=["created_at", "institution", "quota_type", "delta", "balance_after", "reason", "doc_no",
                           "effective_on", "actor"],
             search_columns=["quota_type", "doc_no", "reason", "delta", "effective_on"], order=("id", "desc"),
             delete=False),
    Resource(m.RegionalCap, "RegionalCap", _l("Regional caps"), "QuotaDatabase",
             ["region", "quota_type", "total", "used"], ["region", "quota_type", "total"], ["total"],
             search_columns=["region", "quota_type"]),
    Resource(m.InstitutionCap, "InstitutionCap", _l("Institution caps"), "QuotaDatabase",
             ["region", "total", "used"], ["region", "total"], ["total"], search_columns=["region"]),
    Resource(m.LeadershipQuota, "LeadershipQuota", _l("Leadership positions"), "QuotaDatabase",
             ["institution", "division", "rank", "approved", "used"], ["institution", "division", "rank", "approved"],
             ["approved"], search_columns=["rank"]),
    Resource(m.Person, "Person", _l("Persons"), "QuotaDatabase",
             ["name", "id_number", "gender", "institution", "quota_type", "post", "rank", "status"],
             ["name", "id_number", "gender", "birth_date", "institution", "quota_type", "division", "post", "rank",
              "entry_date"],
             # The ID number is fixed once entered (实名制); correct it by exit and re-entry.
             ["name", "gender", "birth_date", "institution", "quota_type", "division", "post", "rank", "status",
              "entry_date", "exit_date", "exit_reason"],
             search_columns=["name", "id_number", "status", "quota_type", "post"],
             choices={"gender": "gender", "status": "person_status", "exit_reason": "exit_reason"},
             labels={"name": _l("Full name")}),
    Resource(m.UserInstitution, "UserInstitution", _l("Department account bindings"), "Security",
             ["user", "institution"], ["user", "institution"], ["user", "institution"]),
]


def _plain(value):
    """Empty for NULL, 是/否 for booleans; everything else as it is."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _l("Yes") if value else _l("No")
    return value


def _formatters(res: Resource) -> dict:
    columns = set(res.list_columns) | set(res.show_columns or res.add_columns or [])
    fmts = {col: _plain for col in columns}
    fmts.update({col: _choice_label(kind) for col, kind in res.choices.items()})
    if res.model is m.Person:
        fmts["id_number"] = id_number_for_viewer
    return fmts


def _labels(res: Resource) -> dict:
    return {**LABELS, **res.labels}


# Permissions of actions, listed for the API too: view and API share one
# permission name, and FAB prunes what one of them does not declare.
ACTION_PERMISSIONS = {"Institution": ["can_assign_uscc"]}


def _permissions(res: Resource) -> list[str]:
    perms = ["can_read", *ACTION_PERMISSIONS.get(res.name, [])]
    if res.add_columns is not None:
        perms.append("can_write")
    if res.delete and res.add_columns is not None:
        perms.append("can_delete")
    return perms


def _lookup_fields(res: Resource) -> dict:
    from app.core.lookup import LookupField

    columns = set(res.add_columns or []) | set(res.edit_columns or [])
    return {
        col: LookupField(_labels(res).get(col, col), datamodel=ScopedInterface(res.model), col_name=col,
                         endpoint=endpoint)
        for col, endpoint in res.lookups.items() if col in columns
    }


def _boolean_fields(res: Resource) -> dict:
    """Plain checkboxes: FAB marks a NOT NULL boolean InputRequired, so an
    unticked box ("no", e.g. an out-of-cap institution) could never be saved."""
    from sqlalchemy import Boolean
    from wtforms import BooleanField

    table = res.model.__table__.columns
    columns = set(res.add_columns or []) | set(res.edit_columns or [])
    return {
        col: BooleanField(_labels(res).get(col, col), default=bool(table[col].default and table[col].default.arg))
        for col in columns if col in table and isinstance(table[col].type, Boolean)
    }


def build_view(res: Resource) -> type:
    extra = {col: _select(kind, col) for col, kind in res.choices.items()}
    extra.update(_lookup_fields(res))
    extra.update(_boolean_fields(res))
    attrs = dict(
        datamodel=ScopedInterface(res.model),
        class_permission_name=res.name,
        base_permissions=_permissions(res),
        allow_delete="can_delete" in _permissions(res),
        list_title=res.label, show_title=res.label, add_title=res.label, edit_title=res.label,
        list_columns=res.list_columns,
        show_columns=res.show_columns or res.add_columns or res.list_columns,
        add_columns=res.add_columns or [],
        edit_columns=res.edit_columns or [],
        search_columns=res.search_columns,
        label_columns=_labels(res),
        base_order=res.order,
        formatters_columns=_formatters(res),
        add_form_extra_fields={k: v for k, v in extra.items() if k in (res.add_columns or [])},
        edit_form_extra_fields={k: v for k, v in extra.items() if k in (res.edit_columns or [])},
        list_template="bianzhi/list.html",
        extra_args={"export_endpoint": f"{res.name}View.export"},
        **res.view_extra,
    )
    return type(f"{res.name}View", (VIEW_BASES.get(res.name, DomainModelView),), attrs)


def build_api(res: Resource) -> type:
    routes = {"get", "get_list", "info"}
    if res.add_columns is not None:
        routes.add("post")
        if res.edit_columns:
            routes.add("put")
        if res.delete:
            routes.add("delete")
    attrs = dict(
        datamodel=ScopedInterface(res.model),
        resource_name=res.name.lower(),
        class_permission_name=res.name,
        base_permissions=_permissions(res),
        include_route_methods=routes,
        list_columns=["id"] + [c for c in res.list_columns if c != "vacant"],
        show_columns=["id"] + [c for c in (res.show_columns or res.add_columns or res.list_columns) if c != "vacant"],
        add_columns=res.add_columns or [],
        edit_columns=res.edit_columns or [],
        search_columns=res.search_columns,
        label_columns=_labels(res),
        list_title=res.label, show_title=res.label, add_title=res.label, edit_title=res.label,
        order_columns=[c for c in res.list_columns if c in res.model.__table__.columns],
        base_order=res.order,
    )
    return type(f"{res.name}Api", (API_BASES.get(res.name, DomainApi),), attrs)


# ---------------------------------------------------------------------------
# Resource-specific behaviour
# ---------------------------------------------------------------------------


class ThreeDeterminationsViewBase(DomainModelView):
    @expose("/diff/<int:pk>")
    @has_access
    @permission_name("read")
    def diff(self, pk):
        """Line diff of one 三定 version against the version before it."""
        item = self.datamodel.get(pk, self._base_filters)
        if item is None:
            abort(404)
        prev = db.session.execute(
            select(m.ThreeDeterminations)
            .where(m.ThreeDeterminations.institution_id == item.institution_id,
                   m.ThreeDeterminations.version < item.version)
            .order_by(m.ThreeDeterminations.version.desc())
            .limit(1)
        ).scalar_one_or_none()
        sections = []
        for key in ("functions", "divisions", "staffing"):
            old = (getattr(prev, key) or "") if prev else ""
            new = getattr(item, key) or ""
            lines = difflib.unified_diff(old.splitlines(), new.splitlines(),
                                         f"v{prev.version}" if prev else "v0", f"v{item.version}", lineterm="")
            sections.append((LABELS[key], "\n".join(lines)))
        return self.render_template("bianzhi/three_det_diff.html", item=item, prev=prev, sections=sections)


class PersonApiBase(DomainApi):
    """ID numbers leave the API masked unless the caller's role may see them."""

    def pre_get(self, data):
        result = data.get("result") or {}
        if "id_number" in result:
            result["id_number"] = id_number_for_viewer(result["id_number"])

    def pre_get_list(self, data):
        for row in data.get("result") or []:
            if "id_number" in row:
                row["id_number"] = id_number_for_viewer(row["id_number"])


class InstitutionViewBase(DomainModelView):
    @action("assign_uscc", _l("Assign USCC"), _l("Issue a USCC to each selected institution that has none?"),
            "fa-barcode", single=False)
    def assign_uscc(self, items):
        """赋码: issue codes through the service, all selected rows or none."""
        from app.core.db import transaction
        from app.core.errors import DomainError
        from app.quota import services

        items = items if isinstance(items, list) else [items]
        try:
            with transaction():
                issued = [code for code in (services.assign_uscc(item) for item in items) if code]
            flash(str(_l("Issued %(count)s code(s)", count=len(issued))), "success")
        except DomainError as err:
            flash(str(err), "danger")
        return redirect(self.get_redirect())

    @expose("/tree/")
    @has_access
    @permission_name("read")
    def tree(self):
        """The institutions the user may see, as an indented tree (by path)."""
        _, items = self.datamodel.query(self._base_filters, "path", "asc", page=0, page_size=5000)
        # Sorting by path keeps every subtree contiguous ("/" sorts before digits).
        rows = [(inst.path.count("/") - 2, inst) for inst in items]
        base = min((d for d, _ in rows), default=0)
        return self.render_template("bianzhi/institution_tree.html", rows=[(d - base, i) for d, i in rows],
                                    status_label=_choice_label("status"))


VIEW_BASES = {"ThreeDeterminations": ThreeDeterminationsViewBase, "Institution": InstitutionViewBase}
API_BASES = {"Person": PersonApiBase}

CATEGORY_LABELS = {
    "QuotaDatabase": _l("Quota database"),
    "ReferenceData": _l("Reference data"),
    "Security": _l("Security"),
}
ICONS = {"QuotaDatabase": "fa-sitemap", "ReferenceData": "fa-book", "Security": "fa-cogs"}


def menu_name(resource: str) -> str:
    return f"{resource}List"


# An institution's show page lists its rows of these resources (drill-down).
INSTITUTION_RELATED = ("QuotaAllocation", "QuotaLedgerEntry", "Person", "LeadershipQuota", "InternalDivision",
                       "ThreeDeterminations")


def register(appbuilder) -> None:
    register_all()
    views = {res.name: build_view(res) for res in RESOURCES}
    views["Institution"].related_views = [views[name] for name in INSTITUTION_RELATED]
    for res in RESOURCES:
        view = views[res.name]
        # The menu item needs its own name: FAB prunes permissions of a view-menu
        # name that are not in the view's base_permissions (menu_access included).
        appbuilder.add_view(view, menu_name(res.name), label=res.label, category=res.category,
                            category_label=CATEGORY_LABELS[res.category], category_icon=ICONS[res.category])
        appbuilder.add_api(build_api(res))
    appbuilder.add_link("InstitutionTree", label=_l("Institution tree"), href="/institutionview/tree/",
                        category="QuotaDatabase")
