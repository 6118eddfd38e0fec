"""The list's "starts with" / "contains" text filters without lower() (issue #12 item 2,
``app.core.text_filters``): the same rows as before, and SQL an index can serve."""
from __future__ import annotations

from sqlalchemy import event

from app.extensions import db
from tests.conftest import login
from tests.factories import give_quota, make_user, new_institution, new_person

NAMES = ["王建军", "王芳", "李建军", "张王", "Wang Li", "100%王"]


def _listed(client, args: str, sql: list[str]) -> set[str]:
    with client.application.app_context():
        engine = db.engine

    def seen(_conn, _cursor, statement, *_rest):
        sql.append(statement)

    event.listen(engine, "before_cursor_execute", seen)
    try:
        html = client.get(f"/personview/list/?{args}").get_data(as_text=True)
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    return {name for name in NAMES if name in html}


def _world(app, ref):
    inst = new_institution(ref, "单位", within_cap=False)
    give_quota(inst, ref.admin_q, len(NAMES))
    for name in NAMES:
        new_person(inst, ref.admin_q, name=name)
    make_user(app, "clerk", "staff")
    client = app.test_client()
    login(client, "clerk")
    return client


def test_starts_with_and_contains_give_the_same_rows_without_lower(app, ref):
    client = _world(app, ref)
    sql: list[str] = []
    assert _listed(client, "_flt_0_name=王", sql) == {"王建军", "王芳"}
    assert _listed(client, "_flt_2_name=建军", sql) == {"王建军", "李建军"}
    assert _listed(client, "_flt_2_name=%王", sql) == {"100%王"}  # % is a letter, not a wildcard
    filtered = [s for s in sql if "FROM person" in s and "LIKE" in s.upper()]
    assert filtered and not any("lower(" in s.lower() for s in filtered), filtered


def test_text_with_cased_letters_stays_case_insensitive(app, ref):
    client = _world(app, ref)
    assert _listed(client, "_flt_0_name=wang", []) == {"Wang Li"}
    assert _listed(client, "_flt_2_name=LI", []) == {"Wang Li"}
