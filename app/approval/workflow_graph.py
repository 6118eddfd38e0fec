"""流程图: the workflow settings drawn as a graph (issue #16 §4) — its states as
nodes, its transitions as arrows, each labelled as people read it: state and
transition names, the roles that may act (系统管理员, not ``admin``), the
conditions (case types by their labels, the amount range), the divisions that
countersign a state and its time limit.  Drawn by ECharts (served from this
origin, ``echarts_static``) from the JSON this builds; editing stays in the
states' and transitions' tables, and the picture reads them as they are.
"""
from __future__ import annotations

from flask import abort, url_for
from flask_appbuilder import expose, has_access
from flask_appbuilder.security.decorators import permission_name
from flask_babel import gettext
from sqlalchemy import select

from app.core.views import METHOD_PERMISSIONS, DomainModelView
from app.extensions import db
from app.justification.cases.labels import CHOICES as CASE_CHOICES
from app.roles import role_label
from app.workflow.models import Workflow, WorkflowState, WorkflowTransition

COLUMN_GAP, ROW_GAP = 220, 140


def _name(obj) -> str:
    from app.core.messages import current_lang

    return (obj.name_en if current_lang() == "en" and obj.name_en else obj.name) or ""


def conditions(t: WorkflowTransition) -> list[str]:
    """A transition's conditions in words; none: it applies to every case."""
    types = dict(CASE_CHOICES["case_type"])
    out = []
    if t.case_type_list:
        out.append(gettext("Case types") + ": " + "、".join(str(types.get(c, c)) for c in t.case_type_list))
    if t.min_amount is not None:
        out.append(gettext("Amount at least %(n)s", n=t.min_amount))
    if t.max_amount is not None:
        out.append(gettext("Amount at most %(n)s", n=t.max_amount))
    return out


def graph(workflow: Workflow) -> dict:
    """{"nodes": […], "links": […]} for ECharts' graph series, laid out by the states' order:
    a row of columns, the initial state first, the final states on a second row."""
    states = list(db.session.execute(select(WorkflowState).where(WorkflowState.workflow_id == workflow.id)
                                     .order_by(WorkflowState.sort, WorkflowState.id)).scalars())
    transitions = list(db.session.execute(select(WorkflowTransition)
                                          .where(WorkflowTransition.workflow_id == workflow.id)
                                          .order_by(WorkflowTransition.sort, WorkflowTransition.id)).scalars())
    nodes, column = [], 0
    finals = 0
    for s in states:
        if s.is_final:
            x, y, finals = (finals + 1) * COLUMN_GAP, ROW_GAP * 2, finals + 1
        else:
            x, y, column = column * COLUMN_GAP, 0 if column % 2 == 0 else ROW_GAP, column + 1
        details = []
        if s.countersign_divisions:
            details.append(gettext("Countersign") + ": " + "、".join(d.name for d in s.countersign_divisions))
        if s.time_limit_days:
            details.append(gettext("Time limit: %(n)s working days", n=s.time_limit_days))
        kind = "initial" if s.is_initial else "final" if s.is_final else "step"
        nodes.append({"id": str(s.id), "name": _name(s), "x": x, "y": y, "kind": kind, "details": details})
    links = []
    for t in transitions:
        who = "、".join(role_label(r.name) for r in t.roles) or gettext("Nobody")
        links.append({"source": str(t.from_state_id), "target": str(t.to_state_id), "name": _name(t),
                      "roles": who, "conditions": conditions(t), "signoff": bool(t.is_signoff),
                      # a way back (退回) curves the other way, so it does not hide the way forward
                      "back": _index(nodes, t.to_state_id) < _index(nodes, t.from_state_id)})
    return {"nodes": nodes, "links": links}


def _index(nodes: list[dict], state_id: int) -> int:
    return next((i for i, n in enumerate(nodes) if n["id"] == str(state_id)), len(nodes))


class WorkflowViewBase(DomainModelView):
    """The workflow's table pages and its picture (``/workflowview/graph/<pk>``)."""

    method_permission_name = {**METHOD_PERMISSIONS, "graph": "read"}

    @expose("/graph/")
    @expose("/graph/<int:pk>")
    @has_access
    @permission_name("read")
    def graph(self, pk=None):
        """The workflow ``pk``; without one, the first active workflow (the menu's 流程图)."""
        asked = pk is not None
        if pk is None:
            pk = db.session.scalar(select(Workflow.id).order_by(Workflow.active.desc(), Workflow.id).limit(1))
        workflow = self.datamodel.get(pk, self._base_filters) if pk is not None else None
        if workflow is None and asked:
            abort(404)
        # No workflow defined yet (a fresh installation): the menu's page says so, not a 404.
        return self.render_template("bianzhi/workflow_graph.html", workflow=workflow,
                                    graph=graph(workflow) if workflow is not None else None,
                                    states_url=url_for("WorkflowStateView.list"),
                                    transitions_url=url_for("WorkflowTransitionView.list"),
                                    title=gettext("Workflow diagram"))
