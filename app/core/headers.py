"""HTTP security headers on every response (SPEC §9).

* **Content-Security-Policy**: everything from our own origin only
  (``default-src 'self'``), no framing (``frame-ancestors 'none'``), no plugins,
  forms post to us only.  Scripts need no ``'unsafe-inline'``: Flask-AppBuilder's
  templates (and ours) mark every ``<script>`` with ``csp_nonce()``, which this
  module provides — a fresh random nonce per request, named in the header.  The
  one inline allowance is ``style-src-attr 'unsafe-inline'``: FAB's templates and
  its bundled jQuery plugins (Select2, the date picker) write ``style="…"``
  attributes; ``<style>`` elements and style sheets still come from us only.
  Images may be ``data:`` URIs (Bootstrap and Select2 draw icons that way).
* ``X-Content-Type-Options: nosniff``, ``Referrer-Policy: same-origin`` (FAB's
  "back" links read the referrer of our own pages; nothing leaves for others),
  ``X-Frame-Options: DENY`` for browsers that predate ``frame-ancestors``.
* ``Strict-Transport-Security`` where ``SECURITY_HSTS`` is set (the production
  configuration): the office serves the app over HTTPS only.
"""
from __future__ import annotations

import secrets

from flask import g

CSP = (
    "default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self'; style-src-elem 'self'; "
    "style-src-attr 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
STATIC_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def csp_nonce() -> str:
    """The request's script nonce (FAB's ``baselib.get_nonce()`` calls this)."""
    nonce = g.get("_csp_nonce")
    if nonce is None:
        nonce = g._csp_nonce = secrets.token_urlsafe(18)
    return nonce


def set_security_headers(response):
    from flask import current_app

    response.headers["Content-Security-Policy"] = CSP.format(nonce=csp_nonce())
    for name, value in STATIC_HEADERS.items():
        response.headers.setdefault(name, value)
    hsts = current_app.config.get("SECURITY_HSTS")
    if hsts:
        response.headers["Strict-Transport-Security"] = hsts
    return response


def init_app(app) -> None:
    # A Jinja global, not a context processor: FAB renders its widgets (list,
    # search, forms) with a bare template and imports baselib without context.
    app.jinja_env.globals["csp_nonce"] = csp_nonce
    app.after_request(set_security_headers)
