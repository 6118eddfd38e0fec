"""Pages and REST APIs of 事业单位绩效考核: cap rules, plans (with each supervising
department's figures against its cap), assessments, reviews; a result opens an
adjustment case (web actions and the API)."""
from __future__ import annotations

from flask import g, redirect, request, url_for
from flask_appbuilder import expose, has_access
from flask_appbuilder.actions import action
from flask_appbuilder.api import protect, safe
from flask_appbuilder.security.decorators import permission_name
from flask_babel import lazy_gettext as _l

from app.approval.labels import CATALOGUE as APPROVAL
from app.core.labels import COMMON, merge
from app.core.resources import Resource, register_category, register_resources
from app.quota.labels import CATALOGUE as QUOTA
from app.quota.views import INSTITUTION_LOOKUP
from app.supervision.assessments import services
from app.supervision.assessments.labels import CATALOGUE, CHOICES
from app.supervision.assessments.models import AssessmentPlan, AssessmentReview, CapRule, InstitutionAssessment
from app.supervision.evaluations.labels import CATALOGUE as EVALUATIONS
from app.supervision.evaluations.views import ACTIONS, ActionApi, ActionView

LABELS = merge(COMMON, QUOTA, APPROVAL, EVALUATIONS, CATALOGUE)
PERMISSIONS = {**ACTIONS, "caps": "read", "case_increase": "write", "case_decrease": "write",
               "case_revoke": "write", "api_open_case": "write", "api_caps": "read"}


class PlanView(ActionView):
    method_permission_name = PERMISSIONS
    show_template = "bianzhi/supervision/assessment_plan_show.html"

    @expose("/caps/<int:pk>")
    @has_access
    @permission_name("read")
    def caps(self, pk):
        plan = self._scoped_item(pk)
        return self.render_template("bianzhi/supervision/assessment_caps.html", plan=plan,
                                    rows=services.caps_of_plan(plan), title=_l("Caps per supervising department"))


class PlanApi(ActionApi):
    method_permission_name = PERMISSIONS

    @expose("/<int:pk>/caps", methods=["GET"])
    @protect()
    @safe
    @permission_name("read")
    def api_caps(self, pk):
        """Each supervising department's figures against its cap.
        ---
        get:
          summary: Institutions, 优秀+良好, the department's own result, share and limit per supervising department
          parameters:
          - in: path
            name: pk
            schema: {type: integer}
            required: true
          responses:
            200:
              description: One row per supervising department
            404:
              $ref: '#/components/responses/404'
        """
        plan = self.datamodel.get(pk, self._base_filters)
        if plan is None:
            return self.response_404()
        return self.response(200, result=[
            {"supervisor_id": r["supervisor_id"], "supervisor": r["supervisor"], "count": r["count"], "top": r["top"],
             "department_grade": r["department_grade"].name if r["department_grade"] else None,
             "share": r["share"], "limit": r["limit"]} for r in services.caps_of_plan(plan)])


class AssessmentView(ActionView):
    method_permission_name = PERMISSIONS

    def _open(self, items, kind):
        item = items[0] if isinstance(items, list) else items
        opened, case = self.run_flashing(lambda: services.open_case(item, kind, g.user),
                                         lambda new: _l("Opened case %(number)s", number=new.number))
        return redirect(url_for("AdjustmentCaseView.show", pk=case.id) if opened else self.get_redirect())

    @action("case_increase", _l("Open a case: add quota"), _l("Open an adjustment case prefilled from this result?"),
            "fa-plus", multiple=False)
    def case_increase(self, items):
        return self._open(items, "staffing_increase")

    @action("case_decrease", _l("Open a case: cut quota"), _l("Open an adjustment case prefilled from this result?"),
            "fa-minus", multiple=False)
    def case_decrease(self, items):
        return self._open(items, "staffing_decrease")

    @action("case_revoke", _l("Open a case: revoke"), _l("Open an adjustment case prefilled from this result?"),
            "fa-ban", multiple=False)
    def case_revoke(self, items):
        return self._open(items, "revoke")


def _case_args(body):
    kind, amount, target = body.get("kind"), body.get("amount", 1), body.get("target_id")
    ok = isinstance(kind, str) and isinstance(amount, int) and not isinstance(amount, bool) \
        and (target is None or (isinstance(target, int) and not isinstance(target, bool) and 0 < target < 2**63))
    return ok, kind, amount, target


class AssessmentApi(ActionApi):
    method_permission_name = PERMISSIONS

    @expose("/<int:pk>/open_case", methods=["POST"])
    @protect()
    @safe
    @permission_name("write")
    def api_open_case(self, pk):
        """Open an adjustment case prefilled from a graded result (once).
        ---
        post:
          summary: Open a draft adjustment case (增编 / 减编 / 合并 / 撤销) prefilled from this result
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
                  required: [kind]
                  properties:
                    kind: {type: string, enum: [staffing_increase, staffing_decrease, merge, revoke]}
                    amount: {type: integer, description: "增减编数量 (default 1)"}
                    target_id: {type: integer, description: "合并: the institution merged into"}
          responses:
            200:
              description: The case opened
            400:
              description: Malformed body
            404:
              $ref: '#/components/responses/404'
            422:
              description: Refused by a rule, in zh and en
        """
        body = request.get_json(silent=True)
        ok, kind, amount, target = _case_args(body if isinstance(body, dict) else {})
        return self.run_one(pk, lambda a: services.open_case(a, kind, g.user, amount=amount, target_id=target),
                            lambda case: {"case_id": case.id, "number": case.number, "case_type": case.case_type},
                            invalid=None if ok else "kind (string), amount (integer), target_id (integer) / 参数格式错误")


CAT = "Supervision"
ASSESSMENT_SHOW = ["plan", "institution", "supervisor", "self_score", "grade", "graded_on", "opinion",
                   "follow_up_case"]
REVIEW_COLUMNS = ["assessment", "kind", "reviewer", "reviewer_institution", "score", "opinion", "reviewed_on"]
RESOURCES = [
    Resource(CapRule, "AssessmentCapRule", _l("Caps on 优秀+良好"), CAT, ["department_grade", "max_share"],
             ["department_grade", "max_share"], ["department_grade", "max_share"], search_columns=["max_share"]),
    Resource(AssessmentPlan, "AssessmentPlan", _l("Assessment plans"), CAT,
             ["year", "name", "committee", "third_party", "status"],
             ["year", "name", "committee", "third_party"], ["year", "name", "committee", "third_party", "status"],
             search_columns=["year", "name", "committee", "status"], order=("year", "desc"),
             choices={"status": CHOICES["assessment_plan_status"]}, view_base=PlanView, api_base=PlanApi,
             api_routes=("api_caps",), related=("InstitutionAssessment",)),
    Resource(InstitutionAssessment, "InstitutionAssessment", _l("Institution assessments"), CAT,
             ["plan", "institution", "supervisor", "grade", "graded_on", "follow_up_case"],
             ["plan", "institution", "self_score", "opinion"], ["self_score", "grade", "opinion"],
             show_columns=ASSESSMENT_SHOW, search_columns=["plan", "grade", "graded_on"],
             lookups=INSTITUTION_LOOKUP, view_base=AssessmentView, api_base=AssessmentApi,
             api_routes=("api_open_case",), related=("AssessmentReview",)),
    Resource(AssessmentReview, "AssessmentReview", _l("Assessment reviews"), CAT,
             ["assessment", "kind", "reviewer", "score", "reviewed_on"], REVIEW_COLUMNS, REVIEW_COLUMNS,
             search_columns=["kind", "reviewer", "reviewed_on"], order=("reviewed_on", "desc"),
             choices={"kind": CHOICES["review_kind"]}, labels={"kind": _l("Review kind")},
             lookups={"reviewer_institution": "/institutionview/lookup/"}),
]


def register(appbuilder) -> None:
    register_category(CAT, _l("Supervision"), "fa-eye")
    register_resources(appbuilder, RESOURCES, LABELS)
