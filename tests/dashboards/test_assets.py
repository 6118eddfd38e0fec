"""Apache ECharts comes from the npm build and this origin only; without it the app does not start."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from app import create_app

ROOT = Path(__file__).resolve().parents[2]


def test_echarts_is_pinned_by_the_lockfile_and_served_from_this_origin(app):
    lock = json.loads((ROOT / "package-lock.json").read_text())
    pinned = lock["packages"]["node_modules/echarts"]["version"]
    assert json.loads((ROOT / "package.json").read_text())["dependencies"]["echarts"] == pinned
    resp = app.test_client().get("/vendor/echarts/echarts.min.js")
    assert resp.status_code == 200 and b"echarts" in resp.data[:2000].lower() and len(resp.data) > 500_000
    assert app.test_client().get("/vendor/echarts/../package.json").status_code == 404


def test_a_missing_build_is_a_clear_start_up_error(tmp_path):
    with pytest.raises(RuntimeError, match="npm ci"):
        create_app(ECHARTS_DIST=str(tmp_path))
