"""The dry run's parsed rows kept for the commit (issue #9 §7): used only for the
very bytes dry-run, and the commit still checks everything the database decides."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, update

from app.core.errors import DomainError
from app.extensions import db
from app.imports import batches, engine, kept, specs
from app.imports.models import ImportFile
from app.quota.models import Person
from tests.factories import new_person
from tests.imports.fixtures import PERSON_HEADER, dry, ids, person_rows, snapshot, xlsx


def parses(monkeypatch) -> list:
    """Count the commit's parses of the file."""
    calls = []
    real = engine.parse
    monkeypatch.setattr(engine, "parse", lambda *a, **kw: calls.append(1) or real(*a, **kw))
    return calls


def test_the_commit_reads_the_kept_rows_of_an_unchanged_file(world, monkeypatch):
    rows = person_rows("青岛二中", 3)
    rows[0][6] = "2023/9/1"  # a date as typed, kept as the date it was read as
    batch = dry("persons", xlsx([PERSON_HEADER, *rows]))
    assert batch.status == "validated" and batches.file_of(batch.id, "parsed")
    calls = parses(monkeypatch)
    batches.commit(batch.id, batch.sha256)
    assert calls == []  # not parsed again
    assert batches.file_of(batch.id, "parsed") is None and batches.file_of(batch.id, "original")  # served once
    db.session.rollback()
    stored = {p.id_number: p for p in db.session.execute(select(Person)).scalars()}
    first = stored[rows[0][1]]
    assert (first.name, first.entry_date, first.status) == ("人员0", dt.date(2023, 9, 1), "active")
    assert first.birth_date == dt.date(1970, 1, 1) and first.gender in ("M", "F")  # still derived from the ID


def test_kept_rows_of_other_bytes_are_not_used(world, monkeypatch):
    batch = dry("persons", xlsx([PERSON_HEADER, *person_rows("青岛二中", 2)]))
    other = xlsx([PERSON_HEADER, *person_rows("青岛二中", 5, start=100)])
    other_batch = dry("persons", other)
    # The kept rows of another file under this batch: their hash is not this file's.
    foreign = batches.file_of(other_batch.id, "parsed")
    db.session.execute(update(ImportFile).where(ImportFile.batch_id == batch.id, ImportFile.kind == "parsed")
                       .values(data=foreign))
    db.session.commit()
    calls = parses(monkeypatch)
    before = snapshot()
    batches.commit(batch.id, batch.sha256)
    assert calls == [1]  # parsed again
    assert snapshot()["persons"] == before["persons"] + 2  # this file's two rows, not the other's five
    assert kept.load(specs.get("persons"), foreign, batch.sha256) is None
    assert kept.load(specs.get("persons"), b"not zlib", batch.sha256) is None


def test_the_commit_checks_the_database_again_with_kept_rows(world, monkeypatch):
    """10 free slots, 10 rows dry-run clean; a person enters before the commit: the
    commit refuses (over quota), names the row and changes nothing."""
    batch = dry("persons", xlsx([PERSON_HEADER, *person_rows("青岛二中", 10)]))
    assert batch.status == "validated"
    new_person(world["school"], world["ref"].inst_q, id_number=ids(1, start=500)[0])
    db.session.commit()
    calls = parses(monkeypatch)
    before = snapshot()
    with pytest.raises(DomainError) as refused:
        batches.commit(batch.id, batch.sha256)
    assert calls == [] and "第 11 行" in refused.value.message("zh") and "不得超编进人" in refused.value.message("zh")
    assert snapshot() == before


def test_a_person_entered_since_the_dry_run_is_a_duplicate_at_commit(world, monkeypatch):
    rows = person_rows("青岛二中", 3)
    batch = dry("persons", xlsx([PERSON_HEADER, *rows]))
    new_person(world["edu"], world["ref"].admin_q, id_number=rows[1][1])
    db.session.commit()
    before = snapshot()
    with pytest.raises(DomainError) as refused:
        batches.commit(batch.id, batch.sha256)
    assert "第 3 行" in refused.value.message("zh")
    assert snapshot() == before


def test_a_file_with_refused_rows_keeps_nothing(world):
    rows = person_rows("青岛二中", 2)
    rows[1][1] = "123"
    batch = dry("persons", xlsx([PERSON_HEADER, *rows]))
    assert batch.status == "invalid" and batches.file_of(batch.id, "parsed") is None
