"""The case tests' world (tests/justification/cases/fixtures.py) as a fixture for every module here."""
from tests.justification.cases.fixtures import world  # noqa: F401  (re-exported fixture)
