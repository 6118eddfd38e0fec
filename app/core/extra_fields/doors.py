"""The extra fields on the generic doors (``app.core.row_extensions``): add and edit
forms (writable fields for the roles that write them; read-only for those that only
read them), the show page and the xlsx export (the fields the user may read), and the
row's write (``app.core.crud``: inside the row's transaction, after its service).

Rows come from the views' scoped queries, so no door shows a value of a row outside
the user's scope; the service decides what a role may write.
"""
from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField

from app.core.extra_fields import services
from app.core.messages import current_lang


class _Unbound:
    """An added field is not a column of the row: the form never writes it onto the row
    (``collect`` hands its value to the service instead)."""

    def populate_obj(self, obj, name):
        pass


class ExtraText(_Unbound, StringField):
    pass


class ExtraSelect(_Unbound, SelectField):
    pass


def _field(fld, writable: bool):
    lang = current_lang()
    label = fld.label(lang)
    help_text = (fld.help_en or fld.help_zh) if lang == "en" else fld.help_zh
    render_kw = {} if writable else {"disabled": True}
    if fld.kind in ("choice", "yesno"):
        if fld.kind == "yesno":
            choices = [("", "—"), ("1", str(_l("Yes"))), ("0", str(_l("No")))]
        else:
            choices = [("", "—"), *services.dictionary_rows(fld.dictionary)]
        return ExtraSelect(label, choices=choices, description=help_text or "", validate_choice=False,
                           render_kw=render_kw)
    if fld.kind == "date":
        render_kw["placeholder"] = "2024-03-01"
    return ExtraText(label, description=help_text or "", render_kw=render_kw)


FILTER_ARG = re.compile(r"_xf_(eq|ct|gt|lt|empty)_([a-z][a-z0-9_]{0,39})")


def filter_args() -> list[tuple[str, str, str]]:
    """The request's extra-field filters: (operation, code, value) from ``_xf_<op>_<code>=value``."""
    from flask import has_request_context, request

    if not has_request_context():
        return []
    found = []
    for name, value in request.args.items(multi=True):
        match = FILTER_ARG.fullmatch(name)
        if match:
            found.append((match.group(1), match.group(2), value))
    # A filter form may send the field, the operation and the value apart.
    for code, operation, value in zip(request.args.getlist("_xfc"), request.args.getlist("_xfo"),
                                      request.args.getlist("_xfv")):
        if code:
            found.append((operation if operation in services.OPERATIONS else "eq", code, value))
    return found


class ExtraFieldDoors:
    @staticmethod
    def _resource(view):
        name = getattr(view, "class_permission_name", None)
        return name if name in services.resources() else None

    def form_class(self, view, form_class, item):
        resource = self._resource(view)
        if resource is None:
            return form_class, []
        roles = services.current_roles()
        attrs = {}
        for fld in services.fields_of(resource, roles):
            writable = services.may_write(fld, roles)
            if item is None and not writable:
                continue  # an add form: nothing to read yet
            attrs[services.form_name(fld)] = _field(fld, writable)
        if not attrs:
            return form_class, []
        return type(form_class.__name__, (form_class,), attrs), list(attrs)

    def fill_form(self, view, form, item):
        resource = self._resource(view)
        if resource is None:
            return
        roles = services.current_roles()
        values = services.read(resource, [item.id], roles).get(item.id, {})
        for fld in services.fields_of(resource, roles):
            name = services.form_name(fld)
            if name in form:
                form[name].data = services.as_text(fld, values.get(fld.code))

    def collect(self, view, form) -> dict:
        resource = self._resource(view)
        if resource is None:
            return {}
        roles = services.current_roles()
        return {fld.code: form[services.form_name(fld)].data for fld in services.fields_of(resource, roles,
                                                                                             writable=True)
                if services.form_name(fld) in form}

    def after_write(self, kind: str, item) -> None:
        resource = services.resource_of(type(item))
        if resource is None:
            return
        if kind == "delete":
            services.forget(resource, item.id)
            return
        values = getattr(item, "extra_values", None)
        if values is None:
            return  # a door that does not carry extra fields (a service, a workflow action)
        from app.extensions import db

        db.session.flush()  # the new row's id
        services.write(resource, item.id, values, services.current_roles(), complete=kind == "create")

    def show_values(self, view, item):
        resource = self._resource(view)
        if resource is None or item is None:
            return []
        roles = services.current_roles()
        values = services.read(resource, [item.id], roles).get(item.id, {})
        lang = current_lang()
        return [(services.form_name(fld), fld.label(lang), services.display(fld, values.get(fld.code)))
                for fld in services.fields_of(resource, roles)]

    def narrow_query(self, model, query):
        """Rows whose extra field matches; a field the user may not read is not a filter
        (it would tell its values), and a value that is no value of the field is a 400."""
        args = filter_args()
        if not args:
            return query
        resource = services.resource_of(model)
        if resource is None:
            return query
        readable = {f.code: f for f in services.fields_of(resource, services.current_roles())}
        from flask import abort

        from app.core.errors import DomainError

        for operation, code, value in args:
            fld = readable.get(code)
            if fld is None:
                abort(400, description=DomainError("extra.unknown_field", resource=services.label_of(resource),
                                                   code=code).message())
            try:
                query = query.filter(services.row_filter(fld, operation, value))
            except DomainError as err:
                abort(400, description=err.message())
        return query

    def api_values(self, api, pk):
        """GET /api/v1/<resource>/<pk>: the readable fields as ``extra`` (null: no value)."""
        resource = self._resource(api)
        if resource is None or not str(pk).isdigit():
            return None
        roles = services.current_roles()
        values = services.read(resource, [int(pk)], roles).get(int(pk), {})
        return {fld.code: services.jsonable(values.get(fld.code)) for fld in services.fields_of(resource, roles)}

    def export_values(self, view, items):
        resource = self._resource(view)
        if resource is None:
            return [], {}
        roles = services.current_roles()
        fields = services.fields_of(resource, roles)
        if not fields:
            return [], {}
        items = list(items)
        values = services.read(resource, [item.id for item in items], roles)
        lang = current_lang()
        return ([fld.label(lang) for fld in fields],
                {row: [services.display(fld, got.get(fld.code)) for fld in fields] for row, got in values.items()})


DOORS = ExtraFieldDoors()
