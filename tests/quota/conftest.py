"""The department's world (see fixtures.py) as a fixture for every module here."""
from tests.quota.fixtures import world  # noqa: F401  (re-exported fixture)
