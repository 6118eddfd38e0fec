"""Saving a view configuration (issue #16 §1): only the resource's own columns, never
a masked field as a sort, filter or search for a role that sees it masked; a refusal
says why in zh and en and leaves the database unchanged; a reset returns to the
built-in list; a user with several roles follows its first configured role."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from app.core.errors import DomainError
from app.core.view_config.lookup import role_order
from app.core.view_config.models import ViewConfig
from app.extensions import db
from tests.conftest import csrf_token
from tests.core.view_config.conftest import configure, headers, logged_in


def saved_rows():
    db.session.expire_all()
    return [(r.resource, r.role_id, r.list_columns, r.order_column, r.search_columns, r.filters, r.labels)
            for r in db.session.execute(select(ViewConfig).order_by(ViewConfig.id)).scalars()]


@pytest.mark.parametrize("fields, key", [
    (dict(list_columns=["name", "password"]), "view_config.not_a_column"),
    (dict(list_columns=["name", "institution.region"]), "view_config.not_a_column"),
    (dict(list_columns=["name", "name"]), "view_config.duplicate_column"),
    (dict(labels={"created_by": {"zh": "x"}}), "view_config.not_a_column"),
    (dict(search_columns=["birth_date"]), "view_config.not_searchable"),
    (dict(order_column="id_number"), "view_config.masked"),
    (dict(search_columns=["name", "id_number"]), "view_config.masked"),
    (dict(filters=[("id_number", "ct", "3702")]), "view_config.masked"),
    (dict(filters=[("name", "nope", "x")]), "view_config.bad_filter"),
    (dict(filters=[("quota_type", "rel_o_m", "abc")]), "view_config.bad_filter"),
    (dict(page_size=101), "view_config.bad_page_size"),
    (dict(labels={"name": {"zh": "长" * 101}}), "view_config.bad_label"),
])
def test_a_refusal_names_the_rule_and_changes_nothing(app, people, fields, key):
    configure("Person", "leader", list_columns=["name"])
    before = saved_rows()
    with pytest.raises(DomainError) as err:
        configure("Person", "leader", **fields)
    assert err.value.key == key
    assert err.value.message("zh") != err.value.message("en") and "{" not in err.value.message("en")
    assert saved_rows() == before


def test_a_role_that_sees_id_numbers_whole_may_search_them(app, people):
    configure("Person", "staff", list_columns=["name", "id_number"], order_column="id_number",
              search_columns=["id_number"], filters=[("id_number", "ct", "3702")])
    assert len(saved_rows()) == 1


def test_the_admin_page_shows_the_refusal_and_saves_nothing(app, people):
    admin = logged_in(app, "admin1")
    url = "/viewconfig/edit/Person/leader"
    page = admin.get(url)
    assert page.status_code == 200 and "公民身份号码" in page.get_data(as_text=True)
    token = csrf_token(admin, url)
    resp = admin.post(url, data={"csrf_token": token, "show": ["name", "id_number"], "search": ["id_number"]})
    assert resp.status_code == 422
    assert "掩码" in resp.get_data(as_text=True)
    assert saved_rows() == []
    resp = admin.post(url, data={"csrf_token": token, "show": ["id_number", "name"], "pos_name": "1", "pos_id_number": "2",
                                 "zh_name": "人员姓名", "order_column": "name", "order_direction": "desc",
                                 "page_size": "10", "filter_0": "status|eq", "filter_value_0": "active"})
    assert resp.status_code == 302
    row = db.session.execute(select(ViewConfig)).scalar_one()
    assert (row.list_columns, row.order_column, row.order_direction, row.page_size, row.filters, row.labels) == (
        ["name", "id_number"], "name", "desc", 10, [["status", "eq", "active"]], {"name": {"zh": "人员姓名"}})
    assert "人员姓名" in admin.get(url).get_data(as_text=True)
    assert "/viewconfig/edit/Person/leader" in admin.get("/viewconfig/").get_data(as_text=True)


def test_reset_returns_to_the_built_in_list(app, people):
    configure("Person", "leader", list_columns=["birth_date", "name"])
    leader = logged_in(app, "lead1")
    assert headers(leader.get("/personview/list/").get_data(as_text=True))[-2:] == ["出生日期", "姓名"]
    admin = logged_in(app, "admin1")
    url = "/viewconfig/edit/Person/leader"
    resp = admin.post("/viewconfig/reset/Person/leader", data={"csrf_token": csrf_token(admin, url)})
    assert resp.status_code == 302 and saved_rows() == []
    shown = headers(leader.get("/personview/list/").get_data(as_text=True))
    assert "出生日期" not in shown and shown[-8:] == ["姓名", "公民身份号码", "性别", "机构", "编制类型", "岗位", "职级", "状态"]


def test_several_roles_follow_the_first_configured_one(app, people):
    from app.core.db import transaction

    assert role_order()[:3] == ("admin", "staff", "leader")
    configure("Person", "leader", list_columns=["name", "rank"])
    from flask_appbuilder.security.sqla.models import Role, User, assoc_user_role

    db.session.rollback()
    with transaction():
        user_id = db.session.execute(select(User.id).where(User.username == "staff1")).scalar_one()
        role_id = db.session.execute(select(Role.id).where(Role.name == "leader")).scalar_one()
        db.session.execute(assoc_user_role.insert().values(user_id=user_id, role_id=role_id))
    both = logged_in(app, "staff1")
    # staff has no configuration: the leader's applies
    assert headers(both.get("/personview/list/").get_data(as_text=True))[-2:] == ["姓名", "职级"]
    configure("Person", "staff", list_columns=["post", "name"])
    # staff comes before leader: its configuration wins, whole (no union of columns)
    shown = headers(both.get("/personview/list/").get_data(as_text=True))
    assert shown[-2:] == ["岗位", "姓名"] and "职级" not in shown


def test_saves_and_resets_are_audited(app, people):
    from app.core.audit import AuditLog
    from app.core.db import transaction
    from app.core.view_config import services

    configure("Person", "leader", list_columns=["name"])
    with transaction():
        assert services.reset("Person", "leader") == 1
    db.session.expire_all()
    ops = db.session.execute(select(AuditLog.action).where(AuditLog.object_type == "ViewConfig")
                             .order_by(AuditLog.id)).scalars().all()
    assert ops == ["create", "delete"]
