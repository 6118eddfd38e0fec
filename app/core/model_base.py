"""The declarative base every model uses: FAB's ``Model`` plus a naming convention.

FAB's ``ab_*`` tables live on the same metadata, so one Alembic history covers both.
"""
from flask_appbuilder import Model

# Deterministic constraint names, so migrations can drop/alter them on both
# SQLite (batch mode) and PostgreSQL.
Model.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

__all__ = ["Model"]
