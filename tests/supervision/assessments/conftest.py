"""The assessment tests share the evaluation tests' world (tests/supervision/evaluations/fixtures.py)."""
from tests.supervision.evaluations.fixtures import world  # noqa: F401  (re-exported fixture)
