"""Default permissions on registration: departments file for their subtree; the
office (staff) receives, reviews, approves, issues and announces (``advance``)."""
from app.roles import D, R, W

DEFAULTS = {
    "staff": {"Registration": (R, W, D, "advance"), "Certificate": (R,), "RegistrationReport": (R,),
              "RegistrationTimeLimit": (R,)},
    "leader": {"Registration": (R,), "Certificate": (R,), "RegistrationReport": (R,), "RegistrationTimeLimit": (R,)},
    "department": {"Registration": (R, W, D), "Certificate": (R,), "RegistrationTimeLimit": (R,)},
    "inspector": {"Registration": (R,), "Certificate": (R,)},
}
MENU_CATEGORIES = {"LegalPersons": ("Registration", "Certificate", "RegistrationReport", "RegistrationTimeLimit")}
MENU_LINKS = {"RegistrationReportPage": "RegistrationReport"}
