"""Findings belong to the institution they are about: a department user reaches
the findings of its subtree (and their evidence) only.  A finding about a
region as a whole (no institution) is the office's alone."""
from sqlalchemy import select

from app.core import scoping
from app.core.crud import register_service, refuse_write
from app.supervision.findings import services as svc
from app.supervision.findings.models import Finding, FindingEvidence


def _evidence_in_scope(scope):
    return FindingEvidence.finding_id.in_(
        select(Finding.id).where(Finding.institution_id.in_(scoping.institution_ids_in(scope))))


def _evidence_owners(ev):
    from app.extensions import db

    return [db.session.execute(select(Finding.institution_id).where(Finding.id == ev.finding_id)).scalar()]


def register_all() -> None:
    scoping.register(Finding, column=Finding.institution_id)
    scoping.register(FindingEvidence, predicate=_evidence_in_scope, owners=_evidence_owners)
    register_service(Finding, create=svc.create_finding, update=svc.update_finding, delete=svc.delete_finding,
                     update_takes_changes=True)
    # evidence arrives through its own upload door (size-checked, not once closed)
    register_service(FindingEvidence, create=refuse_write, update=refuse_write, delete=refuse_write)
