"""领导驾驶舱 — dashboards (SPEC §8): the leader's cockpit of ECharts charts, the
home page (``home.HomeView``), and the low-code chart builder.

Charts aggregate in SQL over the user's scoped rows, through the dataset
registry in ``app.core.datasets`` that each domain fills from its own
``init_app``; this package reads the registry and imports no domain for a chart.
Apache ECharts comes from the npm registry (``package.json``/``package-lock.json``,
``npm ci``) and is served from the app's own origin: a missing build stops the
start-up with the command that fixes it.
"""
import os

from app.dashboards import models  # noqa: F401  (the tables, before any view inspects the mappers)

ECHARTS_FILE = "echarts.min.js"


def echarts_dist(app) -> str:
    """Where ``npm ci`` puts the ECharts build; refuse to start without it (no CDN, no silent fallback)."""
    from app import BASE_DIR

    dist = app.config.setdefault("ECHARTS_DIST", os.path.join(BASE_DIR, "node_modules", "echarts", "dist"))
    if not os.path.isfile(os.path.join(dist, ECHARTS_FILE)):
        raise RuntimeError(
            f"Apache ECharts is not installed: {os.path.join(dist, ECHARTS_FILE)} is missing. "
            f"Run `npm ci` in {BASE_DIR} (package.json and package-lock.json pin it) / "
            f"未安装 Apache ECharts: 请在 {BASE_DIR} 运行 npm ci")
    return dist


def init_app(app, appbuilder) -> None:
    from app import roles
    from app.core import demo, messages
    from app.core.crud import register_service
    from app.dashboards import cli, services, views
    from app.dashboards import messages as own_messages
    from app.dashboards import roles as own_roles
    from app.dashboards.models import ChartDefinition, Dashboard

    echarts_dist(app)
    messages.register(own_messages.MESSAGES)
    register_service(ChartDefinition, create=services.create_chart, update=services.update_chart,
                     update_takes_changes=True)
    register_service(Dashboard, create=services.save_dashboard, update=services.save_dashboard,
                     update_takes_changes=True)
    views.register(app, appbuilder)
    app.cli.add_command(cli.dashboards_cli)
    roles.register(own_roles.DEFAULTS, menu_categories=own_roles.MENU_CATEGORIES, menu_links=own_roles.MENU_LINKS)
    demo.register("app.dashboards", "seeds.dashboards:load")
