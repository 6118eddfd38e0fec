"""The 待办 page: everything waiting for the logged-in user, one row per thing,
grouped by kind (from the to-do registry, ``app.core.todo``), and the count the
menu bar's badge shows (fetched by ``static/js/todo.js``, so no page pays for it).

Every provider selects within the user's scope: a department user sees only its
own units' things.  The page is in the kernel, the lowest layer that can host it:
the domains fill it through the registry.
"""
from __future__ import annotations

from flask import jsonify
from flask_appbuilder import BaseView, expose, has_access
from flask_babel import lazy_gettext as _l

from app.core import todo
from app.core.scoping import current_user


def grouped(items: list[todo.Item]) -> list[tuple[str, list[todo.Item]]]:
    """The items by kind, kinds in the registry's order, oldest first within a kind."""
    groups: dict[str, list[todo.Item]] = {}
    for item in items:
        groups.setdefault(str(item.kind), []).append(item)
    return [(kind, sorted(rows, key=lambda i: (i.since is None, str(i.since or "")))) for kind, rows in groups.items()]


class TodoView(BaseView):
    route_base = "/todo"
    default_view = "index"
    class_permission_name = "Todo"
    method_permission_name = {"index": "read", "count": "read"}
    base_permissions = ["can_read"]

    @expose("/")
    @has_access
    def index(self):
        items = todo.items_for(current_user())
        return self.render_template("bianzhi/todo.html", groups=grouped(items), total=len(items),
                                    title=_l("To do"))

    @expose("/count")
    @has_access
    def count(self):
        return jsonify(count=todo.count_for(current_user()))

