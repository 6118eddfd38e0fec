"""Hearings and opinions are office-internal: no department user reaches them.

A hearing's organising division is an office division: deleting the division is
refused while a hearing names it.
"""
from sqlalchemy import exists

from app.core.crud import register_service
from app.justification.hearings import services as svc
from app.justification.hearings.models import Hearing, Opinion
from app.office.access import office_only
from app.office.services import register_division_referrer


def register_all() -> None:
    office_only(Hearing, Opinion)
    register_division_referrer("论证会 / hearings", lambda d: exists().where(Hearing.organiser_id == d))
    register_service(Hearing, create=svc.save_hearing, update=svc.save_hearing, delete=svc.delete_hearing)
    register_service(Opinion, create=svc.save_opinion, update=svc.save_opinion)
