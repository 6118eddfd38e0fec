"""安全 → 自定义字段: where an administrator defines the extra fields of a resource
(issue #16 §2).  The form fills a definition; its rules are the service's
(``definitions.check_new`` / ``check_definition``), run before the row is written.
There is no delete: 归档 (archive) takes a field off every form, list and door and
keeps its values; the list says how many rows carry one."""
from __future__ import annotations

from flask import flash, redirect
from flask_appbuilder.actions import action
from flask_appbuilder.fieldwidgets import Select2ManyWidget, Select2Widget
from flask_appbuilder.security.sqla.models import Role
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from wtforms import BooleanField, SelectField, SelectMultipleField

from app.core.crud import ScopedInterface
from app.core.db import transaction
from app.core.errors import DomainError
from app.core.extra_fields import definitions, services
from app.core.extra_fields.models import ExtraField
from app.core.views import METHOD_PERMISSIONS, DomainModelView
from app.extensions import db
from app.roles import role_label

KIND_LABELS = [("text", _l("Text")), ("integer", _l("Whole number")), ("decimal", _l("Decimal number")),
               ("date", _l("Date")), ("choice", _l("Choice from a dictionary")), ("yesno", _l("Yes / no"))]


def _resource_choices():
    return [(name, services.label_of(name)) for name in services.resources()]


def _dictionary_choices():
    return [("", "—"), *((name, services.label_of(name)) for name in services.dictionaries())]


def _role_choices():
    return [(name, role_label(name)) for name in db.session.execute(select(Role.name).order_by(Role.id)).scalars()]


class RoleListField(SelectMultipleField):
    """Role names chosen by their labels, stored as a list (a JSON column)."""

    widget = Select2ManyWidget()

    def process_data(self, value):
        self.data = list(value or [])

    def populate_obj(self, obj, name):
        setattr(obj, name, list(self.data or []))


def _label_of(table):
    names = dict(table)
    return lambda value: names.get(value, value) if value else ""


class ExtraFieldView(DomainModelView):
    datamodel = ScopedInterface(ExtraField)
    class_permission_name = "ExtraField"
    method_permission_name = {**METHOD_PERMISSIONS, "archive": "write", "restore": "write"}
    base_permissions = ["can_read", "can_write"]  # no delete: a field is archived, its data kept
    allow_delete = False
    list_title = show_title = _l("Extra fields")
    add_title, edit_title = _l("Add an extra field"), _l("Edit an extra field")
    base_order = ("resource", "asc")
    list_columns = ["resource", "code", "label_zh", "kind", "required", "archived", "values_held"]
    _rules = ["label_zh", "label_en", "dictionary", "required", "min_value", "max_value", "min_date",
              "max_date", "min_length", "max_length", "pattern", "help_zh", "help_en", "read_roles",
              "write_roles", "sort"]
    add_columns = ["resource", "code", "kind", *_rules]
    # A field's resource, code and type are fixed once it exists: its values are stored by type.
    edit_columns = _rules
    show_columns = ["resource", "code", "kind", *_rules, "archived", "values_held"]
    search_columns = ["resource", "code", "label_zh", "kind", "archived"]
    label_columns = {
        "resource": _l("Resource"), "code": _l("Field code"), "label_zh": _l("Chinese label"),
        "label_en": _l("English label"), "kind": _l("Field type"), "dictionary": _l("Dictionary"),
        "required": _l("Required"), "min_value": _l("Minimum"), "max_value": _l("Maximum"),
        "min_date": _l("Earliest date"), "max_date": _l("Latest date"), "min_length": _l("Shortest length"),
        "max_length": _l("Longest length"), "pattern": _l("Pattern (regular expression)"),
        "help_zh": _l("Help text (Chinese)"), "help_en": _l("Help text (English)"),
        "read_roles": _l("Roles that read it"), "write_roles": _l("Roles that write it"), "sort": _l("Order"),
        "archived": _l("Archived"), "values_held": _l("Rows with a value"),
    }
    description_columns = {
        "code": _l("Lower-case letters, digits and underscores; the column's name in imports and the API "
                   "is extra_ followed by the code"),
        "read_roles": _l("The roles that write it read it too; the administrator reads and writes every field"),
        "pattern": _l("Text fields: the whole value must match; say in the help text what is expected"),
    }
    add_form_extra_fields = edit_form_extra_fields = {
        "resource": SelectField(_l("Resource"), choices=_resource_choices, widget=Select2Widget()),
        "kind": SelectField(_l("Field type"), choices=KIND_LABELS, widget=Select2Widget()),
        "dictionary": SelectField(_l("Dictionary"), choices=_dictionary_choices, widget=Select2Widget(),
                                  coerce=lambda v: v or None),
        # a plain checkbox: FAB marks a NOT NULL boolean required, so "not required" could never be saved
        "required": BooleanField(_l("Required")),
        "read_roles": RoleListField(_l("Roles that read it"), choices=_role_choices),
        "write_roles": RoleListField(_l("Roles that write it"), choices=_role_choices),
    }
    formatters_columns = {
        "resource": lambda name: services.label_of(name),
        "kind": _label_of(KIND_LABELS),
        "read_roles": lambda names: "、".join(role_label(n) for n in names or []),
        "write_roles": lambda names: "、".join(role_label(n) for n in names or []),
        "required": lambda v: _l("Yes") if v else _l("No"),
        "archived": lambda v: _l("Yes") if v else _l("No"),
    }

    def pre_add(self, item):
        definitions.check_new(definitions.draft_of(item))
        item.archived = False

    def pre_update(self, item):
        definitions.check_definition(definitions.draft_of(item))

    def _archive(self, items, archived: bool, done):
        items = items if isinstance(items, list) else [items]
        try:
            with transaction():
                counts = [definitions.archive(item.id, archived) for item in items]
        except DomainError as err:
            flash(str(err), "danger")
        else:
            flash(str(done) % {"fields": len(items), "rows": sum(counts)}, "success")
        return redirect(self.get_redirect())

    @action("archive", _l("Archive"), _l("Archive these fields? Their values are kept and can be brought back"),
            "fa-archive")
    def archive(self, items):
        return self._archive(items, True, _l("%(fields)s field(s) archived; %(rows)s row value(s) kept"))

    @action("restore", _l("Bring back"), None, "fa-undo")
    def restore(self, items):
        return self._archive(items, False, _l("%(fields)s field(s) back in use; %(rows)s row value(s)"))


def register(appbuilder) -> None:
    appbuilder.add_view(ExtraFieldView, "ExtraFields", label=_l("Extra fields"), category="Security",
                        category_label=_l("Security"), category_icon="fa-cogs")
