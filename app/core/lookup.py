"""Type-ahead selects for large related tables (institutions).

A stock FAB form renders every related row as an ``<option>``; with 20,000
institutions that is a 1.4 MB page and a full-table load per request.  Here the
field renders only the current value and Select2 asks ``/<view>/lookup/`` for
20 matches at a time.  The endpoint and the field both read through the
scoped interface, so a department user neither sees nor can post a foreign row.
"""
from __future__ import annotations

from flask_appbuilder.fields import AJAXSelectField
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape
from wtforms.validators import ValidationError

PAGE_SIZE = 20


class LookupWidget:
    def __init__(self, endpoint: str):
        self.endpoint = endpoint

    def __call__(self, field, **kwargs):
        current = ""
        if field.data is not None:
            current = f'<option value="{escape(field.pk)}" selected>{escape(field.text)}</option>'
        placeholder = _l("Type to search")  # outside the f-string, where the extractor sees it
        return Markup(
            f'<select class="bianzhi-lookup form-control" id="{escape(field.id)}" name="{escape(field.name)}" '
            f'data-endpoint="{escape(self.endpoint)}" data-placeholder="{escape(placeholder)}">'
            f'<option value=""></option>{current}</select>'
        )


class Required:
    """A related row the table cannot do without: said beside the field, in the
    catalogue's words ("机构 为必填项"), before any rule runs."""

    field_flags = {"required": True}

    def __call__(self, form, field):
        from wtforms.validators import StopValidation

        from app.core.messages import render

        if field.data is None:
            raise StopValidation(render("write.required", field=str(field.label.text)))


class LookupField(AJAXSelectField):
    """A related-object field whose choices come from a scoped lookup endpoint."""

    def __init__(self, label=None, validators=None, *, datamodel, col_name, endpoint, **kwargs):
        kwargs.setdefault("widget", LookupWidget(endpoint))
        super().__init__(label, validators, datamodel=datamodel, col_name=col_name, **kwargs)
        self._raw = None

    @property
    def pk(self):
        return self.datamodel.get_related_interface(self.col_name).get_pk_value(self.data)

    @property
    def text(self):
        return str(self.data)

    def process_data(self, value):
        self.data = value or None  # keep the object: the widget shows its name

    def process_formdata(self, valuelist):
        self._raw = valuelist[0] if valuelist else None
        if self._raw in (None, ""):
            self.data = None
            return
        if not str(self._raw).isdigit() or int(self._raw) > 2**63 - 1:
            self.data = None
            return
        self.data = self.datamodel.get_related_interface(self.col_name).get(int(self._raw))

    def pre_validate(self, form):
        if self._raw not in (None, "") and self.data is None:
            raise ValidationError(_l("Not a valid choice"))

    def populate_obj(self, obj, name):
        setattr(obj, name, self.data)
