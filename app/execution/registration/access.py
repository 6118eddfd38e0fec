"""Scoping and the service registry: a department reaches the registrations and
certificates of its own subtree only; certificates are written by 发证 alone."""
from app.core import scoping
from app.core.crud import refuse_write, register_service
from app.execution.registration import services as svc
from app.execution.registration import time_limits
from app.execution.registration.models import Certificate, Registration, RegistrationTimeLimit


def register_all() -> None:
    scoping.register(Registration, column=Registration.institution_id)
    scoping.register(Certificate, column=Certificate.institution_id)
    register_service(Registration, create=svc.create_registration, update=svc.update_registration,
                     delete=svc.delete_registration, update_takes_changes=True)
    register_service(Certificate, create=refuse_write, update=refuse_write, delete=refuse_write)
    register_service(RegistrationTimeLimit, create=time_limits.save_time_limit, update=time_limits.save_time_limit)
