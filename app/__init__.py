"""Application factory: extensions first, then each domain's views and commands."""
from __future__ import annotations

import logging
import os

from flask import Flask
from flask_appbuilder import AppBuilder

from app.extensions import csrf, db, migrate

BASE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _config_class(config_class=None):
    if config_class is not None:
        return config_class
    import config

    name = os.environ.get("BIANZHI_CONFIG", "development").lower()
    return config.CONFIGS[name]


def create_app(config_class=None, **overrides) -> Flask:
    app = Flask(__name__, instance_path=os.path.join(BASE_DIR, "instance"))
    cfg = _config_class(config_class)
    app.config.from_object(cfg)
    app.config.update(overrides)
    if hasattr(cfg, "check"):
        cfg.check(app)
    os.makedirs(app.instance_path, exist_ok=True)
    logging.getLogger("flask_appbuilder").setLevel(logging.WARNING)

    # Model modules must be imported before FAB / Alembic look at the metadata.
    from app.core import audit  # noqa: F401  (audit_log + session events)
    from app.core.orm import install_column_limits

    install_column_limits()
    from app import security  # noqa: F401  (user_session)
    from app.quota import models  # noqa: F401
    from app.office import models as office_models  # noqa: F401
    from app.justification.hearings import models as hearing_models  # noqa: F401
    from app.workflow import models as workflow_models  # noqa: F401
    from app.justification.cases import models as case_models  # noqa: F401

    db.init_app(app)
    csrf.init_app(app)
    with app.app_context():
        from app.core.db import configure_engine

        configure_engine(db.engine)
        app.appbuilder = AppBuilder(app, db.session, update_perms=False)
        _register(app)
    migrate.init_app(app, db, directory=os.path.join(BASE_DIR, "migrations"))
    security.init_app(app)
    _register_cli(app)
    _register_errors(app)
    from app.core.headers import init_app as init_security_headers

    init_security_headers(app)
    if app.config.get("REFUSE_DEMO_PASSWORDS"):
        from app.roles import refuse_demo_passwords

        refuse_demo_passwords(app)
    return app


def _register(app: Flask) -> None:
    from app.approval import views as approval_views
    from app.core import views as core_views
    from app.imports import views as import_views
    from app.justification.cases import views as case_views
    from app.workflow import views as workflow_views
    from app.justification.coordination import views as coordination_views
    from app.justification.hearings import views as hearing_views
    from app.office import views as office_views
    from app.quota import views as quota_views

    # Translations: FAB's BabelManager reads FAB's catalogue, then
    # app/translations, whose entries override FAB's stale zh strings.
    quota_views.register(app.appbuilder)
    office_views.register(app.appbuilder)
    hearing_views.register(app.appbuilder)
    coordination_views.register(app.appbuilder)
    case_views.register(app.appbuilder)
    approval_views.register(app.appbuilder)
    workflow_views.register(app.appbuilder)
    import_views.register(app.appbuilder)
    core_views.register(app.appbuilder)


def _register_cli(app: Flask) -> None:
    from app import cli

    cli.init_app(app)


def _register_errors(app: Flask) -> None:
    from app.core.views import register_error_pages

    register_error_pages(app)
