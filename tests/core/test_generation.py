"""The cross-request cache of list pages (issue #12 item 2, ``app.core.generation``): an
answer is never served after the rows it came from changed — a role losing a permission,
a user losing a role, a new reference row, a change made by another process."""
from __future__ import annotations

import json

from sqlalchemy import text

from app.core import generation
from app.core.db import transaction
from app.extensions import db
from app.quota.models import QuotaType
from tests.conftest import login
from tests.factories import make_user

LIST = "/personview/list/"


def _signed_in(app, username="clerk", role="staff"):
    make_user(app, username, role)
    client = app.test_client()
    login(client, username)
    assert client.get(LIST).status_code == 200  # the answers are cached now
    assert client.get(LIST).status_code == 200  # and served from the cache
    return client


def _number(app):
    with app.app_context():
        return db.session.execute(text("SELECT value FROM cache_generation WHERE id = 1")).scalar()


def test_a_permission_removed_from_the_role_is_refused_at_the_next_request(app, ref):
    client = _signed_in(app)
    before = _number(app)
    with app.app_context():
        sm = app.appbuilder.sm
        sm.del_permission_role(sm.find_role("staff"), sm.find_permission_view_menu("can_read", "Person"))
    assert _number(app) != before
    assert client.get(LIST).status_code != 200
    with app.app_context():
        sm = app.appbuilder.sm
        sm.add_permission_role(sm.find_role("staff"), sm.find_permission_view_menu("can_read", "Person"))
    assert client.get(LIST).status_code == 200


def test_a_role_taken_from_the_user_is_refused_at_the_next_request(app, ref):
    client = _signed_in(app)
    with app.app_context():
        sm = app.appbuilder.sm
        user = sm.find_user("clerk")
        user.roles = [sm.find_role("public")] if sm.find_role("public") else []
        sm.update_user(user)
    assert client.get(LIST).status_code != 200


def test_a_change_from_another_process_is_seen(app, ref):
    """Another worker's write moves the number in the database; this process's entry,
    stored under the old number, is not served (here: a permission row deleted with raw
    SQL, then the number moved as that worker's flush would)."""
    client = _signed_in(app)
    with app.app_context():
        sm = app.appbuilder.sm
        pv = sm.find_permission_view_menu("can_read", "Person")
        role = sm.find_role("staff")
        pv_id, role_id = pv.id, role.id
        db.session.remove()
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM ab_permission_view_role WHERE permission_view_id = :p AND role_id = :r"),
                     {"p": pv_id, "r": role_id})
    # Not moved yet: the cache still answers (this is what the number is for)...
    assert client.get(LIST).status_code == 200
    with db.engine.begin() as conn:
        generation.bump(conn)
    # ...moved: refused.
    assert client.get(LIST).status_code != 200
    with db.engine.begin() as conn:
        conn.execute(text("INSERT INTO ab_permission_view_role (id, permission_view_id, role_id) "
                          "VALUES ((SELECT coalesce(max(id), 0) + 1 FROM ab_permission_view_role), :p, :r)"),
                     {"p": pv_id, "r": role_id})
        generation.bump(conn)
    assert client.get(LIST).status_code == 200


def _offers(client, name: str) -> bool:
    html = client.get(LIST).get_data(as_text=True)
    return name in html or json.dumps(name)[1:-1] in html  # the search script escapes it


def test_a_new_reference_row_is_offered_at_the_next_request(app, ref):
    client = _signed_in(app)
    assert _offers(client, "行政编制") and not _offers(client, "工勤编制")
    with app.app_context(), transaction():
        db.session.add(QuotaType(code="worker", name="工勤编制"))
    assert _offers(client, "工勤编制")


def test_the_row_restarted_does_not_meet_old_entries(app, ref):
    """The number's row deleted and made again (a restore) starts at a fresh value."""
    _signed_in(app)
    before = _number(app)
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM cache_generation"))
        generation.bump(conn)
    assert _number(app) not in (None, before)
