"""Lists that follow a view configuration (issue #16 §1): the page, its xlsx export
and the REST list's default columns.

Mixed into ``DomainModelView`` and ``DomainApi`` (``app.core.views``).  Nothing on
the view is changed per request (one view object serves every request): the
configured columns, labels, order, page size, search form and default filters are
computed from ``effective(resource)`` where FAB would read the class attributes.
A list without a configuration goes through FAB's code as before.

Default filters apply when a list (or its export) is opened with no filter in the
address; they show as active filters and can be changed like any other.
"""
from __future__ import annotations

from flask import request

from app.core.messages import current_lang
from app.core.view_config.columns import allowed_columns, sortable_columns
from app.core.view_config.lookup import effective


def has_filter_args() -> bool:
    return any(name.startswith("_flt_") for name in request.args)


class ConfiguredListMixin:
    """For ``DomainModelView``: its list and export follow the user's configuration."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # A configuration may sort by any of the resource's own sortable columns, and
        # the list URL's guard (``app.core.guards``) accepts what ``order_columns`` holds.
        self.order_columns = sortable_columns(self, allowed_columns(self))

    def view_config(self):
        return effective(self.class_permission_name)

    def shown_columns(self) -> list[str]:
        cfg = self.view_config()
        return list(cfg.list_columns) if cfg and cfg.list_columns else list(self.list_columns)

    def shown_labels(self) -> dict:
        cfg = self.view_config()
        if cfg is None or not cfg.labels:
            return self.label_columns
        lang = current_lang()
        return {**self.label_columns, **{col: cfg.label(col, lang) for col in cfg.labels if cfg.label(col, lang)}}

    def default_order(self) -> tuple[str, str]:
        cfg = self.view_config()
        return cfg.order if cfg and cfg.order else (self.base_order or ("", ""))

    def apply_default_filters(self, filters) -> None:
        """Add the configured filters to an empty filter set (nothing in the address)."""
        cfg = self.view_config()
        if cfg is None or not cfg.filters or has_filter_args():
            return
        offered = filters.get_search_filters()
        for column, arg_name, value in cfg.filters:
            flt = next((f for f in offered.get(column, []) if f.arg_name == arg_name), None)
            if flt is not None:  # checked on save; a later code change may drop a filter
                filters.add_filter(column, type(flt), value)

    def _list(self, **kwargs):
        from flask_appbuilder.urltools import get_filter_args, get_order_args, get_page_args, get_page_size_args

        if self.view_config() is None:
            return super()._list(**kwargs)
        name = self.__class__.__name__
        order_column, order_direction = get_order_args().get(name) or ("", "")
        get_filter_args(self._filters)
        self.apply_default_filters(self._filters)
        widgets = self._get_list_widget(filters=self._filters, order_column=order_column,
                                        order_direction=order_direction, page=get_page_args().get(name),
                                        page_size=get_page_size_args().get(name), **kwargs)
        form = self.search_form.refresh()
        self.update_redirect()
        return self._get_search_widget(form=form, widgets=widgets)

    def _get_list_widget(self, filters, actions=None, order_column="", order_direction="", page=None,
                         page_size=None, widgets=None, **kwargs):
        cfg = self.view_config()
        if cfg is None:
            return super()._get_list_widget(filters, actions=actions, order_column=order_column,
                                            order_direction=order_direction, page=page, page_size=page_size,
                                            widgets=widgets, **kwargs)
        # FAB's _get_list_widget, reading the configuration instead of the class attributes.
        widgets = widgets or {}
        page_size = page_size or cfg.page_size or self.page_size
        if not order_column:
            order_column, order_direction = self.default_order()
        joined = filters.get_joined_filters(self._base_filters)
        count, rows = self.datamodel.query(joined, order_column, order_direction, page=page, page_size=page_size)
        columns = self.shown_columns()
        pks = [self._serialize_pk_if_composite(pk) for pk in self.datamodel.get_keys(rows)]
        widgets["list"] = self.list_widget(
            label_columns=self.shown_labels(), include_columns=columns,
            value_columns=self.datamodel.get_values(rows, columns),
            order_columns=sortable_columns(self, columns), formatters_columns=self.formatters_columns,
            page=page, page_size=page_size, count=count, pks=pks, actions=actions or self.actions,
            filters=filters, modelview_name=self.__class__.__name__, **kwargs)
        return widgets

    def _get_search_widget(self, form=None, exclude_cols=None, widgets=None):
        cfg = self.view_config()
        if cfg is None or cfg.search_columns is None:
            return super()._get_search_widget(form=form, exclude_cols=exclude_cols, widgets=widgets)
        widgets = widgets or {}
        widgets["search"] = self.search_widget(route_base=self.route_base, form=form,
                                               include_cols=list(cfg.search_columns),
                                               exclude_cols=exclude_cols or [], filters=self._filters)
        return widgets


class ConfiguredApiMixin:
    """For ``DomainApi``: a REST list the client asks no columns of answers the
    configured ones (among the API's readable columns; ids always)."""

    def get_list_headless(self, **kwargs):
        cfg = effective(self.class_permission_name)
        args = kwargs.get("rison") or {}
        if cfg and cfg.list_columns and not args.get("columns") and not args.get("select_columns"):
            readable = set(self.show_columns) | set(self.list_columns)
            columns = ["id", *(c for c in cfg.list_columns if c in readable and c != "id")]
            kwargs = {**kwargs, "rison": {**args, "columns": columns}}
        return super().get_list_headless(**kwargs)

    def _handle_columns_args(self, args, default_select_columns, default_response_columns):
        # The configured columns may include the show page's (readable through GET /<pk> already).
        cfg = effective(self.class_permission_name)
        if cfg and cfg.list_columns and default_response_columns is self.list_columns:  # the list, not GET /<pk>
            default_response_columns = list(dict.fromkeys([*default_response_columns, *self.show_columns]))
            # loaded in the list's one query, not row by row
            default_select_columns = list(dict.fromkeys([*default_select_columns, *(
                c for c in cfg.list_columns if c in default_response_columns)]))
        return super()._handle_columns_args(args, default_select_columns, default_response_columns)
