"""Findings in the web UI and the REST API.

The finding page shows the problem, its state, the answer and the evidence,
with the actions the user may take: answer (整改中), confirm (已整改), write off
(已核销), attach evidence, print the rectification notice (整改通知书) and open
an adjustment case.  Every write goes through ``findings.services``.
"""
from __future__ import annotations

import datetime as dt
import io

from flask import abort, g, redirect, request, send_file, url_for
from flask_appbuilder import expose, has_access
from flask_appbuilder.api import protect, safe
from flask_appbuilder.security.decorators import permission_name
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.core import scoping
from app.core.actors import actor_label
from app.core.checks import problem_key_label
from app.core.db import transaction
from app.core.errors import DomainError, NotFound
from app.core.labels import COMMON, merge
from app.core.references import reference_label
from app.core.resources import Resource, choice_label, register_category, register_resources
from app.core.views import METHOD_PERMISSIONS, DomainApi, DomainModelView
from app.extensions import db
from app.justification.cases.labels import CATALOGUE as CASES
from app.justification.cases.labels import CHOICES as CASE_CHOICES
from app.quota.labels import CATALOGUE as QUOTA
from app.quota.views import INSTITUTION_LOOKUP
from app.supervision.findings import services
from app.supervision.findings.labels import CATALOGUE, CHOICES
from app.supervision.findings.models import FINAL_STATES, Finding, FindingEvidence

# evidence files are worded as the cases' attachments (file name, size, SHA-256 …)
LABELS = merge(COMMON, QUOTA, CASES, CATALOGUE)
FINDING_PERMISSIONS = {**METHOD_PERMISSIONS, "transition": "transition", "api_transition": "transition",
                       "attach": "write", "evidence": "read", "notice": "read", "open_case": "write"}


def overdue_flag(value) -> str:
    return "⚠ " + str(_l("Overdue")) if value else ""


class FindingViewBase(DomainModelView):
    method_permission_name = FINDING_PERMISSIONS
    show_template = "bianzhi/findings/show.html"
    lookup_column = "title"

    def _back(self, pk):
        return redirect(url_for(f"{type(self).__name__}.show", pk=pk))

    def _run(self, pk, work, done_message):
        finding = self._scoped_item(pk)
        self.run_flashing(lambda: work(finding), lambda _result: done_message)
        return self._back(pk)

    @expose("/show/<pk>", methods=["GET"])
    @has_access
    def show(self, pk):
        finding = self._scoped_item(pk)
        return self.render_template(
            self.show_template, pk=pk, title=self.show_title, widgets=self._show(pk),
            related_views=self._related_views, finding=finding, evidence=_evidence(finding),
            office=scoping.current_scope() is None, closed=finding.state in FINAL_STATES,
            can=self.appbuilder.sm.has_access, case_types=CASE_CHOICES["case_type"],
            state_label=choice_label(CHOICES["finding_state"]))

    @expose("/transition/<int:pk>", methods=["POST"])
    @has_access
    @permission_name("transition")
    def transition(self, pk):
        form = request.form
        finding = self._scoped_item(pk)
        state_label = choice_label(CHOICES["finding_state"])
        self.run_flashing(lambda: services.transition(finding, form.get("target", ""), note=form.get("note"),
                                                      user=g.user),
                          lambda moved: _l("Done: the finding is now at %(state)s.", state=state_label(moved.state)))
        return self._back(pk)

    @expose("/attach/<int:pk>", methods=["POST"])
    @has_access
    @permission_name("write")
    def attach(self, pk):
        self._scoped_item(pk)
        upload = request.files.get("file")
        if upload is None:
            abort(400)
        data = upload.read()
        return self._run(pk, lambda f: services.add_evidence(f, upload.filename, upload.mimetype, data, g.user),
                         _l("Attachment uploaded."))

    @expose("/evidence/<int:pk>/<int:ev>", methods=["GET"])
    @has_access
    @permission_name("read")
    def evidence(self, pk, ev):
        finding = self._scoped_item(pk)
        row = db.session.get(FindingEvidence, ev)
        if row is None or row.finding_id != finding.id:
            abort(404)
        return send_file(io.BytesIO(row.data), mimetype="application/octet-stream", as_attachment=True,
                         download_name=row.file_name)

    @expose("/notice/<int:pk>", methods=["GET"])
    @has_access
    @permission_name("read")
    def notice(self, pk):
        """整改通知书: a page to print (the browser's print; print.css drops the chrome)."""
        finding = self._scoped_item(pk)
        return self.render_template("bianzhi/findings/notice.html", finding=finding, today=dt.date.today(),
                                    state_label=choice_label(CHOICES["finding_state"]))

    @expose("/open_case/<int:pk>", methods=["POST"])
    @has_access
    @permission_name("write")
    def open_case(self, pk):
        finding = self._scoped_item(pk)
        ok, case = self.run_flashing(lambda: services.open_case(finding, request.form.get("case_type", ""), g.user),
                                     lambda c: _l("Adjustment case %(number)s opened.", number=c.number))
        if ok:
            return redirect(url_for("AdjustmentCaseView.show", pk=case.id))
        return self._back(pk)


def _evidence(finding):
    return db.session.execute(
        select(FindingEvidence.id, FindingEvidence.file_name, FindingEvidence.size, FindingEvidence.uploaded_by,
               FindingEvidence.uploaded_at).where(FindingEvidence.finding_id == finding.id)
        .order_by(FindingEvidence.id)).all()


class FindingApiBase(DomainApi):
    method_permission_name = FINDING_PERMISSIONS

    @expose("/<int:pk>/transition", methods=["POST"])
    @protect()
    @safe
    @permission_name("transition")
    def api_transition(self, pk):
        """Move a finding: answer it, confirm it, write it off.
        ---
        post:
          summary: Move a finding to rectifying (the unit's answer), rectified or written_off (the office)
          parameters:
          - in: path
            name: pk
            schema: {type: integer}
            required: true
          requestBody:
            required: true
            content:
              application/json:
                schema:
                  type: object
                  required: [target]
                  properties:
                    target: {type: string, enum: [rectifying, rectified, written_off]}
                    note: {type: string, description: "the answer, the review note or the write-off reason"}
          responses:
            200:
              description: The finding's new state
            403:
              description: Only the office may confirm or write off
            404:
              $ref: '#/components/responses/404'
            422:
              description: Refused by a rule, in zh and en
        """
        finding = self.datamodel.get(pk, self._base_filters)
        if finding is None:
            return self._refusal(NotFound("write.not_found", object=f"finding {pk}"))
        body = request.get_json(silent=True)
        if not isinstance(body, dict) or not isinstance(body.get("target"), str) or \
                not isinstance(body.get("note", ""), (str, type(None))):
            return self.response_400(message="target (string) is required; note is a string")
        try:
            with transaction():
                services.transition(finding, body["target"], note=body.get("note"), user=g.user)
                result = {"id": finding.id, "state": finding.state}
        except DomainError as err:
            return self._refusal(err)
        return self.response(200, **result)


def opener_label(value):
    """Who opened or resolved a finding: a verification run (a linked reference) or a person
    (``user:<login>`` or a login, by display name)."""
    linked = reference_label(value)
    return actor_label(value) if str(linked) == str(value or "") else linked


FINDING_COLUMNS = ["title", "institution", "detail", "deadline"]
RESOURCES = [
    Resource(Finding, "Finding", _l("Findings and rectification"), "Supervision",
             ["title", "institution", "source_kind", "state", "opened_on", "deadline", "overdue"],
             FINDING_COLUMNS, FINDING_COLUMNS + ["response"],
             show_columns=["title", "source_kind", "source_key", "institution", "region", "detail", "state",
                           "opened_on", "deadline", "overdue", "overdue_since", "response", "review_note",
                           "closed_on", "opened_by", "resolved_by", "reopened", "case", "created_at"],
             search_columns=["title", "state", "source_kind", "deadline", "opened_on", "institution"],
             order=("id", "desc"),
             choices={"state": CHOICES["finding_state"], "source_kind": CHOICES["finding_source"]},
             formatters={"overdue": overdue_flag, "source_key": problem_key_label, "opened_by": opener_label,
                         "resolved_by": opener_label},
             computed=("overdue",), lookups=INSTITUTION_LOOKUP,
             view_base=FindingViewBase, api_base=FindingApiBase, action_permissions=["can_transition"],
             api_routes=("api_transition",), related=("FindingEvidence",)),
    Resource(FindingEvidence, "FindingEvidence", _l("Rectification evidence"), "Supervision",
             ["finding", "file_name", "size", "uploaded_by", "uploaded_at"],
             show_columns=["finding", "file_name", "content_type", "size", "sha256", "uploaded_by", "uploaded_at"],
             menu=False, formatters={"uploaded_by": actor_label}),
]


def register(appbuilder) -> None:
    register_category("Supervision", _l("Supervision"), "fa-eye")
    register_resources(appbuilder, RESOURCES, LABELS)
