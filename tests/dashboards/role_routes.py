"""Expected outcomes of the dashboards' routes."""
from tests.role_matrix import A, EVERYONE, LOGGED_IN

ENDPOINTS = {
    "HomeView.index": EVERYONE,  # anonymous visitors get the login prompt
    # the cockpit, its chart data and downloads, the builder's boards: every role, over its own scope
    **{f"CockpitView.{name}": LOGGED_IN for name in ("index", "execution", "data", "data_xlsx", "board", "chart_data",
                                                     "chart_xlsx")},
    "echarts_static": EVERYONE,  # the ECharts build, a static file (the login page needs none of it)
}
RESOURCES = {
    "ChartDefinition": ({A}, {A}, {A}),
    "Dashboard": ({A}, {A}, {A}),
}
