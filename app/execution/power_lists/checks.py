"""三级四同 as a scheduled verification rule (issue #14 §6): every implementation that
differs from its catalogue item becomes a finding of its implementing unit, and the
finding is resolved by the run that no longer sees the deviation.  The rule is the
consistency page's own set-based query (``queries.deviating_query``), unscoped."""
from __future__ import annotations

from app.core import checks
from app.execution.power_lists import queries

LEVELS = {"city": "市级", "district": "区市级", "town": "镇街级"}


def deviating_implementations(session, params, today):
    """One problem per deviating implementation, naming the fields that differ."""
    rows = session.execute(queries.deviating_query(None)).all()
    for impl_id, item_code, item_name, level, inst_id, name, code, item_type, impl_type, item_basis, impl_basis in rows:
        fields = [label for label, differs in (("名称", name != item_name), ("类型", impl_type != item_type),
                                               ("编码", code != item_code), ("设定依据", impl_basis != item_basis))
                  if differs]
        yield checks.Problem(
            key=str(impl_id), institution_id=inst_id,
            title=f"三级四同偏差: {item_code} {item_name} ({LEVELS.get(level, level)}) {'、'.join(fields)}不一致",
            detail=f"目录: {item_name} / {item_code}; 实施: {name} / {code}")


RULE = checks.Rule(code="power_consistency", name="三级四同偏差", name_en="Three-level consistency deviations",
                   check=deviating_implementations, cron="30 2 * * *",
                   description="权责清单实施项与目录项在名称、类型、编码、设定依据上的差异 (三级四同)")


def register() -> None:
    checks.register(RULE)
