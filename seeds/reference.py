"""Reference dictionaries (SPEC §1): regions, institution categories, quota types,
ranks and staffing standards.

``load_reference()`` is idempotent and *insert-only*: every row is keyed by its
``code``; a row that already exists is left exactly as it is (an administrator may
have edited its name, flags or bands in the UI, and a re-run of the seeds must not
undo that).  A second run therefore writes nothing, so no audit row is appended.

There is no service for reference dictionaries (they carry no quota invariant), so
rows are added to the session directly, inside ``core.db.transaction()``; the audit
log picks them up through the session events like every other write.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Optional

from sqlalchemy import select

from app.core import regions
from app.core.db import transaction
from app.extensions import db
from app.quota.models import (
    InstitutionCategory,
    QuotaType,
    Rank,
    Region,
    StaffingStandard,
    StaffingStandardRow,
)

# ---------------------------------------------------------------------------
# Regions
# ---------------------------------------------------------------------------

PROVINCE_CODE = "370000"  # 山东省
CITY_CODE = "370200"  # 青岛市

#: 市内三区: the three central districts held to ≤ 35 party-government institutions.
INNER_DISTRICTS = ("370202", "370203", "370213")  # 市南区, 市北区, 李沧区

# Function zones (功能区) have no GB/T 2260 code: they are not administrative
# divisions but areas managed by a dispatched body of the city (管委会).  The
# ``code`` column is the region's business key, so they get one that can never be
# mistaken for a GB/T 2260 code: the city's code, a hyphen and ``F`` + a number
# (``370200-F01``; 10 characters, the column is String(12)).  It is never used as
# a USCC or ID-number region prefix: institutions of a function zone are issued
# codes under the city's 370200.  Names are typed here because no code list holds
# them.  (青岛西海岸新区 shares its territory with 黄岛区 under 区政合一; as a
# function zone it is still a region of its own for its 管委会's quotas.)
FUNCTION_ZONES = (
    ("370200-F01", "青岛西海岸新区"),
    ("370200-F02", "青岛高新技术产业开发区"),
)


def district_codes() -> list[str]:
    """Qingdao's current districts and county-level cities, per GB/T 2260 (stdnum)."""
    return [code for code, _name in regions.children(CITY_CODE)]


def _region_rows() -> list[tuple[str, str, str, Optional[str]]]:
    """(code, name, level, parent code), parents first."""
    rows = [
        (PROVINCE_CODE, regions.region_name(PROVINCE_CODE), "province", None),
        (CITY_CODE, regions.region_name(CITY_CODE), "city", PROVINCE_CODE),
    ]
    rows += [(code, name, "district", CITY_CODE) for code, name in regions.children(CITY_CODE)]
    rows += [(code, name, "function_zone", CITY_CODE) for code, name in FUNCTION_ZONES]
    for code, name, _level, _parent in rows:
        if not name:  # pragma: no cover - a python-stdnum upgrade dropped the code
            raise RuntimeError(f"GB/T 2260 code {code} not found in python-stdnum's loc.dat")
    return rows


# ---------------------------------------------------------------------------
# Institution categories
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CategoryDef:
    code: str
    name: str
    name_en: str
    counts_toward_cap: bool
    uscc_code: str  # USCC position 2: 1 机关, 2 事业单位, 3 群团, 9 其他


# Only 党委工作机关 and 政府工作部门 are the 党政机构 counted by the 机构限额
# (the "市级党政机构限额55个" of the source document).  The others do not count:
# * 部门管理机构 (e.g. a 局 managed by a 委) are listed apart from the counted
#   党政机构 in the reform plans;
# * 人大、政协、法院、检察院 organs and 群团 organs are not party-government
#   working bodies;
# * 派出机构 (街道办事处, 功能区管委会) belong to a government but sit outside the
#   count of its working departments;
# * 议事协调机构 normally have no separate establishment at all (their 办事机构
#   sit in a department), and 事业单位 are not administrative bodies.
CATEGORIES: tuple[CategoryDef, ...] = (
    CategoryDef("party_organ", "党委工作机关", "Party committee working organ", True, "1"),
    CategoryDef("government_department", "政府工作部门", "Government department", True, "1"),
    CategoryDef("department_managed_organ", "部门管理机构", "Department-managed organ", False, "1"),
    CategoryDef("npc_cppcc_court_procuratorate", "人大政协法检机关",
                "People's congress, CPPCC, court and procuratorate organ", False, "1"),
    CategoryDef("mass_organization", "群团机关", "Mass organisation organ", False, "3"),
    CategoryDef("dispatched_agency", "派出机构", "Dispatched agency", False, "1"),
    CategoryDef("coordination_body", "议事协调机构", "Deliberative and coordinating body", False, "9"),
    CategoryDef("public_institution_1", "事业单位（公益一类）", "Public institution (public welfare, class I)",
                False, "2"),
    CategoryDef("public_institution_2", "事业单位（公益二类）", "Public institution (public welfare, class II)",
                False, "2"),
    CategoryDef("public_institution_business", "事业单位（生产经营类）",
                "Public institution (production and business)", False, "2"),
)

ORGAN_CATEGORIES = (
    "party_organ", "government_department", "department_managed_organ", "npc_cppcc_court_procuratorate",
    "mass_organization", "dispatched_agency",
)

# ---------------------------------------------------------------------------
# Quota types: who may hold them (anything else is 混用编制)
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class QuotaTypeDef:
    code: str
    name: str
    name_en: str
    allowed: tuple[str, ...]  # category codes


QUOTA_TYPES: tuple[QuotaTypeDef, ...] = (
    # 行政编制: organs (party, government, people's congress/CPPCC/courts/procuratorates,
    # mass organisations, dispatched agencies).  议事协调机构 hold none of their own.
    QuotaTypeDef("admin_quota", "行政编制", "Administrative quota", ORGAN_CATEGORIES),
    # 政法专项编制: police, judicial administration (government departments) and the
    # courts and procuratorates; 政法委 itself uses 行政编制.
    QuotaTypeDef("political_legal_quota", "政法专项编制", "Political-legal special quota",
                 ("government_department", "npc_cppcc_court_procuratorate")),
    # 事业编制 by funding form: 公益一类 are fully funded, 公益二类 fully or partly,
    # 生产经营类 (and some 公益二类) fund themselves.
    QuotaTypeDef("institution_quota_full", "事业编制（全额拨款）", "Public institution quota (fully funded)",
                 ("public_institution_1", "public_institution_2")),
    QuotaTypeDef("institution_quota_partial", "事业编制（差额拨款）", "Public institution quota (partly funded)",
                 ("public_institution_2",)),
    QuotaTypeDef("institution_quota_self", "事业编制（自收自支）", "Public institution quota (self-financed)",
                 ("public_institution_2", "public_institution_business")),
    # 机关工勤编制: service workers of organs.
    QuotaTypeDef("service_worker_quota", "机关工勤编制", "Organ service-worker quota", ORGAN_CATEGORIES),
)

# ---------------------------------------------------------------------------
# Ranks: leadership positions (领导职数) and non-leadership grades
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RankDef:
    code: str
    name: str
    name_en: str
    is_leadership: bool
    sort: int


RANKS: tuple[RankDef, ...] = (
    RankDef("chief", "正职", "Head", True, 10),
    RankDef("deputy", "副职", "Deputy head", True, 20),
    RankDef("division_chief", "内设机构正职", "Head of internal division", True, 30),
    RankDef("division_deputy", "内设机构副职", "Deputy head of internal division", True, 40),
    # 公务员职级 (civil-service grades, 2019) held at municipal level: not leadership.
    RankDef("researcher_1", "一级调研员", "First-class researcher", False, 110),
    RankDef("researcher_2", "二级调研员", "Second-class researcher", False, 120),
    RankDef("researcher_3", "三级调研员", "Third-class researcher", False, 130),
    RankDef("researcher_4", "四级调研员", "Fourth-class researcher", False, 140),
    RankDef("principal_staff_1", "一级主任科员", "First-class principal staff member", False, 150),
    RankDef("principal_staff_2", "二级主任科员", "Second-class principal staff member", False, 160),
    RankDef("principal_staff_3", "三级主任科员", "Third-class principal staff member", False, 170),
    RankDef("principal_staff_4", "四级主任科员", "Fourth-class principal staff member", False, 180),
    RankDef("staff_1", "一级科员", "First-class staff member", False, 190),
    RankDef("staff_2", "二级科员", "Second-class staff member", False, 200),
    # 事业单位岗位 (posts in public institutions) and service workers.
    RankDef("management_post", "管理岗位", "Management post", False, 300),
    RankDef("professional_post", "专业技术岗位", "Professional and technical post", False, 310),
    RankDef("service_post", "工勤技能岗位", "Service and skilled-worker post", False, 320),
)

# ---------------------------------------------------------------------------
# Staffing standards (行业编制标准)
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class StandardDef:
    code: str
    name: str
    name_en: str
    metric_name: str
    quota_type: str
    # bands: (metric_from, metric_to or None, ratio, base) -> max = base + floor(metric × ratio)
    bands: tuple[tuple[int, Optional[int], str, int], ...]


# Ratios after 中央编办、教育部、财政部《关于统一城乡中小学教职工编制标准的通知》
# (2014): 高中 1:12.5, 初中 1:13.5, 小学 1:19; small schools (below 300 / 200
# pupils) get a higher ratio so that every class still has its teachers; the
# bases of the larger bands keep the maximum continuous at the border.
# Hospitals: 床位与人员比 after the 1978 《综合医院组织编制原则（试行草案）》,
# 1:1.3 below 300 beds, 1:1.4 up to 500 and 1:1.6 above, the ratio of its size
# class applying to all of a hospital's beds.
STANDARDS: tuple[StandardDef, ...] = (
    StandardDef(
        "school_senior_high", "中小学教职工编制标准（高中）", "School staffing standard (senior high)",
        "在校学生数", "institution_quota_full",
        ((0, 300, "0.1000", 0), (300, None, "0.0800", 6)),
    ),
    StandardDef(
        "school_junior_high", "中小学教职工编制标准（初中）", "School staffing standard (junior high)",
        "在校学生数", "institution_quota_full",
        ((0, 300, "0.0900", 0), (300, None, "0.0741", 5)),
    ),
    StandardDef(
        "school_primary", "中小学教职工编制标准（小学）", "School staffing standard (primary)",
        "在校学生数", "institution_quota_full",
        ((0, 200, "0.0700", 0), (200, None, "0.0526", 4)),
    ),
    StandardDef(
        "public_hospital", "公立医院人员编制标准（床位）", "Public hospital staffing standard (beds)",
        "床位数", "institution_quota_partial",
        ((0, 300, "1.3000", 0), (300, 500, "1.4000", 0), (500, None, "1.6000", 0)),
    ),
)


# ---------------------------------------------------------------------------
# Loader
# ---------------------------------------------------------------------------


def _existing(model) -> dict[str, object]:
    return {row.code: row for row in db.session.execute(select(model)).scalars()}


def load_reference() -> dict[str, dict[str, int]]:
    """Insert whatever reference row is missing; return ``{kind: {code: id}}``."""
    with transaction():
        s = db.session

        existing_regions = _existing(Region)
        for code, name, level, parent in _region_rows():
            if code in existing_regions:
                continue
            region = Region(code=code, name=name, level=level,
                            parent_id=existing_regions[parent].id if parent else None)
            s.add(region)
            s.flush()
            existing_regions[code] = region

        existing_categories = _existing(InstitutionCategory)
        for c in CATEGORIES:
            if c.code not in existing_categories:
                row = InstitutionCategory(code=c.code, name=c.name, name_en=c.name_en,
                                          counts_toward_cap=c.counts_toward_cap, uscc_code=c.uscc_code)
                s.add(row)
                existing_categories[c.code] = row
        s.flush()

        existing_types = _existing(QuotaType)
        for q in QUOTA_TYPES:
            if q.code not in existing_types:
                row = QuotaType(code=q.code, name=q.name, name_en=q.name_en,
                                allowed_categories=[existing_categories[c] for c in q.allowed])
                s.add(row)
                existing_types[q.code] = row
        s.flush()

        existing_ranks = _existing(Rank)
        for r in RANKS:
            if r.code not in existing_ranks:
                row = Rank(code=r.code, name=r.name, name_en=r.name_en, is_leadership=r.is_leadership, sort=r.sort)
                s.add(row)
                existing_ranks[r.code] = row
        s.flush()

        existing_standards = _existing(StaffingStandard)
        for st in STANDARDS:
            if st.code in existing_standards:
                continue
            row = StaffingStandard(
                code=st.code, name=st.name, name_en=st.name_en, metric_name=st.metric_name,
                quota_type_id=existing_types[st.quota_type].id,
                rows=[StaffingStandardRow(metric_from=lo, metric_to=hi, ratio=Decimal(ratio), base=base)
                      for lo, hi, ratio, base in st.bands],
            )
            s.add(row)
            existing_standards[st.code] = row
        s.flush()

        ids = {
            "region": {code: obj.id for code, obj in existing_regions.items()},
            "category": {code: obj.id for code, obj in existing_categories.items()},
            "quota_type": {code: obj.id for code, obj in existing_types.items()},
            "rank": {code: obj.id for code, obj in existing_ranks.items()},
            "standard": {code: obj.id for code, obj in existing_standards.items()},
        }
    return ids
