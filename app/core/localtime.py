"""Times as a Chinese user reads them: local time (Asia/Shanghai unless
``DISPLAY_TIMEZONE`` says otherwise) to the minute.

The database stores naive UTC (every writer uses ``datetime.now(timezone.utc)``
without its tzinfo); a time shown raw read ``2026-11-30 05:20:16.162366``, eight
hours off and to the microsecond (issue #11).  Lists and show pages format every
datetime column through ``app.core.resources``; templates use the ``localtime``
filter.  The API keeps ISO UTC: integrations want the stored value.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context

DEFAULT_ZONE = "Asia/Shanghai"


@lru_cache(maxsize=8)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def localtime(value, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """A stored (naive UTC, or aware) datetime as local time; a date as it is; None as ''."""
    if value is None:
        return ""
    if not isinstance(value, dt.datetime):
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    name = current_app.config.get("DISPLAY_TIMEZONE", DEFAULT_ZONE) if has_app_context() else DEFAULT_ZONE
    aware = value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)
    return aware.astimezone(_zone(name)).strftime(fmt)


_ISO_DATETIME = None


def localtimes_in(text) -> str:
    """A stored text (an audit snapshot's JSON) with every ISO datetime in it read as
    local time to the minute: ``"at": "2026-11-30T05:20:16.162366"`` → ``2026-11-30 13:20``."""
    import re

    global _ISO_DATETIME
    if text is None:
        return ""
    if _ISO_DATETIME is None:
        _ISO_DATETIME = re.compile(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:\.\d+)?")

    def one(match) -> str:
        try:
            return localtime(dt.datetime.fromisoformat(match.group(0)))
        except ValueError:
            return match.group(0)

    return _ISO_DATETIME.sub(one, str(text))


def init_app(app) -> None:
    app.jinja_env.filters["localtime"] = localtime
