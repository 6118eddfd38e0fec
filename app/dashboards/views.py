"""The dashboards' pages: the leader's cockpit, the builder's dashboards, the JSON
each chart draws from (with its xlsx download), and the chart builder's resources.

Every data endpoint checks the permission of the resource behind the chart (the
one its list needs) and aggregates within the user's row scope; a builder chart
is served only on a dashboard assigned to one of the user's roles.
"""
from __future__ import annotations

import io
import re

from flask import abort, current_app, g, jsonify, make_response, request, send_file, send_from_directory
from flask_appbuilder import BaseView, expose, has_access
from flask_appbuilder.security.decorators import permission_name
from flask_babel import lazy_gettext as _l

from app.core import datasets, todo
from app.core.errors import DomainError
from app.core.excel import write_xlsx
from app.core.labels import COMMON, merge
from app.core.resources import Resource, register_category, register_resources
from app.core.views import METHOD_PERMISSIONS
from app.dashboards import charts, queries, rules
from app.dashboards.labels import CATALOGUE, CHOICES
from app.dashboards.models import ChartDefinition, Dashboard
from app.extensions import db

LABELS = merge(COMMON, CATALOGUE)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx(data: dict, name: str):
    headers, rows = charts.table_rows(data)
    body = write_xlsx(headers, rows, sheet_title=data["title"][:31] or "chart")
    safe = re.sub(r"[^A-Za-z0-9_-]", "_", name)
    return send_file(io.BytesIO(body), as_attachment=True, download_name=f"{safe}.xlsx", mimetype=XLSX)


def _refused(err: DomainError):
    return make_response(jsonify({"message": str(err)}), 400)


class CockpitView(BaseView):
    """领导驾驶舱: the built-in charts the user may read, and the builder's boards."""

    route_base = "/dashboards"
    class_permission_name = "Cockpit"
    method_permission_name = {**METHOD_PERMISSIONS, "index": "read", "execution": "read", "data": "read", "data_xlsx": "read",
                              "board": "read", "chart_data": "read", "chart_xlsx": "read"}
    base_permissions = ["can_read"]
    default_view = "index"

    @expose("/")
    @has_access
    @permission_name("read")
    def index(self):
        threshold = charts.near_cap_percent(request.args.get("near"))
        shown = [chart for chart in charts.LEADER_CHARTS if charts.may_read(chart.permission)]
        return self.render_template("bianzhi/dashboards/cockpit.html", charts=shown, threshold=threshold,
                                    todos=todo.for_user(g.user), boards=queries.boards_for(g.user),
                                    heading=_l("Leader cockpit"), current="cockpit")

    @expose("/execution/")
    @has_access
    @permission_name("read")
    def execution(self):
        """执行与监督: the power lists, registration, spot checks and findings, as the user may read them."""
        threshold = charts.near_cap_percent(request.args.get("near"))
        shown = [chart for chart in charts.EXECUTION_CHARTS if charts.may_read(chart.permission)]
        return self.render_template("bianzhi/dashboards/cockpit.html", charts=shown, threshold=threshold,
                                    todos=None, boards=queries.boards_for(g.user),
                                    heading=_l("Execution and supervision"), current="execution")

    def _builtin(self, key: str) -> dict:
        chart = charts.BY_KEY.get(key)
        if chart is None or not charts.may_read(chart.permission):
            abort(404)
        return charts.builtin(chart, charts.near_cap_percent(request.args.get("near")))

    @expose("/data/<key>")
    @has_access
    @permission_name("read")
    def data(self, key):
        return jsonify(self._builtin(key))

    @expose("/data/<key>/xlsx")
    @has_access
    @permission_name("read")
    def data_xlsx(self, key):
        return _xlsx(self._builtin(key), key)

    @expose("/board/<int:pk>/")
    @has_access
    @permission_name("read")
    def board(self, pk):
        board = db.session.get(Dashboard, pk)
        if board is None or not queries.may_open(g.user, board):
            abort(404)
        shown = [chart for chart in board.charts if charts.may_read(datasets.get(chart.dataset).permission)]
        return self.render_template("bianzhi/dashboards/board.html", board=board, charts=shown,
                                    boards=queries.boards_for(g.user))

    def _defined(self, pk: int) -> dict:
        """A builder chart, for a user who may open a board holding it and read its dataset."""
        chart = db.session.get(ChartDefinition, pk)
        if chart is None:
            abort(404)
        boards = queries.boards_for(g.user)
        if not (any(chart in board.charts for board in boards) or "admin" in {r.name for r in g.user.roles}):
            abort(404)
        try:
            dataset = datasets.get(chart.dataset)
            if not charts.may_read(dataset.permission):
                abort(404)
            return charts.defined(chart, rules.query_of(chart))
        except DomainError as err:  # a definition made invalid later (a dataset gone): say so
            abort(_refused(err))

    @expose("/chart/<int:pk>/data")
    @has_access
    @permission_name("read")
    def chart_data(self, pk):
        return jsonify(self._defined(pk))

    @expose("/chart/<int:pk>/xlsx")
    @has_access
    @permission_name("read")
    def chart_xlsx(self, pk):
        return _xlsx(self._defined(pk), f"chart-{pk}")


def _columns_by_dataset() -> dict:
    """The builder's column choices per dataset, by their labels: the columns to group
    by and the numeric ones to measure (``app.core.datasets``' whitelist)."""
    dims = {d.name: [(dim.name, dim.title) for dim in d.dimensions] for d in datasets.all_datasets()}
    measures = {d.name: [(m.name, m.title) for m in d.measures if m.numeric] for d in datasets.all_datasets()}
    return {"dimension": ("dataset", dims), "split": ("dataset", dims), "measure": ("dataset", measures)}


def _dataset_choices() -> list:
    return [(d.name, d.title) for d in datasets.all_datasets()]


CHART_COLUMNS = ["name", "dataset", "dimension", "bucket", "split", "aggregate", "measure", "chart_type", "filters",
                 "sort", "row_limit"]


def resources() -> list[Resource]:
    """Built at registration, when every domain below has registered its datasets."""
    return [
        Resource(ChartDefinition, "ChartDefinition", _l("Chart definitions"), "Dashboards",
                 ["name", "dataset", "dimension", "aggregate", "measure", "chart_type"], CHART_COLUMNS,
                 CHART_COLUMNS, search_columns=["name", "dataset", "chart_type"],
                 choices={"dataset": _dataset_choices(), "chart_type": CHOICES["chart_type"],
                          "aggregate": CHOICES["aggregate"], "bucket": CHOICES["bucket"], "sort": CHOICES["sort"]},
                 labels={"sort": _l("Sort")}, depends_on=_columns_by_dataset(),
                 formatters={"filters": rules.filters_label},
                 view_extra={"description_columns": {"filters": _l(
                     "One a line: a column of the dataset by its name, an operator (=, !=, >=, <=) and a value, "
                     "e.g. 状态 = 在编 or 入编日期 >= 2020-01-01")}}),
        Resource(Dashboard, "Dashboard", _l("Dashboards"), "Dashboards",
                 ["name", "landing", "roles", "charts"], ["name", "description", "landing", "roles", "charts"],
                 ["name", "description", "landing", "roles", "charts"], search_columns=["name"]),
    ]


def echarts_file(filename):
    """Apache ECharts from the npm build (``npm ci``), served from this origin."""
    return send_from_directory(current_app.config["ECHARTS_DIST"], filename, max_age=86400)


def register(app, appbuilder) -> None:
    register_category("Dashboards", _l("Dashboards"), "fa-bar-chart")
    appbuilder.add_view(CockpitView, "CockpitPage", label=_l("Leader cockpit"), category="Dashboards")
    register_resources(appbuilder, resources(), LABELS)
    if "echarts_static" not in app.view_functions:
        app.add_url_rule("/vendor/echarts/<path:filename>", "echarts_static", echarts_file)
