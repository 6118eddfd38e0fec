"""The quota database's datasets for charts (``app.core.datasets``): what the
dashboards and the chart builder may group and sum, and the list each value
drills down to (the list's own URL filter: ``_flt_0_`` a relation, ``_flt_3_`` text equal)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import literal_column

from app.core.datasets import Counter, Dataset, Dimension, Measure, register
from app.quota.labels import CHOICES
from app.quota.models import (
    Institution,
    InstitutionCap,
    InstitutionCategory,
    Person,
    QuotaAllocation,
    QuotaLedgerEntry,
    QuotaType,
    RegionalCap,
    Region,
)


def _choices(name: str) -> dict:
    return dict(CHOICES[name])


def _region(drill=None) -> Dimension:
    return Dimension("region", _l("Region"), Region.id, Region.name, drill)


def _quota_type(drill=None) -> Dimension:
    return Dimension("quota_type", _l("Quota type"), QuotaType.id, QuotaType.name, drill)


def _through_institution(model):
    def joins(stmt):
        return (stmt.join(Institution, model.institution_id == Institution.id)
                .join(Region, Institution.region_id == Region.id)
                .join(QuotaType, model.quota_type_id == QuotaType.id))
    return joins


def _from_grain(stmt, grain):
    """From (institution, quota type) columns to the region and quota type dimensions."""
    institution_id, quota_type_id = grain
    return (stmt.join(Institution, institution_id == Institution.id)
            .join(Region, Institution.region_id == Region.id)
            .join(QuotaType, quota_type_id == QuotaType.id))


DATASETS = (
    Dataset(
        "allocations", _l("Approved quotas and vacancies"), QuotaAllocation, "QuotaAllocation",
        (_quota_type(("QuotaAllocationView.list", "_flt_0_quota_type")), _region(),
         Dimension("institution_status", _l("Status"), Institution.status, labels=_choices("status"))),
        (Measure("approved", _l("Approved"), QuotaAllocation.approved),
         Measure("occupied", _l("Occupied"), QuotaAllocation.occupied),
         Measure("vacant", _l("Vacant"), QuotaAllocation.approved - QuotaAllocation.occupied)),
        _through_institution(QuotaAllocation), "QuotaAllocationView.list", _l("posts")),
    Dataset(
        "persons", _l("Persons"), Person, "Person",
        (_quota_type(("PersonView.list", "_flt_0_quota_type")), _region(),
         Dimension("status", _l("Status"), Person.status, drill=("PersonView.list", "_flt_3_status"),
                   labels=_choices("person_status")),
         Dimension("gender", _l("Gender"), Person.gender, labels=_choices("gender")),
         Dimension("entry_date", _l("Entry date"), Person.entry_date)),
        (), _through_institution(Person), "PersonView.list", _l("persons"),
        # The persons in post are counted per institution × quota type by ``occupied``, kept by the
        # person services in the writing transaction; the exited ones (ix_person_exited) are counted.
        counter=Counter(QuotaAllocation, QuotaAllocation.occupied,
                        (QuotaAllocation.institution_id, QuotaAllocation.quota_type_id),
                        (Person.institution_id, Person.quota_type_id), _from_grain,
                        frozenset({"region", "quota_type"}), "status", "active",
                        Person.status == literal_column("'exited'"))),
    Dataset(
        "institutions", _l("Institutions"), Institution, "Institution",
        (Dimension("status", _l("Status"), Institution.status, drill=("InstitutionView.list", "_flt_3_status"),
                   labels=_choices("status")),
         _region(("InstitutionView.list", "_flt_0_region")),
         Dimension("category", _l("Category"), InstitutionCategory.id, InstitutionCategory.name,
                   ("InstitutionView.list", "_flt_0_category")),
         Dimension("within_cap", _l("Within cap"), Institution.within_cap),
         Dimension("established_on", _l("Established on"), Institution.established_on)),
        (),
        lambda stmt: (stmt.join(Region, Institution.region_id == Region.id)
                      .join(InstitutionCategory, Institution.category_id == InstitutionCategory.id)),
        "InstitutionView.list", _l("institutions")),
    Dataset(
        "ledger", _l("Quota ledger"), QuotaLedgerEntry, "QuotaLedgerEntry",
        (_quota_type(), _region(), Dimension("effective_on", _l("Effective on"), QuotaLedgerEntry.effective_on),
         Dimension("created_at", _l("Recorded at"), QuotaLedgerEntry.created_at)),
        (Measure("delta", _l("Change"), QuotaLedgerEntry.delta),),
        _through_institution(QuotaLedgerEntry), "QuotaLedgerEntryView.list", _l("entries")),
    Dataset(
        "institution_caps", _l("Institution caps"), InstitutionCap, "InstitutionCap",
        (_region(),),
        (Measure("total", _l("Total"), InstitutionCap.total), Measure("used", _l("Used"), InstitutionCap.used)),
        lambda stmt: stmt.join(Region, InstitutionCap.region_id == Region.id), "InstitutionCapView.list",
        _l("institutions")),
    Dataset(
        "regional_caps", _l("Regional caps"), RegionalCap, "RegionalCap",
        (_region(), _quota_type(("RegionalCapView.list", "_flt_0_quota_type"))),
        (Measure("total", _l("Total"), RegionalCap.total), Measure("used", _l("Used"), RegionalCap.used)),
        lambda stmt: (stmt.join(Region, RegionalCap.region_id == Region.id)
                      .join(QuotaType, RegionalCap.quota_type_id == QuotaType.id)),
        "RegionalCapView.list", _l("posts")),
)


def register_all() -> None:
    for dataset in DATASETS:
        register(dataset)
