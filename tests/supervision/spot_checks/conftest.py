"""The spot checks' world (fixtures.py) and the calendar it counts deadlines with."""
from tests.core.workdays.fixtures import calendar_years  # noqa: F401  (re-exported fixture)
from tests.supervision.spot_checks.fixtures import spot  # noqa: F401  (re-exported fixture)
