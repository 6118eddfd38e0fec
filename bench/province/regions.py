"""The province's region tree: GB/T 2260 codes from ``app.core.regions`` (python-stdnum),
plus generated towns.

山东省 (370000) → its 16 prefecture-level cities → their districts and counties
(current codes) → towns and streets (镇街).  Towns have no GB/T 2260 code (their
statistical codes are 9–12 digits); they get the county's code + a 3-digit
serial (``370102001``), which fits ``region.code`` (String(12)) and can never be
taken for a six-digit code.  Smaller data sets keep fewer cities, counties and
towns, in code order, so that the tree keeps its shape at every size.
"""
from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

from app.core import regions as gbt2260

from bench.province.names import TOWN_STEMS

PROVINCE_CODE = "370000"
FULL_SIZE = 20_000  # institutions at which every city and county is kept
TOWNS_PER_COUNTY = 10


@dataclass
class RegionNode:
    code: str
    name: str  # GB/T 2260 name (towns: the generated one)
    level: str  # region.level: province, city, district, street
    parent: str | None
    label: str = ""  # how institutions are named after it (unique across the province)
    county: str = ""  # the six-digit code used for ID numbers and USCCs
    children: list[str] = field(default_factory=list)


def _town_suffix(county_name: str, rng: random.Random) -> str:
    if county_name.endswith("区"):
        return "街道"
    return rng.choices(("镇", "街道", "乡"), (70, 22, 8))[0]


def build_regions(n_institutions: int, rng: random.Random, *, cities: int | None = None,
                  towns_per_county: int | None = None) -> dict[str, RegionNode]:
    """Code → node, parents before children (insertion order)."""
    share = math.sqrt(min(1.0, n_institutions / FULL_SIZE))
    all_cities = gbt2260.children(PROVINCE_CODE)
    n_cities = cities or max(1, round(len(all_cities) * share))
    n_towns = towns_per_county or max(1, round(TOWNS_PER_COUNTY * share))

    nodes: dict[str, RegionNode] = {}
    province = RegionNode(PROVINCE_CODE, gbt2260.region_name(PROVINCE_CODE), "province", None,
                          label=gbt2260.region_name(PROVINCE_CODE), county=PROVINCE_CODE)
    nodes[province.code] = province
    county_names: dict[str, int] = {}
    picked: list[tuple[str, str, list[tuple[str, str]]]] = []
    for code, name in all_cities[:n_cities]:
        counties = gbt2260.children(code)
        keep = counties[:max(1, round(len(counties) * share))]
        picked.append((code, name, keep))
        for _c, cname in keep:
            county_names[cname] = county_names.get(cname, 0) + 1

    for code, name, counties in picked:
        city = RegionNode(code, name, "city", PROVINCE_CODE, label=name, county=counties[0][0])
        nodes[code] = city
        province.children.append(code)
        for ccode, cname in counties:
            # 市中区 exists in 济南 and 枣庄: name such a county after its city too.
            label = f"{name}{cname}" if county_names[cname] > 1 else cname
            county = RegionNode(ccode, cname, "district", code, label=label, county=ccode)
            nodes[ccode] = county
            city.children.append(ccode)
            for k, stem in enumerate(rng.sample(TOWN_STEMS, min(n_towns, len(TOWN_STEMS))), 1):
                town_name = stem + _town_suffix(cname, rng)
                tcode = f"{ccode}{k:03d}"
                nodes[tcode] = RegionNode(tcode, town_name, "street", ccode, label=f"{label}{town_name}",
                                          county=ccode)
                county.children.append(tcode)
    return nodes


def county_codes(nodes: dict[str, RegionNode]) -> list[str]:
    return [n.code for n in nodes.values() if n.level == "district"]
