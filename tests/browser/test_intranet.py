"""Intranet check: no page loads anything from another host.

The office works on an intranet without Internet access, so every script,
stylesheet, font, image and XHR must come from our own server.  Headless
Chromium logs in through the real login form and walks the main pages (both
languages); the test fails listing every request whose host is not 127.0.0.1 /
localhost (those requests are recorded and aborted, never sent), every HTTP
5xx from our server, every local resource that failed to load and every
uncaught JavaScript error.
"""
from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import Error as PlaywrightError

from tests.browser.conftest import open_page
from tests.conftest import PASSWORD
from tests.discovery import menu_hrefs
from tests.factories import (
    give_quota,
    make_user,
    new_institution,
    new_person,
    set_institution_cap,
    set_leadership,
    set_regional_cap,
)

pytestmark = pytest.mark.browser

SCREENSHOT = "/tmp/bianzhi-institutions.png"

MAIN_PAGES = [
    "/",
    "/institutionview/list/",
    "/institutionview/tree/",
    "/institutionview/show/{inst}",
    "/institutionview/add",
    "/personview/list/",
    "/personview/add",
    "/quotaallocationview/list/",
    "/quotaledgerentryview/list/",
    "/regionalcapview/list/",
    "/institutioncapview/list/",
    "/leadershipquotaview/list/",
    "/regionview/list/",
    "/quotatypeview/list/",
    "/auditlogview/list/",
    "/users/list/",
    "/roles/list/",
    "/swagger/v1",
]


def _data(ref) -> dict:
    """A little of everything, so lists, forms and the tree have rows to render."""
    bureau = new_institution(ref, "市财政局")
    office = new_institution(ref, "市财政局办公室", parent=bureau)
    set_regional_cap(ref.city, ref.admin_q, 100)
    set_institution_cap(ref.city, 20)
    give_quota(bureau, ref.admin_q, 10)
    set_leadership(bureau, ref.chief, 1)
    new_person(bureau, ref.admin_q, name="张三", rank_id=ref.chief)
    return {"inst": bureau, "child": office}


def _visit(page, traffic, path: str, timings: dict, label: str | None = None) -> bool:
    """Open ``path``, wait until the network is quiet (XHRs, fonts, images) and check it opened.

    Problems are recorded, not raised, so one run reports every page.
    """
    label = label or path
    traffic.current = label
    started = time.monotonic()
    try:
        response = page.goto(path, wait_until="networkidle")
    except PlaywrightError as exc:
        traffic.page_problem(f"did not load: {exc.message.splitlines()[0]}")
        return False
    finally:
        timings[label] = time.monotonic() - started
    if response is None or response.status != 200:
        traffic.page_problem(f"HTTP {response.status if response else '(none)'} at {page.url}")
        return False
    if "/login" in page.url:
        traffic.page_problem(f"redirected to the login page ({page.url}) - missing permission?")
        return False
    return True


def _login(page, traffic, username: str) -> None:
    traffic.current = "/login/"
    response = page.goto("/login/", wait_until="networkidle")
    assert response is not None and response.status == 200, "login page did not load"
    # The real form, with its CSRF token: nothing bypassed.
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    traffic.current = "/login/ (submit)"
    with page.expect_navigation(wait_until="networkidle"):
        page.click("form[name=login] input[type=submit]")
    assert "/login" not in page.url, f"login as {username} failed: still on {page.url}"


def _check_language(page, traffic, lang: str) -> None:
    """The user menu's logout link: "Logout" in English, Chinese characters in Chinese."""
    label = page.locator("a[href='/logout/']").inner_text().strip()
    if lang == "en" and label != "Logout":
        traffic.page_problem(f"expected English, the logout link reads {label!r}")
    if lang == "zh" and not re.search(r"[\u4e00-\u9fff]", label):
        traffic.page_problem(f"expected Chinese, the logout link reads {label!r}")


def test_no_page_requests_another_host(app, ref, browser_page, capsys):
    page, traffic = browser_page
    ids = _data(ref)
    make_user(app, "browser_admin", "admin")
    timings: dict[str, float] = {}
    started = time.monotonic()

    _login(page, traffic, "browser_admin")

    for template in MAIN_PAGES:
        if not _visit(page, traffic, template.format(**ids), timings):
            continue
        if template == "/institutionview/list/":
            if page.locator("text=市财政局办公室").count() == 0:
                traffic.page_problem("the institution list shows no institutions")
            _check_language(page, traffic, "zh")
            page.screenshot(path=SCREENSHOT, full_page=True)
        if template == "/swagger/v1":
            # Swagger UI is built by JS from the OpenAPI document it fetches over XHR.
            try:
                page.wait_for_selector("#swagger-ui .info", timeout=30_000)  # a large document on a loaded machine
            except PlaywrightError:
                traffic.page_problem("Swagger UI did not render the API description")

    # Language switch: English, a page in English, back to Chinese.
    _visit(page, traffic, "/lang/en", timings)
    if _visit(page, traffic, "/institutionview/list/", timings, label="/institutionview/list/ (en)"):
        _check_language(page, traffic, "en")
    _visit(page, traffic, "/lang/zh", timings)
    if _visit(page, traffic, "/institutionview/list/", timings, label="/institutionview/list/ (zh again)"):
        _check_language(page, traffic, "zh")

    total = time.monotonic() - started
    with capsys.disabled():
        slowest = sorted(timings.items(), key=lambda kv: -kv[1])[:3]
        print(f"\n[browser] {len(traffic.requests)} requests over {len(timings)} page loads in {total:.1f}s; "
              "slowest: " + ", ".join(f"{p} {t:.2f}s" for p, t in slowest))

    problems = traffic.problems()
    assert not problems, "the pages must work on an intranet:\n" + "\n".join(problems)


INJECT_FOREIGN = """async () => {
        const link = document.createElement("link");
        link.rel = "stylesheet";
        link.href = "https://fonts.googleapis.com/css?family=Roboto";
        document.head.appendChild(link);
        const img = document.createElement("img");
        img.src = "http://www.gstatic.com/charts/loader.png";
        document.body.appendChild(img);
        const script = document.createElement("script");
        script.src = "https://cdn.jsdelivr.net/npm/swagger-ui-dist/swagger-ui-bundle.js";
        document.head.appendChild(script);
        try { await fetch("https://unpkg.com/anything"); return "fetched"; } catch (e) { return "blocked"; }
    }"""


def test_guard_records_and_blocks_foreign_requests(chromium, live_server):
    """The guard itself: foreign fonts, scripts, images and XHR are seen, aborted and
    reported.  The app's CSP would stop some before they are requests: bypassed here
    (the CSP has its own test below)."""
    with open_page(chromium, live_server, bypass_csp=True) as (page, traffic):
        _guard_sees_everything(page, traffic)


def _guard_sees_everything(page, traffic):
    traffic.current = "/login/"
    page.goto("/login/", wait_until="networkidle")
    traffic.current = "(injected)"
    outcome = page.evaluate(INJECT_FOREIGN)
    page.wait_for_load_state("networkidle")
    assert outcome == "blocked", "a foreign fetch() got through"
    foreign = {url for _, _, url in traffic.foreign}
    assert foreign == {
        "https://fonts.googleapis.com/css?family=Roboto",
        "http://www.gstatic.com/charts/loader.png",
        "https://cdn.jsdelivr.net/npm/swagger-ui-dist/swagger-ui-bundle.js",
        "https://unpkg.com/anything",
    }
    assert all(line.startswith("FOREIGN HOST") for line in traffic.problems())


def test_csp_refuses_what_the_pages_do_not_need(browser_page):
    """With the app's policy in force, the browser itself refuses another origin's
    style sheet, image, script and fetch, and an inline script without the nonce;
    the test's listener reports each refusal."""
    page, traffic = browser_page
    traffic.current = "/login/"
    response = page.goto("/login/", wait_until="networkidle")
    policy = response.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";", 1)[0]
    traffic.current = "(injected)"
    assert page.evaluate(INJECT_FOREIGN) == "blocked"
    page.evaluate("""() => {
        const s = document.createElement("script");
        s.textContent = "window.__inline_ran = true;";
        document.body.appendChild(s);
    }""")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__inline_ran === undefined"), "an inline script without the nonce ran"
    refused = " ".join(message for _, message in traffic.csp_violations)
    for directive in ("style-src-elem", "img-src", "script-src-elem", "connect-src"):
        assert directive in refused, f"no CSP refusal for {directive}: {refused}"


def test_every_menu_page_stays_on_the_origin_without_csp_violations(app, ref, browser_page):
    page, traffic = browser_page
    _data(ref)
    make_user(app, "browser_admin", "admin")
    _login(page, traffic, "browser_admin")
    hrefs = menu_hrefs(app)
    assert len(hrefs) > 30, hrefs  # the walk must not quietly shrink
    timings: dict[str, float] = {}
    for href in hrefs:
        _visit(page, traffic, href, timings)
    problems = traffic.problems()
    assert not problems, "every menu page must load from our origin, under the CSP:\n" + "\n".join(problems)
