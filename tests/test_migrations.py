"""One migration history from an empty database: it creates everything (FAB's
ab_* tables included), leaves roles and permissions behind, and matches the models."""
from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from app import create_app
from app.core.model_base import Model
from app.execution.power_lists.search_index import unmapped
from app.extensions import db
from app.roles import ROLE_DEFAULTS
from config import TestingConfig


def test_models_and_migrations_agree(app_ctx):
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True, "include_name": mapped}),
                                Model.metadata)
    assert diff == []


def mapped(name, type_, _parents) -> bool:
    """The comparison leaves out only the search's text index (raw DDL, no model)."""
    return not unmapped(name, type_)


def test_the_comparison_leaves_out_only_the_search_index(app_ctx):
    """The filter is narrow: the index objects exist on this database and are left
    out, and every model table is still compared."""
    names = set(inspect(db.engine).get_table_names())
    if db.engine.dialect.name == "sqlite":
        assert {"power_snapshot_item_fts", "power_snapshot_item_short"} <= names
        assert not mapped("power_snapshot_item_fts_data", "table", {})
    else:
        indexes = {ix["name"] for ix in inspect(db.engine).get_indexes("power_snapshot_item")}
        assert {"ix_power_snapshot_item_name_trgm", "ix_power_snapshot_item_code_trgm"} <= indexes
        assert not mapped("ix_power_snapshot_item_name_trgm", "index", {})
    assert all(mapped(t, "table", {}) for t in Model.metadata.tables)
    assert mapped("ix_power_snapshot_item_name", "index", {})


def test_upgrade_creates_fab_tables_roles_and_permissions(app_ctx):
    tables = set(inspect(db.engine).get_table_names())
    assert {"ab_user", "ab_role", "ab_permission_view", "institution", "person", "audit_log"} <= tables
    sm = app_ctx.appbuilder.sm
    for name in ["admin", *ROLE_DEFAULTS]:
        assert sm.find_role(name) is not None, name
    assert len(sm.find_role("admin").permissions) >= 100
    staff = {(p.permission.name, p.view_menu.name) for p in sm.find_role("staff").permissions}
    assert ("can_write", "Person") in staff and ("can_write", "Region") not in staff
    assert sm.find_role("public").permissions == []


def test_empty_sqlite_file_then_create_admin_has_a_role(tmp_path):
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    fresh = create_app(TestingConfig, SQLALCHEMY_DATABASE_URI=url)
    runner = fresh.test_cli_runner()
    result = runner.invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    from flask_appbuilder.cli import fab

    result = runner.invoke(fab, args=["create-admin", "--username", "root", "--firstname", "r", "--lastname", "r",
                                 "--email", "root@example.org", "--password", "Root#Pass-2026"])
    assert result.exit_code == 0, result.output
    with fresh.app_context():
        user = fresh.appbuilder.sm.find_user("root")
        assert [r.name for r in user.roles] == ["admin"]
        db.session.remove()
        db.engine.dispose()


def test_menus_follow_what_a_role_can_read(app_ctx):
    sm = app_ctx.appbuilder.sm

    def menus(role):
        return {p.view_menu.name for p in sm.find_role(role).permissions if p.permission.name == "menu_access"}

    assert {"InstitutionTree", "PersonList", "QuotaDatabase", "ReferenceData"} <= menus("department")
    # A department answers its own findings and reads its own evaluations and assessments under 监督,
    # and never sees the audit log there.
    assert "AuditLogList" not in menus("department") and {"Supervision", "FindingList"} <= menus("department")
    assert {"DepartmentEvaluationList", "InstitutionAssessmentList"} <= menus("department")
    assert "EvaluationPlanList" not in menus("department") and "AssessmentCapRuleList" not in menus("department")
    assert {"Supervision", "AuditLogList"} <= menus("leader")
    assert "UserInstitutionList" not in menus("staff")
