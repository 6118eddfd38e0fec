"""View and API base classes shared by every domain (the request guards and error
pages are ``app.core.guards``).

``DomainModelView``/``DomainApi`` use ``ScopedInterface`` (scope on every read,
services on every write) and add what stock FAB lacks or gets wrong:

* ``action``/``action_post`` re-check scope, refuse unknown names (400 instead
  of 500) and honour single-row actions;
* a scoped xlsx export of the filtered list (``/export/``);
* refusals carry the domain message (flash, or 422 JSON in both languages);
"""
from __future__ import annotations

from typing import Optional

from flask import abort, flash, g, jsonify, redirect, request, url_for
from flask_appbuilder import ModelView, expose, has_access
from flask_appbuilder.actions import action
from flask_appbuilder.api import ModelRestApi
from flask_appbuilder.security.decorators import permission_name
from flask_appbuilder.widgets import ListWidget
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from app.core import row_extensions
from app.core.api_safety import SafeApiMixin, related_missing
from app.core.choices import cache_search_choices
from app.core.errors import DomainError
from app.core.guards import MAX_INT
from app.core.messages import render
from app.core.view_config.listing import ConfiguredApiMixin, ConfiguredListMixin

# One permission name per operation, shared by the web view and the REST API.
METHOD_PERMISSIONS = {
    "list": "read", "show": "read", "get": "read", "get_list": "read", "info": "read",
    "download": "read", "export": "read", "lookup": "read", "related": "read", "api_read": "read",
    "add": "write", "edit": "write", "post": "write", "put": "write", "api_create": "write",
    "api_update": "write", "delete": "delete", "api_delete": "delete",
    "action": "write", "action_post": "write", "muldelete": "delete",
}
# A domain's own endpoints add their names on its view or API base:
# ``method_permission_name = {**METHOD_PERMISSIONS, "assign_uscc": "assign_uscc"}``.


class LockingListWidget(ListWidget):
    """FAB's list, but a row's edit and delete icons show only where the row may be
    edited or deleted (``editable``, ``locked`` from ``DomainModelView``)."""

    template = "bianzhi/widgets/list.html"


def _same_origin(url: Optional[str]) -> bool:
    """A URL of this site only (no other host, no scheme trick, no ``//host``): a redirect
    there cannot send the user elsewhere."""
    from urllib.parse import urlsplit

    if not url or "\\" in url or any(ord(ch) < 32 for ch in url):
        return False
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return parts.scheme in ("http", "https") and parts.netloc == request.host
    return parts.path.startswith("/") and not parts.path.startswith("//")


def refused(status: int, err: DomainError):
    """Abort with the refusal's message (the error page and the API's JSON carry it)."""
    abort(status, description=str(err))


class DomainModelView(ConfiguredListMixin, ModelView):
    """Base of every domain CRUD view."""

    list_widget = LockingListWidget
    editable = True  # False: rows are added (or written by the system), never edited
    locks = None  # app.core.resources.RowLocks: rows closed one by one
    # The column an action moves (a plan's status, a registration's step): the success flash
    # of every state-changing action names the state its rows are now in (``now_at``).
    state_column: Optional[str] = "status"

    def now_at(self, done, rows):
        """``done`` followed by the state ``rows`` are now in, by the label the list shows for it
        (the resource's formatter of ``state_column``): one wording for every domain's steps,
        as cases and findings say theirs ("……现处于「批复」")."""
        column = self.state_column
        rows = [r for r in (rows if isinstance(rows, (list, tuple)) else [rows]) if hasattr(r, column or "")]
        if not rows:
            return done
        fmt = self.formatters_columns.get(column) or str
        states = dict.fromkeys(str(fmt(getattr(row, column))) for row in rows)
        # one sentence: the step's own full stop gives way to the state clause
        return _l("%(done)s; now at %(state)s.", done=str(done).rstrip("。. "), state="、".join(states))

    def row_refusal(self, item, op: str):
        """Why ``op`` ("edit" / "delete") is refused on ``item`` before any form shows, or None."""
        if op == "edit" and not self.editable:
            return DomainError("write.append_only")
        return self.locks.refusal(item, op) if self.locks else None

    def _get_list_widget(self, filters, **kwargs):
        widgets = super()._get_list_widget(filters, **kwargs)
        args = widgets["list"].template_args
        args["editable"] = self.editable
        args["locked"] = self.locks.locked(list(args.get("pks") or [])) if self.locks and args.get("pks") else {}
        return widgets

    method_permission_name = METHOD_PERMISSIONS
    # FAB's file download route serves UPLOAD_FOLDER; no domain view has files.
    exclude_route_methods = {"download"}
    page_size = 25
    # Each resource's permission name is its model name (see app.roles).
    class_permission_name: str

    allow_delete = True
    lookup_column = "name"  # what the type-ahead searches and sorts by

    # -- one way to show a refusal on every form -------------------------------
    # Stock FAB (``_add``/``_edit``) flashes a rule's refusal as a grey line and
    # redirects to the list: the user's input is lost.  Here the form stays: it is
    # rendered again with what was submitted (HTTP 422), the message at the top
    # in the red box workflow refusals use, and beside the field it concerns.
    def refuse_form(self, form, err: DomainError) -> None:
        flash(str(err), "danger")
        for name in err.fields():
            if name in form:
                form[name].errors = [*form[name].errors, str(err)]
                break
        g.form_refused = True

    def _form_response(self, template, title, widgets, **kwargs):
        status = 422 if g.get("form_refused") else 200
        return self.render_template(template, title=title, widgets=widgets, **kwargs), status

    def _save(self, form, item, *, added: bool) -> bool:
        """Write the valid ``form`` onto ``item`` through the model's service; a refusal
        stays on the form (``refuse_form``) and returns False."""
        self.process_form(form, added)
        extra = {}  # read before the form touches the row: reading then would flush it half-checked
        for collect in row_extensions.each("collect"):
            extra.update(collect(self, form))
        try:
            form.populate_obj(item)
            item.extra_values = extra  # written with the row, in its transaction (app.core.crud)
            (self.pre_add if added else self.pre_update)(item)
            (self.datamodel.add if added else self.datamodel.edit)(item)
            (self.post_add if added else self.post_update)(item)
        except DomainError as err:
            self.refuse_form(form, err)
            return False
        flash(self.add_row_message if added else self.edit_row_message, "success")
        return True

    def _add(self):
        from flask_appbuilder.urltools import get_filter_args

        get_filter_args(self._filters, disallow_if_not_in_search=False)
        exclude_cols = self._filters.get_relation_cols()
        form = self._extended_form(self.add_form, None).refresh()
        if request.method == "POST":
            self._fill_form_exclude_cols(exclude_cols, form)
            if form.validate() and self._save(form, self.datamodel.obj(), added=True):
                return None
            return self._get_add_widget(form=form, exclude_cols=exclude_cols)
        self.update_redirect()
        self.add_defaults(form)
        return self._get_add_widget(form=form, exclude_cols=exclude_cols)

    # -- columns added at run time (app.core.row_extensions: the extra fields) ----
    def _extended_form(self, form_class, item):
        names = []
        for extend in row_extensions.each("form_class"):
            form_class, added = extend(self, form_class, item)
            names.extend(added)
        g.extended_columns = names
        return form_class

    def _get_add_widget(self, form, exclude_cols=None, widgets=None):
        widgets = super()._get_add_widget(form, exclude_cols=exclude_cols, widgets=widgets)
        self._extend_widget(widgets["add"])
        return widgets

    def _get_edit_widget(self, form, exclude_cols=None, widgets=None):
        widgets = super()._get_edit_widget(form, exclude_cols=exclude_cols, widgets=widgets)
        self._extend_widget(widgets["edit"])
        return widgets

    @staticmethod
    def _extend_widget(widget) -> None:
        added = g.get("extended_columns") or []
        if added:
            widget.template_args["include_cols"] = [*widget.template_args["include_cols"], *added]

    def _get_show_widget(self, pk, item, widgets=None, actions=None, show_fieldsets=None):
        widgets = super()._get_show_widget(pk, item, widgets=widgets, actions=actions, show_fieldsets=show_fieldsets)
        args = widgets["show"].template_args
        for values in row_extensions.each("show_values"):
            for name, label, text in values(self, item):
                args["include_columns"] = [*args["include_columns"], name]
                args["value_columns"] = [*args["value_columns"], text]  # in the order of include_columns
                args["label_columns"] = {**args["label_columns"], name: label}
        return widgets

    def add_defaults(self, form) -> None:
        """An empty add form's sensible defaults (the office's own region …); none here."""

    def _edit(self, pk):
        from flask_appbuilder.urltools import get_filter_args, get_order_args, get_page_args, get_page_size_args

        pages, page_sizes, orders = get_page_args(), get_page_size_args(), get_order_args()
        get_filter_args(self._filters, disallow_if_not_in_search=False)
        exclude_cols = self._filters.get_relation_cols()
        item = self.datamodel.get(pk, self._base_filters)
        if not item:
            abort(404)
        refusal = self.row_refusal(item, "edit")
        if refusal is not None:
            refused(405 if not self.editable else 403, refusal)
        pk = self.datamodel.get_pk_value(item)
        valid = True
        if request.method == "POST":
            form = self._extended_form(self.edit_form, item).refresh(request.form)
            self._fill_form_exclude_cols(exclude_cols, form)
            form._id = pk  # FAB's unique validators skip the row itself
            if form.validate() and self._save(form, item, added=False):
                return None
            item = self.datamodel.get(pk, self._base_filters) or abort(404)  # as committed
            valid = False
        else:
            form = self._extended_form(self.edit_form, item).refresh(obj=item)
            for fill in row_extensions.each("fill_form"):
                fill(self, form, item)
            self.prefill_form(form, pk)
        widgets = self._get_edit_widget(form=form, exclude_cols=exclude_cols)
        widgets = self._get_related_views_widgets(item, filters={}, orders=orders, pages=pages,
                                                  page_sizes=page_sizes, widgets=widgets)
        if valid:
            self.update_redirect()
        return widgets

    def _delete(self, pk):
        """A refused delete says why in the red box (stock FAB: a grey line)."""
        item = self.datamodel.get(pk, self._base_filters)
        if not item:
            abort(404)
        refusal = self.row_refusal(item, "delete")
        if refusal is not None:
            refused(403, refusal)
        try:
            self.pre_delete(item)
            self.datamodel.delete(item)
            self.post_delete(item)
        except DomainError as err:
            flash(str(err), "danger")
        else:
            flash(self.delete_row_message, "success")
        self.update_redirect()

    @expose("/add", methods=["GET", "POST"])
    @has_access
    def add(self):
        widgets = self._add()
        if not widgets:
            return self.post_add_redirect()
        return self._form_response(self.add_template, self.add_title, widgets)

    @expose("/edit/<pk>", methods=["GET", "POST"])
    @has_access
    def edit(self, pk):
        pk = self._deserialize_pk_if_composite(pk)
        widgets = self._edit(pk)
        if not widgets:
            return self.post_edit_redirect()
        return self._form_response(self.edit_template, self.edit_title, widgets, related_views=self._related_views)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        cache_search_choices(self)  # the filters' reference choices, across requests
        if not self.allow_delete:
            # FAB adds every @action's permission to the view; a read-only
            # or append-only resource must not even offer the bulk delete.
            self.actions.pop("muldelete", None)
            self.base_permissions = [p for p in self.base_permissions if p != "can_delete"]

    @action("muldelete", _l("Delete"), _l("Delete all selected records?"), "fa-trash", single=False)
    def muldelete(self, items):
        """Delete the selected rows through the model's service, all or none."""
        items = items if isinstance(items, list) else [items]
        try:
            self.datamodel.delete_all(items)
            flash(str(_l("Deleted %(count)s record(s)", count=len(items))), "success")
        except DomainError as err:
            flash(str(err), "danger")
        self.update_redirect()
        return redirect(self.get_redirect())

    # -- actions: FAB fetches rows by pk without base filters ----------------
    def run_flashing(self, work, done):
        """Run a use case in one transaction and flash its outcome: ``done(result)``
        on success, the refusal (zh/en by the request's language) otherwise.
        Returns ``(True, result)`` or ``(False, None)``."""
        from app.core.db import transaction

        try:
            with transaction():
                result = work()
                message = done(result)
        except DomainError as err:
            flash(str(err), "danger")
            return False, None
        # a Markup message (linked results) stays markup; a lazy string becomes text
        flash(message if isinstance(message, Markup) else str(message), "success")
        return True, result

    def redirect_back(self):
        """Back to the page the user acted from (the list with its filters, or a show page):
        the form's ``next`` or the referrer, if it is a page of this site; else the list."""
        for target in (request.form.get("next"), request.referrer):
            if _same_origin(target):
                return redirect(target)
        return redirect(url_for(f"{type(self).__name__}.list"))

    def _scoped_item(self, pk):
        item = self.datamodel.get(pk, self._base_filters)
        if item is None:
            abort(404)
        return item

    @expose("/action/<string:name>/<pk>", methods=["GET", "POST"])
    def action(self, name, pk):
        self._scoped_item(pk)
        return super().action(name, pk)

    @expose("/action_post", methods=["POST"])
    def action_post(self):
        name = request.form.get("action", "")
        action = self.actions[name]  # guard_unknown_actions has checked the name
        pks = request.form.getlist("rowid")
        if not action.multiple and len(pks) > 1:
            abort(400, render("action.single_only", name=name))
        for pk in pks:
            self._scoped_item(pk)
        return super().action_post()

    # -- type-ahead lookup for LookupField (app/core/lookup.py) ---------------
    @expose("/lookup/")
    @has_access
    @permission_name("read")
    def lookup(self):
        """Up to 20 rows whose name contains ``q``, scoped like the list."""
        from flask_appbuilder.models.sqla.filters import FilterContains

        from app.core.lookup import PAGE_SIZE

        column = self.lookup_column
        if column not in self.datamodel.obj.__table__.columns:
            abort(404)  # only named rows (institutions, regions, cases …) are looked up
        q = (request.args.get("q") or "").strip()[:100]
        page = request.args.get("page", "1")
        page = int(page) if page.isdigit() and 0 < int(page) < 10_000 else 1
        filters = self._base_filters.copy()
        if q:
            filters.add_filter(column, FilterContains, q)
        count, items = self.datamodel.query(filters, column, "asc", page=page - 1, page_size=PAGE_SIZE)
        pk = self.datamodel.get_pk_value
        return jsonify(results=[{"id": pk(item), "text": str(item)} for item in items],
                       more=page * PAGE_SIZE < count)

    # -- xlsx export of the filtered list (app/core/list_export.py) -----------
    @expose("/export/")
    @has_access
    @permission_name("read")
    def export(self):
        from app.core.list_export import export_list

        return export_list(self)


class DomainApi(ConfiguredApiMixin, SafeApiMixin, ModelRestApi):
    """Base of every domain REST API: scoped, service-backed, no 500s on bad input,
    users shown by their safe fields only (``app.core.api_safety``)."""

    method_permission_name = METHOD_PERMISSIONS
    allow_browser_login = True

    def _refusal(self, err: DomainError):
        return self.response(err.http_status, message=err.message(), zh=err.message("zh"), en=err.message("en"),
                             error_code=err.key)

    def _check_related_ids(self):
        """Related fields take ids only; a nested object would insert a new row."""
        body = request.get_json(silent=True)
        if not isinstance(body, dict):
            return None
        for key, value in body.items():
            if not self.datamodel.is_relation(key):
                continue
            values = value if isinstance(value, list) else [value]
            if any(v is not None and (isinstance(v, bool) or not isinstance(v, int) or abs(v) > MAX_INT)
                   for v in values):
                return self._refusal(DomainError("write.nested_object", field=key))
            # An id that names no row: say so (stock FAB would try to create the row).
            missing = related_missing(self, key, values)
            if missing is not None:
                return self._refusal(missing)
        return None

    # -- columns added at run time (app.core.row_extensions: the extra fields) ----
    # The JSON body's "extra" object ({code: value}) is taken out before FAB's schema reads
    # the body, and handed to the row's write (app.core.crud) through ``pre_add``/``pre_update``.
    def _take_extra(self, adding: bool):
        body = request.get_json(silent=True)
        g.extra_values = {} if adding else None  # an add checks the required fields, given or not
        if isinstance(body, dict) and "extra" in body:
            extra = body.pop("extra")
            if not isinstance(extra, dict):
                raise DomainError("extra.not_object")
            g.extra_values = extra

    def pre_add(self, item):
        if g.get("extra_values") is not None:
            item.extra_values = g.extra_values

    pre_update = pre_add

    def get_headless(self, pk, **kwargs):
        resp = super().get_headless(pk, **kwargs)
        if resp.status_code != 200:
            return resp
        for values in row_extensions.each("api_values"):
            extra = values(self, pk)
            if extra is not None:
                import json

                body = resp.get_json()
                body["result"]["extra"] = extra
                resp.set_data(json.dumps(body, ensure_ascii=False, default=str))
        return resp

    def post_headless(self):
        try:
            self._take_extra(adding=True)
            return self._check_related_ids() or super().post_headless()
        except DomainError as err:
            return self._refusal(err)

    locks = None  # app.core.resources.RowLocks: rows closed one by one

    def _locked(self, pk, op: str):
        """A row closed to ``op``: 403 with the reason in both languages, before any change."""
        if self.locks is None:
            return None
        item = self.datamodel.get(pk, self._base_filters)
        refusal = self.locks.refusal(item, op) if item is not None else None
        if refusal is None:
            return None
        return self.response(403, message=refusal.message(), zh=refusal.message("zh"), en=refusal.message("en"),
                             error_code=refusal.key)

    def put_headless(self, pk):
        try:
            locked = self._locked(pk, "edit")
            if locked:
                return locked
            self._take_extra(adding=False)
            return self._check_related_ids() or super().put_headless(pk)
        except DomainError as err:
            return self._refusal(err)

    def delete_headless(self, pk):
        try:
            return self._locked(pk, "delete") or super().delete_headless(pk)
        except DomainError as err:
            return self._refusal(err)


def action_api_doc(summary: str, ok: str = "Done", conflict: Optional[str] = None) -> str:
    """The OpenAPI docstring of a ``POST …/<pk>/<action>`` endpoint.  The summary is
    quoted: a colon in it made FAB's YAML parse fail, and with it ``/api/v1/_openapi``."""
    import json

    quoted = json.dumps(summary, ensure_ascii=False)
    conflict_doc = f"\n            409:\n              description: {json.dumps(conflict, ensure_ascii=False)}" if conflict else ""
    return f"""{summary}
        ---
        post:
          summary: {quoted}
          parameters:
          - in: path
            name: pk
            schema: {{type: integer}}
            required: true
          responses:
            200:
              description: {json.dumps(ok, ensure_ascii=False)}
            404:
              $ref: '#/components/responses/404'{conflict_doc}
            422:
              description: Refused by a rule, in zh and en
        """
