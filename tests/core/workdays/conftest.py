from tests.core.workdays.fixtures import calendar_years  # noqa: F401  (re-exported fixture)
