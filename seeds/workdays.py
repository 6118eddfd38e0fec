"""Demo data for the working-day calendar: the years from 2020 that the
chinese-calendar package knows (to 2026 in release 1.11.0); ``flask workdays
seed`` loads every year it knows.  Idempotent: rows present are kept."""
import datetime as dt

from app.core.db import transaction

FIRST_YEAR = 2020


def load():
    from app.core.workdays.services import load_from_package

    with transaction():
        load_from_package(set(range(FIRST_YEAR, dt.date.today().year + 2)))
    return []
