"""Stock Flask-AppBuilder over the same tables: the benchmark's baseline.

Plain ``ModelView`` + ``SQLAInterface`` on the project's own models
(``app.quota.models``), FAB's default security manager and templates, the same
list and search columns as the project's views.  Only what the benchmark needs
differs from a fresh FAB app:

* ``class_permission_name`` / ``method_permission_name`` name the project's
  permissions (``can_read`` on ``Person``), so the project's accounts and roles
  log in and read here unchanged (FAB_UPDATE_PERMS is off: this app writes
  nothing at start-up);
* an institution's page lists its persons as a FAB related view (stock FAB's
  way to show one institution's persons; the app's show page does the same).

The search columns are the app's own.  Stock FAB could filter the person
list by institution only with ``institution`` searchable, which embeds all
20,000 institutions in every person list page (2.2 MB, 1.7 s per page at
province scale, measured before this mirror was settled); the app does not
offer that filter either (``_flt_0_institution`` is ignored there), so the
baseline mirrors the app's columns exactly.

It has no row scoping (stock FAB has none), so it is measured as office staff
only.  Serve it like the app:

    DATABASE_URL=… gunicorn -w 4 'bench.stock_fab_app:create_app()'
"""
from __future__ import annotations

import os

from flask import Flask
from flask_appbuilder import AppBuilder, ModelView
from flask_appbuilder.models.sqla.base import SQLA
from flask_appbuilder.models.sqla.interface import SQLAInterface

from app.quota.models import Institution, Person

READ = {"list": "read", "show": "read"}


class StockPersonView(ModelView):
    datamodel = SQLAInterface(Person)
    class_permission_name = "Person"
    method_permission_name = READ
    base_permissions = ["can_read"]
    list_columns = ["name", "id_number", "gender", "institution", "quota_type", "post", "rank", "status"]
    search_columns = ["name", "id_number", "status", "quota_type", "post"]


class StockInstitutionView(ModelView):
    datamodel = SQLAInterface(Institution)
    class_permission_name = "Institution"
    method_permission_name = READ
    base_permissions = ["can_read"]
    list_columns = ["name", "category", "region", "parent", "within_cap", "status", "uscc"]
    search_columns = ["name", "uscc", "status", "within_cap", "category", "region"]
    base_order = ("path", "asc")
    related_views = [StockPersonView]


def create_app(url: str | None = None) -> Flask:
    app = Flask(__name__)
    app.config.update(
        SQLALCHEMY_DATABASE_URI=url or os.environ["DATABASE_URL"],
        SQLALCHEMY_TRACK_MODIFICATIONS=False,
        SECRET_KEY=os.environ.get("SECRET_KEY", "stock-fab-bench-secret-key-not-for-production"),
        AUTH_TYPE=1,  # AUTH_DB
        AUTH_ROLE_ADMIN="admin",
        AUTH_ROLE_PUBLIC="public",
        FAB_UPDATE_PERMS=False,
        FAB_CREATE_DB=False,
        WTF_CSRF_ENABLED=True,
        APP_NAME="stock Flask-AppBuilder",
    )
    db = SQLA()
    db.init_app(app)
    app.stock_db = db  # the benchmark counts statements on its engine
    with app.app_context():
        appbuilder = AppBuilder(app, db.session, update_perms=False)
        appbuilder.add_view(StockPersonView, "Persons", category="Stock")
        appbuilder.add_view(StockInstitutionView, "Institutions", category="Stock")
    return app
