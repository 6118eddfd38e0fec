"""Default permissions on the quota database's resources, by role (merged by ``app.roles``)."""
from app.roles import D, R, W

REFERENCE = ("Region", "InstitutionCategory", "QuotaType", "Rank", "StaffingStandard", "StaffingStandardRow")
QUOTA = (
    "Institution", "InternalDivision", "ThreeDeterminations", "QuotaAllocation", "QuotaLedgerEntry",
    "RegionalCap", "InstitutionCap", "LeadershipQuota", "Person",
)

DEFAULTS = {
    "staff": {
        **{res: (R,) for res in REFERENCE},
        **{res: (R, W, D) for res in QUOTA},
        "Institution": (R, W, D, "assign_uscc"),
        "QuotaAllocation": (R,),
        "QuotaLedgerEntry": (R, W),
    },
    "leader": {res: (R,) for res in REFERENCE + QUOTA},
    "department": {
        **{res: (R,) for res in REFERENCE},
        "Institution": (R, W),
        "InternalDivision": (R, W, D),
        "ThreeDeterminations": (R,),
        "QuotaAllocation": (R,),
        "QuotaLedgerEntry": (R,),
        "LeadershipQuota": (R,),
        "Person": (R, W),
    },
    "inspector": {
        **{res: (R,) for res in REFERENCE},
        **{res: (R,) for res in ("Institution", "InternalDivision", "QuotaAllocation", "QuotaLedgerEntry",
                                 "LeadershipQuota", "Person", "RegionalCap", "InstitutionCap")},
    },
}
MENU_CATEGORIES = {"QuotaDatabase": QUOTA, "ReferenceData": REFERENCE}
MENU_LINKS = {"InstitutionTree": "Institution"}
