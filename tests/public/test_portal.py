"""The public portal: no login, the links the domains published, each page reachable anonymously."""
from __future__ import annotations

from app.core import portal


def test_the_portal_lists_every_published_page_and_each_opens_without_login(app):
    client = app.test_client()
    html = client.get("/public/").get_data(as_text=True)
    assert client.get("/public/").status_code == 200
    with app.test_request_context():
        from flask import url_for

        urls = [url_for(link.endpoint) for link in portal.links()]
    assert urls, "no domain publishes anything"
    for url in urls:
        assert f'href="{url}"' in html
        assert client.get(url).status_code == 200
    assert "统一社会信用代码校验" in html  # the quota domain's link


def test_the_home_page_points_anonymous_visitors_to_the_portal(app):
    assert 'href="/public/"' in app.test_client().get("/").get_data(as_text=True)


def test_the_portal_says_what_is_still_to_be_published_and_when(app):
    html = app.test_client().get("/public/").get_data(as_text=True)
    assert 'id="public-pending"' in html
    for what, when in (("权责清单", "审核后公布"), ("抽查计划与结果", "20 个工作日内公开"), ("登记公告", "核准后公告")):
        assert what in html and when in html
