"""The home page: what waits for the user, and what the user's reach holds, in figures;
for a role whose landing page is a dashboard (leaders: the cockpit), that dashboard.

FAB builds its index view before any domain's ``init_app``, so this one is
named in the configuration (``FAB_INDEX_VIEW``).
"""
from flask import redirect, url_for
from flask_appbuilder import IndexView, expose

from app.core import todo
from app.core.scoping import current_user, role_names
from app.dashboards import queries as dashboard_queries
from app.core.resources import choice_label
from app.quota import queries
from app.quota.labels import CHOICES


class HomeView(IndexView):
    index_template = "bianzhi/home.html"

    @expose("/")
    def index(self):
        self.update_redirect()
        user = current_user()
        if user is None:
            return self.render_template(self.index_template, appbuilder=self.appbuilder, anonymous=True)
        landing = home_of(user)
        if landing is not None:
            return redirect(landing)
        return self.render_template(
            self.index_template,
            appbuilder=self.appbuilder,
            anonymous=False,
            todos=todo.for_user(user),
            quotas=queries.quota_totals(),
            counts=queries.institution_counts(),
            caps=queries.institution_caps(),
            status_label=choice_label(CHOICES["status"]),
        )


def home_of(user):
    """A role's landing page: a builder dashboard set as its home, else the cockpit for
    leaders (SPEC §8: leaders read dashboards); ``None`` keeps this page."""
    board = dashboard_queries.landing_for(user)
    if board is not None:
        return url_for("CockpitView.board", pk=board.id)
    if "leader" in role_names(user):
        return url_for("CockpitView.index")
    return None
