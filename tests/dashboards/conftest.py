"""The quota tests' department world (tests/quota/fixtures.py) for the dashboards."""
from tests.quota.fixtures import world  # noqa: F401  (re-exported fixture)
