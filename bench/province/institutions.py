"""The institution tree of the province: organs per region, their public institutions.

The shape follows the demo (``seeds/demo.py``): party and government organs,
courts, procuratorates and mass organisations are roots (they have no 主管部门
among institutions); public institutions (事业单位) hang under the organ that
sponsors them (schools under the education bureau, hospitals under the health
bureau, service centres under every organ), and some of them have units of their
own (院区, 校区, 分中心), three levels deep.  Town governments are roots too.

The number of institutions is exact: organs take at most 40 % (the level's list
is cut at the same fraction everywhere, essential organs first), public
institutions take the rest, shared out by the sponsor's kind and level.
"""
from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass, field

from bench.province import names as N
from bench.province.regions import RegionNode

ORGAN_SHARE = 0.4
PI_SHARE_BY_SPONSOR = {  # (kind, region level) -> weight of public institutions it sponsors
    ("edu", "province"): 40, ("edu", "city"): 150, ("edu", "district"): 45,
    ("health", "province"): 25, ("health", "city"): 30, ("health", "district"): 10,
    ("other", "province"): 5, ("other", "city"): 2.5, ("other", "district"): 1.0,
    ("police", "province"): 3, ("police", "city"): 2, ("police", "district"): 0.5,
    ("legal", "province"): 3, ("legal", "city"): 1.5, ("legal", "district"): 0.5,
    ("court", "province"): 1, ("court", "city"): 0.5, ("court", "district"): 0.2,
    ("town", "street"): 1.6,
}
TOWN_UNITS = ("便民服务中心", "农业综合服务中心", "社会事务服务中心", "文化体育服务中心", "退役军人服务站",
              "卫生院", "综合执法队", "财经服务中心")


def cn_number(n: int) -> str:
    """1 → 一, 12 → 十二, 23 → 二十三, 105 → 一百零五 (for 第N中学)."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    rest = n % 100
    head = digits[n // 100] + "百"
    if rest == 0:
        return head
    return head + ("零" + digits[rest] if rest < 10 else cn_number(rest) if rest >= 20 else "一" + cn_number(rest))


@dataclass
class Inst:
    id: int
    name: str
    category: str  # category code (seeds.reference.CATEGORIES)
    region: str  # region code
    level: str  # institution.level: province, city, district, street
    kind: str  # organ: edu/health/police/legal/court/other/town; unit: school_*/kindergarten/hospital/…
    parent: int | None = None
    path: str = "/"
    short_name: str | None = None
    status: str = "active"
    within_cap: bool = True
    established_on: dt.date | None = None
    revoked_on: dt.date | None = None
    uscc: str | None = None
    standard: str | None = None  # staffing standard code
    metric: int | None = None
    children: list[int] = field(default_factory=list)

    @property
    def organ(self) -> bool:
        return not self.category.startswith("public_institution")

    @property
    def live(self) -> bool:
        return self.status in ("preparing", "active")


def _organ_stem(name: str) -> str:
    for suffix in N.ORGAN_STEM_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 2:
            return name[: -len(suffix)]
    return name


def _largest_remainder(weights: list[float], total: int) -> list[int]:
    """Integers proportional to ``weights`` summing exactly to ``total``."""
    s = sum(weights)
    if total <= 0 or s <= 0:
        return [0] * len(weights)
    raw = [w * total / s for w in weights]
    out = [math.floor(r) for r in raw]
    left = total - sum(out)
    order = sorted(range(len(raw)), key=lambda i: (out[i] - raw[i], i))
    for i in order[:left]:
        out[i] += 1
    return out


class TreeBuilder:
    def __init__(self, regions: dict[str, RegionNode], rng: random.Random) -> None:
        self.regions = regions
        self.rng = rng
        self.insts: list[Inst] = []
        self._names: set[tuple[int | None, str]] = set()
        self._counters: dict[tuple[int, str], int] = {}

    def add(self, name: str, category: str, region: RegionNode, kind: str, parent: Inst | None = None,
            **extra) -> Inst:
        key = (parent.id if parent else None, name)
        assert key not in self._names, f"duplicate institution name under one parent: {name}"
        self._names.add(key)
        inst = Inst(id=len(self.insts) + 1, name=name, category=category, region=region.code, level=region.level,
                    kind=kind, parent=parent.id if parent else None, **extra)
        inst.path = f"{parent.path if parent else '/'}{inst.id}/"
        if parent:
            parent.children.append(inst.id)
        self.insts.append(inst)
        return inst

    # -- organs ----------------------------------------------------------------
    def organ_templates(self, budget: int) -> list[tuple[RegionNode, str, str, str]]:
        """(region, name, category, kind) of every organ, cut to ``budget``."""
        levels = {
            "province": list(N.PROVINCE_ORGANS),
            "city": list(N.LOCAL_ORGANS),
            "district": list(N.LOCAL_ORGANS[:40]),
            "street": [("{r}", "dispatched_agency", "town")],
        }
        count = sum(len(levels[r.level]) for r in self.regions.values())
        keep = min(1.0, budget / count) if count else 1.0
        out = []
        for region in self.regions.values():
            templates = levels[region.level]
            templates = templates[:max(1, math.floor(len(templates) * keep))]
            court = "中级人民法院" if region.level == "city" else "人民法院"
            for template, category, kind in templates:
                if kind == "town":
                    # 街道办事处 are 派出机构; 镇/乡 governments have no category of their own
                    # among the seeded ones, and are filed as 派出机构 too.
                    suffix = "办事处" if region.name.endswith("街道") else "人民政府"
                    name = region.label + suffix
                else:
                    name = template.format(r=region.label, court=court)
                out.append((region, name, category, kind))
        return out

    def build(self, n_institutions: int) -> list[Inst]:
        rng = self.rng
        organs = self.organ_templates(max(1, math.floor(n_institutions * ORGAN_SHARE)))[:n_institutions]
        sponsors: list[Inst] = []
        for region, name, category, kind in organs:
            inst = self.add(name, category, region, kind,
                            established_on=dt.date(2019, 3, 1) if rng.random() < 0.3 else
                            dt.date(rng.randint(1978, 2018), rng.randint(1, 12), 1))
            if kind != "town" and len(name) > 8:
                inst.short_name = name.replace(region.label, "", 1)[:20] or None
            sponsors.append(inst)

        units = n_institutions - len(self.insts)
        weights = [PI_SHARE_BY_SPONSOR.get((s.kind, s.level), 1.0) for s in sponsors]
        for sponsor, count in zip(sponsors, _largest_remainder(weights, units)):
            self._units_of(sponsor, count)
        assert len(self.insts) == n_institutions, (len(self.insts), n_institutions)
        self._statuses()
        return self.insts

    # -- public institutions -----------------------------------------------------
    def _units_of(self, sponsor: Inst, count: int) -> None:
        if count <= 0:
            return
        subs = count // 8 if count >= 6 else 0  # units of units (院区, 校区, 分中心)
        made = [self._unit(sponsor, k) for k in range(count - subs)]
        parents = sorted(made, key=lambda i: (i.kind != "hospital", i.kind != "school_senior", i.id))
        for k in range(subs):
            self._sub_unit(parents[k % max(1, min(len(parents), 1 + subs // 2))])

    def _unit(self, sponsor: Inst, k: int) -> Inst:
        rng = self.rng
        region = self.regions[sponsor.region]
        r = region.label
        founded = dt.date(rng.randint(1950, 2016), rng.randint(1, 12), rng.randint(1, 28))
        if sponsor.kind == "edu":
            kinds = ("school_primary", "school_junior", "school_primary", "school_senior", "kindergarten")
            kind = kinds[k % len(kinds)]
            self._counters[(sponsor.id, kind)] = n = self._counters.get((sponsor.id, kind), 0) + 1
            label = {"school_senior": "中学", "school_junior": "初级中学", "school_primary": "小学",
                     "kindergarten": "幼儿园"}[kind]
            name = f"{r}第{cn_number(n)}{label}"
            if kind == "kindergarten":
                return self.add(name, "public_institution_2", region, kind, sponsor, established_on=founded)
            return self.add(name, "public_institution_1", region, kind, sponsor, established_on=founded,
                            standard={"school_senior": "school_senior_high", "school_junior": "school_junior_high",
                                      "school_primary": "school_primary"}[kind])
        if sponsor.kind == "health":
            fixed = len(N.HOSPITAL_NAMES) + len(N.HEALTH_CENTRES)
            if k < len(N.HOSPITAL_NAMES) or (k >= fixed and k % 2 == 0):
                name = r + (N.HOSPITAL_NAMES[k] if k < len(N.HOSPITAL_NAMES) else f"第{cn_number(k - 6)}人民医院")
                return self.add(name, "public_institution_2", region, "hospital", sponsor, established_on=founded,
                                standard="public_hospital")
            name = r + (N.HEALTH_CENTRES[k - len(N.HOSPITAL_NAMES)] if k < fixed else
                        f"第{cn_number(k - fixed + 1)}社区卫生服务中心")
            return self.add(name, "public_institution_1", region, "health_centre", sponsor, established_on=founded)
        if sponsor.kind == "town":
            unit = TOWN_UNITS[k % len(TOWN_UNITS)]
            name = region.label + (unit if k < len(TOWN_UNITS) else f"第{cn_number(k // len(TOWN_UNITS) + 1)}{unit}")
            return self.add(name, "public_institution_1", region, "town_unit", sponsor, established_on=founded)
        stem = _organ_stem(sponsor.name)
        suffix = N.CENTRE_SUFFIXES[k % len(N.CENTRE_SUFFIXES)]
        round_ = k // len(N.CENTRE_SUFFIXES)
        name = stem + (suffix if round_ == 0 else f"第{cn_number(round_ + 1)}{suffix}")
        roll = rng.random()
        category = ("public_institution_1" if roll < 0.6 else "public_institution_2" if roll < 0.85
                    else "public_institution_business")
        return self.add(name, category, region, "centre", sponsor, established_on=founded)

    def _sub_unit(self, parent: Inst) -> Inst:
        k = len(parent.children)
        if parent.kind.startswith("school"):
            suffixes = ("东校区", "西校区", "南校区", "北校区", "分校")
        elif parent.kind == "hospital":
            suffixes = ("东院区", "西院区", "南院区", "北院区", "分院")
        else:
            suffixes = N.SUB_UNIT_SUFFIXES[4:]
        name = parent.name + (suffixes[k] if k < len(suffixes) else f"第{cn_number(k + 1)}分部")
        return self.add(name, parent.category, self.regions[parent.region], "sub_" + parent.kind, parent,
                        established_on=parent.established_on)

    def _statuses(self) -> None:
        """About 1 % of leaf units revoked or merged (no quota, no one in post),
        0.5 % still being set up (筹建)."""
        rng = self.rng
        for inst in self.insts:
            if inst.organ or inst.children:
                continue
            roll = rng.random()
            if roll < 0.008:
                inst.status = "revoked"
            elif roll < 0.011:
                inst.status = "merged"
            elif roll < 0.016:
                inst.status = "preparing"
            if not inst.live:
                inst.within_cap = False
                inst.revoked_on = dt.date(rng.randint(2019, 2025), rng.randint(1, 12), rng.randint(1, 28))
                if inst.established_on and inst.established_on > inst.revoked_on:
                    inst.established_on = None
