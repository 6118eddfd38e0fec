"""收藏的筛选: saving a list's filter from the list page, opening it, and the page
where one's saved filters are renamed, deleted and (administrators) shared.

The panel beside every list is drawn by ``bianzhi/saved_filters_panel.html``,
included by the common list template; it reads ``saved_filters_for`` (a template
global) so no domain view changes for it."""
from __future__ import annotations

from typing import NamedTuple, Optional

from flask import abort, flash, redirect, request, url_for
from flask_appbuilder import BaseView, expose, has_access
from flask_babel import lazy_gettext as _l

from app.core import generation
from app.core.db import transaction
from app.core.errors import DomainError
from app.core.saved_filters import services
from app.core.scoping import current_user
from app.extensions import db


def saved_filters_for(endpoint: str) -> list:
    """The saved filters shown beside the list served by ``endpoint`` (its own and shared)."""
    user = current_user()
    if user is None or not endpoint:
        return []
    view_name = endpoint.rsplit(".", 1)[0]
    roles = tuple(sorted(role.id for role in user.roles))

    def read() -> tuple:
        rows = db.session.execute(services.visible_to(user, view_name, managing=False)).scalars()
        return tuple(Shown(row.id, row.name, row.shared_role_id) for row in rows)

    # Across requests while no saved filter or role has changed (``app.core.generation``).
    return list(generation.remember(("saved_filters", user.id, roles, view_name), read))


class Shown(NamedTuple):
    """What the panel shows of a saved filter: plain values, safe to keep across requests."""

    id: int
    name: str
    shared_role_id: Optional[int]


def _back(default: str):
    target = request.form.get("next") or ""
    # Only a path of this site: never an open redirect.
    return redirect(target if target.startswith("/") and not target.startswith("//") else default)


class SavedFilterView(BaseView):
    route_base = "/savedfilters"
    default_view = "index"
    class_permission_name = services.PERMISSION
    method_permission_name = {"index": "read", "use": "read", "save": "write", "rename": "write",
                              "delete": "write", "share": "share"}
    base_permissions = ["can_read", "can_write", "can_share"]

    def _run(self, work, done):
        try:
            with transaction():
                result = work()
        except DomainError as err:
            flash(str(err), "danger")
            return False, err
        flash(str(done), "success")
        return True, result

    @expose("/")
    @has_access
    def index(self):
        user = current_user()
        rows = list(db.session.execute(services.visible_to(user)).scalars())
        sm = self.appbuilder.sm
        roles = [r for r in db.session.query(sm.role_model).order_by(sm.role_model.name) if r.name != "public"]
        from app.roles import role_label

        labels = {r.id: role_label(r.name) for r in roles}
        return self.render_template("bianzhi/saved_filters.html", rows=rows, owners=services.owner_names(rows),
                                    lists=_list_titles(), roles=roles, role_label=labels,
                                    may_share=services.may_share(user), user_id=user.id,
                                    title=_l("Saved filters"))

    @expose("/save", methods=["POST"])
    @has_access
    def save(self):
        from urllib.parse import parse_qsl

        user = current_user()
        view_name = request.form.get("view", "")
        pairs = parse_qsl(request.form.get("args", ""), keep_blank_values=True)
        self._run(lambda: services.save(user, view_name, request.form.get("name", ""), pairs),
                             _l("Filter saved"))
        return _back(url_for("SavedFilterView.index"))

    @expose("/use/<int:pk>")
    @has_access
    def use(self, pk):
        try:
            return redirect(services.use(current_user(), pk))
        except DomainError as err:
            if err.key == "saved_filter.not_found":
                abort(404, description=str(err))
            flash(str(err), "danger")
            return redirect(url_for("SavedFilterView.index"))

    @expose("/rename/<int:pk>", methods=["POST"])
    @has_access
    def rename(self, pk):
        self._run(lambda: services.rename(current_user(), pk, request.form.get("name", "")), _l("Filter renamed"))
        return redirect(url_for("SavedFilterView.index"))

    @expose("/delete/<int:pk>", methods=["POST"])
    @has_access
    def delete(self, pk):
        self._run(lambda: services.delete(current_user(), pk), _l("Filter deleted"))
        return redirect(url_for("SavedFilterView.index"))

    @expose("/share/<int:pk>", methods=["POST"])
    @has_access
    def share(self, pk):
        raw = request.form.get("role", "")
        if raw and not (raw.isdigit() and int(raw) < 2**31):
            abort(400)
        role_id = int(raw) if raw else None
        self._run(lambda: services.share(current_user(), pk, role_id), _l("Sharing saved"))
        return redirect(url_for("SavedFilterView.index"))


def _list_titles() -> dict:
    """View name -> the list's title, for the managing page."""
    from flask import current_app

    return {type(v).__name__: str(getattr(v, "list_title", "") or type(v).__name__)
            for v in current_app.appbuilder.baseviews}
