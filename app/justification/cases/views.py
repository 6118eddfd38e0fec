"""Adjustment cases in the web UI and the REST API (论证 → 审批).

The case page shows the request, the quantitative analysis beside it, the
structured changes, the countersign status, the history, and the transitions
the user may fire.  Every write goes through ``cases.services`` and the
workflow engine; the REST API exposes the same transition and countersign.
"""
from __future__ import annotations

import io

from flask import abort, g, redirect, request, send_file, url_for
from flask_appbuilder import expose, has_access
from flask_appbuilder.api import protect, safe
from flask_appbuilder.security.decorators import permission_name
from flask_babel import gettext, lazy_gettext as _l
from markupsafe import Markup, escape
from sqlalchemy import select

from app.core.actors import actor_label
from app.core.db import transaction
from app.core.errors import DomainError, NotFound
from app.core.messages import current_lang
from app.core.labels import COMMON, merge
from app.core.references import reference_label
from app.core.resources import Resource, RowLocks, choice_label, register_category, register_resources
from app.core.views import METHOD_PERMISSIONS, DomainApi, DomainModelView
from app.extensions import db
from app.justification.cases import services
from app.justification.cases.labels import CATALOGUE, CHOICES
from app.justification.cases.models import AdjustmentCase, CaseAttachment, CaseChange, CasePost
from app.justification.hearings.labels import CATALOGUE as HEARINGS
from app.office.labels import CATALOGUE as OFFICE
from app.quota.labels import CATALOGUE as QUOTA
from app.quota.views import INSTITUTION_LOOKUP
from app.workflow import deadlines, delegations, engine
from app.workflow.labels import CATALOGUE as WORKFLOW

# A case shows the quota database's columns, its task forces and hearings, and its workflow state.
LABELS = merge(COMMON, QUOTA, OFFICE, HEARINGS, WORKFLOW, CATALOGUE)



# Moving a case is its own permission; the workflow then checks the role per transition.
CASE_PERMISSIONS = {**METHOD_PERMISSIONS, "transition": "transition", "countersign": "transition",
                    "api_transition": "transition", "api_countersign": "transition", "api_transitions": "read",
                    "attach": "write", "attachment": "read"}


class AdjustmentCaseViewBase(DomainModelView):
    method_permission_name = CASE_PERMISSIONS
    show_template = "bianzhi/cases/show.html"
    lookup_column = "title"

    def _case(self, pk) -> AdjustmentCase:
        return self._scoped_item(pk)

    @expose("/show/<pk>", methods=["GET"])
    @has_access
    def show(self, pk):
        case = self._case(pk)
        widgets = self._show(pk)
        user = g.user
        entry = engine.current_entry(case)
        return self.render_template(
            self.show_template, pk=pk, title=self.show_title, widgets=widgets, related_views=self._related_views,
            case=case, analysis=services.analysis(case), history=engine.history(case),
            countersign=engine.countersign_status(case), transitions=engine.available(case, user),
            my_divisions=_divisions_of(user), attachments=_attachments(case), lang=current_lang(),
            editable=services.locked_reason(case) is None, can=self.appbuilder.sm.has_access,
            kind_label=choice_label(CHOICES["change_kind"]), reference=reference_label,
            step=deadlines.time_left(entry.due_on if entry else None, entry=entry),
            escalations=deadlines.escalations_of(services.SUBJECT, case.id),
            delegators=delegations.delegators_of(user),
        )

    def _back(self, pk):
        return redirect(url_for(f"{type(self).__name__}.show", pk=pk))

    def _run(self, pk, work, done_message):
        case = self._case(pk)
        self.run_flashing(lambda: work(case), lambda _result: done_message)
        return self._back(pk)

    @expose("/transition/<int:pk>", methods=["POST"])
    @has_access
    @permission_name("transition")
    def transition(self, pk):
        form = request.form
        case = self._case(pk)
        self.run_flashing(lambda: services.transition(
            case, form.get("transition", ""), g.user, comment=form.get("comment"), doc_no=form.get("doc_no"),
            on_behalf_of=_principal(form)), lambda entry: _transition_done(case, entry))
        return self._back(pk)

    @expose("/countersign/<int:pk>", methods=["POST"])
    @has_access
    @permission_name("transition")
    def countersign(self, pk):
        self._case(pk)  # a case out of reach is a 404 before any input check
        form = request.form
        division = form.get("division", "")
        if not division.isdigit():
            abort(400)
        return self._run(pk, lambda case: services.countersign(
            case, int(division), g.user, agree=form.get("agree") == "1", comment=form.get("comment"),
            on_behalf_of=_principal(form)), _l("Countersign recorded."))

    @expose("/attach/<int:pk>", methods=["POST"])
    @has_access
    @permission_name("write")
    def attach(self, pk):
        self._case(pk)
        upload = request.files.get("file")
        if upload is None:
            abort(400)
        data = upload.read()
        return self._run(pk, lambda case: services.add_attachment(case, upload.filename, upload.mimetype, data,
                                                                  g.user), _l("Attachment uploaded."))

    @expose("/attachment/<int:pk>/<int:att>", methods=["GET"])
    @has_access
    @permission_name("read")
    def attachment(self, pk, att):
        case = self._case(pk)
        row = db.session.get(CaseAttachment, att)
        if row is None or row.case_id != case.id:
            abort(404)
        return send_file(io.BytesIO(row.data), mimetype="application/octet-stream", as_attachment=True,
                         download_name=row.file_name)


def _transition_done(case, entry) -> Markup:
    """The flash after a transition: the new state by its label and, for a sign-off that
    applies the case, what it wrote, each result a linked label (编制台账 #834)."""
    said = Markup(escape(gettext("Done: the case is now at %(state)s.", state=engine.label(entry.to_state))))
    if entry.transition is None or not entry.transition.applies_changes:
        return said
    results = [reference_label(c.result) for c in case.changes if c.result]
    if not results:
        return said
    return said + " " + Markup(escape(gettext("Applied: %(results)s", results="{results}"))).format(
        results=Markup("；").join(results))


def _principal(form):
    """代办: the delegator the actor stands in for (checked by the engine), or None."""
    value = (form.get("on_behalf_of") or "").strip()
    if not value:
        return None
    if not value.isdigit() or int(value) > 2**31:
        abort(400)
    return int(value)


def _body_principal(body):
    value = body.get("on_behalf_of")
    return value if isinstance(value, int) and not isinstance(value, bool) and 0 < value < 2**31 else None


def _divisions_of(user) -> set[int]:
    from app.office.services import divisions_of

    return divisions_of(user.id) if user is not None else set()


def _attachments(case):
    return db.session.execute(
        select(CaseAttachment.id, CaseAttachment.file_name, CaseAttachment.size, CaseAttachment.uploaded_by,
               CaseAttachment.uploaded_at).where(CaseAttachment.case_id == case.id).order_by(CaseAttachment.id)
    ).all()


def _transition_json(t):
    return {"id": t.id, "code": t.code, "name": t.name, "name_en": t.name_en, "to": t.to_state.code,
            "is_signoff": t.is_signoff, "applies_changes": t.applies_changes,
            "requires_comment": t.requires_comment, "requires_doc_no": t.requires_doc_no}


class AdjustmentCaseApiBase(DomainApi):
    """The REST door of the workflow: what may happen next, and making it happen."""

    method_permission_name = CASE_PERMISSIONS

    def _case_or_404(self, pk):
        case = self.datamodel.get(pk, self._base_filters)  # scoped like every read
        if case is None:
            raise NotFound("write.not_found", object=f"adjustment_case {pk}")
        return case

    def _write(self, pk, valid, usage: str, work):
        """Case out of reach → 404; malformed body → 400; a refusal → its status, in zh and en."""
        try:
            case = self._case_or_404(pk)
        except DomainError as err:
            return self._refusal(err)
        body = request.get_json(silent=True)
        if not isinstance(body, dict) or not valid(body):
            return self.response_400(message=usage)
        try:
            with transaction():
                work(case, body)
                result = self._state_json(case)
        except DomainError as err:
            return self._refusal(err)
        return self.response(200, **result)

    def _state_json(self, case):
        return {"id": case.id, "number": case.number, "state": case.state.code, "state_name": case.state.name,
                "applied_at": case.applied_at.isoformat() if case.applied_at else None}

    @expose("/<int:pk>/transitions", methods=["GET"])
    @protect()
    @safe
    @permission_name("read")
    def api_transitions(self, pk):
        """What may happen next to a case.
        ---
        get:
          summary: The transitions the caller may fire now, the countersign status and the analysis
          parameters:
          - in: path
            name: pk
            schema: {type: integer}
            required: true
          responses:
            200:
              description: The case's state, available transitions and countersign status
            404:
              $ref: '#/components/responses/404'
        """
        try:
            case = self._case_or_404(pk)
        except DomainError as err:
            return self._refusal(err)
        analysis = services.analysis(case)
        entry = engine.current_entry(case)
        step = deadlines.time_left(entry.due_on if entry else None)
        return self.response(200, **self._state_json(case),
                             due_on=step["due_on"].isoformat() if step["due_on"] else None,
                             working_days_left=step.get("left"),
                             transitions=[_transition_json(t) for t in engine.available(case, g.user)],
                             countersign=[{"division_id": d.id, "division": d.name,
                                           "agree": None if s is None else s.agree} for d, s in
                                          engine.countersign_status(case)],
                             analysis={"required": analysis["required"], "requested": analysis["requested"],
                                       "gap": analysis["gap"], "total_fte": str(analysis["total_fte"])})

    @expose("/<int:pk>/transition", methods=["POST"])
    @protect()
    @safe
    @permission_name("transition")
    def api_transition(self, pk):
        """Fire a workflow transition on a case.
        ---
        post:
          summary: Move a case along its workflow (a sign-off transition also applies the approval)
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
                  required: [transition]
                  properties:
                    transition: {type: string, description: "transition code or id"}
                    comment: {type: string}
                    doc_no: {type: string, description: "document number (批复文号)"}
                    on_behalf_of: {type: integer, description: "代办: the delegator's user id"}
          responses:
            200:
              description: The case's new state
            403:
              description: The caller's role may not fire this transition (一支笔 included)
            404:
              $ref: '#/components/responses/404'
            409:
              description: The case is not in the transition's starting state
            422:
              description: Refused by a rule (countersign missing, an invariant at apply time …), in zh and en
        """
        def valid(body):
            return isinstance(body.get("transition"), (str, int)) and not isinstance(body.get("transition"), bool)

        return self._write(pk, valid, "transition (code or id) is required", lambda case, body: services.transition(
            case, body["transition"], g.user, comment=_text(body.get("comment")), doc_no=_text(body.get("doc_no")),
            on_behalf_of=_body_principal(body)))

    @expose("/<int:pk>/countersign", methods=["POST"])
    @protect()
    @safe
    @permission_name("transition")
    def api_countersign(self, pk):
        """Record one division's countersign (会签) on a case.
        ---
        post:
          summary: Countersign for a division the caller belongs to
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
                  required: [division_id, agree]
                  properties:
                    division_id: {type: integer}
                    agree: {type: boolean}
                    comment: {type: string}
                    on_behalf_of: {type: integer, description: "代办: the delegator's user id"}
          responses:
            200:
              description: Recorded
            403:
              description: The caller is not a member of that division
            404:
              $ref: '#/components/responses/404'
            409:
              description: Already countersigned in this round
            422:
              description: The state needs no countersign from that division, or a refusal without reason
        """
        def valid(body):
            division = body.get("division_id")
            return isinstance(division, int) and not isinstance(division, bool) and isinstance(body.get("agree"), bool)

        return self._write(pk, valid, "division_id (integer) and agree (boolean) are required",
                           lambda case, body: services.countersign(case, body["division_id"], g.user,
                                                                   agree=body["agree"],
                                                                   comment=_text(body.get("comment")),
                                                                   on_behalf_of=_body_principal(body)))


def _text(value):
    return value if isinstance(value, str) else None


CASE_COLUMNS = ["title", "case_type", "applicant_kind", "institution", "reasons", "necessity", "reasonableness",
                "feasibility", "annual_hours_per_fte", "task_forces", "hearings"]
CHANGE_COLUMNS = ["case", "seq", "kind", "institution", "quota_type", "amount", "rank", "division", "target",
                  "new_name", "category", "region", "functions", "divisions_text", "staffing_text", "note"]
CASE_LOOKUPS = {**INSTITUTION_LOOKUP, "case": "/adjustmentcaseview/lookup/"}


def _part_locks(model) -> RowLocks:
    """A case's parts close with their case (one declaration for its changes and its posts)."""
    return RowLocks(services.part_refusal, lambda pks: services.locked_parts(model, pks))


RESOURCES = [
    Resource(AdjustmentCase, "AdjustmentCase", _l("Adjustment cases"), "Approval",
             ["number", "title", "case_type", "institution", "state", "created_at"],
             CASE_COLUMNS, CASE_COLUMNS,
             show_columns=["number", "title", "case_type", "applicant_kind", "institution", "state", "created_by",
                           "created_at", "reasons", "necessity", "reasonableness", "feasibility",
                           "annual_hours_per_fte", "task_forces", "hearings", "approval_doc_no", "approved_on",
                           "applied_at"],
             search_columns=["number", "title", "case_type", "state", "approved_on"], order=("id", "desc"),
             choices={"case_type": CHOICES["case_type"], "applicant_kind": CHOICES["applicant_kind"]},
             view_base=AdjustmentCaseViewBase,
             api_base=AdjustmentCaseApiBase, action_permissions=["can_transition"],
             api_routes=("api_transitions", "api_transition", "api_countersign"),
             related=("CaseChange", "CasePost", "CaseAttachment"), lookups=INSTITUTION_LOOKUP,
             formatters={"created_by": actor_label},
             # an approved, signed-off or applied case (and, for a unit, one under review) is closed
             locks=RowLocks(services.row_refusal, services.locked_rows)),
    Resource(CaseChange, "CaseChange", _l("Proposed changes"), "Approval",
             ["case", "seq", "kind", "institution", "quota_type", "amount", "new_name", "target", "result"],
             CHANGE_COLUMNS, CHANGE_COLUMNS[1:], order=("seq", "asc"), choices={"kind": CHOICES["change_kind"]},
             lookups={**CASE_LOOKUPS, "target": "/institutionview/lookup/"}, menu=False,
             field_sets={"kind": services.FIELDS_BY_KIND}, formatters={"result": reference_label},
             locks=_part_locks(CaseChange)),
    Resource(CasePost, "CasePost", _l("Post decomposition"), "Approval",
             ["case", "name", "annual_hours", "headcount_requested"],
             ["case", "name", "tasks", "annual_hours", "headcount_requested"],
             ["name", "tasks", "annual_hours", "headcount_requested"], lookups=CASE_LOOKUPS, menu=False,
             locks=_part_locks(CasePost)),
    Resource(CaseAttachment, "CaseAttachment", _l("Attachments"), "Approval",
             ["case", "file_name", "size", "uploaded_by", "uploaded_at"],
             show_columns=["case", "file_name", "content_type", "size", "sha256", "uploaded_by", "uploaded_at"],
             lookups=CASE_LOOKUPS, menu=False, formatters={"uploaded_by": actor_label}),
]


def register(appbuilder) -> None:
    register_category("Approval", _l("Cases and approval"), "fa-gavel")
    register_resources(appbuilder, RESOURCES, LABELS)
