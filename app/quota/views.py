"""Web views and REST APIs of the quota database (核心编制库).

Each resource is declared once (``Resource``) and gets both a CRUD view and a
REST API from the same column lists, so the two doors cannot drift apart.
"""
from __future__ import annotations

import difflib

from flask import abort, current_app, request
from flask_appbuilder import BaseView, expose, has_access
from flask_appbuilder.actions import action
from flask_appbuilder.security.decorators import permission_name
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.core import idnumber, uscc
from app.core.actors import actor_label
from app.core.errors import DomainError
from app.core.portal import Link
from app.core.scoping import current_user, role_names
from app.core.labels import COMMON, merge
from app.core.resources import FilterRelatedRegion, Resource, choice_label, register_category, register_resources
from app.core.views import METHOD_PERMISSIONS, DomainApi, DomainModelView
from app.extensions import db
from app.quota import models as m
from app.quota.labels import CATALOGUE, CHOICES

LABELS = merge(COMMON, CATALOGUE)

# ---------------------------------------------------------------------------
# Labels (English msgids; Chinese comes from app/translations)
# ---------------------------------------------------------------------------

# Institutions are picked by type-ahead wherever a form names one (thousands of rows).
INSTITUTION_LOOKUP = {"institution": "/institutionview/lookup/"}


def can_see_full_id() -> bool:
    user = current_user()
    allowed = set(current_app.config.get("ID_NUMBER_FULL_ROLES", ()))
    return bool(user is not None and role_names(user) & allowed)


def id_number_for_viewer(value):
    if not value:
        return ""
    return value if can_see_full_id() else idnumber.mask(value)


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


def _issued_message(issued: list[tuple[str, str]]):
    """已赋码 2 个: 市审计局 12370200MB…；市统计局 12370200MB… — each new code with its unit."""
    if not issued:
        return _l("Issued %(count)s code(s)", count=0)
    return _l("Issued %(count)s code(s): %(codes)s", count=len(issued),
              codes="；".join(f"{name} {code}" for name, code in issued))


class InstitutionViewBase(DomainModelView):
    # 赋码 is the office's act, not a department's: a permission of its own.
    method_permission_name = {**METHOD_PERMISSIONS, "assign_uscc": "assign_uscc"}

    def add_defaults(self, form) -> None:
        """A new institution lies where its author works (issue #11): a department
        user's own institution (region, level, parent), else the office's region
        (``OFFICE_REGION_CODE``) at the city level.  Every field stays editable."""
        from flask import current_app

        from app.core import scoping

        scope = scoping.current_scope()
        own = db.session.get(m.Institution, scope.institution_id) if scope and scope.institution_id else None
        region = own.region if own else db.session.execute(
            select(m.Region).where(m.Region.code == current_app.config.get("OFFICE_REGION_CODE"))).scalar()
        if "region" in form and region is not None and not form.region.data:
            form.region.data = region
        if "level" in form and not form.level.data:
            form.level.data = own.level if own else "city"
        if "parent" in form and own is not None and not form.parent.data:
            form.parent.data = own

    @action("assign_uscc", _l("Assign USCC"), _l("Issue a USCC to each selected institution that has none?"),
            "fa-barcode", single=False)
    def assign_uscc(self, items):
        """赋码: issue codes through the service, all selected rows or none."""
        from app.quota import services

        items = items if isinstance(items, list) else [items]

        def issue():
            return [(item.name, code) for item, code in ((item, services.assign_uscc(item)) for item in items) if code]

        self.run_flashing(issue, _issued_message)
        return self.redirect_back()

    @expose("/tree/")
    @has_access
    @permission_name("read")
    def tree(self):
        """The institutions the user may see, one level at a time: ``?node=<id>`` opens
        an institution's children (the top of the user's tree without it); every level
        is paged with its true size, so nothing is ever cut silently (issue #12)."""
        from app.quota import queries

        node = None
        if request.args.get("node"):
            node = self.datamodel.get(request.args.get("node", type=int) or 0, self._base_filters)
            if node is None:
                abort(404)
        closed = request.args.get("closed") == "1"
        page = max(request.args.get("page", 0, type=int) or 0, 0)
        rows, total, children = queries.tree_level(node.id if node else None, include_closed=closed, page=page,
                                                   page_size=queries.TREE_PAGE)
        return self.render_template(
            "bianzhi/institution_tree.html", node=node, rows=rows, total=total, children=children,
            ancestors=queries.tree_ancestors(node) if node else [], closed=closed, page=page,
            page_size=queries.TREE_PAGE, status_label=choice_label(CHOICES["status"]))


# Integrations page by institution, region and quota type through the API:
# ``filters:!((col:institution,opr:rel_o_m,value:5))``, ``opr:rel_region`` for a region.
BY_INSTITUTION = dict(api_search=("institution", "quota_type"), api_filters={"institution": [FilterRelatedRegion]})

RESOURCES: list[Resource] = [
    Resource(m.Region, "Region", _l("Regions"), "ReferenceData",
             ["code", "name", "level", "parent"], ["code", "name", "level", "parent"],
             ["code", "name", "level", "parent"], search_columns=["code", "name", "level"],
             order=("code", "asc"), choices={"level": CHOICES["level"]}),
    Resource(m.InstitutionCategory, "InstitutionCategory", _l("Institution categories"), "ReferenceData",
             ["code", "name", "name_en", "counts_toward_cap", "uscc_code"],
             ["code", "name", "name_en", "counts_toward_cap", "uscc_code"],
             ["code", "name", "name_en", "counts_toward_cap", "uscc_code"], search_columns=["code", "name"],
             choices={"uscc_code": CHOICES["uscc_code"]}),
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
             order=("path", "asc"), choices={"status": CHOICES["status"], "level": CHOICES["level"]},
             lookups={"parent": "/institutionview/lookup/"}, view_base=InstitutionViewBase,
             action_permissions=["can_assign_uscc"],
             # An institution's show page lists its rows of these (drill-down).
             related=("QuotaAllocation", "QuotaLedgerEntry", "Person", "LeadershipQuota", "InternalDivision",
                      "ThreeDeterminations")),
    Resource(m.InternalDivision, "InternalDivision", _l("Internal divisions"), "QuotaDatabase",
             ["institution", "name", "sort"], ["institution", "name", "functions", "sort"],
             ["institution", "name", "functions", "sort"], search_columns=["name"], lookups=INSTITUTION_LOOKUP),
    Resource(m.ThreeDeterminations, "ThreeDeterminations", _l("Three determinations"), "QuotaDatabase",
             ["institution", "version", "approval_doc_no", "approved_on"],
             ["institution", "functions", "divisions", "staffing", "approval_doc_no", "approved_on"], [],
             show_columns=["institution", "version", "functions", "divisions", "staffing", "approval_doc_no",
                           "approved_on"],
             search_columns=["approval_doc_no", "version"], delete=False, view_base=ThreeDeterminationsViewBase,
             lookups=INSTITUTION_LOOKUP),
    Resource(m.QuotaAllocation, "QuotaAllocation", _l("Approved quotas and vacancies"), "QuotaDatabase",
             ["institution", "quota_type", "approved", "occupied", "vacant"],
             show_columns=["institution", "quota_type", "approved", "occupied", "vacant"],
             search_columns=["quota_type", "approved", "occupied"], delete=False, computed=("vacant",),
             lookups=INSTITUTION_LOOKUP, **BY_INSTITUTION),
    Resource(m.QuotaLedgerEntry, "QuotaLedgerEntry", _l("Quota ledger"), "QuotaDatabase",
             ["created_at", "institution", "quota_type", "delta", "balance_after", "doc_no", "actor"],
             ["institution", "quota_type", "delta", "reason", "doc_no", "effective_on"], [],
             show_columns=["created_at", "institution", "quota_type", "delta", "balance_after", "reason", "doc_no",
                           "effective_on", "actor"],
             search_columns=["quota_type", "doc_no", "reason", "delta", "effective_on"], order=("id", "desc"),
             delete=False, lookups=INSTITUTION_LOOKUP, formatters={"actor": actor_label}, **BY_INSTITUTION),
    Resource(m.RegionalCap, "RegionalCap", _l("Regional caps"), "QuotaDatabase",
             ["region", "quota_type", "total", "used"], ["region", "quota_type", "total"], ["total"],
             search_columns=["region", "quota_type"]),
    Resource(m.InstitutionCap, "InstitutionCap", _l("Institution caps"), "QuotaDatabase",
             ["region", "total", "used"], ["region", "total"], ["total"], search_columns=["region"]),
    Resource(m.LeadershipQuota, "LeadershipQuota", _l("Leadership positions"), "QuotaDatabase",
             ["institution", "division", "rank", "approved", "used"], ["institution", "division", "rank", "approved"],
             ["approved"], search_columns=["rank"], lookups=INSTITUTION_LOOKUP),
    Resource(m.Person, "Person", _l("Persons"), "QuotaDatabase",
             ["name", "id_number", "gender", "institution", "quota_type", "post", "rank", "status"],
             ["name", "id_number", "gender", "birth_date", "institution", "quota_type", "division", "post", "rank",
              "entry_date"],
             # The ID number is fixed once entered (实名制); correct it by exit and re-entry.
             ["name", "gender", "birth_date", "institution", "quota_type", "division", "post", "rank", "status",
              "entry_date", "exit_date", "exit_reason"],
             search_columns=["name", "id_number", "status", "quota_type", "post"],
             choices={"gender": CHOICES["gender"], "status": CHOICES["person_status"],
                      "exit_reason": CHOICES["exit_reason"]},
             labels={"name": _l("Full name")}, formatters={"id_number": id_number_for_viewer},
             api_base=PersonApiBase, lookups=INSTITUTION_LOOKUP, **BY_INSTITUTION),
    Resource(m.UserInstitution, "UserInstitution", _l("Department account bindings"), "Security",
             ["user", "institution"], ["user", "institution"], ["user", "institution"], lookups=INSTITUTION_LOOKUP),
]





class UsccCheckView(BaseView):
    """统一社会信用代码校验: a public page (no login) that checks a code's form
    (GB 32100-2015 and the office's rules) and reads nothing from the database."""

    route_base = "/uscc"
    default_view = "check"

    @expose("/check/")
    def check(self):
        code = (request.args.get("code") or "").strip()[:40]
        result = None
        if code:
            allow_legacy = bool(current_app.config.get("USCC_ACCEPT_LEGACY_ORG_CHECK"))
            try:
                valid = uscc.validate(code, allow_legacy_org_check=allow_legacy)
                result = {"valid": True, "code": valid.code, "notes": valid.messages()}
            except DomainError as err:
                result = {"valid": False, "notes": [str(err)]}
        return self.render_template("bianzhi/uscc_check.html", code=code, result=result)


USCC_CHECK_LINK = Link(_l("Check a unified social credit code"), "UsccCheckView.check",
                       _l("Whether an 18-character code is well formed (GB 32100-2015)"))


def register(appbuilder) -> None:
    register_category("QuotaDatabase", _l("Quota database"), "fa-sitemap")
    register_category("ReferenceData", _l("Reference data"), "fa-book")
    register_category("Security", _l("Security"), "fa-cogs")
    register_resources(appbuilder, RESOURCES, LABELS)
    appbuilder.add_view_no_menu(UsccCheckView)
    appbuilder.add_link("InstitutionTree", label=_l("Institution tree"), href="/institutionview/tree/",
                        category="QuotaDatabase")
