"""The working-day calendar for tests: the holiday table is wiped between tests
like every domain table, so a test that counts working days loads the years it
needs.  Other domains' tests use ``calendar_years`` (or ``load_calendar``)."""
from __future__ import annotations

import pytest

from app.core.db import transaction
from app.core.workdays.services import load_from_package


def load_calendar(app, years=(2024, 2025, 2026)) -> int:
    with app.app_context(), transaction():
        return load_from_package(set(years))


@pytest.fixture()
def calendar_years(app):
    """2024–2026 from the chinese-calendar package (what release 1.11.0 knows last)."""
    load_calendar(app)
    return (2024, 2025, 2026)
