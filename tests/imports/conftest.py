"""The import tests' world (see fixtures.py) as a fixture for every module here."""
from tests.imports.fixtures import world  # noqa: F401  (re-exported fixture)
