"""Default permissions on 用编进人.  A department files plans, batches and exit
filings for its own subtree (scoped) and applies (申请); the office reviews,
enters (入库) and holds the meetings; the leader reads everything."""
from app.roles import D, R, W

RESOURCES = ("ApplicationType", "ReviewMeeting", "StaffingPlan", "StaffingPlanLine", "EntryBatch", "EntryCandidate",
             "ExitFiling")
DEFAULTS = {
    "staff": {"ApplicationType": (R,), "ReviewMeeting": (R, W, D, "decide"),
              "StaffingPlan": (R, W, D, "submit", "decide"), "StaffingPlanLine": (R, W, D),
              "EntryBatch": (R, W, D, "apply", "review", "enter"), "EntryCandidate": (R, W, D),
              "ExitFiling": (R, W)},
    "leader": {res: (R,) for res in RESOURCES},
    "department": {"ApplicationType": (R,), "ReviewMeeting": (R,), "StaffingPlan": (R, W, D, "submit"),
                   "StaffingPlanLine": (R, W, D), "EntryBatch": (R, W, D, "apply"), "EntryCandidate": (R, W, D),
                   "ExitFiling": (R, W)},
    "inspector": {"StaffingPlan": (R,), "StaffingPlanLine": (R,), "EntryBatch": (R,), "ExitFiling": (R,)},
}
MENU_CATEGORIES = {"StaffingUse": ("ApplicationType", "ReviewMeeting", "StaffingPlan", "EntryBatch", "ExitFiling")}
