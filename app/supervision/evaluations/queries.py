"""Reads of 履职评估: the per-department report (the tree with weights, scores and contributions)."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Optional

from sqlalchemy import select

from app.extensions import db
from app.supervision.evaluations import rules
from app.supervision.evaluations.models import DepartmentEvaluation, Indicator, IndicatorScore
from app.supervision.evaluations.services import tree


@dataclass
class ReportRow:
    depth: int
    indicator: Indicator
    weight: int
    score: Optional[Decimal]  # entered (a leaf) or the weighted mean of the children (a node)
    contribution: Optional[Decimal]  # what it adds to the total: score × the product of weights down to it
    note: Optional[str]


def report(ev: DepartmentEvaluation) -> list[ReportRow]:
    """The evaluation's tree, depth first; nodes and the total follow ``rules.weighted_total``."""
    children = tree(ev.plan.system_id)
    indicators = {i.id: i for i in db.session.execute(
        select(Indicator).where(Indicator.system_id == ev.plan.system_id)).scalars()}
    scores = {s.indicator_id: s for s in db.session.execute(
        select(IndicatorScore).where(IndicatorScore.evaluation_id == ev.id)).scalars()}
    rows: list[ReportRow] = []

    def score_of(ind_id: int) -> Optional[Decimal]:
        kids = children.get(ind_id) or ()
        if not kids:
            return Decimal(scores[ind_id].score) if ind_id in scores else None
        parts = [score_of(k) for k, _ in kids]
        if any(p is None for p in parts):
            return None
        return (sum((p * w for p, (_, w) in zip(parts, kids)), Decimal(0)) / 100).quantize(rules.CENT)

    def walk(parent: Optional[int], depth: int, factor: Decimal) -> None:
        for ind_id, weight in children.get(parent) or ():
            share = factor * weight / 100
            score = score_of(ind_id)
            rows.append(ReportRow(depth, indicators[ind_id], weight, score,
                                  (score * share).quantize(rules.CENT) if score is not None else None,
                                  scores[ind_id].note if ind_id in scores else None))
            walk(ind_id, depth + 1, share)

    walk(None, 0, Decimal(1))
    return rows
