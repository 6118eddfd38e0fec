"""赋码: issuing unified social credit codes (GB 32100-2015) to institutions."""
from __future__ import annotations

from typing import Optional

from sqlalchemy import select

from app.core import uscc
from app.core.db import xact_lock
from app.core.errors import ValidationFailed
from app.extensions import db
from app.quota.models import Institution, InstitutionCategory, Region

# ---------------------------------------------------------------------------
# 赋码: issuing USCCs to registered institutions
# ---------------------------------------------------------------------------


def assign_uscc(inst: Institution) -> Optional[str]:
    """Give ``inst`` the next free USCC of its category and region (None if it has one).

    The serial (positions 9–16) is one more than the highest issued for the
    same prefix; a transaction lock per prefix keeps parallel issues apart.
    """
    if inst.uscc:
        return None
    category = inst.category or db.session.get(InstitutionCategory, inst.category_id)
    region = inst.region or db.session.get(Region, inst.region_id)
    # Function zones have no GB/T 2260 code: they register under their city.
    while region is not None and not (len(region.code) == 6 and region.code.isdigit()):
        region = region.parent
    if region is None:
        raise ValidationFailed("uscc.generate_region", region=inst.region.code if inst.region else "")
    prefix = "1" + category.uscc_code + region.code
    xact_lock(db.session, "uscc:" + prefix)
    issued = db.session.execute(select(Institution.uscc).where(Institution.uscc.like(prefix + "%"))).scalars().all()
    serials = [int(code[8:16]) for code in issued if code[8:16].isdigit()]
    inst.uscc = uscc.generate(category.uscc_code, region.code, max(serials, default=0) + 1)
    db.session.flush()
    return inst.uscc
