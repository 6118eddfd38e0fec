"""The calendar's doors: the administrator's form and API, refusals in both
languages with nothing changed, the to-do, the command line."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from app.core.workdays.models import Holiday
from app.extensions import db
from tests.conftest import api_token, csrf_token, login
from tests.factories import make_user


def count():
    return db.session.scalar(select(func.count()).select_from(Holiday))


def test_the_administrator_adds_a_day_through_the_form(app, client):
    make_user(app, "root", "admin")
    assert login(client, "root").status_code == 302
    token = csrf_token(client, "/workdaycalendarview/add")
    resp = client.post("/workdaycalendarview/add", data={
        "csrf_token": token, "day": "2027-01-01", "day_kind": "off", "name": "元旦"})
    assert resp.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(Holiday.name).where(Holiday.day == dt.date(2027, 1, 1))) == "元旦"


def test_the_api_refuses_a_weekday_work_day_in_both_languages(app, client):
    make_user(app, "root", "admin")
    headers = {"Authorization": f"Bearer {api_token(client, 'root')}"}
    resp = client.post("/api/v1/workdaycalendar/", json={"day": "2027-02-03", "day_kind": "work", "name": "调休"},
                       headers=headers)
    assert resp.status_code == 422
    body = resp.get_json()
    assert "2027-02-03" in body["zh"] and "2027-02-03" in body["en"]
    with app.app_context():
        assert count() == 0


def test_the_missing_year_is_the_administrators_to_do(app_ctx, calendar_years, monkeypatch, client):
    from app.core.workdays import todo
    from app.core.workdays.calendar import years_wanted

    assert years_wanted(dt.date(2026, 11, 30)) == [2026, 2027]  # the arrangement comes out Oct–Dec
    assert years_wanted(dt.date(2026, 3, 2)) == [2026]
    monkeypatch.setattr(todo, "years_wanted", lambda: [2026, 2027])
    make_user(app_ctx, "root", "admin")
    make_user(app_ctx, "staff1", "staff")
    sm = app_ctx.appbuilder.sm
    admin, staff = sm.find_user("root"), sm.find_user("staff1")
    assert [(t.count, t.url) for t in todo.provider(admin)] == [(1, "/workdaycalendarview/list/")]
    assert todo.provider(staff) == []
    assert login(client, "root").status_code == 302
    assert "待录入的年份" in client.get("/").get_data(as_text=True)  # the home page's to-do list
    db.session.add(Holiday(day=dt.date(2027, 1, 1), day_kind="off", name="元旦"))
    db.session.commit()
    assert [t.count for t in todo.provider(admin)] == [0]
    assert "待录入的年份" not in client.get("/").get_data(as_text=True)  # a count of 0 is not shown


def test_the_command_line_refuses_a_missing_year_in_both_languages(app, calendar_years):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["workdays", "add", "2026-12-15", "20"])
    assert result.exit_code == 2
    assert "2027" in result.output and "工作日历" in result.output and "working-day calendar" in result.output
    result = runner.invoke(args=["workdays", "add", "2025-09-26", "20"])
    assert result.exit_code == 0 and result.output.strip() == "2025-10-30"
