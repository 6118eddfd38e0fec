"""Spot-check pages: the item list, the inspector pool, plans (with their freeze,
draw and publish steps), draws, tasks; the inspectors' own task page; the
public page (no login) with every draw's inputs, so anyone can re-run it."""
from __future__ import annotations

import datetime as dt

from flask import g, redirect, request, url_for
from flask_appbuilder import BaseView, expose, has_access
from flask_appbuilder.security.decorators import permission_name
from flask_babel import lazy_gettext as _l

from app.core.actors import actor_label
from app.core.labels import COMMON, merge
from app.core.resources import Resource, choice_label, register_category, register_resources
from app.core.views import METHOD_PERMISSIONS, DomainModelView
from app.quota.labels import CATALOGUE as QUOTA
from app.supervision.spot_checks import queries, results, services
from app.supervision.spot_checks.labels import CATALOGUE, CHOICES
from app.supervision.spot_checks.models import SpotDraw, SpotInspector, SpotItem, SpotPlan, SpotTask

LABELS = merge(COMMON, QUOTA, CATALOGUE)
PLAN_PERMISSIONS = {**METHOD_PERMISSIONS, "freeze": "draw", "draw": "draw", "publish": "draw"}


def _today() -> dt.date:
    return dt.date.today()


class SpotPlanViewBase(DomainModelView):
    """A plan's page carries its three recorded steps: freeze the inputs with the
    seed, run the draw, publish the recorded results."""
    method_permission_name = PLAN_PERMISSIONS
    show_template = "bianzhi/spot_checks/plan_show.html"

    @expose("/show/<pk>", methods=["GET"])
    @has_access
    def show(self, pk):
        plan = self._scoped_item(pk)
        widgets = self._show(pk)
        return self.render_template(self.show_template, pk=pk, title=self.show_title, widgets=widgets,
                                    related_views=self._related_views, plan=plan, draw=queries.draw_of(plan),
                                    can=self.appbuilder.sm.has_access)

    def _step(self, pk, work, done):
        plan = self._scoped_item(pk)
        self.run_flashing(lambda: work(plan), lambda _r: self.now_at(done, plan))
        return redirect(url_for(f"{type(self).__name__}.show", pk=pk))

    @expose("/freeze/<int:pk>", methods=["POST"])
    @has_access
    @permission_name("draw")
    def freeze(self, pk):
        form = request.form
        return self._step(pk, lambda plan: services.freeze_draw(
            plan, seed=form.get("seed", ""), seed_source=form.get("seed_source", ""), today=_today()),
            _l("Inputs frozen and hashed; the seed is recorded."))

    @expose("/draw/<int:pk>", methods=["POST"])
    @has_access
    @permission_name("draw")
    def draw(self, pk):
        return self._step(pk, lambda plan: services.run_draw(queries.draw_of(plan) or _missing(plan), today=_today()),
                          _l("Drawn."))

    @expose("/publish/<int:pk>", methods=["POST"])
    @has_access
    @permission_name("draw")
    def publish(self, pk):
        return self._step(pk, lambda plan: results.publish_results(queries.draw_of(plan) or _missing(plan)),
                          _l("Results published."))


def _missing(plan):
    from app.core.errors import Conflict

    raise Conflict("spot.not_frozen", plan=plan.code)


ITEM_COLUMNS = ["code", "matter", "basis", "checked_subject", "check_content", "method"]
PLAN_COLUMNS = ["code", "name", "year", "spot_item", "sample_ratio", "per_target", "publicity_ends_on", "pool_root"]
DRAW_COLUMNS = ["plan", "algorithm", "seed", "seed_source", "frozen_at", "frozen_by", "candidate_count",
                "candidates_hash", "inspectors_hash", "target_count", "drawn_at", "result_hash", "publish_due_on"]

RESOURCES = [
    Resource(SpotItem, "SpotItem", _l("Spot-check items"), "Supervision", ["code", "matter", "method"],
             ITEM_COLUMNS, ITEM_COLUMNS, search_columns=["code", "matter", "method"],
             choices={"method": CHOICES["method"]}),
    Resource(SpotInspector, "SpotInspector", _l("Inspector pool"), "Supervision",
             ["name", "user", "active", "affiliations"], ["name", "user", "active", "affiliations"],
             ["name", "user", "active", "affiliations"], search_columns=["name"]),
    Resource(SpotPlan, "SpotPlan", _l("Spot-check plans"), "Supervision",
             ["code", "name", "year", "spot_item", "sample_ratio", "status"], PLAN_COLUMNS, PLAN_COLUMNS,
             show_columns=PLAN_COLUMNS + ["status"], search_columns=["code", "name", "year", "status"],
             order=("id", "desc"), formatters={"status": choice_label(CHOICES["plan_status"])},
             labels={"status": _l("Status")}, view_base=SpotPlanViewBase, action_permissions=["can_draw"]),
    Resource(SpotDraw, "SpotDraw", _l("Draws"), "Supervision",
             ["plan", "seed", "candidate_count", "target_count", "drawn_at", "publish_due_on"],
             show_columns=DRAW_COLUMNS, order=("id", "desc"), search_columns=["plan"], delete=False,
             formatters={"frozen_by": actor_label}),
    Resource(SpotTask, "SpotTask", _l("Spot-check tasks"), "Supervision",
             ["draw", "institution", "inspector_names", "outcome", "published_at", "overdue"],
             show_columns=["draw", "institution", "inspector_names", "outcome", "notes", "recorded_at",
                           "recorded_by", "published_at", "overdue"],
             search_columns=["draw", "institution", "outcome"], choices={"outcome": CHOICES["outcome"]},
             computed=("inspector_names", "overdue"), delete=False, formatters={"recorded_by": actor_label}),
]


class SpotInspectionView(BaseView):
    """The inspector's own page: the tasks drawn to them, and the form to record a result."""
    route_base = "/spotchecks/mine"
    default_view = "mine"
    class_permission_name = "SpotInspection"
    method_permission_name = {"mine": "read", "record": "write"}
    base_permissions = ["can_read", "can_write"]

    @expose("/")
    @has_access
    def mine(self):
        inspector = results.inspector_of(g.user)
        return self.render_template("bianzhi/spot_checks/mine.html", inspector=inspector,
                                    tasks=queries.tasks_of(inspector), outcome=choice_label(CHOICES["outcome"]))

    @expose("/record/<int:task_id>", methods=["POST"])
    @has_access
    def record(self, task_id):
        from flask import abort, flash

        from app.core.db import transaction
        from app.core.errors import DomainError
        from app.extensions import db

        task = db.session.get(SpotTask, task_id)
        if task is None:
            abort(404)
        try:
            with transaction():
                results.record_result(task, inspector=results.inspector_of(g.user), outcome=request.form.get("outcome", ""),
                                      notes=request.form.get("notes", ""))
            flash(str(_l("Result recorded.")), "success")
        except DomainError as err:
            flash(str(err), "danger")
        return redirect(url_for("SpotInspectionView.mine"))


class SpotCheckPublicView(BaseView):
    """双随机、一公开: plans, every draw's inputs (seed, source, frozen lists and their
    hashes, algorithm version) and published results, for anyone, without login."""
    route_base = "/public/spotchecks"
    default_view = "index"

    @expose("/")
    def index(self):
        return self.render_template("bianzhi/spot_checks/public_index.html", plans=queries.public_plans(),
                                    status=choice_label(CHOICES["plan_status"]))

    @expose("/draw/<int:draw_id>")
    def show_draw(self, draw_id):
        draw = queries.public_draw(draw_id)
        return self.render_template("bianzhi/spot_checks/public_draw.html", draw=draw,
                                    tasks=queries.published_tasks(draw), method=choice_label(CHOICES["method"]),
                                    outcome=choice_label(CHOICES["outcome"]))

    @expose("/draw/<int:draw_id>/inputs.json")
    def inputs(self, draw_id):
        from flask import jsonify

        return jsonify(queries.draw_inputs(queries.public_draw(draw_id)))


PUBLIC_LINK_LABEL = _l("Spot checks (双随机、一公开)")


def register(appbuilder) -> None:
    from app.core.portal import Link, register as portal_register

    register_category("Supervision", _l("Supervision"), "fa-eye")
    register_resources(appbuilder, RESOURCES, LABELS)
    appbuilder.add_view(SpotInspectionView, "SpotInspectionMine", label=_l("My spot-check tasks"),
                        category="Supervision")
    appbuilder.add_view_no_menu(SpotCheckPublicView)
    portal_register(Link(PUBLIC_LINK_LABEL, "SpotCheckPublicView.index",
                         _l("Plans, draws with their inputs, and published results")))
