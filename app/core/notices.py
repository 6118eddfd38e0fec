"""Non-blocking notices (warnings) raised by services, shown by the entry point."""
from __future__ import annotations

import logging

from app.core.messages import render

log = logging.getLogger(__name__)


def warn(key: str, **params) -> None:
    """Show a warning to the current user (flash) or log it outside a request."""
    from flask import flash, g, has_request_context

    text = render(key, **params)
    if has_request_context():
        g.setdefault("notices", []).append(text)
        flash(text, "warning")
    else:
        log.warning(text)
