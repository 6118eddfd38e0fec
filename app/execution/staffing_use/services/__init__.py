"""Use cases of 用编进人: ``plans`` (application types, plans, plan lines, the
review meeting) and ``entry`` (batches through 公示 → 申请 → 审核 → 入库, 出编).
They flush, never commit; every door wraps them in ``core.db.transaction()``."""
from app.execution.staffing_use.services.entry import (
    advance,
    apply_batch,
    create_batch,
    create_exit_filing,
    delete_batch,
    delete_candidate,
    enter_batch,
    refuse_exit_filing_change,
    review_batch,
    save_candidate,
    update_batch,
)
from app.execution.staffing_use.services.plans import (
    create_line,
    create_plan,
    decide_meeting,
    delete_application_type,
    delete_line,
    delete_meeting,
    delete_plan,
    outstanding,
    reject_plan,
    save_application_type,
    save_meeting,
    submit_plan,
    update_line,
    update_plan,
)

__all__ = [
    "advance", "apply_batch", "create_batch", "create_exit_filing", "create_line", "create_plan", "decide_meeting",
    "delete_application_type", "delete_batch", "delete_candidate", "delete_line", "delete_meeting", "delete_plan",
    "enter_batch", "outstanding", "refuse_exit_filing_change", "reject_plan", "review_batch",
    "save_application_type", "save_candidate", "save_meeting", "submit_plan", "update_batch", "update_line",
    "update_plan",
]
