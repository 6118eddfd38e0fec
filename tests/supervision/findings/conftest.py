"""The case tests' world (a department, a unit under it, a foreign department, one user per role)."""
from tests.justification.cases.fixtures import world  # noqa: F401  (re-exported fixture)
