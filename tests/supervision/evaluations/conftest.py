"""The evaluation tests' world (see fixtures.py) as a fixture for every module here."""
from tests.supervision.evaluations.fixtures import world  # noqa: F401  (re-exported fixture)
