"""The portal page: no login, no database read; the links the domains registered."""
from flask_appbuilder import BaseView, expose

from app.core import portal


class PortalView(BaseView):
    route_base = "/public"
    default_view = "index"

    @expose("/")
    def index(self):
        return self.render_template("bianzhi/public/index.html", links=portal.links())
