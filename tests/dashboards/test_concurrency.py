"""Charts drawn for a leader and a department user at the same time, on real
threads: no number ever crosses from one user's scope to another's."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from tests.conftest import login
from tests.dashboards.fixtures import by_category

THREADS = 4


def test_parallel_charts_keep_each_users_scope(app, world, leader):
    from app.extensions import db

    want = {"leader1": {"行政编制": 10, "事业编制": 5}, "dept": {"行政编制": 5, "事业编制": 5}}
    clients = []  # one logged-in client per thread (a test client is not shared between threads)
    for i in range(THREADS):
        client = app.test_client()
        user = ("leader1", "dept")[i % 2]
        assert login(client, user).status_code == 302
        clients.append((user, client))
    db.session.rollback()  # the test's session must not hold the SQLite write lock

    def attempt(i):
        user, client = clients[i % THREADS]
        return user, by_category(client.get("/dashboards/data/quota_by_type").get_json())

    with ThreadPoolExecutor(THREADS) as pool:
        results = list(pool.map(attempt, range(THREADS * 6)))
    assert len(results) == THREADS * 6
    for user, seen in results:
        assert seen == want[user], user
