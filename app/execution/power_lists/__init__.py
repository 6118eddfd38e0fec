"""权责清单 — power and responsibility lists (SPEC §4.1): a catalogue owned at the
upper level, implemented per level with duties and accountability (两单融合),
checked for 三级四同, changed through adjustment cases, published as hashed snapshots."""
from app.execution.power_lists import models  # noqa: F401  (the tables, before any view inspects the mappers)


def init_app(app, appbuilder) -> None:
    from flask_babel import lazy_gettext as _l

    from app import roles
    from app.core import demo, messages, references
    from app.execution.power_lists import access, checks, cli, datasets, importers, views
    from app.imports import specs
    from app.execution.power_lists import messages as own_messages
    from app.execution.power_lists import roles as own_roles

    messages.register(own_messages.MESSAGES)
    access.register_all()
    datasets.register_all()  # what the dashboards may chart (app.core.datasets)
    checks.register()  # 三级四同 as a scheduled verification rule
    references.register("power_implementation", _l("Implementation"), "PowerImplementationView.show")
    views.register(appbuilder)
    specs.register(importers.PowerListSpec())
    app.cli.add_command(cli.power_list_cli)
    roles.register(own_roles.DEFAULTS, menu_categories=own_roles.MENU_CATEGORIES, menu_links=own_roles.MENU_LINKS)
    demo.register("app.execution.power_lists", "seeds.power_lists:load")
