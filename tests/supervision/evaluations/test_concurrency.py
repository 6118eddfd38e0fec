"""Weights under a node never exceed 100 under parallel edits (real threads, SQLite and PostgreSQL)."""
from __future__ import annotations

from sqlalchemy import func, select

from app.supervision.evaluations import services as svc
from app.supervision.evaluations.models import Indicator
from app.extensions import db
from tests.races import assert_chain_intact, race
from tests.supervision.evaluations.fixtures import make_system

TREE = (("A", "依法履职", None, 60, "manual"),)


def test_parallel_indicators_never_take_a_node_over_100(app, world):
    system, _ = make_system("并发", tree=TREE, publish=False)  # 60 used: room for four weights of 10

    def attempt(i):
        svc.save_indicator(Indicator(system_id=system, code=f"N{i:02d}", name=f"指标{i}", weight=10))

    granted, refused = race(app, attempt, attempts=32)
    assert (granted, refused) == (4, 28)
    db.session.expire_all()
    total = db.session.execute(select(func.sum(Indicator.weight)).where(Indicator.system_id == system,
                                                                        Indicator.parent_id.is_(None))).scalar()
    assert total == 100
    assert_chain_intact()
