"""Charts drawn for a leader and a department user at the same time, on real
threads: no number ever crosses from one user's scope to another's."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from tests.conftest import login
from tests.dashboards.fixtures import by_category


def test_parallel_charts_keep_each_users_scope(app, world, leader):
    from app.extensions import db

    db.session.rollback()  # the test's session must not hold the SQLite write lock
    want = {"leader": {"行政编制": 10, "事业编制": 5}, "dept": {"行政编制": 5, "事业编制": 5}}

    def attempt(i):
        who = ("leader", "dept")[i % 2]
        client = app.test_client()
        assert login(client, {"leader": "leader1", "dept": "dept"}[who]).status_code == 302
        data = client.get("/dashboards/data/quota_by_type").get_json()
        return who, by_category(data)

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(attempt, range(32)))
    assert len(results) == 32
    for who, seen in results:
        assert seen == want[who], who
