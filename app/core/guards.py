"""Request guards and error pages shared by every door (split from ``app.core.views``).

Input stock Flask-AppBuilder answers with a 500 is refused first with a 4xx that
says why: API ids and numbers out of range, unparsable rison, unknown or
unpermitted actions, hand-made list URLs; the error pages carry no server
internals and speak both languages.
"""
from __future__ import annotations

import datetime as dt
import re

import prison
from flask import abort, current_app, jsonify, redirect, render_template, request, url_for

from app.core.api_safety import require_json_object
from app.core.errors import DomainError
from app.core.messages import render

MAX_INT = 2**63 - 1
MAX_FLOAT = 2**53


def _walk_numbers(value):
    if isinstance(value, dict):
        for v in value.values():
            yield from _walk_numbers(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _walk_numbers(v)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        yield value


def guard_api_input():
    """before_request for /api/: refuse input stock FAB would answer with a 500."""
    if not request.path.startswith("/api/v1/"):
        return None
    for part in request.view_args.values() if request.view_args else ():
        if isinstance(part, str) and part.lstrip("-").isdigit():
            part = int(part)
        if isinstance(part, int) and abs(part) > MAX_INT:
            return jsonify(message=render("write.not_found", object=part)), 404
    q = request.args.get("q")
    if q:
        try:
            parsed = prison.loads(q)
        except Exception:
            return jsonify(message="Invalid rison query / 查询参数格式错误"), 400
        for number in _walk_numbers(parsed):
            if isinstance(number, float) or abs(number) > MAX_FLOAT:
                return jsonify(message="Number out of range in query / 查询参数数值超出范围"), 400
    return None


LIST_ARG_LIMITS = {"page_": 10_000_000, "psize_": 100}


def view_named(name: str):
    """The registered view of this class name (an endpoint's first part), or None.
    The index is built once per app: views are all registered before the first request."""
    views = current_app.appbuilder.baseviews
    count, index = current_app.extensions.get("bianzhi_views", (None, None))
    if count != len(views):  # a view added later (tests) rebuilds it
        index = {type(v).__name__: v for v in views}
        current_app.extensions["bianzhi_views"] = (len(views), index)
    return index.get(name)


def _view_of(endpoint: str):
    """The registered view an endpoint (``PersonView.list``) belongs to, or None."""
    return view_named((endpoint or "").rsplit(".", 1)[0])


def _known_filter(view, name: str, value: str) -> bool:
    """``_flt_<index>_<column>`` names one of the filters this list offers (FAB reads
    one digit and indexes the column's filter list with it: an IndexError, a 500),
    with a value the column's type can hold (PostgreSQL compares no boolean, number
    or date with arbitrary text: a 500 again)."""
    match = re.fullmatch(r"_flt_(\d+)_(.+)", name)
    if not match:
        return False
    filters = getattr(view, "_filters", None)
    if filters is None:
        return True  # not a list: FAB does not read the argument
    column = match.group(2)
    offered = filters.get_search_filters().get(column)
    if offered is None:
        return True  # a column FAB ignores
    return int(match.group(1)) < len(offered) and value_fits(view.datamodel, column, value.strip())


def value_fits(datamodel, column: str, value: str) -> bool:
    """Whether a filter value can be compared with ``column`` (empty: no filter)."""
    if not value:
        return True
    try:
        if datamodel.is_relation(column) or datamodel.is_integer(column):
            return bool(re.fullmatch(r"-?\d{1,18}", value)) and abs(int(value)) <= MAX_INT
        if datamodel.is_boolean(column):
            return value.lower() in ("y", "n", "yes", "no", "true", "false", "1", "0", "on", "off")
        if datamodel.is_numeric(column) or datamodel.is_float(column):
            return abs(float(value)) <= MAX_FLOAT
        if datamodel.is_datetime(column):
            dt.datetime.fromisoformat(value)
        elif datamodel.is_date(column):
            dt.date.fromisoformat(value)
    except (ValueError, OverflowError):
        return False
    return True


def bad_list_arg(view, name: str, value: str) -> bool:
    """Whether one list argument is refused on ``view``'s list (the guard below, and
    the saved filters on save and on use: ``app.core.saved_filters``)."""
    bad = False
    if name.startswith("_oc_"):
        named = view_named(name[4:])
        bad = named is not None and value not in (getattr(named, "order_columns", None) or ())
    for prefix, limit in LIST_ARG_LIMITS.items():
        if name.startswith(prefix):
            bad = not (value.isdigit() and int(value) <= limit) or (prefix == "psize_" and int(value) == 0)
    if name.startswith("_od_"):
        bad = value not in ("asc", "desc")
    if name.startswith("_flt_"):
        too_big = value.lstrip("-").isdigit() and abs(int(value)) > MAX_INT
        bad = too_big or "\x00" in value or not _known_filter(view, name, value)
    return bad


def guard_list_args():
    """before_request for the pages: a hand-made list URL gets a 400 naming the
    bad argument, never the 500 FAB answers (``int('abc')``, an order column the
    list does not sort by, ``asc``/``desc`` only)."""
    if request.path.startswith("/api/"):
        return None
    for part in (request.view_args or {}).values():  # /show/99999999999999999999
        if isinstance(part, str) and part.lstrip("-").isdigit() and abs(int(part)) > MAX_INT:
            abort(404)
    view = None
    for name, value in request.args.items(multi=True):
        if name.startswith("_flt_") and view is None:
            view = _view_of(request.endpoint)
        if bad_list_arg(view, name, value):
            abort(400, render("list.bad_argument", name=name[:60], value=value[:60]))
    return None


def guard_actions():
    """before_request for ``/action`` and ``/action_post`` on every view.

    Stock FAB checks an action's permission inside the handler, after looking
    the rows up, and answers an unknown action name with a 500.  Here the order
    is: logged in? known action? permitted? — then the view runs (and
    ``DomainModelView`` re-checks row scope).
    """
    endpoint = request.endpoint or ""
    if endpoint.endswith(".download"):
        abort(404)  # FAB's file download (UPLOAD_FOLDER): no view here has files
    if not endpoint.endswith((".action", ".action_post")):
        return None
    sm = current_app.appbuilder.sm
    user = sm.current_user
    if user is None:
        return redirect(url_for(sm.auth_view.__class__.__name__ + ".login", next=request.url))
    view = view_named(endpoint.rsplit(".", 1)[0])
    name = (request.view_args or {}).get("name") or request.form.get("action", "")
    if view is None or name not in getattr(view, "actions", {}):
        abort(400, render("action.unknown", name=name))
    if not sm.has_access(view.get_action_permission_name(name), view.class_permission_name):
        abort(403)
    return None


def guard_append_only():
    """before_request for a page's ``/edit/<pk>`` and ``/delete/<pk>``: a row that is only
    ever added or written by the system (the ledger, the audit log, histories; a view with
    ``editable`` False and no delete) answers 405 with the reason on a page of its own,
    not FAB's "access denied" redirect.  The permission stays ungranted; the page is shown
    only to a user who may read that row (in scope), so it reveals nothing — anyone
    else gets FAB's own answer (the login, the denial, a 404)."""
    view_name, _, method = (request.endpoint or "").rpartition(".")
    if method not in ("edit", "delete"):
        return None
    view = view_named(view_name)
    if view is None or getattr(view, "editable", True) or (method == "delete" and view.allow_delete):
        return None
    sm = current_app.appbuilder.sm
    if not getattr(sm.current_user, "is_authenticated", False) or \
            not sm.has_access("can_read", view.class_permission_name):
        return None
    pk = (request.view_args or {}).get("pk")
    if view.datamodel.get(pk, view._base_filters) is None:
        return None
    err = DomainError("write.append_only")
    return render_template("errors/error.html", status=405, description=str(err),
                           back=url_for(f"{view_name}.show", pk=pk)), 405


# The statuses whose page says why (a 500 never shows its internals; a 503 says
# which part of the server is missing, e.g. the PDF font).
SAYS_WHY = (400, 403, 404, 405, 429, 503)


def register_error_pages(app) -> None:
    """Generic error pages: no stack trace, no internals, both languages."""

    def page(status):
        def handler(error):
            if request.path.startswith("/api/"):
                desc = getattr(error, "description", None)
                if status == 405 and request.method in ("PUT", "PATCH", "DELETE"):
                    # The resource publishes no such door: its rows are append-only or system-written.
                    err = DomainError("write.append_only")
                    return jsonify(message=err.message(), zh=err.message("zh"), en=err.message("en"),
                                   error_code=err.key), status
                return jsonify(message=desc if isinstance(desc, str) and status in SAYS_WHY else str(status)), status
            desc = getattr(error, "description", None) if status in SAYS_WHY else None
            # Werkzeug's stock descriptions and the limiter's "10 per 5 minute" are
            # English server text: the page says it in both languages already.
            if desc == getattr(type(error), "description", None) or status == 429:
                desc = None
            return render_template("errors/error.html", status=status, description=desc), status

        return handler

    for status in (400, 403, 404, 405, 429, 500, 503):
        app.register_error_handler(status, page(status))
    app.before_request(require_json_object)
    app.before_request(guard_api_input)
    app.before_request(guard_actions)
    app.before_request(guard_append_only)
    app.before_request(guard_list_args)
