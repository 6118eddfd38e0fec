"""Security headers on every kind of response (app/core/headers.py, SPEC §9)."""
from __future__ import annotations

import re

from app import create_app
from config import ProductionConfig
from tests.conftest import api_token, login
from tests.factories import make_user

EVERY_RESPONSE = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin", "X-Frame-Options": "DENY"}


def _check(resp) -> str:
    policy = resp.headers.get("Content-Security-Policy", "")
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["default-src"] == "'self'" and directives["frame-ancestors"] == "'none'", policy
    assert "'unsafe-inline'" not in directives["script-src"] and "'unsafe-eval'" not in directives["script-src"]
    assert "'unsafe-inline'" not in directives["style-src-elem"]
    assert not any("http" in value or "*" in value for value in directives.values()), policy
    for name, value in EVERY_RESPONSE.items():
        assert resp.headers.get(name) == value, (name, resp.headers.get(name))
    return directives["script-src"]


def test_every_kind_of_response_carries_the_headers(app, ref):
    make_user(app, "u1", "staff")
    client = app.test_client()
    responses = [client.get("/login/"), client.get("/no/such/page"), client.get("/static/js/lookup.js"),
                 client.get("/personview/list/")]  # a redirect to the login page
    login(client, "u1")
    headers = {"Authorization": f"Bearer {api_token(client, 'u1')}"}
    responses += [client.get("/personview/list/"), client.get("/api/v1/person/", headers=headers),
                  client.put("/api/v1/person/1", data="[]", content_type="application/json", headers=headers),
                  client.get("/personview/export/")]
    assert [r.status_code for r in responses] == [200, 404, 200, 302, 200, 200, 400, 200]
    for resp in responses:
        _check(resp)
        assert "Strict-Transport-Security" not in resp.headers  # not outside production


def test_every_script_of_a_page_carries_the_requests_nonce(app, ref):
    make_user(app, "u1", "staff")
    client = app.test_client()
    login(client, "u1")
    nonces = []
    for url in ("/personview/list/", "/institutionview/add", "/personview/list/"):
        resp = client.get(url)
        nonce = re.search(r"'nonce-([^']+)'", _check(resp)).group(1)
        scripts = re.findall(r"<script\b[^>]*>", resp.get_data(as_text=True))
        assert len(scripts) > 5
        assert all(f'nonce="{nonce}"' in tag for tag in scripts), [t for t in scripts if nonce not in t][:3]
        nonces.append(nonce)
    assert len(set(nonces)) == 3  # a fresh nonce per request


def test_production_sends_hsts(app):
    class Prod(ProductionConfig):
        SECRET_KEY = "k" * 40
        SQLALCHEMY_DATABASE_URI = app.config["SQLALCHEMY_DATABASE_URI"]

    prod = create_app(Prod)
    resp = prod.test_client().get("/login/")
    assert resp.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    _check(resp)
