"""收藏的筛选 — saved list filters (issue #16 §3): any user saves the current list's
filter and sort under a name, an administrator shares one with a role, and they
appear beside every list (the common list template).  A kernel piece: every
domain's list has it through ``app.core.views``' template, no domain changes."""
from app.core.saved_filters import models  # noqa: F401  (the table, before any view inspects the mappers)


def init_app(app, appbuilder) -> None:
    from app.core import generation
    from app import roles
    from app.core import messages
    from app.core.saved_filters import messages as own_messages
    from app.core.saved_filters import roles as own_roles
    from app.core.saved_filters.views import SavedFilterView, saved_filters_for

    messages.register(own_messages.MESSAGES)
    generation.watch(models.SavedFilter)  # cached across requests (the panel)
    appbuilder.add_view_no_menu(SavedFilterView)
    app.jinja_env.globals["saved_filters_for"] = saved_filters_for
    roles.register(own_roles.DEFAULTS)
