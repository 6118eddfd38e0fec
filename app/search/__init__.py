"""全局搜索 — the menu bar's search box (issue #16 §3): institutions (name, short
name, USCC), persons (name; the ID number, by exact match, only for the roles
that see it unmasked) and adjustment cases (number, title), within the user's
scope, in one box.  It sits above the domains it reads (the layer contract in
.importlinter)."""


def init_app(app, appbuilder) -> None:
    from app import roles
    from app.search.views import SearchView

    appbuilder.add_view_no_menu(SearchView)
    everyone = {"Search": (roles.R,)}
    roles.register({"staff": everyone, "leader": everyone, "department": everyone, "inspector": everyone})
