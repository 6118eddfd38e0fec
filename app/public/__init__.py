"""公开 — the anonymous, read-only portal (SPEC: "the public reads what is
published"): one page listing what the domains publish (``app.core.portal``),
each link leading to that domain's own public page.

Added by following the README's recipe: this package, its ``init_app`` and one
line in the domain list; nothing central besides.
"""


def init_app(app, appbuilder) -> None:
    from app.public import views

    appbuilder.add_view_no_menu(views.PortalView)
