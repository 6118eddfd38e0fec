"""A commit killed mid-way (``kill -9`` of the process running it) leaves nothing
partial, and the batch page shows it as interrupted and offers the commit again
(issue #9, 6).  The commit runs in a separate Python process, stopped after a
given share of its chunks; the test kills it there."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.core.audit import verify_chain
from app.extensions import db
from app.imports import jobs
from app.imports.models import ImportBatch
from tests.conftest import csrf_token, login
from tests.factories import make_user
from tests.imports.fixtures import PERSON_HEADER, dry, person_rows, snapshot, xlsx

ROOT = Path(__file__).resolve().parents[2]
ROWS = 20

# The commit, in a process of its own: one row per chunk, and after ``stop`` chunks
# it says so (a file) and sleeps inside its open transaction until it is killed.
CHILD = """
import os, sys, time
os.environ["BIANZHI_CONFIG"] = "testing"
sys.path.insert(0, {root!r})
from app import create_app
from config import TestingConfig
app = create_app(TestingConfig, SQLALCHEMY_DATABASE_URI={url!r}, IMPORT_WORK_DIR={work!r},
                 AUDIT_CHECKPOINT_PATH={checkpoints!r})
from app.imports import batches, engine, specs
engine.CHUNK = engine.COMMIT_CHUNK = 1
spec_class = type(specs.get("persons"))
original, done = spec_class.apply_chunk, [0]
def apply_chunk(self, rows, ctx):
    out = original(self, rows, ctx)
    done[0] += 1
    if done[0] == {stop}:
        open({flag!r}, "w").close()
        time.sleep(600)
    return out
spec_class.apply_chunk = apply_chunk
with app.app_context():
    batches.commit({batch}, {digest!r})
"""


def kill_commit_after(app, batch, stop: int, tmp_path) -> None:
    flag = tmp_path / f"reached-{stop}"
    code = CHILD.format(root=str(ROOT), url=app.config["SQLALCHEMY_DATABASE_URI"], work=jobs.work_dir(app),
                        checkpoints=app.config.get("AUDIT_CHECKPOINT_PATH"), stop=stop, flag=str(flag),
                        batch=batch.id, digest=batch.sha256)
    db.session.remove()  # no lock or open transaction of ours while the child writes
    child = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stderr=subprocess.PIPE)
    deadline = time.time() + 180
    while not flag.exists():
        assert child.poll() is None, child.stderr.read().decode()[-2000:]
        assert time.time() < deadline, "the commit never reached its stop"
        time.sleep(0.1)
    os.kill(child.pid, signal.SIGKILL)
    child.wait(30)


@pytest.mark.parametrize("stop", [1, 9, 19], ids=["5%", "45%", "95%"])
def test_a_killed_commit_is_shown_interrupted_and_can_be_committed_again(app, world, tmp_path, stop):
    make_user(app, "staff_k", "staff")
    batch = dry("persons", xlsx([PERSON_HEADER, *person_rows("青岛二中", 10),
                                 *person_rows("市财政局", 5, quota="行政编制", start=50),
                                 *person_rows("市教育局", 5, quota="行政编制", start=80)]))
    assert batch.status == "validated" and batch.total_rows == ROWS
    before = snapshot()

    kill_commit_after(app, batch, stop, tmp_path)

    assert snapshot() == before  # nothing partial: no row, no counter, no audit row
    db.session.expire_all()
    assert db.session.get(ImportBatch, batch.id).status == "validated"  # the claim died with the transaction
    state = jobs.read(batch.id)
    assert state["phase"] == "commit" and not state["finished"] and jobs.interrupted(state)

    client = app.test_client()
    login(client, "staff_k")
    assert client.get(f"/imports/batch/{batch.id}/progress").get_json()["status"] == "interrupted"
    html = client.get(f"/imports/batch/{batch.id}").get_data(as_text=True)
    assert 'id="batch-interrupted"' in html and "提交过程中断" in html
    assert 'id="import-progress"' not in html and 'id="import-commit"' in html  # the retry

    token = csrf_token(client, f"/imports/batch/{batch.id}")
    client.post(f"/imports/batch/{batch.id}/commit", data={"csrf_token": token, "sha256": batch.sha256})
    after = snapshot()
    assert after["persons"] == before["persons"] + ROWS and after["occupied"] == before["occupied"] + ROWS
    db.session.expire_all()
    assert db.session.get(ImportBatch, batch.id).status == "committed"
    assert not jobs.interrupted(jobs.read(batch.id))
    assert verify_chain(db.session) is None


def test_a_killed_dry_run_can_be_run_again(app, world):
    """A dry run whose process died stays 'validating' in the database; the page offers the check again."""
    from app.core.db import transaction
    from app.imports import batches, specs

    make_user(app, "staff_k2", "staff")
    batch_id = batches.create(specs.get("persons"), "p.xlsx", xlsx([PERSON_HEADER, *person_rows("青岛二中", 2)]), None)
    with transaction():
        db.session.get(ImportBatch, batch_id).status = "validating"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    progress = jobs.Progress(batch_id, None, "validate")  # as written by the run that died
    progress._process.update(pid=dead.pid, started="0")
    progress(1, 2)

    outsider = app.test_client()  # a department user: another user's batch does not exist for it
    make_user(app, "dept_k2", "department", institution_id=world["edu"])
    login(outsider, "dept_k2")
    token = csrf_token(outsider, "/imports/persons/")
    assert outsider.post(f"/imports/batch/{batch_id}/retry", data={"csrf_token": token}).status_code == 404
    assert outsider.get(f"/imports/batch/{batch_id}").status_code == 404
    db.session.expire_all()
    assert db.session.get(ImportBatch, batch_id).status == "validating"

    client = app.test_client()
    login(client, "staff_k2")
    html = client.get(f"/imports/batch/{batch_id}").get_data(as_text=True)
    assert "校验过程中断" in html and 'id="import-retry"' in html and 'id="import-progress"' not in html
    token = csrf_token(client, f"/imports/batch/{batch_id}")
    client.post(f"/imports/batch/{batch_id}/retry", data={"csrf_token": token})
    db.session.expire_all()
    assert db.session.get(ImportBatch, batch_id).status == "validated"


def test_a_live_run_is_not_taken_for_dead(app_ctx):
    progress = jobs.Progress(987654, None, "commit")
    assert not jobs.interrupted(jobs.read(987654))
    progress.close()
    assert not jobs.interrupted(jobs.read(987654))
    os.remove(progress.path)
