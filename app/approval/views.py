"""Evaluations (动态调整) and the period report (报告) in the web UI."""
from __future__ import annotations

import datetime as dt
import io

from flask import flash, g, redirect, request, send_file, url_for
from flask_appbuilder import BaseView, expose, has_access
from flask_appbuilder.actions import action
from flask_appbuilder.security.decorators import permission_name
from flask_babel import lazy_gettext as _l

from app.approval import evaluations, reports
from app.core.errors import DomainError
from app.core.labels import COMMON, merge
from app.core.resources import Resource, register_resources
from app.core.views import METHOD_PERMISSIONS, DomainModelView
from app.approval.labels import CATALOGUE, CHOICES
from app.approval.models import CaseEvaluation
from app.justification.cases.labels import CATALOGUE as CASES
from app.quota.labels import CATALOGUE as QUOTA

LABELS = merge(COMMON, QUOTA, CASES, CATALOGUE)

class CaseEvaluationViewBase(DomainModelView):
    method_permission_name = {**METHOD_PERMISSIONS, "open_follow_up": "write"}

    @action("open_follow_up", _l("Open a follow-up case"),
            _l("Open a new adjustment case prefilled from this evaluation?"), "fa-repeat", multiple=False)
    def open_follow_up(self, item):
        item = item[0] if isinstance(item, list) else item
        opened, case = self.run_flashing(lambda: evaluations.open_follow_up(item, g.user),
                                         lambda new: _l("Opened case %(number)s", number=new.number))
        return redirect(url_for("AdjustmentCaseView.show", pk=case.id) if opened else self.get_redirect())


RESOURCES = [
    Resource(CaseEvaluation, "CaseEvaluation", _l("Effectiveness evaluations"), "Approval",
             ["case", "institution", "kind", "due_on", "evaluated_on", "score", "conclusion", "recommendation",
              "follow_up_case"],
             None, ["evaluated_on", "score", "conclusion", "findings", "recommendation"],
             show_columns=["case", "institution", "kind", "due_on", "evaluated_on", "score", "conclusion",
                           "findings", "recommendation", "approved_at_evaluation", "occupied_at_evaluation",
                           "follow_up_case"],
             search_columns=["kind", "conclusion", "recommendation", "due_on"], order=("due_on", "asc"),
             choices={"kind": CHOICES["evaluation_kind"], "conclusion": CHOICES["conclusion"],
                      "recommendation": CHOICES["recommendation"]},
             view_base=CaseEvaluationViewBase, delete=False),
]


class CaseReportView(BaseView):
    """A period summary of approvals, quota changes and headcount; xlsx download."""

    route_base = "/casereport"
    class_permission_name = "CaseReport"
    method_permission_name = METHOD_PERMISSIONS
    base_permissions = ["can_read"]
    default_view = "index"

    @staticmethod
    def _period():
        today = dt.date.today()
        start, end = dt.date(today.year, 1, 1), today
        try:
            if request.args.get("start"):
                start = dt.date.fromisoformat(request.args["start"])
            if request.args.get("end"):
                end = dt.date.fromisoformat(request.args["end"])
        except ValueError:
            raise DomainError("report.period", start=request.args.get("start"), end=request.args.get("end"))
        return start, end

    @expose("/")
    @has_access
    @permission_name("read")
    def index(self):
        tables, start, end = [], None, None
        try:
            start, end = self._period()
            tables = reports.summary(start, end)
        except DomainError as err:
            flash(str(err), "danger")
        return self.render_template("bianzhi/cases/report.html", tables=tables, start=start, end=end)

    @expose("/xlsx")
    @has_access
    @permission_name("read")
    def xlsx(self):
        try:
            start, end = self._period()
            data = reports.summary_xlsx(start, end)
        except DomainError as err:
            flash(str(err), "danger")
            return redirect(url_for("CaseReportView.index"))
        return send_file(io.BytesIO(data), as_attachment=True, download_name=f"report-{start}-{end}.xlsx",
                         mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def register(appbuilder) -> None:
    register_resources(appbuilder, RESOURCES, LABELS)
    appbuilder.add_view(CaseReportView, "CaseReportPage", label=_l("Period report"), category="Approval")
