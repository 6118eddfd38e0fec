"""办内处室与工作专班 — the staffing office's own divisions and task forces (SPEC §2).

Countersign (会签) is by office division, so the workflow engine sits above this
domain; the registers of 论证 (hearings, the coordination list) refer to its
divisions and task forces and declare those references here
(``services.register_division_referrer`` …).
"""
from app.office import models  # noqa: F401  (the tables, before any view inspects the mappers)


def init_app(app, appbuilder) -> None:
    from app import roles
    from app.core import demo, messages
    from app.office import access, views
    from app.office import messages as office_messages
    from app.office import roles as office_roles

    messages.register(office_messages.MESSAGES)
    access.register_all()
    views.register(appbuilder)
    roles.register(office_roles.DEFAULTS, menu_categories=office_roles.MENU_CATEGORIES)
    demo.register("app.office", "seeds.data.justification:load_office")
