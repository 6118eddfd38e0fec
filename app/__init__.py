"""Application factory: extensions first, then each domain's ``init_app``.

A domain is a package with one entry, ``init_app(app, appbuilder)``, that
registers its models, scoping, services, messages, views and APIs, CLI group,
role defaults and demo data (README, "How to add a domain").  ``DOMAINS`` is
the one central list a new domain is added to.
"""
from __future__ import annotations

import gc
import logging
import os
from importlib import import_module

from flask import Flask
from flask_appbuilder import AppBuilder

from app.extensions import csrf, db, migrate

BASE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# The domains, in the order they are initialised: the menu's order and the demo
# data's.  Which may import which is the layer contract in .importlinter (lower
# layers first here, except the import engine, which follows the quota
# database so its menu entry closes that category).
DOMAINS = (
    "app.quota",
    "app.core.workdays",
    "app.core.todo_page",
    "app.core.saved_filters",
    "app.core.view_config",
    "app.core.extra_fields",
    "app.imports",
    "app.office",
    "app.workflow",
    "app.justification.hearings",
    "app.justification.coordination",
    "app.justification.cases",
    "app.approval",
    "app.execution.registration",
    "app.execution.power_lists",
    "app.execution.staffing_use",
    "app.supervision",
    "app.supervision.findings",
    "app.supervision.spot_checks",
    "app.supervision.evaluations",
    "app.supervision.assessments",
    "app.supervision.verification",
    "app.dashboards",
    "app.public",
    "app.search",
)


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

    # Every table must be mapped before FAB or Alembic look at the metadata:
    # importing a domain package imports its models.
    from app.core import audit  # noqa: F401  (audit_log + session events)
    from app.core.orm import install_column_limits

    install_column_limits()
    from app.core import generation

    generation.install()
    from app.core.permission_labels import install as install_permission_labels

    install_permission_labels()
    from app.core import fast_yaml

    fast_yaml.install()
    from app import security  # noqa: F401  (user_session)

    domains = [import_module(name) for name in DOMAINS]
    db.init_app(app)
    csrf.init_app(app)
    with app.app_context():
        from app.core.db import configure_engine, read_only_requests

        configure_engine(db.engine)
        read_only_requests(app)
        app.appbuilder = AppBuilder(app, db.session, update_perms=False)
        # Translations: FAB's BabelManager reads FAB's catalogue, then
        # app/translations, whose entries override FAB's stale zh strings.
        for domain in domains:
            domain.init_app(app, app.appbuilder)
    migrate.init_app(app, db, directory=os.path.join(BASE_DIR, "migrations"))
    security.init_app(app)
    _register_cli(app)
    _register_errors(app)
    from app.core.headers import init_app as init_security_headers

    init_security_headers(app)
    if app.config.get("REFUSE_DEMO_PASSWORDS"):
        from app.roles import refuse_demo_passwords

        refuse_demo_passwords(app)
    if app.config.get("GC_FREEZE_AT_START"):
        # The app's own objects (models, views, catalogues: some 450,000) live as long as the process.
        # Frozen, the collector's full passes no longer walk them: without it a full pass came every
        # few requests and cost 200 ms of CPU (the dashboards' benchmark).
        gc.collect()
        gc.freeze()
    return app


def _register_cli(app: Flask) -> None:
    from app import cli

    cli.init_app(app)


def _register_errors(app: Flask) -> None:
    from app.core import actors, localtime
    from app.core.guards import register_error_pages

    register_error_pages(app)
    localtime.init_app(app)  # the ``localtime`` template filter
    actors.init_app(app)  # the ``actor`` template filter: a display name, never a login
