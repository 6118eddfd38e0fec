"""领导驾驶舱 — dashboards (SPEC §8): read-only pages of SQL aggregates, within
the user's scope.  Today the home page (``home.HomeView``: what waits for the
user, quota figures); the ECharts pages, their dataset registry and the chart
builder come here next.

Dashboards read every domain below them and write nothing.
"""


def init_app(app, appbuilder) -> None:
    """Nothing to register yet: the home page is FAB's index view (``FAB_INDEX_VIEW``)."""
