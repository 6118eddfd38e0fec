"""Declare a resource once, get its CRUD view and its REST API.

Every domain lists its tables as ``Resource``s; ``build_view`` and ``build_api``
turn one declaration into a FAB view and a FAB REST API with the same columns,
the same scoped data interface and the same permission name, so the two doors
cannot drift apart.  Labels and choice lists belong to the domains
(``app.core.labels``): ``register_resources`` takes the labels a domain's
resources draw on, a ``Resource`` names its choice lists and its own wordings.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from flask_appbuilder.fieldwidgets import Select2ManyWidget, Select2Widget
from flask_appbuilder.models.filters import BaseFilter
from flask_babel import lazy_gettext as _l
from wtforms import SelectField, SelectMultipleField

from app.core.api_safety import check_user_columns
from app.core.crud import ScopedInterface
from app.core.localtime import localtime
from app.core.views import DomainApi, DomainModelView
from app.extensions import db

# menu category -> (label, Font Awesome icon), registered by the domains
CATEGORIES: dict[str, tuple[Any, str]] = {}
# resource name -> its declaration, as registered (the label tests read them)
REGISTERED: dict[str, "Resource"] = {}


def register_category(name: str, label: Any, icon: str) -> None:
    """A menu category; two domains may share one, worded and drawn the same way."""
    if CATEGORIES.get(name, (label, icon)) != (label, icon):
        raise ValueError(f"menu category {name!r} registered twice, differently")
    CATEGORIES[name] = (label, icon)


def choice_label(choices: list[tuple[str, Any]]) -> Callable[[Any], Any]:
    table = dict(choices)

    def fmt(value):
        return table.get(value, value) if value is not None else ""

    fmt.table = table  # templates that show raw rows use the same labels
    return fmt


def choice_select(choices: list[tuple[str, Any]], label: Any) -> SelectField:
    return SelectField(label, choices=choices, widget=Select2Widget(), coerce=lambda v: v if v else None)


class CodeListField(SelectMultipleField):
    """A text column holding comma-separated codes (``a,b``), chosen from labelled
    options instead of typed (a transition's case types, issue #11)."""

    widget = Select2ManyWidget()

    def process_data(self, value):
        self.data = [v.strip() for v in value.split(",") if v.strip()] if isinstance(value, str) else list(value or [])

    def pre_validate(self, form):
        known = {value for value, _label in self.choices}
        unknown = [v for v in self.data or [] if v not in known]
        if unknown:
            from flask_babel import gettext
            from wtforms.validators import ValidationError

            raise ValidationError(gettext("Not among the choices: %(values)s", values=", ".join(unknown)))

    def populate_obj(self, obj, name):
        setattr(obj, name, ",".join(self.data or []) or None)


def code_list_label(choices: list[tuple[str, Any]]) -> Callable[[Any], str]:
    """A comma-separated code column shown as its labels (``a,b`` → 甲、乙)."""
    names = dict(choices)

    def fmt(value) -> str:
        return "、".join(str(names.get(v.strip(), v.strip())) for v in (value or "").split(",") if v.strip())

    return fmt


@dataclass
class Resource:
    model: type
    name: str  # permission name and menu name
    label: Any
    category: str
    list_columns: list[str]
    add_columns: Optional[list[str]] = None  # None: read-only resource
    edit_columns: Optional[list[str]] = None
    show_columns: Optional[list[str]] = None
    search_columns: list[str] = field(default_factory=list)
    order: tuple[str, str] = ("id", "asc")
    choices: dict[str, list] = field(default_factory=dict)  # column -> [(stored value, label)]
    # comma-separated code columns: column -> [(code, label)], chosen from a labelled list
    code_lists: dict[str, list] = field(default_factory=dict)
    delete: bool = True
    labels: dict = field(default_factory=dict)  # this resource's own wording of a column
    # related columns picked by type-ahead (column -> endpoint) instead of a full <select>
    lookups: dict = field(default_factory=dict)
    view_extra: dict = field(default_factory=dict)
    formatters: dict = field(default_factory=dict)  # column -> callable, over the defaults
    view_base: type = DomainModelView
    api_base: type = DomainApi
    # Action permissions (``can_<action>``); listed for the API too: view and API
    # share one permission name, and FAB prunes what one of them does not declare.
    action_permissions: list[str] = field(default_factory=list)
    menu: bool = True  # False: reachable (related views, links) but not in the menu
    computed: tuple[str, ...] = ()  # Python properties shown in the UI, left out of the API schema
    related: tuple[str, ...] = ()  # resources listed on this one's show page (drill-down)
    api_routes: tuple[str, ...] = ()  # the API base's own endpoints (method names) to publish
    domain_labels: dict = field(default_factory=dict, repr=False)  # set by register_resources
    # Filters the API offers beyond the page's search form (a relation in the web
    # form's search would embed every related row; the API takes an id).
    api_search: tuple[str, ...] = ()
    api_filters: dict = field(default_factory=dict)  # column -> [custom FAB filter classes]
    # Rows that are closed one by one (an approved case): ``locks.refusal(item, op)`` says why
    # ``op`` ("edit" / "delete") is refused on that row, ``locks.locked(pks)`` which rows of a
    # list page refuse what, in one query.  Every door asks it: list icons, the edit and delete
    # URLs, the API's PUT and DELETE (and the services refuse on their own besides).
    locks: Optional["RowLocks"] = None
    # A form whose fields depend on a choice: {choice column: {value: [the columns that
    # value uses]}}.  The form shows those only (static/js/field_sets.js); a column
    # no value names is always shown.  The services still check what is required.
    field_sets: dict = field(default_factory=dict)
    # A choice whose options depend on another choice (a chart's columns on its dataset):
    # {column: (the column it depends on, {that column's value: [(stored value, label)]})}.
    # The form offers every option, and static/js/dependent_choices.js keeps those of the
    # chosen value only; the services refuse a value the chosen one does not offer.
    depends_on: dict = field(default_factory=dict)


@dataclass(frozen=True)
class RowLocks:
    refusal: Callable[[Any, str], Any]  # (row, "edit" | "delete") -> DomainError or None
    locked: Callable[[list], dict]  # pks -> {pk: {"edit", "delete"} refused on it}


def state_locks(refusal: Callable[[Any, str], Any], states: Callable[[list], Any],
                refused: Callable[[Any], set]) -> RowLocks:
    """Rows closed by a state, their own or their parent's (a plan's lines once the plan is
    submitted, the scores of a final evaluation): ``states(pks)`` selects (pk, state) for a
    list page's rows in one query, ``refused(state)`` the ops that state refuses, and
    ``refusal(row, op)`` says why for one row, in the words of the domain's service."""
    def locked(pks: list) -> dict:
        out = {}
        for pk, state in db.session.execute(states(pks)):
            ops = refused(state)
            if ops:
                out[pk] = set(ops)
        return out

    return RowLocks(refusal, locked)


def _plain(value):
    """Empty for NULL, 是/否 for booleans, local time to the minute for datetimes;
    everything else as it is."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return localtime(value)
    if isinstance(value, bool):
        return _l("Yes") if value else _l("No")
    if isinstance(value, (list, tuple, set)):  # a many-to-many column: its rows' names
        return "、".join(str(v) for v in value)
    return value


def _formatters(res: Resource) -> dict:
    columns = set(res.list_columns) | set(res.show_columns or res.add_columns or [])
    fmts = {col: _plain for col in columns}
    fmts.update({col: choice_label(choices) for col, choices in res.choices.items()})
    fmts.update({col: code_list_label(choices) for col, choices in res.code_lists.items()})
    fmts.update({col: choice_label(dependent_options(res, col)) for col in res.depends_on})
    fmts.update(res.formatters)
    return fmts


def dependent_options(res: Resource, col: str) -> list:
    """Every option of a dependent choice, once each, in the order first offered."""
    seen: dict = {}
    for options in res.depends_on[col][1].values():
        for value, label in options:
            seen.setdefault(value, label)
    return list(seen.items())


def _dependent_values(res: Resource) -> dict:
    """What the page's script needs: each dependent column's parent, and per parent value the options' values."""
    return {col: {"parent": parent, "values": {pv: [v for v, _label in opts] for pv, opts in by_value.items()}}
            for col, (parent, by_value) in res.depends_on.items()}


def labels_of(res: Resource) -> dict:
    """The domain's labels (set by ``register_resources``) with the resource's own wordings."""
    return {**res.domain_labels, **res.labels}


def permissions_of(res: Resource) -> list[str]:
    perms = ["can_read", *res.action_permissions]
    if res.add_columns is not None or res.edit_columns:
        perms.append("can_write")
    if res.delete and res.add_columns is not None:
        perms.append("can_delete")
    return perms


def _lookup_fields(res: Resource) -> dict:
    from app.core.lookup import LookupField

    from app.core.lookup import Required

    columns = set(res.add_columns or []) | set(res.edit_columns or [])
    return {
        col: LookupField(labels_of(res).get(col, col), [Required()] if _required_relation(res.model, col) else None,
                         datamodel=ScopedInterface(res.model), col_name=col, endpoint=endpoint)
        for col, endpoint in res.lookups.items() if col in columns
    }


def _required_relation(model, key: str) -> bool:
    """A many-to-one relation whose foreign key is NOT NULL."""
    from sqlalchemy import inspect as sa_inspect

    rel = sa_inspect(model).relationships.get(key)
    return rel is not None and all(not column.nullable for column in rel.local_columns)


def _boolean_fields(res: Resource) -> dict:
    """Plain checkboxes: FAB marks a NOT NULL boolean InputRequired, so an
    unticked box ("no", e.g. an out-of-cap institution) could never be saved."""
    from sqlalchemy import Boolean
    from wtforms import BooleanField

    table = res.model.__table__.columns
    columns = set(res.add_columns or []) | set(res.edit_columns or [])
    return {
        col: BooleanField(labels_of(res).get(col, col), default=bool(table[col].default and table[col].default.arg))
        for col in columns if col in table and isinstance(table[col].type, Boolean)
    }


def _declared_columns(res: Resource) -> set[str]:
    return {*res.list_columns, *(res.show_columns or []), *(res.add_columns or []), *(res.edit_columns or []),
            *res.search_columns, *res.api_search}


def build_view(res: Resource) -> type:
    check_user_columns(res.model, _declared_columns(res))
    extra = {col: choice_select(choices, labels_of(res).get(col, col)) for col, choices in res.choices.items()}
    extra.update({col: choice_select([("", "")] + dependent_options(res, col), labels_of(res).get(col, col))
                  for col in res.depends_on})
    extra.update(_lookup_fields(res))
    extra.update(_boolean_fields(res))
    extra.update({col: CodeListField(labels_of(res).get(col, col), choices=choices)
                  for col, choices in res.code_lists.items()})
    perms = permissions_of(res)
    attrs = dict(
        datamodel=ScopedInterface(res.model),
        class_permission_name=res.name,
        base_permissions=perms,
        allow_delete="can_delete" in perms,
        list_title=res.label, show_title=res.label, add_title=res.label, edit_title=res.label,
        list_columns=res.list_columns,
        show_columns=res.show_columns or res.add_columns or res.list_columns,
        add_columns=res.add_columns or [],
        edit_columns=res.edit_columns or [],
        search_columns=res.search_columns,
        label_columns=labels_of(res),
        base_order=res.order,
        formatters_columns=_formatters(res),
        add_form_extra_fields={k: v for k, v in extra.items() if k in (res.add_columns or [])},
        edit_form_extra_fields={k: v for k, v in extra.items() if k in (res.edit_columns or [])},
        list_template="bianzhi/list.html",
        # Append-only or system-written rows (no edit columns) are never edited: no icon, the URL refuses.
        editable=bool(res.edit_columns),
        locks=res.locks,
        extra_args={"export_endpoint": f"{res.name}View.export", "field_sets": res.field_sets,
                    "dependent_choices": _dependent_values(res)},
        **res.view_extra,
    )
    return type(f"{res.name}View", (res.view_base,), attrs)


def _api_read_columns(res: Resource, names: list[str]) -> list[str]:
    """The API's read columns: the declared ones but the Python-only properties.
    (Two relations to one model, a transition's from/to state, share one nested
    schema: see ``app.core.api_safety.SafeSchemaConverter``.)"""
    return [name for name in names if name not in res.computed]


class FilterRelatedRegion(BaseFilter):
    """Rows whose related row (e.g. the institution) lies in a region, by region id:
    ``{"col": "institution", "opr": "rel_region", "value": 3}``."""

    name = _l("In region")
    arg_name = "rel_region"

    def apply(self, query, value):
        from sqlalchemy import false, select

        rel = getattr(self.model, self.column_name).property
        target = rel.mapper.class_
        (local,) = rel.local_columns
        if isinstance(value, bool) or not str(value).isdigit() or int(value) > 2**63 - 1:
            return query.filter(false())
        return query.filter(local.in_(select(target.id).where(target.region_id == int(value))))


def _api_order_columns(res: Resource) -> list[str]:
    """Sortable through the API: the id, the plain columns listed, and every date."""
    from sqlalchemy import Date, DateTime

    columns = res.model.__table__.columns
    listed = [c for c in res.list_columns if c in columns]
    dates = [c.key for c in columns if isinstance(c.type, (Date, DateTime))]
    return list(dict.fromkeys(["id", *listed, *dates]))


def build_api(res: Resource) -> type:
    routes = {"get", "get_list", "info", *res.api_routes}
    if res.add_columns is not None:
        routes.add("post")
        if res.delete:
            routes.add("delete")
    if res.edit_columns:
        routes.add("put")
    attrs = dict(
        locks=res.locks,
        datamodel=ScopedInterface(res.model),
        resource_name=res.name.lower(),
        class_permission_name=res.name,
        base_permissions=permissions_of(res),
        include_route_methods=routes,
        list_columns=["id"] + _api_read_columns(res, res.list_columns),
        show_columns=["id"] + _api_read_columns(res, res.show_columns or res.add_columns or res.list_columns),
        add_columns=res.add_columns or [],
        edit_columns=res.edit_columns or [],
        search_columns=list(dict.fromkeys([*res.search_columns, *res.api_search])),
        search_filters={col: list(filters) for col, filters in res.api_filters.items()} or None,
        label_columns=labels_of(res),
        list_title=res.label, show_title=res.label, add_title=res.label, edit_title=res.label,
        order_columns=_api_order_columns(res),
        base_order=res.order,
    )
    return type(f"{res.name}Api", (res.api_base,), attrs)


def menu_name(resource: str) -> str:
    return f"{resource}List"


def register_resources(appbuilder, resources: list[Resource], labels: dict) -> dict[str, type]:
    """Add each resource's view (in the menu under its ``CATEGORIES`` entry) and
    its API, labelled from ``labels`` (``app.core.labels.merge``); returns the
    views by resource name."""
    from app.core.labels import COLUMN_LABELS

    for res in resources:
        res.domain_labels = labels
        REGISTERED[res.name] = res
        COLUMN_LABELS.setdefault(res.model, {}).update(labels_of(res))
    views = {res.name: build_view(res) for res in resources}
    for res in resources:
        views[res.name].related_views = [views[name] for name in res.related]
    for res in resources:
        # The menu item needs its own name: FAB prunes permissions of a view-menu
        # name that are not in the view's base_permissions (menu_access included).
        if res.menu:
            label, icon = CATEGORIES[res.category]
            appbuilder.add_view(views[res.name], menu_name(res.name), label=res.label, category=res.category,
                                category_label=label, category_icon=icon)
        else:
            appbuilder.add_view_no_menu(views[res.name])
        appbuilder.add_api(build_api(res))
    return views
