"""What waits for a user among the cases (the to-do provider of the home page):
the SQL counts agree with the engine's own rules, case by case, and a
department user counts only cases in its subtree."""
from __future__ import annotations

import re

from sqlalchemy import select

from app.core.db import transaction
from app.extensions import db
from app.justification.cases import services as cases
from app.justification.cases.models import AdjustmentCase
from app.justification.cases.todo import waiting_cases, waiting_countersigns
from app.office.services import divisions_of
from app.workflow import engine
from tests.justification.cases.fixtures import file_case, fire, user, walk_to_office_meeting
from tests.conftest import login


def _cases_at_every_kind_of_step(world):
    """A draft; one in division review (countersign owed by both divisions); one
    where one division has countersigned; a small and a large request at the
    office meeting (the large one goes to the commission); a foreign draft."""
    file_case(world, delta=1)
    for countersigned in (False, True):
        review = file_case(world, delta=2)
        for t, role in (("submit", "department"), ("accept", "staff"), ("start_justification", "staff"),
                        ("to_review", "staff")):
            fire(world, review, t, role)
        if countersigned:
            with transaction():
                cases.countersign(db.session.get(AdjustmentCase, review), world.div_a, user(world, "staff"),
                                  agree=True)
    walk_to_office_meeting(world, file_case(world, delta=3))
    walk_to_office_meeting(world, file_case(world, delta=12))
    file_case(world, delta=1, institution=world.foreign)


def test_counts_agree_with_the_engine_for_every_role(world):
    _cases_at_every_kind_of_step(world)
    every = db.session.execute(select(AdjustmentCase)).scalars().all()
    seen = {}
    for role in ("admin", "staff", "staff2", "leader", "department", "inspector"):
        u = user(world, role)
        movable = sum(1 for case in every if engine.available(case, u))
        owed = sum(1 for case in every
                   if any(sig is None and d.id in divisions_of(u.id) for d, sig in engine.countersign_status(case)))
        seen[role] = (waiting_cases(u), waiting_countersigns(u))
        assert seen[role] == (movable, owed), role
    # the rules are exercised: roles, 一支笔, the amount condition, a countersign given
    assert seen["leader"] == (2, 0)  # both office-meeting cases (sign-off or reject)
    assert seen["staff"][0] == 5  # not the small office-meeting case: only the large one goes to the commission
    assert seen["staff"][1] == 1 and seen["staff2"][1] == 2
    assert seen["inspector"] == (0, 0)


def test_the_home_page_lists_what_waits_within_the_scope(app, world):
    _cases_at_every_kind_of_step(world)
    client = app.test_client()
    assert login(client, "case_dept").status_code == 302
    html = client.get("/").get_data(as_text=True)
    # the department's own draft; the foreign department's draft is not counted
    assert re.search(r"待您办理的事项</a>\s*<span class=\"badge\">1</span>", html), html
    assert "待您处室会签的事项" not in html  # nothing owed: not shown
    staff2 = app.test_client()
    assert login(staff2, "case_staff2").status_code == 302
    html = staff2.get("/").get_data(as_text=True)
    assert re.search(r"待您处室会签的事项</a>\s*<span class=\"badge\">2</span>", html), html
    assert "待办" not in app.test_client().get("/").get_data(as_text=True)


def _page_rows(client):
    html = client.get("/todo/").get_data(as_text=True)
    rows = re.findall(r'<tr class="todo-item">\s*<td><a href="([^"]+)">([^<]*)</a></td>\s*<td>([^<]*)</td>', html)
    return html, rows


def test_the_todo_page_lists_each_roles_items_and_the_badge_agrees(app, world):
    """The 待办 page (issue #11, 2): one row per thing waiting, grouped by kind, linked;
    the menu bar's count equals the rows; a department sees only its own cases."""
    _cases_at_every_kind_of_step(world)
    every = db.session.execute(select(AdjustmentCase)).scalars().all()
    numbers = {case.id: case.number for case in every}
    foreign = {case.id for case in every if case.institution_id == world.foreign}
    for role, username in (("admin", "case_admin"), ("staff", "case_staff"), ("staff2", "case_staff2"),
                           ("leader", "case_leader"), ("department", "case_dept"), ("foreign", "case_foreign"),
                           ("inspector", "case_inspector")):
        client = app.test_client()
        assert login(client, username).status_code == 302
        html, rows = _page_rows(client)
        u = user(world, role)
        # the engine's own rules, within the user's reach (a department: its own subtree)
        reach = [case for case in every if {"department": case.id not in foreign,
                                            "foreign": case.id in foreign}.get(role, True)]
        movable = sorted(case.id for case in reach if engine.available(case, u))
        owed = sorted(case.id for case in reach
                      if any(sig is None and d.id in divisions_of(u.id) for d, sig in engine.countersign_status(case)))
        linked = {"待您办理的事项": [], "待您处室会签的事项": []}
        for url, title, kind in rows:
            found = re.fullmatch(r"/adjustmentcaseview/show/(\d+)", url)
            if found:
                case_id = int(found.group(1))
                assert title.startswith(numbers[case_id]), (role, title)
                linked[kind].append(case_id)
        assert sorted(linked["待您办理的事项"]) == movable, role
        assert sorted(linked["待您处室会签的事项"]) == owed, role
        count = client.get("/todo/count").get_json()["count"]
        assert count == len(rows), (role, count, rows)
        assert f'<span class="badge" id="todo-total">{len(rows)}</span>' in html
        assert 'id="todo-link"' in html  # the menu bar's link to the page
        if role == "department":
            assert movable and not (set(linked["待您办理的事项"]) & foreign)
        if role == "foreign":
            assert set(linked["待您办理的事项"]) == foreign  # its own draft, nothing of 市教育局
        if role == "inspector":
            assert rows == []
    # anonymous: no page, no count
    anonymous = app.test_client()
    assert anonymous.get("/todo/").status_code in (302, 401, 403)
    assert anonymous.get("/todo/count").status_code in (302, 401, 403)


def test_the_todo_page_groups_by_kind_and_dates_each_item(app, world):
    _cases_at_every_kind_of_step(world)
    client = app.test_client()
    assert login(client, "case_staff2").status_code == 302
    html, rows = _page_rows(client)
    groups = re.findall(r'<div class="panel-heading">([^<]*) <span class="badge">(\d+)</span>', html)
    assert [kind.strip() for kind, _ in groups] == sorted({kind for _, _, kind in rows}, key=[k for k, _ in groups].index)
    assert sum(int(n) for _, n in groups) == len(rows)
    # since when: the moment the case entered its state, local time to the minute
    assert re.search(r"<td>\d{4}-\d{2}-\d{2} \d{2}:\d{2}</td>", html)
