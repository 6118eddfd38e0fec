"""The served app freezes its start-up objects out of the garbage collector's
reach (``GC_FREEZE_AT_START``, on in ``config.Config``); the test suite's apps do not."""
from __future__ import annotations

import gc

from config import Config, TestingConfig


def test_the_served_app_freezes_its_start_up_objects(tmp_path):
    from app import create_app

    assert Config.GC_FREEZE_AT_START is True and TestingConfig.GC_FREEZE_AT_START is False
    gc.unfreeze()
    try:
        create_app(TestingConfig, SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'a.db'}")
        assert gc.get_freeze_count() == 0
        create_app(TestingConfig, SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'b.db'}", GC_FREEZE_AT_START=True)
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()
