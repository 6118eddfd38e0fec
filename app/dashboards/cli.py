"""``flask dashboards datasets | define``: what the chart builder may use, and a
chart defined from the command line through the same validating service."""
from __future__ import annotations

import click
from flask.cli import AppGroup

dashboards_cli = AppGroup("dashboards", help="仪表盘与图表 / dashboards and charts")


@dashboards_cli.command("datasets", help="列出数据集及其列 / list the datasets and their columns")
def datasets_command() -> None:
    from app.core import datasets

    for dataset in datasets.all_datasets():
        click.echo(f"{dataset.name}\t{dataset.title}")
        for dim in dataset.dimensions:
            click.echo(f"  group by  {dim.name}{' (date)' if dim.is_date else ''}")
        for measure in dataset.measures:
            click.echo(f"  measure   {measure.name}")


@dashboards_cli.command("define", help="定义图表 / define a chart")
@click.argument("name")
@click.option("--dataset", required=True)
@click.option("--dimension", required=True)
@click.option("--aggregate", default="count", show_default=True)
@click.option("--measure", default=None)
@click.option("--chart-type", default="bar", show_default=True)
@click.option("--bucket", default=None)
@click.option("--split", default=None)
@click.option("--filters", default=None, help="column op value; several separated by newlines")
def define_command(name, dataset, dimension, aggregate, measure, chart_type, bucket, split, filters) -> None:
    from app.core.cli import run_as
    from app.dashboards.models import ChartDefinition
    from app.dashboards.services import create_chart

    def work():
        chart = create_chart(ChartDefinition(name=name, dataset=dataset, dimension=dimension, aggregate=aggregate,
                                             measure=measure, chart_type=chart_type, bucket=bucket, split=split,
                                             filters=filters, sort="key"))
        click.echo(f"chart {chart.id}: {chart.name}")

    run_as("cli:dashboards-define", work)
