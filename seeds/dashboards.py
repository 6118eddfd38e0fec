"""Demo data of the chart builder: one dashboard, defined as an administrator would
in the builder (through the same validating service), shown to leaders and staff."""
from __future__ import annotations

from sqlalchemy import select

from app.core.db import transaction
from app.extensions import db

BOARD = "编制使用概览"
CHARTS = (
    dict(name="各区市在编人员 (按编制类型)", dataset="persons", dimension="region", split="quota_type",
         aggregate="count", chart_type="stacked_bar", filters="status = active", sort="-value", row_limit=12),
    dict(name="机构按类别", dataset="institutions", dimension="category", aggregate="count", chart_type="pie"),
    dict(name="各编制类型空编数", dataset="allocations", dimension="quota_type", aggregate="sum", measure="vacant",
         chart_type="bar"),
    dict(name="在编人员总数", dataset="persons", dimension="status", aggregate="count", chart_type="number",
         filters="status = active"),
)


def load() -> None:
    from flask_appbuilder.security.sqla.models import Role

    from app.dashboards import services
    from app.dashboards.models import ChartDefinition, Dashboard

    s = db.session
    with transaction():
        have = {c.name: c for c in s.scalars(select(ChartDefinition))}
        charts = [have.get(spec["name"]) or services.create_chart(ChartDefinition(**spec)) for spec in CHARTS]
        if s.scalar(select(Dashboard.id).where(Dashboard.name == BOARD)) is None:
            roles = list(s.scalars(select(Role).where(Role.name.in_(("leader", "staff")))))
            services.save_dashboard(Dashboard(name=BOARD, description="图表构建器定义的示例仪表盘",
                                              landing=False, charts=charts, roles=roles))
