from tests.execution.registration.fixtures import units, users  # noqa: F401
