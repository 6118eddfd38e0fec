"""Races with real threads: one finding per source key, one winner per move."""
from __future__ import annotations

from sqlalchemy import func, select

from app.extensions import db
from app.supervision.findings import services
from app.supervision.findings.models import Finding
from tests.races import assert_chain_intact, race
from tests.supervision.findings.fixtures import DAY, get, new_finding


def test_parallel_sources_make_one_finding(app, world):
    made = []

    def attempt(i):
        finding, created = services.open_finding("verification", "overstaffed:7", title=f"超编 ({i})",
                                                 institution_id=world.dept, opened_by=f"run:{i}", deadline=DAY,
                                                 today=DAY)
        if created:
            made.append(finding.id)

    granted, refused = race(app, attempt)
    assert (granted, refused) == (64, 0)
    assert len(made) == 1
    assert db.session.execute(select(func.count(Finding.id))).scalar() == 1
    assert_chain_intact()


def test_parallel_confirmations_move_once(app, world):
    fid = new_finding(world.dept)
    from app.core.db import transaction

    with transaction():
        services.transition(db.session.get(Finding, fid), "rectifying", note="整改")

    def attempt(i):
        target = "rectified" if i % 2 else "written_off"
        services.transition(db.session.get(Finding, fid), target, note=f"第 {i} 次")

    granted, refused = race(app, attempt)
    assert (granted, refused) == (1, 63)
    assert get(fid).state in ("rectified", "written_off")
    assert_chain_intact()
