"""Hearings and opinions: handling rules, refusals leave the database unchanged, the summary counts."""
from __future__ import annotations

import datetime as dt

import pytest

from app.core.db import transaction
from app.core.errors import DomainError
from app.extensions import db
from app.justification.hearings import services
from app.justification.hearings.models import Hearing, Opinion
from tests.office.fixtures import new_division, snapshot

TODAY = dt.date(2026, 11, 26)


@pytest.fixture()
def hearing(app_ctx):
    div = new_division("general", "综合处")
    with transaction():
        h = services.save_hearing(Hearing(kind="forum", title="党政机构改革座谈会", held_on=dt.date(2026, 10, 9),
                                          organiser_id=div, participants="市领导甲\n\n市领导乙\n  市财政局  \n"))
    return h.id


def opinion(hearing_id, source_kind="department", name="市财政局", handling="pending", note=None, **kw) -> Opinion:
    return Opinion(hearing_id=hearing_id, source_kind=source_kind, source_name=name, content="建议整合职责",
                   handling=handling, handling_note=note, **kw)


def refused(key, build):
    before = snapshot(Hearing, Opinion)
    with pytest.raises(DomainError) as exc:
        with transaction():
            services.save_opinion(build())
    assert exc.value.key == key
    assert snapshot(Hearing, Opinion) == before
    return exc.value


def test_participants_are_counted(hearing):
    assert db.session.get(Hearing, hearing).participant_count == 3


def test_partly_or_not_adopted_needs_a_note(hearing):
    for handling in ("partly_adopted", "not_adopted"):
        err = refused("opinion.note_required", lambda: opinion(hearing, handling=handling, note="  "))
        assert err.message("en") and err.message("zh")
    refused("write.choice", lambda: opinion(hearing, handling="ignored"))
    refused("write.choice", lambda: opinion(hearing, source_kind="newspaper"))
    refused("write.required", lambda: opinion(hearing, name=" "))
    refused("write.required", lambda: opinion(999999))


def test_handling_is_dated_and_pending_is_not(hearing):
    with transaction():
        o = services.save_opinion(opinion(hearing), today=TODAY)
        assert o.handled_on is None
        services.handle_opinion(o, "not_adopted", "与三定规定不符", today=TODAY)
    db.session.expire_all()
    o = db.session.get(Opinion, o.id)
    assert (o.handling, o.handling_note, o.handled_on) == ("not_adopted", "与三定规定不符", TODAY)
    with transaction():
        services.handle_opinion(o, "adopted", today=TODAY)
        services.save_opinion(opinion(None, source_kind="hotline", name="12345 政务热线", handling="adopted"),
                              today=TODAY)
    assert db.session.get(Opinion, o.id).handling == "adopted"


def test_summary_by_source_and_handling(hearing):
    with transaction():
        for i in range(3):
            services.save_opinion(opinion(hearing, "city_leader", f"市领导{i}", "adopted"))
        services.save_opinion(opinion(hearing, "department", "市财政局", "partly_adopted", "部分可行"))
        services.save_opinion(opinion(hearing, "department", "市财政局", "pending"))
        services.save_opinion(opinion(None, "mayor_mailbox", "市民", "adopted"))
    summary = services.hearing_summary(hearing)
    assert summary["total"] == 5
    assert summary["by_source"] == {"city_leader": {"adopted": 3}, "department": {"partly_adopted": 1, "pending": 1}}
    assert summary["sources"] == {"city_leader": 3, "department": 1}
    assert summary["by_handling"] == {"pending": 1, "adopted": 3, "partly_adopted": 1}
    assert services.hearing_summary(None)["total"] == 1


def test_a_hearing_with_opinions_cannot_be_deleted(hearing):
    with transaction():
        services.save_opinion(opinion(hearing))
    before = snapshot(Hearing, Opinion)
    with pytest.raises(DomainError) as exc:
        with transaction():
            services.delete_hearing(db.session.get(Hearing, hearing))
    assert exc.value.key == "hearing.has_opinions"
    assert snapshot(Hearing, Opinion) == before


def test_hearing_rules(hearing):
    div = db.session.get(Hearing, hearing).organiser_id
    for bad, key in ((dict(kind="party"), "write.choice"), (dict(title="党政机构改革座谈会"), "hearing.duplicate"),
                     (dict(held_on=None), "write.required"), (dict(organiser_id=None), "write.required")):
        fields = dict(kind="defence", title="新的答辩会", held_on=TODAY, organiser_id=div) | bad
        before = snapshot(Hearing)
        with pytest.raises(DomainError) as exc:
            with transaction():
                services.save_hearing(Hearing(**fields))
        assert exc.value.key == key
        assert snapshot(Hearing) == before
