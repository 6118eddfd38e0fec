"""Hearings and opinions are office-internal: no department user reaches them."""
from app.core.crud import register_service
from app.office.access import office_only


def register_all() -> None:
    from app.justification.hearings import services as svc
    from app.justification.hearings.models import Hearing, Opinion

    office_only(Hearing, Opinion)
    register_service(Hearing, create=svc.save_hearing, update=svc.save_hearing, delete=svc.delete_hearing)
    register_service(Opinion, create=svc.save_opinion, update=svc.save_opinion)
