from tests.execution.registration.fixtures import units  # noqa: F401
