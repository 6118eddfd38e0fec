"""Default permissions on the import pages (each list also needs write on its own resource)."""
from app.roles import R

DEFAULTS = {
    "staff": {"ImportBatch": (R,)},
    "department": {"ImportBatch": (R,)},  # imports of its own persons
}
