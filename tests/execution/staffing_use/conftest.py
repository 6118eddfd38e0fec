"""The 用编进人 world (see fixtures.py) as a fixture for every module here."""
from tests.execution.staffing_use.fixtures import staffing  # noqa: F401  (re-exported fixture)
