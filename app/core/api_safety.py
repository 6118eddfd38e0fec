"""What leaves and what enters the REST API, decided once for every resource.

Stock Flask-AppBuilder gets three things wrong that no per-view list can fix
for good, because the next resource would forget it:

* **A linked user leaves whole.**  ``ModelRestApi`` serialises a related model
  with every column, so a member's ``user`` or a case's ``created_by`` carried
  ``ab_user.password`` (the hash) to anyone who could read the row.  Here every
  relation to FAB's ``User`` becomes :class:`UserSummarySchema` — id, username,
  display name, and the e-mail for administrators only — whatever columns the
  resource lists (``created_by.password`` included).  The converter is
  :class:`SafeSchemaConverter`; :class:`SafeApiMixin` installs it, and every API
  of the app derives from the mixin (a test walks ``appbuilder.baseviews``).
* **Two relations to one model clash.**  FAB names a nested schema after its
  parent and model, so a transition's ``from_state`` and ``to_state`` produced
  two schemas of one name in the OpenAPI.  They now share one nested schema, and
  both sides are shown the same way.
* **A body that is not a JSON object is a 500.**  Stock FAB calls ``.keys()`` on
  it.  :func:`require_json_object` (a ``before_request``) refuses every API
  write whose body is not an object with a 400 in both languages, before any
  endpoint runs.

Also here: ``_info`` descriptions that are empty stay empty (FAB passes ``""``
through gettext, which answers the catalogue header), and a related id that
names no row is answered "the X does not exist" instead of FAB's attempt to
create it.
"""
from __future__ import annotations

import json
from typing import Any, Optional

from flask import current_app, request
from flask_appbuilder.api.convert import Model2SchemaConverter
from flask_appbuilder.security.sqla.models import User
from flask_babel import force_locale, gettext
from marshmallow import Schema, fields, post_dump

from app.core.errors import DomainError
from app.core.messages import MESSAGES

MESSAGES.update({
    "api.body_not_object": {
        "zh": "请求体必须是 JSON 对象 (Content-Type: application/json, 形如 {{\"字段\": 值}}), 收到的是{kind_zh}",
        "en": "The request body must be a JSON object (Content-Type: application/json, such as "
              "{{\"field\": value}}); got {kind_en}",
    },
    "api.related_missing": {
        "zh": "{label_zh} {value} 不存在 (字段 {field})",
        "en": "The {label_en} {value} does not exist (field {field})",
    },
})

# What a body that is not an object is called in the refusal, per JSON type.
_KINDS = {
    list: ("数组", "an array"), str: ("字符串", "a string"), bool: ("布尔值", "a boolean"),
    int: ("数字", "a number"), float: ("数字", "a number"), type(None): ("null", "null"),
}
# API writes that take no body at all (the refresh token travels in a header).
BODYLESS_ENDPOINTS = {"SecurityApi.refresh"}

# The only user fields any door may show; the e-mail is for administrators.
SAFE_USER_FIELDS = ("id", "username", "name")
ADMIN_USER_FIELDS = SAFE_USER_FIELDS + ("email",)


class BadRequest(DomainError):
    http_status = 400


def is_user_model(model: Any) -> bool:
    return isinstance(model, type) and issubclass(model, User)


def display_name(user) -> str:
    """How a user is named on pages, exports and in the API: FAB's full name."""
    name = f"{user.first_name or ''} {user.last_name or ''}".strip()
    return name or user.username


def viewer_is_admin() -> bool:
    from app.core.scoping import current_user, role_names

    user = current_user()
    return user is not None and current_app.config.get("AUTH_ROLE_ADMIN", "admin") in role_names(user)


def visible_user_fields() -> tuple[str, ...]:
    return ADMIN_USER_FIELDS if viewer_is_admin() else SAFE_USER_FIELDS


class UserSummarySchema(Schema):
    """A user as every API shows it: never the password hash, nor login bookkeeping."""

    id = fields.Integer(dump_only=True)
    username = fields.String(dump_only=True)
    name = fields.Function(display_name, dump_only=True)
    email = fields.String(dump_only=True, metadata={"description": "administrators only"})

    @post_dump
    def _email_for_administrators(self, data: dict, **_kw) -> dict:
        if not viewer_is_admin():
            data.pop("email", None)
        return data


class SafeSchemaConverter(Model2SchemaConverter):
    """FAB's converter, with users reduced to :class:`UserSummarySchema` and one
    nested schema per (parent schema, model, columns)."""

    def __init__(self, datamodel, validators_columns):
        super().__init__(datamodel, validators_columns)
        self._nested: dict[tuple, Any] = {}

    def _column2relation(self, datamodel, column, nested: bool = False, parent_schema_name: Optional[str] = None):
        target = datamodel.get_related_model(column.name)
        if not nested:  # a load schema: related ids only, no nested rows
            return super()._column2relation(datamodel, column, nested=False, parent_schema_name=parent_schema_name)
        if is_user_model(target):
            many = not datamodel.is_relation_many_to_one(column.name)
            required = not many and not datamodel.is_nullable(column.name)
            field = fields.Nested(UserSummarySchema, many=many, required=required, dump_only=True)
            field.unique = False
            return field
        field = super()._column2relation(datamodel, column, nested=True, parent_schema_name=parent_schema_name)
        key = (parent_schema_name, target, tuple(child.name for child in column.children))
        shared = self._nested.setdefault(key, field.nested)
        field.nested = shared
        return field


# What a page, an export or an API column may read through a relation to a user.
USER_ATTRIBUTES = {"id", "username", "first_name", "last_name"}


def check_user_columns(model: type, columns) -> None:
    """At start-up: a declared column that reads a user's attribute (``created_by.email``)
    must read a safe one; a bare relation is shown by name (pages) or summary (API)."""
    from sqlalchemy import inspect as sa_inspect

    rels = sa_inspect(model).relationships
    for column in columns:
        rel_name, _, attr = column.partition(".")
        rel = rels.get(rel_name)
        if attr and rel is not None and is_user_model(rel.mapper.class_) and attr not in USER_ATTRIBUTES:
            raise RuntimeError(f"{model.__name__}.{column}: a user is shown by {sorted(USER_ATTRIBUTES)} only")


def _refuse(err: DomainError):
    from flask import jsonify

    return jsonify(message=err.message(), zh=err.message("zh"), en=err.message("en"),
                   error_code=err.key), err.http_status


def body_refusal(body: bytes) -> Optional[DomainError]:
    """``None`` when ``body`` is a JSON object, else the refusal that says what it is."""
    kind = None
    if not body.strip():
        kind = ("空", "an empty body")
    elif not request.is_json:
        kind = ("非 JSON 内容", "content that is not JSON")
    else:
        try:
            value = json.loads(body)
        except ValueError:
            kind = ("无法解析的 JSON", "malformed JSON")
        else:
            if not isinstance(value, dict):
                kind = _KINDS.get(type(value), ("非对象", "not an object"))
    if kind is None:
        return None
    return BadRequest("api.body_not_object", kind_zh=kind[0], kind_en=kind[1])


def require_json_object():
    """before_request: every API write's body must be a JSON object."""
    if request.method not in ("POST", "PUT", "PATCH") or not request.path.startswith("/api/"):
        return None
    if request.endpoint in BODYLESS_ENDPOINTS:
        return None
    err = body_refusal(request.get_data(cache=True))
    return _refuse(err) if err is not None else None


def _in_both(label) -> tuple[str, str]:
    out = []
    for lang in ("zh", "en"):
        with force_locale(lang):
            out.append(str(label))
    return out[0], out[1]


def related_missing(api, key: str, ids: list[int]) -> Optional[DomainError]:
    """The refusal for ids of relation ``key`` that name no row (``None`` if all exist)."""
    from sqlalchemy import inspect as sa_inspect
    from sqlalchemy import select

    from app.extensions import db

    wanted = {v for v in ids if v is not None}
    if not wanted:
        return None
    model = api.datamodel.get_related_model(key)
    pk = sa_inspect(model).primary_key[0]
    found = set(db.session.execute(select(pk).where(pk.in_(wanted))).scalars())
    missing = sorted(wanted - found)
    if not missing:
        return None
    zh, en = _in_both(api.label_columns.get(key) or model.__name__)
    return DomainError("api.related_missing", label_zh=zh, label_en=en, value=missing[0], field=key)


class SafeApiMixin:
    """Mixed into every REST API of the app (before FAB's ``ModelRestApi``)."""

    model2schemaconverter = SafeSchemaConverter

    def _get_field_info(self, field, filter_rel_field, page=None, page_size=None):
        info = super()._get_field_info(field, filter_rel_field, page=page, page_size=page_size)
        label = self.label_columns.get(field.name)
        description = self.description_columns.get(field.name)
        info["label"] = gettext(label) if label else field.name
        info["description"] = gettext(description) if description else ""
        return info

    def _description_columns_json(self, cols=None):
        cols = cols or []
        return {k: gettext(v) for k, v in self.description_columns.items() if k in cols and v}
