"""The chart builder: definitions validated on every door and stored as data, a
dashboard shown only to its roles and over each user's own scope, a role's landing page."""
from __future__ import annotations

import html
import re

import pytest
from sqlalchemy import func, select

from app.core.db import transaction
from app.core.errors import DomainError
from app.dashboards import services
from app.dashboards.models import ChartDefinition, Dashboard
from app.extensions import db
from tests.conftest import api_token, csrf_token, login
from tests.factories import make_user

GOOD = dict(name="人员按编制类型", dataset="persons", dimension="quota_type", aggregate="count", chart_type="bar",
            sort="key")


def _count() -> int:
    db.session.rollback()
    return db.session.scalar(select(func.count(ChartDefinition.id)))


@pytest.fixture()
def admin(app, world):
    make_user(app, "admin1", "admin")
    client = app.test_client()
    assert login(client, "admin1").status_code == 302
    return client


BAD = [
    ({"dimension": "salary"}, "dataset.unknown_dimension", "没有可分组的列 salary"),
    ({"aggregate": "sum", "measure": "name"}, "dataset.unknown_measure", "没有可计算的数值列 name"),
    ({"dataset": "allocations", "aggregate": "avg", "measure": None}, "dataset.measure_needs_column", "avg"),
    ({"dataset": "ab_user"}, "dataset.unknown", "ab_user"),
    ({"bucket": "month"}, "dataset.bucket_not_date", "quota_type"),
    ({"filters": "status active"}, "chart.filter_syntax", "第 1 行"),
    ({"filters": "password_hash = x"}, "dataset.unknown_dimension", "password_hash"),
    ({"chart_type": "stacked_bar"}, "chart.stack_needs_split", "堆叠"),
    ({"split": "quota_type", "chart_type": "stacked_bar"}, "dataset.split_same", "quota_type"),
    ({"filters": "quota_type = abc"}, "dataset.filter_not_number", "abc"),
    ({"filters": "entry_date >= yesterday"}, "dataset.filter_not_date", "yesterday"),
    ({"row_limit": 100000}, "dataset.limit_range", "100000"),
    ({"sort": "id desc"}, "dataset.unknown_sort", "id desc"),
]


@pytest.mark.parametrize("change,key,words", BAD)
def test_a_bad_definition_is_refused_by_name_through_the_api_and_nothing_is_stored(app, admin, change, key, words):
    before = _count()
    token = api_token(admin, "admin1")
    resp = admin.post("/api/v1/chartdefinition/", json={**GOOD, **change},
                      headers={"Authorization": f"Bearer {token}"})
    assert resp.status_code in (400, 409, 422), resp.get_data(as_text=True)
    body = resp.get_json()
    assert body["error_code"] == key and words in body["zh"] and body["en"]
    assert _count() == before


def test_the_form_refuses_a_measure_of_another_dataset_or_a_text_column_and_stores_nothing(app, admin):
    """The measure is chosen from every dataset's numeric columns (the page keeps the chosen
    dataset's); one of another dataset is refused by the service, a text column by the form."""
    before = _count()
    token = csrf_token(admin, "/chartdefinitionview/add")
    resp = admin.post("/chartdefinitionview/add", data={**GOOD, "aggregate": "sum", "measure": "delta",
                                                          "csrf_token": token}, follow_redirects=True)
    assert "没有可计算的数值列 delta" in resp.get_data(as_text=True)
    token = csrf_token(admin, "/chartdefinitionview/add")
    resp = admin.post("/chartdefinitionview/add", data={**GOOD, "aggregate": "sum", "measure": "gender",
                                                          "csrf_token": token}, follow_redirects=True)
    assert "gender" not in _options(resp.get_data(as_text=True), "measure")
    assert _count() == before


def _options(page: str, name: str) -> dict:
    """A form select's options: value -> the label shown."""
    select = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', page, re.S).group(1)
    return dict(re.findall(r'<option[^>]*value="([^"]*)"[^>]*>([^<]*)</option>', select))


def test_the_builder_offers_each_datasets_columns_by_their_labels(app, admin):
    page = admin.get("/chartdefinitionview/add").get_data(as_text=True)
    assert _options(page, "dimension")["quota_type"] == "编制类型"
    assert _options(page, "measure")["delta"] == "增减数" and "gender" not in _options(page, "measure")
    assert "js/dependent_choices.js" in page \
        and html.unescape('&#34;persons&#34;: [&#34;quota_type&#34;, &#34;region&#34;, &#34;status&#34;') in html.unescape(page)
    assert "quota_type" not in re.sub(r"<[^>]*>", " ", page) and "applied_at" not in re.sub(r"<[^>]*>", " ", page)  # no code among the words shown
    admin.get("/lang/en")
    page = admin.get("/chartdefinitionview/add").get_data(as_text=True)
    assert _options(page, "dimension")["quota_type"] == "Quota type"


def test_a_definition_cannot_be_edited_into_an_invalid_one(app, admin):
    with transaction():
        chart = services.create_chart(ChartDefinition(**GOOD))
    with pytest.raises(DomainError) as err:
        with transaction():
            services.update_chart(db.session.get(ChartDefinition, chart.id), dimension="id_number")
    assert err.value.key == "dataset.unknown_dimension"
    db.session.rollback()
    assert db.session.get(ChartDefinition, chart.id).dimension == "quota_type"


def _board(roles, *, landing=False, **chart):
    from flask_appbuilder.security.sqla.models import Role

    with transaction():
        defined = services.create_chart(ChartDefinition(**{**GOOD, **chart}))
        board = services.save_dashboard(Dashboard(
            name="测试看板", landing=landing, charts=[defined],
            roles=list(db.session.scalars(select(Role).where(Role.name.in_(roles))))))
        return board.id, defined.id


def test_a_defined_chart_is_drawn_over_each_users_own_scope(app, world, admin):
    board, chart = _board(("department", "leader"), split="quota_type", dimension="region",
                          chart_type="stacked_bar")
    mine = world["client"].get(f"/dashboards/chart/{chart}/data").get_json()
    assert mine["categories"] == ["青岛市"] and mine["series"] == [{"name": "事业编制", "data": [1]}]
    everyone = admin.get(f"/dashboards/chart/{chart}/data").get_json()
    assert {s["name"]: s["data"] for s in everyone["series"]} == {"行政编制": [1], "事业编制": [1]}
    assert world["client"].get(f"/dashboards/board/{board}/").status_code == 200
    # staff hold the cockpit but the board is not theirs: neither the board nor its chart
    make_user(app, "staff9", "staff")
    staff = app.test_client()
    login(staff, "staff9")
    assert staff.get(f"/dashboards/board/{board}/").status_code == 404
    assert staff.get(f"/dashboards/chart/{chart}/data").status_code == 404
    assert staff.get(f"/dashboards/chart/{chart}/xlsx").status_code == 404


def test_a_dashboard_can_be_a_roles_landing_page(app, world):
    board, _chart = _board(("department",), landing=True)
    resp = world["client"].get("/")
    assert resp.status_code == 302 and resp.headers["Location"].endswith(f"/dashboards/board/{board}/")


def test_an_administrator_defines_a_chart_in_the_form_and_it_draws(app, admin):
    token = csrf_token(admin, "/chartdefinitionview/add")
    resp = admin.post("/chartdefinitionview/add", data={**GOOD, "name": "机构按状态", "dataset": "institutions",
                                                          "dimension": "status", "chart_type": "pie",
                                                          "csrf_token": token})
    assert resp.status_code == 302
    chart = db.session.scalar(select(ChartDefinition).where(ChartDefinition.name == "机构按状态"))
    data = admin.get(f"/dashboards/chart/{chart.id}/data").get_json()
    assert data["categories"] == ["正常"] and data["series"][0]["data"] == [3]
    assert data["drill"] == ["/institutionview/list/?_flt_3_status=active"]


def test_filters_name_columns_and_values_by_their_labels_in_either_language(app, admin):
    """A filter line may name its column and value by their labels (as the form's help says);
    the chart draws the same as by codes, and the show page reads them back by labels."""
    with transaction():
        chart = services.create_chart(ChartDefinition(**{**GOOD, "name": "在职人员", "filters": "状态 = 在编"}))
        by_code = services.create_chart(ChartDefinition(**{**GOOD, "name": "在职人员2",
                                                           "filters": "status = active"}))
    from app.dashboards import rules

    assert rules.query_of(chart).filters == rules.query_of(by_code).filters
    assert rules.parse_filters("Status = In post", "persons")[0] == rules.parse_filters("状态 = 在编", "persons")[0]
    page = admin.get(f"/chartdefinitionview/show/{by_code.id}").get_data(as_text=True)
    assert "状态 = 在编" in page and "status = active" not in page
    before = _count()
    token = csrf_token(admin, "/chartdefinitionview/add")
    resp = admin.post("/chartdefinitionview/add", data={**GOOD, "name": "x", "filters": "工资 = 1",
                                                          "csrf_token": token}, follow_redirects=True)
    assert "没有可分组的列 工资" in resp.get_data(as_text=True) and _count() == before
