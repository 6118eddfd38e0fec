"""The power lists' world (see fixtures.py) as a fixture for every module here."""
from tests.execution.power_lists.fixtures import pw  # noqa: F401  (re-exported fixture)
