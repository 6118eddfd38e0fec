"""Rules and runs are the office's (no department reaches them); rules change
only through ``engine.update_rule`` (cron and parameters checked), runs only by running."""
from app.core.crud import register_service, refuse_write
from app.office.access import office_only
from app.supervision.verification import engine
from app.supervision.verification.models import VerificationRule, VerificationRun


def register_all() -> None:
    office_only(VerificationRule, VerificationRun)
    register_service(VerificationRule, create=refuse_write, update=engine.update_rule, delete=refuse_write,
                     update_takes_changes=True)
    register_service(VerificationRun, create=refuse_write, update=refuse_write, delete=refuse_write)
