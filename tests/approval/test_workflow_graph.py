"""流程图 (issue #16 §4): the workflow settings drawn from the states' and
transitions' tables, labelled as people read them (roles, conditions,
countersigning divisions), and the picture follows an edit of the tables."""
from __future__ import annotations

import json
import re
from html import unescape

import pytest
from sqlalchemy import select

from app.approval.workflow_graph import graph
from app.core.db import transaction
from app.extensions import db
from app.workflow.models import Workflow, WorkflowState, WorkflowTransition
from tests.conftest import login
from tests.justification.cases.fixtures import make_world


@pytest.fixture()
def world(app, app_ctx):
    return make_world(app)


def drawn(client, url="/workflowview/graph/"):
    resp = client.get(url)
    assert resp.status_code == 200, resp.status_code
    html = resp.get_data(as_text=True)
    match = re.search(r'id="workflow-graph"[^>]*data-graph="([^"]*)"', html)
    return json.loads(unescape(match.group(1))), html


def test_the_demo_workflow_drawn_with_labels(app, world):
    client = app.test_client()
    assert login(client, "case_staff").status_code == 302
    data, html = drawn(client)
    workflow = db.session.execute(select(Workflow).where(Workflow.active.is_(True))).scalars().first()
    states = db.session.execute(select(WorkflowState).where(WorkflowState.workflow_id == workflow.id)).scalars().all()
    transitions = db.session.execute(select(WorkflowTransition)
                                     .where(WorkflowTransition.workflow_id == workflow.id)).scalars().all()
    assert sorted(n["name"] for n in data["nodes"]) == sorted(s.name for s in states)
    assert len(data["links"]) == len(transitions)
    # Roles by their labels, never their codes; countersigning divisions by name.
    all_roles = " ".join(link["roles"] for link in data["links"])
    assert "处室经办人" in all_roles and not re.search(r"\b(staff|leader|department|admin)\b", all_roles)
    details = " ".join(" ".join(n["details"]) for n in data["nodes"])
    assert "机关编制处" in details
    assert "echarts.min.js" in html and "workflow_graph.js" in html
    assert "流程图" in client.get("/workflowstateview/list/").get_data(as_text=True)  # the menu entry


def test_the_picture_follows_the_tables(app, world):
    with transaction():
        t = db.session.execute(select(WorkflowTransition).order_by(WorkflowTransition.id)).scalars().first()
        t.case_types = "staffing_increase"
        t.min_amount = 5
        name = t.name
    data = graph(db.session.get(Workflow, t.workflow_id))
    link = next(link for link in data["links"] if link["name"] == name)
    assert any("案件类型" in c and "staffing_increase" not in c for c in link["conditions"])
    assert "数额不少于 5" in link["conditions"]


def test_who_sees_it(app, world):
    dept = app.test_client()
    login(dept, "case_dept")
    assert dept.get("/workflowview/graph/").status_code in (302, 403)
    leader = app.test_client()
    login(leader, "case_leader")
    assert leader.get("/workflowview/graph/99999").status_code == 404
    leader.get("/lang/en")
    data, _html = drawn(leader)
    assert "Office staff" in " ".join(link["roles"] for link in data["links"])


def test_transition_form_offers_roles_by_label(app, world):
    admin = app.test_client()
    login(admin, "case_admin")
    html = admin.get("/workflowtransitionview/add").get_data(as_text=True)
    options = re.findall(r'<option[^>]*value="\d+"[^>]*>([^<]+)</option>', html)
    assert "处室经办人" in options and "staff" not in options
