"""Row scoping: a department user reaches only its institution's subtree.

One predicate per model, registered by the model's domain, applied by
``ScopedInterface`` to every query FAB makes (list, show, edit, delete, actions,
REST API, related dropdowns, exports) and re-checked on every write.

The institution tree itself belongs to the quota domain, which hands it over
with ``register_tree``: core reads paths through it and imports no domain.
``refuse_outside`` is the one check of a write against the scope; the generic
doors, the services and the import engine all call it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Optional

from flask import current_app, has_request_context
from sqlalchemy import false

from app.core.errors import DomainError, ScopeViolation

# Roles whose members see every row.  Everyone else is scoped (department
# users to their subtree; anyone unbound to nothing at all).
UNRESTRICTED_ROLES = {"admin", "staff", "leader", "inspector"}
SCOPED_ROLE = "department"

@dataclass(frozen=True)
class Tree:
    """The institution tree, as the domain that keeps it (``app.quota``) provides it."""

    bound: Callable[[int], Optional[tuple[int, str]]]  # user id -> (institution id, path) of its binding
    path_of: Callable[[int], Optional[str]]  # institution id -> its materialised path
    ids_under: Callable[[str], Any]  # path -> SQL subquery: ids of the institutions under it (itself included)
    # user id column -> (institution id, path) of its binding as two scalar subqueries, for the
    # user's own load to carry (one statement fewer on every page of a department user)
    bound_columns: Optional[Callable[[Any], tuple[Any, Any]]] = None


_tree: Optional[Tree] = None


def register_tree(tree: Tree) -> None:
    global _tree
    _tree = tree


@dataclass(frozen=True)
class Scope:
    """``path`` is the materialised path of the bound institution (``/1/5/``)."""

    institution_id: Optional[int]
    path: Optional[str]

    @property
    def empty(self) -> bool:
        return self.path is None


def current_user():
    if not has_request_context():
        return None
    appbuilder = getattr(current_app, "appbuilder", None)
    if appbuilder is None:
        return None
    try:
        return appbuilder.sm.current_user
    except Exception:
        return None


def role_names(user) -> set[str]:
    return {role.name for role in getattr(user, "roles", []) or []}


def current_scope() -> Optional[Scope]:
    """``None`` = unrestricted (CLI, jobs, admin, staff, leader, inspector)."""
    if not has_request_context():
        return None
    user = current_user()
    if user is None:
        return Scope(None, None)  # anonymous: no domain rows at all
    if role_names(user) & UNRESTRICTED_ROLES:
        return None
    from flask import g

    cached = getattr(g, "_bianzhi_scope", None)
    if cached is not None and cached[0] == user.id:
        return cached[1]
    row = _tree.bound(user.id) if _tree is not None else None
    scope = Scope(row[0], row[1]) if row else Scope(None, None)
    g._bianzhi_scope = (user.id, scope)
    return scope


def bound_columns(user_id_column) -> Optional[tuple[Any, Any]]:
    """The binding as columns to add to the statement that loads the user, or None."""
    if _tree is None or _tree.bound_columns is None:
        return None
    return _tree.bound_columns(user_id_column)


def remember_bound(user_id: int, institution_id: Optional[int], path: Optional[str]) -> None:
    """The binding read with the user: ``current_scope`` answers from it this request."""
    from flask import g

    if has_request_context():
        g._bianzhi_scope = (user_id, Scope(institution_id, path) if path is not None else Scope(None, None))


# model class -> function(scope) returning a SQL criterion on that model
_PREDICATES: dict[type, Callable[[Scope], Any]] = {}
# model class -> function(obj) returning the ids of institutions the row belongs to
_OWNERS: dict[type, Callable[[Any], list[Optional[int]]]] = {}


def institution_ids_in(scope: Scope):
    return _tree.ids_under(scope.path)


def register(model: type, *, column=None, predicate=None, owners=None) -> None:
    """Declare how ``model`` rows belong to institutions.

    ``column``: the model's institution foreign key (the common case);
    ``predicate``/``owners``: for models that need more (e.g. the institution
    itself, scoped by its path).
    """
    if column is not None:
        key = column.key

        def predicate(scope, _c=column):  # noqa: E731 - small closure on purpose
            return _c.in_(institution_ids_in(scope))

        def owners(obj, _k=key):
            return [getattr(obj, _k)]

    _PREDICATES[model] = predicate
    _OWNERS[model] = owners


def is_scoped(model: type) -> bool:
    """Whether rows of ``model`` depend on who reads them."""
    return model in _PREDICATES


def apply(model: type, query, scope: Optional[Scope] = None):
    """Restrict a SQLAlchemy query on ``model`` to the current scope."""
    if model not in _PREDICATES:
        return query
    scope = current_scope() if scope is None else scope
    if scope is None:
        return query
    if scope.empty:
        return query.filter(false())
    return query.filter(_PREDICATES[model](scope))


def institution_in_scope(institution_id: Optional[int], scope: Scope, *, path: Optional[str] = None) -> bool:
    """Whether the institution (its ``path`` when the caller has it) lies in ``scope``."""
    if institution_id is None or scope.empty:
        return False
    if path is None:
        path = _tree.path_of(institution_id)
    return bool(path and path.startswith(scope.path))


def refuse_outside(scope: Optional[Scope], institution_id: Optional[int], *, label: str,
                   path: Optional[str] = None) -> None:
    """The one scope check of a write: refuse a row of an institution outside
    ``scope`` (``None`` = unrestricted), naming ``label``."""
    if scope is None:
        return
    if scope.empty:
        raise DomainError("scope.no_institution")
    if not institution_in_scope(institution_id, scope, path=path):
        raise ScopeViolation("scope.forbidden", object=label)


def check_write(obj: Any, *, old_owners: Optional[list] = None) -> None:
    """Refuse a write that creates, moves or touches a row outside the scope."""
    model = type(obj)
    scope = current_scope()
    if scope is None or model not in _OWNERS:
        return
    if scope.empty:
        raise DomainError("scope.no_institution")
    for inst_id in list(old_owners or []) + list(_OWNERS[model](obj)):
        refuse_outside(scope, inst_id, label=str(obj))
