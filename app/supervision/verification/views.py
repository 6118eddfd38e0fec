"""The rules (parameters and cron, editable; "run now") and their runs, on the
page and the REST API.  Findings the runs open are on the findings' pages."""
from __future__ import annotations

from flask import flash, g, redirect
from flask_appbuilder import expose
from flask_appbuilder.actions import action
from flask_appbuilder.api import protect, safe
from flask_appbuilder.security.decorators import permission_name
from flask_babel import lazy_gettext as _l

from app.core.errors import DomainError, NotFound
from app.core.labels import COMMON, merge
from app.core.resources import Resource, register_category, register_resources
from app.core.views import METHOD_PERMISSIONS, DomainApi, DomainModelView
from app.extensions import db
from app.supervision.verification import engine
from app.supervision.verification.labels import CATALOGUE, CHOICES
from app.supervision.verification.models import VerificationRule, VerificationRun

LABELS = merge(COMMON, CATALOGUE)
RULE_PERMISSIONS = {**METHOD_PERMISSIONS, "run_now": "run", "api_run": "run"}


def _run(rule_ids: list[int]) -> list[int]:
    user = getattr(g, "user", None)
    codes = [code for (code,) in db.session.query(VerificationRule.code).filter(VerificationRule.id.in_(rule_ids))]
    return engine.run_all(node=f"user:{getattr(user, 'username', 'web')}", trigger="manual", codes=codes)


class VerificationRuleViewBase(DomainModelView):
    method_permission_name = RULE_PERMISSIONS
    lookup_column = "name"

    @action("run_now", _l("Run now"), _l("Run the selected rules now?"), "fa-play", single=False)
    def run_now(self, items):
        """立即执行: each selected rule runs once, its findings opened and resolved."""
        items = items if isinstance(items, list) else [items]
        try:
            runs = _run([item.id for item in items])
        except DomainError as err:
            flash(str(err), "danger")
        else:
            failed = db.session.query(VerificationRun).filter(VerificationRun.id.in_(runs),
                                                              VerificationRun.status == "failed").count()
            flash(str(_l("%(count)s rule(s) run, %(failed)s failed", count=len(runs), failed=failed)),
                  "warning" if failed else "success")
        return redirect(self.get_redirect())


class VerificationRuleApiBase(DomainApi):
    method_permission_name = RULE_PERMISSIONS

    @expose("/<int:pk>/run", methods=["POST"])
    @protect()
    @safe
    @permission_name("run")
    def api_run(self, pk):
        """Run a verification rule now.
        ---
        post:
          summary: Run one rule now (a manual run); its findings are opened and resolved
          parameters:
          - in: path
            name: pk
            schema: {type: integer}
            required: true
          responses:
            200:
              description: The run (status, counts, error)
            409:
              description: The same period was claimed by another request
            404:
              $ref: '#/components/responses/404'
        """
        rule = self.datamodel.get(pk, self._base_filters)
        if rule is None:
            return self._refusal(NotFound("write.not_found", object=f"verification rule {pk}"))
        try:
            runs = _run([rule.id])
        except DomainError as err:
            return self._refusal(err)
        if not runs:  # the same period claimed by another request this very instant
            return self.response(409, message="this period has run already")
        run = db.session.get(VerificationRun, runs[0])
        return self.response(200, id=run.id, status=run.status, problems=run.problems, opened=run.opened,
                             resolved=run.resolved, error=run.error)


RUN_COLUMNS = ["rule", "period", "trigger", "node", "started_at", "ended_at", "status", "problems", "opened",
               "resolved"]
RUN_LABEL = _l("Verification runs")
# a rule's parameters by their names, never their keys (issue #11)
PARAM_LABELS = {"grace_days": _l("Grace (days)"), "years": _l("Years back"), "days": _l("Within (days)"),
                "tolerance": _l("Tolerance (persons)")}


def params_label(value) -> str:
    """``{"grace_days": 0, "years": 1}`` → 宽限天数 0，追溯年数 1; text that is not a JSON object as it is."""
    import json

    try:
        params = json.loads(value or "{}")
    except ValueError:
        return str(value)
    if not isinstance(params, dict):
        return str(value)
    return "，".join(f"{PARAM_LABELS.get(k, k)} {v}" for k, v in params.items())


RESOURCES = [
    Resource(VerificationRule, "VerificationRule", _l("Verification rules"), "Supervision",
             ["code", "name", "cron", "enabled", "deadline_days", "params"], None,
             ["name", "name_en", "description", "params", "cron", "enabled", "deadline_days"],
             show_columns=["code", "name", "name_en", "description", "params", "cron", "enabled", "deadline_days"],
             search_columns=["code", "name", "enabled"], delete=False, view_base=VerificationRuleViewBase,
             formatters={"params": params_label},
             api_base=VerificationRuleApiBase, action_permissions=["can_run"], api_routes=("api_run",),
             related=("VerificationRun",)),
    Resource(VerificationRun, "VerificationRun", RUN_LABEL, "Supervision", RUN_COLUMNS,
             show_columns=RUN_COLUMNS + ["error"], search_columns=["rule", "period", "status", "started_at"],
             order=("id", "desc"), choices={"status": CHOICES["run_status"], "trigger": CHOICES["run_trigger"]},
             delete=False),
]


def register(appbuilder) -> None:
    register_category("Supervision", _l("Supervision"), "fa-eye")
    register_resources(appbuilder, RESOURCES, LABELS)
