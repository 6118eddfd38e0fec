"""The dashboards' test world: the quota tests' department world (市教育局 ⊃ 青岛二中,
市财政局 beside), a leader, and chart helpers reading the JSON endpoints."""
from __future__ import annotations

import re

import pytest

from tests.conftest import login
from tests.factories import make_user


def chart(client, key: str, **args) -> dict:
    resp = client.get(f"/dashboards/data/{key}", query_string=args)
    assert resp.status_code == 200, (key, resp.status_code)
    return resp.get_json()


def by_category(data: dict, series: int = 0) -> dict:
    return dict(zip(data["categories"], data["series"][series]["data"]))


def record_count(client, url: str) -> int:
    """The row count a list page shows (FAB's 记录数 line)."""
    html = client.get(url).get_data(as_text=True)
    match = re.search(r"(?:记录数|Record Count):</strong>\s*(\d+)", html)
    return int(match.group(1)) if match else 0


@pytest.fixture()
def leader(app, world):
    make_user(app, "leader1", "leader")
    client = app.test_client()
    assert login(client, "leader1").status_code == 302
    return client
