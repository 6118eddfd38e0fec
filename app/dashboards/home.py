"""The home page: what waits for the user, and what the user's reach holds, in figures.

FAB builds its index view before any domain's ``init_app``, so this one is
named in the configuration (``FAB_INDEX_VIEW``).
"""
from flask_appbuilder import IndexView, expose

from app.core import todo
from app.core.scoping import current_user
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
