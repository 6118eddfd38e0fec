"""Registration in the web UI and the REST API: the registrations (with the 推进 action
and ``POST /api/v1/registration/<id>/advance``), the certificates, the monthly report
with late/missing annual reports and expiring certificates, and the public notices."""
from __future__ import annotations

import datetime as dt

from flask import abort, flash, redirect, request, url_for
from flask_appbuilder import BaseView, expose, has_access
from flask_appbuilder.actions import action
from flask_appbuilder.api import protect, safe
from flask_appbuilder.security.decorators import permission_name
from flask_babel import lazy_gettext as _l

from app.core.db import transaction
from app.core.errors import DomainError, NotFound
from app.core.labels import COMMON, merge
from app.core.portal import Link
from app.core.resources import Resource, choice_label, register_category, register_resources
from app.core.views import METHOD_PERMISSIONS, DomainApi, DomainModelView
from app.execution.registration import queries, services
from app.execution.registration.labels import CATALOGUE, CHOICES
from app.execution.registration.models import Certificate, Registration, RegistrationTimeLimit
from app.quota.labels import CATALOGUE as QUOTA

LABELS = merge(COMMON, QUOTA, CATALOGUE)
# Moving a registration on is the office's act: a permission of its own.
PERMISSIONS = {**METHOD_PERMISSIONS, "advance": "advance", "api_advance": "advance"}


class RegistrationViewBase(DomainModelView):
    method_permission_name = PERMISSIONS
    state_column = "step"

    @action("advance", _l("Next step"), _l("Move each selected registration to its next step?"), "fa-forward")
    def advance(self, items):
        """推进: every selected registration one step on, all or none."""
        items = items if isinstance(items, list) else [items]
        self.run_flashing(lambda: [services.advance(item) for item in items],
                          lambda moved: self.now_at(_l("Moved %(count)s registration(s) on", count=len(moved)),
                                                    items))
        if len(items) == 1:  # from the show page (or one row): back to that registration
            return redirect(url_for(f"{type(self).__name__}.show", pk=items[0].id))
        return redirect(self.get_redirect())


class RegistrationApiBase(DomainApi):
    method_permission_name = PERMISSIONS

    @expose("/<int:pk>/advance", methods=["POST"])
    @protect()
    @safe
    @permission_name("advance")
    def api_advance(self, pk):
        """Move a registration to its next step.
        ---
        post:
          summary: 推进登记 (申请 → 受理 → 审查 → 核准 → 发证 → 公告); 发证 issues the code and certificate
          parameters:
          - in: path
            name: pk
            schema: {type: integer}
            required: true
          requestBody:
            required: false
            content:
              application/json:
                schema:
                  type: object
                  properties:
                    step: {type: string, description: "the step expected next (refused if it is not)"}
                    tracking_out: {type: string, description: "return express tracking number (online, at 发证)"}
          responses:
            200:
              description: The registration's new step, its code and the receipt-to-issue time
            400:
              $ref: '#/components/responses/400'
            404:
              $ref: '#/components/responses/404'
            409:
              description: Not at the step expected (moved on by someone else, or finished)
            422:
              description: Refused by a rule (return tracking number missing …), in zh and en
        """
        reg = self.datamodel.get(pk, self._base_filters)  # scoped like every read
        if reg is None:
            return self._refusal(NotFound("write.not_found", object=f"registration {pk}"))
        body = request.get_json(silent=True) if request.data else {}
        if not isinstance(body, dict) or any(not isinstance(body.get(k), (str, type(None)))
                                             for k in ("step", "tracking_out")):
            return self.response_400(message="step and tracking_out are optional strings")
        try:
            with transaction():
                services.advance(reg, target=body.get("step"), tracking_out=body.get("tracking_out"))
                result = {"id": reg.id, "step": reg.step, "uscc": reg.uscc, "turnaround_s": reg.turnaround_s,
                          "same_day": reg.same_day}
        except DomainError as err:
            return self._refusal(err)
        return self.response(200, **result)


def _year(default: int) -> int:
    raw = request.args.get("year", "")
    if not raw:
        return default
    if not raw.isdigit() or not 2000 <= int(raw) <= 2100:
        raise DomainError("registration.bad_year", year=raw[:10])
    return int(raw)


class RegistrationReportView(BaseView):
    """登记统计: per month, receipt-to-issue time, 即时办结率 and the 10-minute share;
    late or missing annual reports; certificates expiring within 90 days."""

    route_base = "/registrationreport"
    class_permission_name = "RegistrationReport"
    method_permission_name = METHOD_PERMISSIONS
    base_permissions = ["can_read"]
    default_view = "index"

    @expose("/")
    @has_access
    @permission_name("read")
    def index(self):
        today = dt.date.today()
        try:
            year = _year(today.year)
        except DomainError as err:
            flash(str(err), "danger")
            year = today.year
        expiring_total, expiring = queries.expiring_certificates(today)
        return self.render_template("bianzhi/registration/report.html", year=year, months=queries.monthly(year),
                                    reports=queries.annual_report_status(year - 1, today),
                                    expiring=expiring, expiring_total=expiring_total,
                                    expiring_days=queries.EXPIRING_DAYS)


class RegistrationNoticeView(BaseView):
    """登记公告: announced registrations, for anonymous visitors (no login)."""

    route_base = "/registration"
    default_view = "notices"

    @expose("/notices/")
    def notices(self):
        q = (request.args.get("q") or "").strip()[:100]
        page = request.args.get("page", "0")
        if not page.isdigit() or int(page) > 10_000:
            abort(404)
        total, rows = queries.public_notices(q, int(page))
        return self.render_template("bianzhi/registration/notices.html", q=q, page=int(page), total=total,
                                    rows=rows, matter_label=choice_label(CHOICES["matter"]))


NOTICE_LINK = Link(_l("Registration notices"), "RegistrationNoticeView.notices",
                   _l("Public institutions registered, changed, cancelled; annual reports"))

REG_ADD = ["matter", "institution", "legal_rep", "change_item", "old_value", "new_value", "funds_before",
           "funds_after", "clearing_report", "successor", "undertaking_proof", "report_year", "activities",
           "net_assets", "staff_count", "litigation", "complaints", "reason", "materials", "channel", "tracking_in",
           "tracking_out"]
REG_EDIT = [c for c in REG_ADD if c not in ("matter", "institution", "change_item", "report_year")]
STAMPS = ["applied_at", "accepted_at", "reviewed_at", "approved_at", "issued_at", "announced_at", "turnaround_s",
          "same_day", "uscc", "notice"]
INST_LOOKUPS = {"institution": "/institutionview/lookup/", "successor": "/institutionview/lookup/"}

RESOURCES = [
    Resource(Registration, "Registration", _l("Registrations"), "LegalPersons",
             ["institution", "matter", "step", "channel", "applied_at", "due_on", "issued_at", "uscc"], REG_ADD,
             REG_EDIT, show_columns=REG_ADD + ["step", "due_on"] + STAMPS,
             search_columns=["matter", "step", "channel", "uscc", "report_year", "applied_at", "due_on", "issued_at"],
             order=("id", "desc"),
             choices={"matter": CHOICES["matter"], "change_item": CHOICES["change_item"],
                      "step": CHOICES["registration_step"], "channel": CHOICES["channel"]},
             view_base=RegistrationViewBase, api_base=RegistrationApiBase, action_permissions=["can_advance"],
             api_routes=("api_advance",), lookups=INST_LOOKUPS, related=("Certificate",)),
    Resource(Certificate, "Certificate", _l("Registration certificates"), "LegalPersons",
             ["cert_no", "kind", "institution", "valid_from", "valid_to", "status"],
             show_columns=["cert_no", "kind", "institution", "uscc", "valid_from", "valid_to", "status",
                           "registration"],
             search_columns=["cert_no", "kind", "status", "valid_to", "uscc"], order=("valid_to", "asc"),
             choices={"kind": CHOICES["cert_kind"], "status": CHOICES["cert_status"]},
             labels={"kind": _l("Certificate kind")}, delete=False),
    Resource(RegistrationTimeLimit, "RegistrationTimeLimit", _l("Registration time limits"), "LegalPersons",
             ["matter", "working_days", "basis"], ["matter", "working_days", "basis"], ["working_days", "basis"],
             order=("matter", "asc"), choices={"matter": CHOICES["matter"]},
             labels={"working_days": _l("Time limit (working days from receipt)"), "basis": _l("Basis")}),
]


def register(appbuilder) -> None:
    register_category("LegalPersons", _l("Legal-person registration"), "fa-id-card")
    register_resources(appbuilder, RESOURCES, LABELS)
    appbuilder.add_view(RegistrationReportView, "RegistrationReportPage", label=_l("Registration statistics"),
                        category="LegalPersons")
    appbuilder.add_view_no_menu(RegistrationNoticeView)
