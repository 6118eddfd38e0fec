"""Expected outcomes of the extra-field definitions' page (安全 → 自定义字段): the
administrator's only; there is no delete (a field is archived)."""
from tests.role_matrix import A, NOBODY

RESOURCES = {"ExtraField": ({A}, {A}, NOBODY)}
