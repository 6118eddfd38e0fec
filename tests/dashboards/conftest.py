"""The quota tests' department world (tests/quota/fixtures.py) and the dashboards' own fixtures."""
from tests.dashboards.fixtures import leader  # noqa: F401  (re-exported fixture)
from tests.quota.fixtures import world  # noqa: F401  (re-exported fixture)
