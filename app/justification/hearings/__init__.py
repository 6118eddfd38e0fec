"""论证会与意见 — hearings (座谈会 / 答辩会 / 听证会) and the opinions they, and the
public channels, bring in, each with its handling (SPEC §2)."""
from app.justification.hearings import models  # noqa: F401  (the tables, before any view inspects the mappers)


def init_app(app, appbuilder) -> None:
    from app import roles
    from app.core import demo, messages
    from app.justification.hearings import access, views
    from app.justification.hearings import messages as hearing_messages
    from app.justification.hearings import roles as hearing_roles

    messages.register(hearing_messages.MESSAGES)
    access.register_all()
    views.register(appbuilder)
    roles.register(hearing_roles.DEFAULTS, menu_categories=hearing_roles.MENU_CATEGORIES)
    demo.register("app.justification.hearings", "seeds.data.justification:load_hearings")
