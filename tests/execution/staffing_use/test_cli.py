"""``flask staffing …``: the same services on the command line; a refusal in both
languages with exit status 2."""
from __future__ import annotations

from app.execution.staffing_use.models import EntryBatch, ReviewMeeting
from app.extensions import db
from tests.execution.staffing_use.fixtures import approved_line, new_batch, new_meeting, new_plan, step_of


def test_decide_advance_and_verify(app, staffing):
    s = staffing
    runner = app.test_cli_runner()
    meeting = new_meeting()
    new_plan(s["edu"], [(s["ref"].admin_q, "exam", 1)], meeting=meeting)
    result = runner.invoke(args=["staffing", "decide", str(meeting), "--doc-no", "青编用〔2026〕9号"])
    assert result.exit_code == 2 and "没有已报送的用编计划" in result.output and "no submitted" in result.output
    line = approved_line(s["edu"], s["ref"].admin_q, 1)
    batch = new_batch(line, s["exam"], 1, step="review")
    result = runner.invoke(args=["staffing", "advance", str(batch)])
    assert result.exit_code == 0, result.output
    assert step_of(batch) == "entered"
    number = db.session.get(EntryBatch, batch).certificate_no
    result = runner.invoke(args=["staffing", "verify", number])
    assert result.exit_code == 0 and "市教育局" in result.output
    assert runner.invoke(args=["staffing", "verify", "RB2026-000000-0000000000"]).exit_code == 1
    assert db.session.get(ReviewMeeting, meeting).status == "scheduled"
