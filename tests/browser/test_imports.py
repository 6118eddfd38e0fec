"""Imports in headless Chromium: upload through the real form, read the dry-run
preview with a verdict per row, commit, and watch the progress bar of a larger
file (run in the background) reach 100 % before the verdicts appear."""
from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import Workbook

from tests.conftest import PASSWORD
from tests.factories import give_quota, make_user, new_institution, valid_id_number

pytestmark = pytest.mark.browser

HEADER = ["姓名", "身份证号", "机构", "编制类型", "状态"]


def workbook(n: int, start: int = 0) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    for k in range(start, start + n):
        number = valid_id_number(birth=dt.date(1975, 1, 1) + dt.timedelta(days=k // 900), seq=k % 900)
        ws.append([f"人员{k}", number, "青岛二中", "事业编制", "在编"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def login(page, username):
    page.goto("/login/", wait_until="networkidle")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation(wait_until="networkidle"):
        page.click("form[name=login] input[type=submit]")
    assert "/login" not in page.url


def upload(page, traffic, data: bytes, name: str):
    traffic.current = "/imports/persons/"
    page.goto("/imports/persons/", wait_until="networkidle")
    page.set_input_files("#import-upload input[type=file]", files=[{
        "name": name, "buffer": data,
        "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}])
    traffic.current = f"upload {name}"
    with page.expect_navigation():
        page.click("#import-upload button[type=submit]")


def test_upload_preview_commit_and_progress(app, ref, browser_page, monkeypatch):
    page, traffic = browser_page
    school = new_institution(ref, "青岛二中", category="pi")
    give_quota(school, ref.inst_q, 300)
    make_user(app, "browser_staff", "staff")
    login(page, "browser_staff")

    # A small file with one bad row: the preview names the row and the reason.
    small = workbook(3)
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(small))
    wb.active.append(["坏人", "370202198001011230", "青岛二中", "事业编制", "在编"])
    buf = io.BytesIO()
    wb.save(buf)
    upload(page, traffic, buf.getvalue(), "small.xlsx")
    page.wait_for_selector("#import-rows")
    assert page.locator("#import-rows tr.danger").count() == 1
    assert "校验码" in page.locator("#import-rows tr[data-row='5']").inner_text()
    assert page.locator("#import-rows tr.success").count() == 3
    assert page.locator("#import-commit").count() == 0
    assert page.locator("#download-report").count() == 1

    # The same rows without the bad one: commit.
    upload(page, traffic, small, "good.xlsx")
    page.wait_for_selector("#import-commit")
    with page.expect_navigation(wait_until="networkidle"):
        page.click("#import-commit button")
    assert page.locator("#batch-status").inner_text().strip() in ("已导入", "Committed")

    # A larger file runs in the background: the bar moves to 100 %, then the verdicts appear.
    monkeypatch.setitem(app.config, "IMPORT_BACKGROUND_BYTES", 1)
    seen = []
    page.on("response", lambda r: seen.append(r.json()["percent"]) if r.url.endswith("/progress") else None)
    upload(page, traffic, workbook(250, start=100), "large.xlsx")
    traffic.current = "large: progress"
    page.wait_for_selector("#import-progress", timeout=10_000)
    page.wait_for_selector("#import-rows", timeout=120_000)  # the page reloads itself when the job ends
    assert seen and seen[-1] == 100, seen
    assert page.locator("#import-rows tr.success").count() == 100  # first page of 250 rows
    assert page.locator("#import-commit").count() == 1

    problems = traffic.problems()
    assert not problems, "\n".join(problems)
