"""用编进人 in the web UI and the REST API: plans and their lines, the monthly
review meeting, entry batches and their persons, exit filings; the printable
入编证明 and the public check of its number.

The steps (报送, 会议决定, 申请, 审核, 入库) are row actions on the pages and
POST endpoints on the API; both call the same services in one transaction.
"""
from __future__ import annotations

from flask import abort, redirect, request
from flask_appbuilder import BaseView, expose, has_access
from flask_appbuilder.actions import action
from flask_appbuilder.api import protect, safe
from flask_appbuilder.security.decorators import permission_name
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.core.db import transaction
from app.core.errors import DomainError, NotFound
from app.core.labels import COMMON, merge
from app.core.portal import Link
from app.core.resources import Resource, choice_label, register_category, register_resources, state_locks
from app.core.views import METHOD_PERMISSIONS, DomainApi, DomainModelView, action_api_doc
from app.execution.staffing_use import rules, services
from app.execution.staffing_use.services import locks
from app.execution.staffing_use import models as m
from app.execution.staffing_use.labels import CATALOGUE, CHOICES
from app.extensions import db
from app.quota.labels import CATALOGUE as QUOTA
from app.quota.labels import CHOICES as QUOTA_CHOICES
from app.quota.views import INSTITUTION_LOOKUP, PersonApiBase, id_number_for_viewer

LABELS = merge(COMMON, QUOTA, CATALOGUE)

PERMISSIONS = {**METHOD_PERMISSIONS, "submit": "submit", "reject": "decide", "decide": "decide", "apply": "apply",
               "review": "review", "enter": "enter", "certificate": "read", "certificate_pdf": "read",
               "api_plan_submit": "submit",
               "api_meeting_decide": "decide", "api_batch_apply": "apply", "api_batch_review": "review",
               "api_batch_enter": "enter"}


class StepViewBase(DomainModelView):
    """A row action runs one step on one row (scope re-checked by the base)."""

    method_permission_name = PERMISSIONS

    def _step(self, items, work, done):
        for item in items if isinstance(items, list) else [items]:
            self.run_flashing(lambda item=item: work(item), lambda _r, item=item: self.now_at(done, item))
        return redirect(self.get_redirect())


class StaffingPlanViewBase(StepViewBase):
    lookup_column = "title"

    @action("submit", _l("Submit to the meeting"), _l("Submit the selected plan to its review meeting?"),
            "fa-paper-plane", single=True, multiple=False)
    def submit(self, items):
        return self._step(items, services.submit_plan, _l("Submitted."))

    @action("reject", _l("Reject"), _l("Reject the selected submitted plan?"), "fa-times", single=True,
            multiple=False)
    def reject(self, items):
        return self._step(items, services.reject_plan, _l("Rejected."))


class ReviewMeetingViewBase(StepViewBase):
    lookup_column = "title"

    @action("decide", _l("Record the decision"),
            _l("Approve every plan submitted to this meeting under its document number?"), "fa-gavel",
            single=True, multiple=False)
    def decide(self, items):
        return self._step(items, services.decide_meeting, _l("Decided."))


class EntryBatchViewBase(StepViewBase):
    lookup_column = "title"
    state_column = "step"

    @action("apply", _l("Apply (publicity over)"), _l("File the application for the selected batch?"),
            "fa-file-text-o", single=True, multiple=False)
    def apply(self, items):
        return self._step(items, services.apply_batch, _l("Applied."))

    @action("review", _l("Pass the review"), _l("Pass the review of the selected batch?"), "fa-check",
            single=True, multiple=False)
    def review(self, items):
        return self._step(items, services.review_batch, _l("Reviewed."))

    @action("enter", _l("Enter into the database"), _l("Enter every person of the selected batch?"),
            "fa-sign-in", single=True, multiple=False)
    def enter(self, items):
        return self._step(items, services.enter_batch, _l("Entered; the certificate is issued."))

    @expose("/certificate/<int:pk>")
    @has_access
    @permission_name("read")
    def certificate(self, pk):
        """入编证明: a page to print (print CSS hides the menus)."""
        batch = self._scoped_item(pk)
        if batch.step != "entered":
            abort(404)
        return self.render_template("bianzhi/staffing_use/certificate.html", batch=batch,
                                    candidates=list(batch.candidates),
                                    channel=choice_label(CHOICES["staffing_channel"]))

    @expose("/certificate/<int:pk>.pdf")
    @has_access
    @permission_name("read")
    def certificate_pdf(self, pk):
        """入编证明 as a PDF with its Chinese font embedded (``certificate_pdf``)."""
        from flask import send_file, url_for

        from app.execution.staffing_use.certificate_pdf import certificate_pdf

        batch = self._scoped_item(pk)
        if batch.step != "entered":
            abort(404)
        try:
            data = certificate_pdf(batch, list(batch.candidates), choice_label(CHOICES["staffing_channel"]),
                                   url_for("CertificateCheckView.verify", _external=True))
        except DomainError as err:
            abort(503, err.message())
        import io

        return send_file(io.BytesIO(data), mimetype="application/pdf", as_attachment=True,
                         download_name=f"入编证明-{batch.certificate_no}.pdf")


class StepApiBase(DomainApi):
    """POST /<pk>/<step>: one step on one row, in one transaction; refusals in zh and en."""

    method_permission_name = PERMISSIONS

    def _run(self, pk, work):
        row = self.datamodel.get(pk, self._base_filters)  # scoped like every read
        if row is None:
            return self._refusal(NotFound("write.not_found", object=f"{self.resource_name} {pk}"))
        try:
            with transaction():
                work(row)
                body = {"id": row.id, **{k: getattr(row, k) for k in ("status", "step", "certificate_no",
                                                                      "decision_doc_no", "doc_no")
                                         if hasattr(row, k)}}
        except DomainError as err:
            return self._refusal(err)
        return self.response(200, **{k: (str(v) if v is not None else None) if k != "id" else v
                                     for k, v in body.items()})




def _doc(summary):
    def wrap(fn):
        fn.__doc__ = action_api_doc(summary, "The row's new state", conflict="The row is not at the step this needs")
        return fn
    return wrap


class StaffingPlanApiBase(StepApiBase):
    @expose("/<int:pk>/submit", methods=["POST"])
    @protect()
    @safe
    @permission_name("submit")
    @_doc("Submit a draft staffing plan to its review meeting")
    def api_plan_submit(self, pk):
        return self._run(pk, services.submit_plan)


class ReviewMeetingApiBase(StepApiBase):
    @expose("/<int:pk>/decide", methods=["POST"])
    @protect()
    @safe
    @permission_name("decide")
    @_doc("Record the meeting's decision: approve its submitted plans under its document number")
    def api_meeting_decide(self, pk):
        body = request.get_json(silent=True) or {}
        rejected = body.get("rejected", []) if isinstance(body, dict) else []
        if not isinstance(rejected, list) or not all(isinstance(x, int) and not isinstance(x, bool)
                                                     for x in rejected):
            return self.response_400(message="rejected: a list of plan ids")
        doc_no = body.get("doc_no") if isinstance(body.get("doc_no"), str) else None
        return self._run(pk, lambda mt: services.decide_meeting(mt, doc_no=doc_no, rejected=tuple(rejected)))


class EntryBatchApiBase(StepApiBase):
    @expose("/<int:pk>/apply", methods=["POST"])
    @protect()
    @safe
    @permission_name("apply")
    @_doc("公示 → 申请: file the batch's application (publicity over, documents complete)")
    def api_batch_apply(self, pk):
        return self._run(pk, services.apply_batch)

    @expose("/<int:pk>/review", methods=["POST"])
    @protect()
    @safe
    @permission_name("review")
    @_doc("申请 → 审核: the office passes the batch's review")
    def api_batch_review(self, pk):
        return self._run(pk, services.review_batch)

    @expose("/<int:pk>/enter", methods=["POST"])
    @protect()
    @safe
    @permission_name("enter")
    @_doc("审核 → 入库: every person of the batch enters under every quota invariant, or none")
    def api_batch_enter(self, pk):
        return self._run(pk, services.enter_batch)


class CertificateCheckView(BaseView):
    """入编证明核验: anyone checks a certificate number (no login); the page shows
    the institution, the date and the masked names, nothing else."""

    route_base = "/staffing"
    default_view = "verify"

    @expose("/verify/")
    def verify(self):
        number = (request.args.get("no") or "").strip().upper()[:40]
        batch = None
        if number:
            batch = db.session.execute(select(m.EntryBatch).where(m.EntryBatch.certificate_no == number,
                                                                  m.EntryBatch.step == "entered")).scalar()
        names = [rules.mask_name(c.name) for c in batch.candidates] if batch else []
        return self.render_template("bianzhi/staffing_use/verify.html", number=number, batch=batch, names=names)


CERTIFICATE_CHECK_LINK = Link(_l("Check an entry certificate"), "CertificateCheckView.verify",
                              _l("Whether a certificate number was issued, for which institution and when"))

PLAN_COLUMNS = ["institution", "year", "title", "meeting", "note"]
BATCH_COLUMNS = ["title", "plan_line", "application_type", "publicity_start", "publicity_end", "documents"]
RESOURCES: list[Resource] = [
    Resource(m.ApplicationType, "ApplicationType", _l("Application types"), "StaffingUse",
             ["code", "name", "applicant_kind", "channel", "active"],
             ["code", "name", "applicant_kind", "channel", "required_documents", "active"],
             ["code", "name", "applicant_kind", "channel", "required_documents", "active"],
             search_columns=["code", "name", "channel", "applicant_kind"], order=("code", "asc"),
             choices={"channel": CHOICES["staffing_channel"], "applicant_kind": CHOICES["staffing_applicant_kind"]}),
    Resource(m.ReviewMeeting, "ReviewMeeting", _l("Monthly review meetings"), "StaffingUse",
             ["title", "held_on", "status", "doc_no", "decided_on"], ["title", "held_on", "doc_no", "minutes"],
             ["title", "held_on", "doc_no", "minutes"],
             show_columns=["title", "held_on", "status", "doc_no", "decided_on", "minutes"],
             search_columns=["title", "status", "held_on"], order=("held_on", "desc"),
             choices={"status": CHOICES["staffing_meeting_status"]}, view_base=ReviewMeetingViewBase,
             api_base=ReviewMeetingApiBase, action_permissions=["can_decide"], api_routes=("api_meeting_decide",),
             related=("StaffingPlan",)),
    Resource(m.StaffingPlan, "StaffingPlan", _l("Annual staffing-use plans"), "StaffingUse",
             ["institution", "year", "title", "status", "meeting", "decision_doc_no"], PLAN_COLUMNS,
             ["title", "meeting", "note"], show_columns=PLAN_COLUMNS + ["status", "decision_doc_no"],
             search_columns=["title", "year", "status", "meeting"], order=("id", "desc"),
             choices={"status": CHOICES["staffing_plan_status"]}, lookups=INSTITUTION_LOOKUP,
             view_base=StaffingPlanViewBase, api_base=StaffingPlanApiBase,
             action_permissions=["can_submit", "can_decide"], api_routes=("api_plan_submit",),
             related=("StaffingPlanLine",), api_search=("institution",),
             # a plan and its lines close once submitted (the services refuse; the doors show no icon)
             locks=state_locks(locks.plan_refusal, locks.plan_states, locks.plan_refused)),
    Resource(m.StaffingPlanLine, "StaffingPlanLine", _l("Plan lines"), "StaffingUse",
             ["plan", "quota_type", "channel", "planned", "filled"], ["plan", "quota_type", "channel", "planned"],
             ["planned"], show_columns=["plan", "institution", "quota_type", "channel", "planned", "filled"],
             search_columns=["channel"], choices={"channel": CHOICES["staffing_channel"]},
             lookups={"plan": "/staffingplanview/lookup/"}, api_search=("plan", "institution", "quota_type"),
             menu=False, view_extra={"lookup_column": "label"},
             locks=state_locks(locks.line_refusal, locks.line_states, locks.plan_refused)),
    Resource(m.EntryBatch, "EntryBatch", _l("Entry filing batches"), "StaffingUse",
             ["title", "institution", "application_type", "step", "entered_on", "certificate_no"], BATCH_COLUMNS,
             ["title", "application_type", "publicity_start", "publicity_end", "documents"],
             show_columns=BATCH_COLUMNS + ["institution", "step", "entered_on", "certificate_no"],
             search_columns=["title", "step", "certificate_no", "entered_on"], order=("id", "desc"),
             choices={"step": CHOICES["staffing_batch_step"]}, lookups={"plan_line": "/staffingplanlineview/lookup/"},
             view_base=EntryBatchViewBase, api_base=EntryBatchApiBase,
             action_permissions=["can_apply", "can_review", "can_enter"],
             api_routes=("api_batch_apply", "api_batch_review", "api_batch_enter"), related=("EntryCandidate",),
             api_search=("institution", "plan_line"),
             locks=state_locks(locks.batch_refusal, locks.batch_states, locks.batch_refused)),
    Resource(m.EntryCandidate, "EntryCandidate", _l("Persons of entry batches"), "StaffingUse",
             ["batch", "name", "id_number", "post", "person"], ["batch", "name", "id_number", "post"],
             ["name", "id_number", "post"], search_columns=["name", "id_number"],
             labels={"name": _l("Full name")}, lookups={"batch": "/entrybatchview/lookup/"}, menu=False,
             formatters={"id_number": id_number_for_viewer}, api_base=PersonApiBase,
             api_search=("batch",),
             locks=state_locks(locks.candidate_refusal, locks.candidate_states, locks.candidate_refused)),
    Resource(m.ExitFiling, "ExitFiling", _l("Exit filings"), "StaffingUse",
             ["person", "institution", "exit_date", "exit_reason", "doc_no"],
             ["person", "exit_date", "exit_reason", "doc_no"], None,
             show_columns=["person", "institution", "exit_date", "exit_reason", "doc_no", "created_at"],
             search_columns=["exit_date", "exit_reason", "doc_no"], order=("id", "desc"), delete=False,
             choices={"exit_reason": QUOTA_CHOICES["exit_reason"][1:]}, lookups={"person": "/personview/lookup/"},
             api_search=("institution", "person")),
]


def register(appbuilder) -> None:
    register_category("StaffingUse", _l("Staffing use"), "fa-user-plus")
    register_resources(appbuilder, RESOURCES, LABELS)
    appbuilder.add_view_no_menu(CertificateCheckView)
