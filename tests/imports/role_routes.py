"""Expected outcomes of the import pages: ImportBatch read; each list also needs write
on its resource, checked inside (a probe's unknown list or batch is a 404)."""
from tests.role_matrix import A, D, S

ENDPOINTS = {f"ImportView.{m}": {A, S, D}
             for m in ("index", "upload", "template", "batch", "progress", "commit", "retry", "files")}
