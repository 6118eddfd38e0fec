"""Pages and REST APIs of 履职评估: grades, indicator systems and trees, plans,
evaluations and scores, from ``Resource`` declarations; the actions (publish,
draw, finalise) on the web and the API; a report page per department."""
from __future__ import annotations

from flask import redirect
from flask_appbuilder import expose, has_access
from flask_appbuilder.actions import action
from flask_appbuilder.api import protect, safe
from flask_appbuilder.security.decorators import permission_name
from flask_babel import lazy_gettext as _l

from app.approval.labels import CATALOGUE as APPROVAL
from app.core.db import transaction
from app.core.errors import DomainError, NotFound
from app.core.labels import COMMON, merge
from app.core.resources import Resource, register_category, register_resources, state_locks
from app.core.views import METHOD_PERMISSIONS, DomainApi, DomainModelView, action_api_doc
from app.quota.labels import CATALOGUE as QUOTA
from app.quota.views import INSTITUTION_LOOKUP
from app.supervision.evaluations import locks, queries, services
from app.supervision.evaluations.labels import CATALOGUE, CHOICES
from app.supervision.evaluations.models import (DepartmentEvaluation, EvaluationPlan, Grade, Indicator,
                                                IndicatorScore, IndicatorSystem)

LABELS = merge(COMMON, QUOTA, APPROVAL, CATALOGUE)
ACTIONS = {**METHOD_PERMISSIONS, "publish": "write", "draw": "write", "finalize": "write", "report": "read",
           "api_publish_system": "write", "api_draw": "write", "api_finalize": "write"}


class ActionView(DomainModelView):
    """A view whose single-row actions run one use case each and flash the outcome."""

    method_permission_name = ACTIONS

    def run_one(self, items, work, done):
        item = items[0] if isinstance(items, list) else items
        self.run_flashing(lambda: work(item), lambda result: self.now_at(done(result), item))
        return redirect(self.get_redirect())


class ActionApi(DomainApi):
    """The API door of the same actions: out of scope → 404, a refusal → its status in zh and en."""

    method_permission_name = ACTIONS

    def run_one(self, pk, work, result, *, invalid=None):
        """``invalid``: the usage text when the body is malformed (checked after the row is found)."""
        item = self.datamodel.get(pk, self._base_filters)  # scoped like every read
        if item is None:
            return self._refusal(NotFound("write.not_found", object=f"{self.resource_name} {pk}"))
        if invalid:
            return self.response_400(message=invalid)
        try:
            with transaction():
                done = work(item)
                body = result(done)
        except DomainError as err:
            return self._refusal(err)
        return self.response(200, **body)




class SystemView(ActionView):
    @action("publish", _l("Publish"), _l("Check the weights and freeze this indicator system?"), "fa-lock",
            multiple=False)
    def publish(self, items):
        return self.run_one(items, services.publish, lambda s: _l("Published %(name)s", name=s.name))


class SystemApi(ActionApi):
    @expose("/<int:pk>/publish", methods=["POST"])
    @protect()
    @safe
    @permission_name("write")
    def api_publish_system(self, pk):
        return self.run_one(pk, services.publish, lambda s: {"id": s.id, "status": s.status})

    api_publish_system.__doc__ = action_api_doc("Publish an indicator system (weights must sum to 100 per node)")


class PlanView(ActionView):
    @action("draw", _l("Draw the departments"), _l("Draw the departments from the recorded seed? This is done once."),
            "fa-random", multiple=False)
    def draw(self, items):
        return self.run_one(items, lambda p: services.draw_sample(p, p.seed),
                            lambda drawn: _l("Drew %(count)s department(s)", count=len(drawn)))


class PlanApi(ActionApi):
    @expose("/<int:pk>/draw", methods=["POST"])
    @protect()
    @safe
    @permission_name("write")
    def api_draw(self, pk):
        return self.run_one(pk, lambda p: services.draw_sample(p, p.seed),
                            lambda drawn: {"drawn": [{"id": e.id, "institution_id": e.institution_id}
                                                     for e in drawn]})

    api_draw.__doc__ = action_api_doc("Draw a plan's departments from its recorded seed (once)")


class EvaluationView(ActionView):
    show_template = "bianzhi/supervision/evaluation_show.html"

    @action("finalize", _l("Finalise"), _l("Compute the total and the grade, and freeze this evaluation?"),
            "fa-check", multiple=False)
    def finalize(self, items):
        return self.run_one(items, services.finalize,
                            lambda ev: _l("Total %(total)s, grade %(grade)s", total=ev.total, grade=ev.grade.name))

    @expose("/report/<int:pk>")
    @has_access
    @permission_name("read")
    def report(self, pk):
        ev = self._scoped_item(pk)
        return self.render_template("bianzhi/supervision/evaluation_report.html", ev=ev,
                                    rows=queries.report(ev), title=_l("Evaluation report"),
                                    sources=dict(CHOICES["data_source"]))


class EvaluationApi(ActionApi):
    @expose("/<int:pk>/finalize", methods=["POST"])
    @protect()
    @safe
    @permission_name("write")
    def api_finalize(self, pk):
        return self.run_one(pk, services.finalize,
                            lambda ev: {"id": ev.id, "total": str(ev.total), "grade": ev.grade.name})

    api_finalize.__doc__ = action_api_doc("Finalise an evaluation: computed scores, total and grade")


CAT = "Supervision"
RESOURCES = [
    Resource(Grade, "EvaluationGrade", _l("Grades"), CAT, ["code", "name", "min_score", "is_top"],
             ["code", "name", "min_score", "is_top"], ["code", "name", "min_score", "is_top"],
             search_columns=["code", "name"], order=("min_score", "desc")),
    Resource(IndicatorSystem, "IndicatorSystem", _l("Indicator systems"), CAT, ["name", "status", "published_on"],
             ["name", "description"], ["name", "description"],
             show_columns=["name", "description", "status", "published_on"], search_columns=["name", "status"],
             choices={"status": CHOICES["system_status"]}, view_base=SystemView, api_base=SystemApi,
             api_routes=("api_publish_system",), related=("Indicator",),
             locks=state_locks(locks.system_refusal, locks.system_states, locks.system_refused)),
    Resource(Indicator, "Indicator", _l("Indicators"), CAT, ["system", "code", "name", "parent", "weight", "data_source"],
             ["system", "parent", "code", "name", "weight", "scoring_rule", "data_source"],
             ["system", "parent", "code", "name", "weight", "scoring_rule", "data_source"],
             search_columns=["system", "code", "name", "data_source"], order=("code", "asc"),
             choices={"data_source": CHOICES["data_source"]},
             locks=state_locks(locks.indicator_refusal, locks.indicator_states, locks.published_refused)),
    Resource(EvaluationPlan, "EvaluationPlan", _l("Evaluation plans"), CAT,
             ["year", "name", "system", "sample_size", "seed", "sampled_at"],
             ["year", "name", "system", "sample_size", "seed"], ["year", "name", "system", "sample_size", "seed"],
             search_columns=["year", "name"], order=("year", "desc"), view_base=PlanView, api_base=PlanApi,
             api_routes=("api_draw",), related=("DepartmentEvaluation",)),
    Resource(DepartmentEvaluation, "DepartmentEvaluation", _l("Department evaluations"), CAT,
             ["plan", "institution", "status", "total", "grade", "finalized_on"],
             ["plan", "institution"], ["conclusion"],
             show_columns=["plan", "institution", "status", "total", "grade", "finalized_on", "conclusion"],
             search_columns=["plan", "status", "grade"], choices={"status": CHOICES["evaluation_status"]},
             labels={"institution": _l("Department")},
             lookups=INSTITUTION_LOOKUP, view_base=EvaluationView, api_base=EvaluationApi,
             api_routes=("api_finalize",), related=("IndicatorScore",),
             locks=state_locks(locks.evaluation_refusal, locks.evaluation_states, locks.final_refused)),
    Resource(IndicatorScore, "IndicatorScore", _l("Indicator scores"), CAT, ["evaluation", "indicator", "score", "note"],
             ["evaluation", "indicator", "score", "note"], ["score", "note"],
             search_columns=["evaluation", "indicator"],
             locks=state_locks(locks.score_refusal, locks.score_states, locks.final_refused)),
]


def register(appbuilder) -> None:
    register_category(CAT, _l("Supervision"), "fa-eye")
    register_resources(appbuilder, RESOURCES, LABELS)
