"""The home page: what the logged-in user's reach holds, in figures."""
from flask_appbuilder import IndexView, expose

from app.core.scoping import current_user
from app.quota import queries


class HomeView(IndexView):
    index_template = "bianzhi/home.html"

    @expose("/")
    def index(self):
        self.update_redirect()
        if current_user() is None:
            return self.render_template(self.index_template, appbuilder=self.appbuilder, anonymous=True)
        from app.core.resources import choice_label

        return self.render_template(
            self.index_template,
            appbuilder=self.appbuilder,
            anonymous=False,
            quotas=queries.quota_totals(),
            counts=queries.institution_counts(),
            caps=queries.institution_caps(),
            status_label=choice_label("status"),
        )
