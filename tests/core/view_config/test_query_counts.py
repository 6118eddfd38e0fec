"""A list reads the configurations of the user's roles at most once per request (none when
served again while nothing changed: ``app.core.generation``), configured or not: a
configuration adds no statement, whatever the page holds."""
from __future__ import annotations

from tests.core.view_config.conftest import configure, logged_in, statements_for
from tests.factories import new_institution, new_person, give_quota


def test_a_configuration_is_read_once_per_request(app, people):
    staff = logged_in(app, "staff1")
    url = "/personview/list/"
    built_in = statements_for(app, staff, url, again=True)
    configure("Person", "staff", list_columns=["name", "institution", "birth_date", "rank"], page_size=50,
              filters=[("name", "ct", "老")], labels={"name": {"zh": "职工姓名"}})
    configured = statements_for(app, staff, url, again=True)
    for i in range(20):
        inst = new_institution(people["ref"], f"单位{i}")
        give_quota(inst, people["ref"].admin_q, 1)
        new_person(inst, people["ref"].admin_q, name=f"李老{i}")
    assert statements_for(app, staff, url, again=True) == configured == built_in
    # the export and a page with related lists (an institution's) read it once too
    export = statements_for(app, staff, "/personview/export/", again=True)
    configure("Person", "staff", list_columns=["name"])
    assert statements_for(app, staff, "/personview/export/", again=True) == export
    show = statements_for(app, staff, f"/institutionview/show/{people['edu']}", again=True)
    configure("QuotaAllocation", "staff", list_columns=["quota_type", "approved"])
    assert statements_for(app, staff, f"/institutionview/show/{people['edu']}", again=True) == show
