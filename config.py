"""Configuration classes, read from the environment.

``create_app()`` picks the class named by ``BIANZHI_CONFIG`` (development,
testing, production); ``DATABASE_URL`` chooses the database (SQLite under
``instance/`` by default, PostgreSQL in production).
"""
from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = BASE_DIR / "instance"

DEFAULT_SECRET_KEY = "bianzhi-development-secret-change-me"

# Demo accounts (one per role).  Production refuses to start while any of these
# passwords still works for its user (see ProductionConfig.check / app.security).
DEMO_PASSWORD = "Bianzhi#2026"


def _database_url(default_name: str) -> str:
    url = os.environ.get("DATABASE_URL")
    if url:
        # psycopg 3 is the driver; accept the common short forms.
        for prefix in ("postgres://", "postgresql://"):
            if url.startswith(prefix):
                return "postgresql+psycopg://" + url[len(prefix):]
        return url
    return f"sqlite:///{INSTANCE_DIR / default_name}"


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY", DEFAULT_SECRET_KEY)
    SQLALCHEMY_DATABASE_URI = _database_url("bianzhi.db")
    SQLALCHEMY_TRACK_MODIFICATIONS = False
    SQLALCHEMY_ENGINE_OPTIONS: dict = {}

    APP_NAME = "机构编制闭环管理平台"
    APP_ICON = None
    # Bootswatch themes import Google Fonts: leave APP_THEME unset (intranet).
    FAB_ADD_SECURITY_VIEWS = True
    # Tables come from migrations only; FAB must not create_all at start-up.
    FAB_CREATE_DB = False
    # Permissions are synced by `flask db upgrade` / `flask roles sync`, not at
    # every start-up (several gunicorn workers would race on the same rows).
    FAB_UPDATE_PERMS = False
    FAB_SECURITY_MANAGER_CLASS = "app.security.BianzhiSecurityManager"
    FAB_API_SWAGGER_UI = True
    FAB_INDEX_VIEW = "app.dashboards.home.HomeView"
    FAB_BASE_TEMPLATE = "bianzhi/base.html"  # FAB's layout + our own scripts (lookup.js)
    FAB_API_MAX_PAGE_SIZE = 500

    AUTH_TYPE = 1  # AUTH_DB
    AUTH_ROLE_ADMIN = "admin"
    AUTH_ROLE_PUBLIC = "public"
    AUTH_USER_REGISTRATION = False
    AUTH_RATE_LIMITED = True
    # Login attempts (web form and JSON login alike, every attempt counts) are
    # limited three ways (app/security.py): per account from one address (a
    # guesser at one desk), per account from anywhere (a guesser spread over many
    # addresses), and per address over all accounts, generous enough that an
    # office behind one NAT address logs in every morning without a lock-out.
    AUTH_RATE_LIMIT = os.environ.get("AUTH_RATE_LIMIT", "10 per 5 minute")
    AUTH_ACCOUNT_RATE_LIMIT = os.environ.get("AUTH_ACCOUNT_RATE_LIMIT", "30 per 15 minute")
    AUTH_ADDRESS_RATE_LIMIT = os.environ.get("AUTH_ADDRESS_RATE_LIMIT", "300 per 5 minute")
    RATELIMIT_ENABLED = True
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    # Keys in shared storage (Redis) start with this: several apps may share one Redis.
    RATELIMIT_KEY_PREFIX = os.environ.get("RATELIMIT_KEY_PREFIX", "bianzhi")
    RATELIMIT_HEADERS_ENABLED = True

    # Times on pages are shown in this zone, to the minute (app/core/localtime.py).
    DISPLAY_TIMEZONE = os.environ.get("DISPLAY_TIMEZONE", "Asia/Shanghai")
    # The office's own region (GB/T 2260): the default region of a new institution.
    OFFICE_REGION_CODE = os.environ.get("OFFICE_REGION_CODE", "370200")
    # A TrueType font with Chinese glyphs, embedded (subset) in the PDFs the app
    # issues (入编证明).  Debian/Ubuntu: apt install fonts-wqy-zenhei.  A .ttc
    # collection takes its first face.
    CERTIFICATE_FONT = os.environ.get("CERTIFICATE_FONT", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
    BABEL_DEFAULT_LOCALE = "zh"
    BABEL_DEFAULT_FOLDER = "translations"
    LANGUAGES = {
        "zh": {"flag": "cn", "name": "简体中文"},
        "en": {"flag": "gb", "name": "English"},
    }

    WTF_CSRF_ENABLED = True
    WTF_CSRF_TIME_LIMIT = None
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    PERMANENT_SESSION_LIFETIME = timedelta(hours=8)

    # Legacy USCCs whose position-17 check fails: accept with a visible warning?
    USCC_ACCEPT_LEGACY_ORG_CHECK = os.environ.get("USCC_ACCEPT_LEGACY", "0") == "1"
    UPLOAD_FOLDER = str(INSTANCE_DIR / "uploads")
    # Freeze the objects made at start-up out of the garbage collector's reach (app/__init__.py).
    GC_FREEZE_AT_START = True
    EXPORT_MAX_ROWS = int(os.environ.get("EXPORT_MAX_ROWS", "200000"))
    # Audit checkpoints (app/core/audit_anchor.py): an append-only file the database
    # account cannot rewrite; default instance/audit-checkpoints.jsonl.
    AUDIT_CHECKPOINT_PATH = os.environ.get("AUDIT_CHECKPOINT_PATH")
    # Imports (app/imports): refused beyond these, before any parsing.
    IMPORT_MAX_BYTES = int(os.environ.get("IMPORT_MAX_BYTES", str(20 * 1024 * 1024)))
    IMPORT_MAX_ROWS = int(os.environ.get("IMPORT_MAX_ROWS", "100000"))
    IMPORT_ZIP_MAX_ENTRIES = 1000  # xlsx archive entries
    IMPORT_ZIP_MAX_UNPACKED = 500 * 1024 * 1024  # bytes once unpacked
    IMPORT_ZIP_MAX_RATIO = 200  # unpacked : packed, per entry over 1 MiB
    IMPORT_BACKGROUND_BYTES = int(os.environ.get("IMPORT_BACKGROUND_BYTES", str(256 * 1024)))  # larger: background
    IMPORT_WORK_DIR = os.environ.get("IMPORT_WORK_DIR")  # progress files; default instance/imports
    IMPORT_JOB_GRACE_SECONDS = 2.0  # a background job waits this long for its progress page (SQLite lock)

    # Roles that see ID numbers unmasked.
    ID_NUMBER_FULL_ROLES = ("admin", "staff")

    DEMO_PASSWORD = DEMO_PASSWORD
    SECURITY_HSTS = None  # Strict-Transport-Security value; set in production (HTTPS only)


class DevelopmentConfig(Config):
    DEBUG = False


class TestingConfig(Config):
    TESTING = True
    GC_FREEZE_AT_START = False  # the suite makes an app per test; a benchmark turns it back on
    # tests/conftest.py points this at a fresh SQLite file, or at DATABASE_URL.
    SQLALCHEMY_DATABASE_URI = _database_url("test.db")
    # Tests that probe the limits set their own.
    AUTH_RATE_LIMIT = AUTH_ACCOUNT_RATE_LIMIT = AUTH_ADDRESS_RATE_LIMIT = "1000 per minute"
    # The same scrypt, with a work factor of 2**10 instead of 2**15: the suite creates
    # and signs in thousands of users, and at the production cost each one takes about
    # 0.2 s of CPU.  Hashes keep their "scrypt:N:r:p$" form, so the leak detectors
    # (tests/discovery.py) still recognise them.
    FAB_PASSWORD_HASH_METHOD = "scrypt:1024:8:1"


class ProductionConfig(Config):
    REFUSE_DEMO_PASSWORDS = True
    # Served over HTTPS only (app/core/headers.py); SECURITY_HSTS="" sends none.
    SECURITY_HSTS = os.environ.get("SECURITY_HSTS", "max-age=31536000; includeSubDomains")
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True

    @classmethod
    def check(cls, app) -> None:
        """Refuse to start with the development secret key."""
        key = app.config.get("SECRET_KEY")
        if not key or key == DEFAULT_SECRET_KEY or len(key) < 32:
            raise RuntimeError(
                "生产环境必须设置 SECRET_KEY (至少 32 个字符, 不能使用默认值) / "
                "production needs SECRET_KEY set (32+ characters, not the default)"
            )


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}
