"""Audit log pages: read-only on every door; there is no add, edit or delete.

The log itself (``app.core.audit``) is written by every door; reading it is
supervision's.
"""
from flask_appbuilder.api import ModelRestApi
from flask_babel import lazy_gettext as _l

from app.core.actors import action_label, actor_label, object_type_label, snapshot_label
from app.core.api_safety import SafeApiMixin
from app.core.audit import AuditLog
from app.core.localtime import localtime
from app.core.crud import ScopedInterface
from app.core.views import METHOD_PERMISSIONS, DomainModelView

READ_ONLY = ["can_read"]


class AuditLogView(DomainModelView):
    datamodel = ScopedInterface(AuditLog)
    class_permission_name = "AuditLog"
    base_permissions = READ_ONLY
    allow_delete = False  # no bulk delete action, and unknown actions are a 400
    editable = False  # written by the system: its edit and delete URLs answer 405 with the reason
    list_title = show_title = _l("Audit log")
    base_order = ("id", "desc")
    list_columns = ["id", "ts", "actor", "action", "object_type", "object_id"]
    show_columns = ["id", "ts", "actor", "action", "object_type", "object_id", "before", "after", "prev_hash", "hash"]
    search_columns = ["actor", "action", "object_type", "object_id", "ts"]
    # Stored in UTC to the microsecond; read as local time to the minute.  Actors,
    # operations and object types as labels (the stored codes stay: the chain hashes them).
    formatters_columns = {"ts": localtime, "actor": actor_label, "action": action_label,
                          "object_type": object_type_label, "before": snapshot_label, "after": snapshot_label}
    label_columns = {
        "id": _l("No."), "ts": _l("Time"), "actor": _l("Actor"), "action": _l("Operation"),
        "object_type": _l("Object type"), "object_id": _l("Object id"), "before": _l("Before"),
        "after": _l("After"), "prev_hash": _l("Previous hash"), "hash": _l("Hash"),
    }


class AuditLogApi(SafeApiMixin, ModelRestApi):
    datamodel = ScopedInterface(AuditLog)
    resource_name = "audit_log"
    class_permission_name = "AuditLog"
    method_permission_name = METHOD_PERMISSIONS
    base_permissions = READ_ONLY
    include_route_methods = {"get", "get_list", "info"}
    list_columns = AuditLogView.show_columns
    show_columns = AuditLogView.show_columns


def register(appbuilder) -> None:
    appbuilder.add_view(AuditLogView, "AuditLogList", label=_l("Audit log"), icon="fa-shield",
                        category="Supervision", category_label=_l("Supervision"))
    appbuilder.add_api(AuditLogApi)
