"""核心编制库 — the quota database (SPEC §1): reference dictionaries,
institutions, quotas and their ledger, caps, leadership positions, persons,
internal divisions, 三定 and USCCs, under the six invariants.

The domain's one entry is ``init_app`` (see the README, "How to add a domain").
"""
from app.quota import models  # noqa: F401  (the tables, before any view inspects the mappers)


def init_app(app, appbuilder) -> None:
    from app import roles
    from app.core import demo, messages, portal
    from app.imports import specs
    from app.quota import access, cli, datasets, importers, views
    from app.quota import messages as quota_messages
    from app.quota import roles as quota_roles

    messages.register(quota_messages.MESSAGES)
    messages.register_fields(quota_messages.FIELDS)
    access.register_all()  # the institution tree, scoping predicates, services
    datasets.register_all()  # what the dashboards may chart (app.core.datasets)
    _register_references()
    views.register(appbuilder)
    for spec in importers.SPECS:
        specs.register(spec)
    app.cli.add_command(cli.quota_cli)
    roles.register(quota_roles.DEFAULTS, menu_categories=quota_roles.MENU_CATEGORIES,
                   menu_links=quota_roles.MENU_LINKS)
    portal.register(views.USCC_CHECK_LINK)
    demo.register("app.quota", "seeds.quota:load")


def _register_references() -> None:
    """The quota rows an approval writes, as its result shows them (app.core.references)."""
    from flask_babel import lazy_gettext as _l

    from app.core import references

    for row_type, label, resource in (
            ("quota_ledger", _l("Ledger entry"), "QuotaLedgerEntry"), ("institution", _l("Institution"), "Institution"),
            ("internal_division", _l("Internal division"), "InternalDivision"),
            ("leadership_quota", _l("Leadership quota"), "LeadershipQuota"),
            ("three_determinations", _l("Three determinations"), "ThreeDeterminations")):
        references.register(row_type, label, f"{resource}View.show")
