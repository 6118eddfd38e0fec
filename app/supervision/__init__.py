"""监督 — supervision (SPEC §5, §6): today the audit log pages; department
evaluations, public-institution assessments, spot checks (双随机、一公开),
findings and rectification, and the scheduled verification rules come here,
each a sub-package that is a domain of its own (``app.supervision.<name>``
in the domain list).
"""


def init_app(app, appbuilder) -> None:
    from app import roles
    from app.supervision import audit_views
    from app.supervision import roles as supervision_roles

    audit_views.register(appbuilder)
    roles.register(supervision_roles.DEFAULTS, menu_categories=supervision_roles.MENU_CATEGORIES)
