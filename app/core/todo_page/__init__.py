"""待办 — the to-do page of every user and the menu bar's count (issue #11, 2): the
kernel's page over the to-do registry (``app.core.todo``) the domains fill."""


def init_app(app, appbuilder) -> None:
    from app import roles
    from app.core.todo_page.views import TodoView

    appbuilder.add_view_no_menu(TodoView)
    readers = {"Todo": (roles.R,)}
    roles.register({"staff": readers, "leader": readers, "department": readers, "inspector": readers})
