"""安全 → 列表视图: the page where an administrator configures a resource's list per
role (issue #16 §1).  Everything is picked from labelled lists of the resource's
own columns; the rules are the service's (``services.save``), this page only reads
the form and shows the outcome.
"""
from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_appbuilder import BaseView, expose, has_access
from flask_appbuilder.security.sqla.models import Role
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.core.db import transaction
from app.core.errors import DomainError
from app.core.view_config import columns as cols
from app.core.view_config import services
from app.core.view_config.lookup import effective_of, role_rank
from app.core.view_config.models import ViewConfig
from app.extensions import db
from app.roles import role_label

FILTER_ROWS = 3  # default filters offered on the form


def _resources() -> list[tuple[str, str]]:
    """(resource, its list's title) of every list that follows configurations."""
    from flask import current_app

    from app.core.view_config.listing import ConfiguredListMixin

    views = [v for v in current_app.appbuilder.baseviews if isinstance(v, ConfiguredListMixin)]
    return sorted(((v.class_permission_name, str(v.list_title)) for v in views), key=lambda pair: pair[1])


def _roles() -> list[str]:
    return sorted(db.session.execute(select(Role.name)).scalars(), key=role_rank)


def draft_from_form(form, view) -> services.Draft:
    """The submitted form as a draft; column order by the position boxes, then as listed."""
    allowed = cols.allowed_columns(view)
    shown = [c for c in form.getlist("show") if c]

    def position(column):
        raw = (form.get(f"pos_{column}") or "").strip()
        return (int(raw) if raw.isdigit() else 10_000, allowed.index(column) if column in allowed else 0)

    filters = []
    for i in range(FILTER_ROWS):
        picked, value = form.get(f"filter_{i}") or "", (form.get(f"filter_value_{i}") or "").strip()
        if picked:
            column, _, arg_name = picked.rpartition("|")
            filters.append((column, arg_name, value))
    size = (form.get("page_size") or "").strip()
    searched = [c for c in form.getlist("search") if c]
    return services.Draft(
        list_columns=sorted(shown, key=position),
        search_columns=searched or None,
        order_column=form.get("order_column") or None,
        order_direction=form.get("order_direction") or "asc",
        page_size=int(size) if size.isdigit() and len(size) < 6 else (None if not size else -1),
        filters=filters,
        labels={c: {"zh": form.get(f"zh_{c}", ""), "en": form.get(f"en_{c}", "")} for c in allowed
                if form.get(f"zh_{c}", "").strip() or form.get(f"en_{c}", "").strip()},
    )


def draft_from_saved(view, row, role: str) -> services.Draft:
    if row is None:  # the declared list, as the form's starting point
        searchable = [c for c in view.search_columns
                      if not (c in cols.MASKED_COLUMNS and cols.sees_masked(role))]
        return services.Draft(list_columns=list(view.list_columns), search_columns=searchable)
    cfg = effective_of(row, role)
    return services.Draft(list_columns=list(cfg.list_columns), search_columns=(
        list(cfg.search_columns) if cfg.search_columns is not None else list(view.search_columns)),
        order_column=cfg.order[0] if cfg.order else None, order_direction=cfg.order[1] if cfg.order else "asc",
        page_size=cfg.page_size, filters=[tuple(f) for f in cfg.filters], labels=cfg.labels)


class ViewConfigView(BaseView):
    route_base = "/viewconfig"
    default_view = "index"
    class_permission_name = "ViewConfig"
    base_permissions = ["can_read", "can_write"]
    method_permission_name = {"index": "read", "edit": "write", "reset": "write"}

    @expose("/")
    @has_access
    def index(self):
        if request.args.get("resource") and request.args.get("role"):  # the picker's choice
            return redirect(url_for("ViewConfigView.edit", resource=request.args["resource"],
                                    role=request.args["role"]))
        saved = db.session.execute(select(ViewConfig.resource, Role.name).join(Role, Role.id == ViewConfig.role_id)
                                   ).all()
        return self.render_template("bianzhi/view_config/index.html", resources=_resources(), roles=_roles(),
                                    saved=sorted(saved, key=lambda pair: (pair[0], role_rank(pair[1]))),
                                    labels=dict(_resources()), role_label=role_label)

    def _target(self, resource: str, role: str):
        view = cols.view_of(resource)
        if view is None or role not in _roles():
            abort(404)
        return view

    @expose("/edit/<resource>/<role>", methods=["GET", "POST"])
    @has_access
    def edit(self, resource, role):
        view = self._target(resource, role)
        status = 200
        if request.method == "POST":
            draft = draft_from_form(request.form, view)
            try:
                with transaction():
                    services.save(resource, role, draft)
            except DomainError as err:
                flash(str(err), "danger")
                status = 422
            else:
                flash(str(_l("The list view is saved")), "success")
                return redirect(url_for("ViewConfigView.edit", resource=resource, role=role))
        else:
            row = db.session.execute(select(ViewConfig).join(Role, Role.id == ViewConfig.role_id).where(
                ViewConfig.resource == resource, Role.name == role)).scalar_one_or_none()
            draft = draft_from_saved(view, row, role)
        allowed = cols.allowed_columns(view)
        return self.render_template(
            "bianzhi/view_config/edit.html", resource=resource, role=role, title=view.list_title, draft=draft,
            role_label=role_label(role),
            columns=[(c, cols.label_of(view, c)) for c in allowed],
            searchable=set(cols.searchable_columns(view)),
            sortable=[(c, cols.label_of(view, c)) for c in cols.sortable_columns(view, allowed)],
            filter_choices=[(f"{c}|{arg}", f"{cols.label_of(view, c)} · {name}")
                            for c, offered in cols.filter_choices(view).items() for arg, name in offered],
            filter_rows=FILTER_ROWS, max_page_size=cols.MAX_PAGE_SIZE,
            positions={c: i + 1 for i, c in enumerate(draft.list_columns)}), status

    @expose("/reset/<resource>/<role>", methods=["POST"])
    @has_access
    def reset(self, resource, role):
        self._target(resource, role)
        with transaction():
            services.reset(resource, role)
        flash(str(_l("The list view is back to its built-in definition")), "success")
        return redirect(url_for("ViewConfigView.edit", resource=resource, role=role))


def register(appbuilder) -> None:
    # The category is quota's (安全), worded and drawn as it registers it.
    appbuilder.add_view(ViewConfigView, "ViewConfigs", label=_l("List views"), category="Security",
                        category_label=_l("Security"), category_icon="fa-cogs")
