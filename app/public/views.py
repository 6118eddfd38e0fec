"""The portal page: no login, no database read; the links the domains registered,
and what is still to be published, with when (until its domain lands)."""
from flask_appbuilder import BaseView, expose
from flask_babel import lazy_gettext as _l

from app.core import portal

# topic -> (what, when it is published).  A domain that registers a ``portal.Link``
# with this topic replaces the announcement with its page.
ANNOUNCED = (
    ("power_lists", _l("Power and responsibility lists"),
     _l("Published once the office has approved a department's list, and kept current after every change.")),
    ("spot_checks", _l("Spot-check plans and results"),
     _l("Plans are published before the checks start; results within 20 working days of a check.")),
    ("registration_notices", _l("Registration notices"),
     _l("Published when a registration (establishment, change, cancellation) is approved.")),
)


class PortalView(BaseView):
    route_base = "/public"
    default_view = "index"

    @expose("/")
    def index(self):
        published = portal.topics()
        pending = [(label, when) for topic, label, when in ANNOUNCED if topic not in published]
        return self.render_template("bianzhi/public/index.html", links=portal.links(), pending=pending)
