"""工作日历 — the working-day calendar (SPEC §5): a kernel piece every deadline in
working days uses (spot-check publications, rectifications, workflow steps).

A holiday table administrators keep (参考数据 → 工作日历), seeded from the
chinese-calendar package, and ``add_working_days`` / ``working_days_between``,
which refuse a year the table does not hold (``CalendarYearMissing``) instead of
counting weekdays; the missing year is also a to-do for the administrator.
"""
from app.core.workdays import models  # noqa: F401  (the table, before any view inspects the mappers)
from app.core.workdays.calendar import (  # noqa: F401  (the calendar's API)
    CalendarYearMissing,
    fill_due_days,
    add_working_days,
    is_working_day,
    working_days_between,
)


def init_app(app, appbuilder) -> None:
    from app import roles
    from app.core import demo, messages, todo
    from app.core.workdays import cli, views
    from app.core.workdays import messages as own_messages
    from app.core.workdays import roles as own_roles
    from app.core.workdays import services
    from app.core.workdays import todo as own_todo
    from app.core.crud import register_service
    from app.core.workdays.models import Holiday

    messages.register(own_messages.MESSAGES)
    register_service(Holiday, create=services.create_holiday, update=services.update_holiday,
                     delete=services.delete_holiday, update_takes_changes=True)
    views.register(appbuilder)
    app.cli.add_command(cli.workdays_cli)
    roles.register(own_roles.DEFAULTS, menu_categories=own_roles.MENU_CATEGORIES)
    todo.register("workdays", own_todo.provider, own_todo.items)
    demo.register("app.core.workdays", "seeds.workdays:load")
