"""Find the doors to probe from what the app publishes — its OpenAPI document and
its menu — so a resource or page added later is probed without editing a list.
Used by the leak scan, the API body test and the browser walk."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

API_PREFIX = "/api/v1"
# Endpoints that are doors for credentials by design (they hand out tokens).
CREDENTIAL_PATHS = {f"{API_PREFIX}/security/login", f"{API_PREFIX}/security/refresh"}


@dataclass
class ApiDoors:
    lists: list[str] = field(default_factory=list)  # /api/v1/person/
    infos: list[str] = field(default_factory=list)  # /api/v1/person/_info
    item_gets: list[str] = field(default_factory=list)  # /api/v1/person/{pk}, …/{pk}/transitions
    other_gets: list[str] = field(default_factory=list)  # /api/v1/menu/, /api/v1/_openapi
    writes: list[tuple[str, str]] = field(default_factory=list)  # (method, path template)


def openapi(client, headers) -> dict:
    resp = client.get(f"{API_PREFIX}/_openapi", headers=headers)
    assert resp.status_code == 200, resp.get_data(as_text=True)[:300]
    return resp.get_json()


def api_doors(spec: dict) -> ApiDoors:
    doors = ApiDoors()
    for path, ops in sorted(spec["paths"].items()):
        if path in CREDENTIAL_PATHS:
            continue
        url = path  # the document names full paths (/api/v1/…)
        for method in ops:
            if method in ("post", "put", "patch"):
                doors.writes.append((method.upper(), url))
        if "get" not in ops:
            continue
        if "{" in url:
            doors.item_gets.append(url)
        elif url.endswith("/_info"):
            doors.infos.append(url)
        elif re.fullmatch(rf"{API_PREFIX}/[a-z_]+/", url) and url != f"{API_PREFIX}/menu/":
            doors.lists.append(url)
        else:
            doors.other_gets.append(url)
    return doors


def list_of(item_url: str) -> str:
    """``/api/v1/person/{pk}/transitions`` -> ``/api/v1/person/`` (where its ids come from)."""
    return item_url.split("{", 1)[0]


def fill(item_url: str, pk) -> str:
    return re.sub(r"\{[^}]+\}", str(pk), item_url)


def menu_hrefs(app) -> list[str]:
    """Every page of the menu, as FAB holds it (all roles' items)."""
    hrefs: list[str] = []
    with app.test_request_context():
        for item in app.appbuilder.menu.get_list():
            for child in item.childs or [item]:
                href = child.get_url() if child.name != "-" else ""
                if href and href.startswith("/") and href not in hrefs:
                    hrefs.append(href)
    return hrefs


SHOW_LINK = re.compile(r'href="(/[a-z0-9_]+/show/\d+)[^"]*"')
DOWNLOAD_LINK = re.compile(r'href="(/[^"]*(?:/export/|xlsx|/template/)[^"]*)"')


def page_links(html: str, shows: int = 2) -> tuple[list[str], list[str]]:
    """A page's first ``shows`` show links and every export/xlsx download link."""
    import html as html_lib

    show = list(dict.fromkeys(SHOW_LINK.findall(html)))[:shows]
    downloads = list(dict.fromkeys(html_lib.unescape(u) for u in DOWNLOAD_LINK.findall(html)))
    return show, downloads


# Secrets a response must never carry (tests/test_secret_leaks.py, tests/test_api_safety.py).
PATTERNS = [
    ("password hash (scrypt)", re.compile(r"scrypt:\d+:\d+:\d+\$")),
    ("password hash (pbkdf2)", re.compile(r"pbkdf2:sha\d+")),
    ("password hash (bcrypt)", re.compile(r"\$2[abxy]\$\d\d\$[./A-Za-z0-9]{20}")),
    ("password hash (argon2)", re.compile(r"\$argon2(?:id|i|d)\$")),
    ("JWT", re.compile(r"eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}")),
]


def find_secrets(text: str, exact: dict[str, str]) -> list[str]:
    """What in ``text`` is a secret: pattern matches and known secret values."""
    found = []
    for variant in dict.fromkeys((text, html.unescape(text))):
        for name, pattern in PATTERNS:
            match = pattern.search(variant)
            if match:
                found.append(f"{name} …{variant[max(0, match.start() - 40):match.end() + 20]}…")
        found.extend(label for label, value in exact.items() if value and value in variant)
    return list(dict.fromkeys(found))
