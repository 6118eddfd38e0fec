"""The planted world (see fixtures.py) as a fixture for every module here."""
from tests.supervision.verification.fixtures import planted  # noqa: F401  (re-exported fixture)
