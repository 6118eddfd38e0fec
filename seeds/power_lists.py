"""Demo data of the power lists: the type dictionary and code format (through the
services), then the 44 city departments' lists at the seed's scale, written with
bulk inserts (4,111 items, 22,358 city responsibility items), district
implementations of three departments with a few deliberate 三级四同 deviations,
one published snapshot per department, and a draft list-change case of 市教育局.
Idempotent: each part is skipped when its rows exist."""
from __future__ import annotations

import random

from sqlalchemy import func, insert, select

from app.core.db import transaction
from app.extensions import db
from app.execution.power_lists.models import (
    AccountabilityCase,
    CodeFormat,
    PowerCaseChange,
    PowerImplementation,
    PowerItem,
    PowerSnapshot,
    PowerType,
    ResponsibilityItem,
)
from app.execution.power_lists import rules
from app.execution.power_lists.services import catalogue, changes, publishing
from app.quota.models import Institution, Region
from seeds.data import power_lists as P

SEED = 20261130
CHUNK = 2000
CITY_CODE = "370200"


def _s():
    return db.session


def _bulk(model, rows: list[dict]) -> None:
    for i in range(0, len(rows), CHUNK):
        _s().execute(insert(model), rows[i:i + CHUNK])


def _spread(total: int, weights: dict, keys: list, rng: random.Random) -> dict:
    """``total`` split over ``keys`` by weight, exactly."""
    w = [weights.get(k, 1) for k in keys]
    raw = [total * x / sum(w) for x in w]
    out = {k: int(r) for k, r in zip(keys, raw)}
    rest = total - sum(out.values())
    for k in sorted(keys, key=lambda k: (raw[keys.index(k)] - int(raw[keys.index(k)])), reverse=True)[:rest]:
        out[k] += 1
    return out


def _names(dept: str, type_code: str, n: int, rng: random.Random) -> list[str]:
    nouns = P.DEPARTMENTS[dept]
    quals = P.QUALIFIERS.get(type_code, P.QUALIFIERS["default"])
    combos = [t.format(n=noun, q=q) for t in P.TEMPLATES[type_code] for noun in nouns for q in quals]
    combos = list(dict.fromkeys(combos))
    rng.shuffle(combos)
    while len(combos) < n:  # a very large department: sub-items of the same matter
        combos += [f"{c}（{len(combos) // max(1, len(combos)) + 1}）" for c in combos[: n - len(combos)]]
    return combos[:n]


def _types() -> dict[str, int]:
    with transaction():
        have = set(_s().execute(select(PowerType.code)).scalars())
        for sort, (code, name, service) in enumerate(P.TYPES, start=1):
            if code not in have:
                catalogue.save_type(PowerType(code=code, name=name, is_service=service, sort=sort))
        if not _s().execute(select(CodeFormat.id).limit(1)).first():
            catalogue.save_format(CodeFormat(name="青岛市权责清单编码 (16 位)", segments=rules.DEFAULT_FORMAT,
                                             active=True))
    return dict(_s().execute(select(PowerType.code, PowerType.id)).all())


def _departments() -> dict[str, Institution]:
    rows = _s().execute(select(Institution).join(Region, Region.id == Institution.region_id).where(
        Institution.name.in_(list(P.DEPARTMENTS)), Region.code == CITY_CODE)).scalars().all()
    return {i.name: i for i in rows}


def _plan_items(depts: dict[str, Institution], type_ids: dict[str, int], rng: random.Random) -> list[dict]:
    names = [d for d in P.DEPARTMENTS if d in depts]
    power = _spread(P.POWER_ITEMS, P.DEPARTMENT_WEIGHTS, names, rng)
    service = _spread(P.SERVICE_ITEMS, {}, names, rng)
    segments = rules.parse_segments(rules.DEFAULT_FORMAT)
    rows = []
    for dept in names:
        inst = depts[dept]
        by_type = _spread(power[dept], P.TYPE_WEIGHTS, list(P.TYPE_WEIGHTS), rng)
        by_type["20"] = service[dept]
        for type_code, n in by_type.items():
            for seq, name in enumerate(_names(dept, type_code, n, rng), start=1):
                law = rng.choice(P.LAWS) if type_code in ("01", "02", "03") else "《中华人民共和国行政许可法》"
                noun = next((x for x in P.DEPARTMENTS[dept] if x in name), P.DEPARTMENTS[dept][0])
                basis = f"《{noun}管理条例》第{rng.randint(8, 60)}条; {law}第{rng.randint(2, 40)}条"
                code = rules.compose(segments, {"region": CITY_CODE, "type": type_code, "seq": seq, "sub": 0,
                                                "department": catalogue.department_number(inst) % 1000})
                rows.append({"code": code, "name": name, "type_id": type_ids[type_code], "legal_basis": basis,
                             "department_id": inst.id, "status": "active", "_type": type_code})
    return rows


def _limits(type_code: str, rng: random.Random) -> tuple:
    if type_code == "01":
        statutory = rng.choice((20, 20, 20, 30, 45))
        return statutory, rng.randint(1, min(15, statutory))
    if type_code in ("02", "03"):
        return 90, None
    return (None, None) if type_code in ("06", "10") else (30, rng.randint(3, 20))


def _impl_row(item: dict, item_id: int, inst_id: int, level: str, dept_short: str, rng) -> dict:
    statutory, promised = _limits(item["_type"], rng)
    division = P.DIVISIONS.get(item["_type"], P.DIVISIONS["default"])
    return {"item_id": item_id, "institution_id": inst_id, "level": level, "name": item["name"],
            "code": item["code"], "type_id": item["type_id"], "legal_basis": item["legal_basis"],
            "handling_division": f"{dept_short}{division}", "statutory_days": statutory, "promised_days": promised,
            "fees": "不收费" if rng.random() < 0.9 else "按省定标准收取", "status": "active",
            "flow": "申请 → 受理 → 审查 → 决定 → 送达" if item["_type"] == "01" else None}


def _step_counts(types: list[str], rng: random.Random) -> list[int]:
    """Steps per item from its type, nudged so the city total is the seed's 22,358."""
    counts = [len(P.STEPS.get(t, P.STEPS["default"])) for t in types]
    diff, order = P.RESPONSIBILITY_ITEMS - sum(counts), list(range(len(types)))
    rng.shuffle(order)
    k = 0
    while diff:
        i = order[k % len(order)]
        step = 1 if diff > 0 else -1
        if 3 <= counts[i] + step <= 8:
            counts[i] += step
            diff -= step
        k += 1
    return counts


def _duties(impl_id: int, type_code: str, n: int, rng: random.Random):
    steps = list(P.STEPS.get(type_code, P.STEPS["default"]))
    steps = (steps + ["其他"] * 8)[:n] if n > len(steps) else steps[:n]
    duties = [{"implementation_id": impl_id, "step": k, "step_name": s, "content": P.DUTY_TEXT[s]}
              for k, s in enumerate(steps, start=1)]
    cases = [{"implementation_id": impl_id, "content": c} for c in rng.sample(P.ACCOUNTABILITY, 3)]
    return duties, cases


def _deviate(row: dict, rng: random.Random, district_code: str, other_type: int) -> None:
    """A deliberate 三级四同 deviation at district level, one field."""
    field = rng.choice(("name", "name", "legal_basis", "legal_basis", "code", "type"))
    if field == "name":
        row["name"] = row["name"].replace("的", "", 1) + ("事项" if "的" not in row["name"] else "")
    elif field == "legal_basis":
        row["legal_basis"] = row["legal_basis"].split(";")[0] + " (2015年修订前)"
    elif field == "code":
        row["code"] = district_code[:6] + row["code"][6:]
    else:
        row["type_id"] = other_type


def _catalogue(type_ids: dict[str, int], rng: random.Random) -> None:
    depts = _departments()
    items = _plan_items(depts, type_ids, rng)
    with transaction():
        _bulk(PowerItem, [{k: v for k, v in r.items() if not k.startswith("_")} for r in items])
        item_id = dict(_s().execute(select(PowerItem.code, PowerItem.id)).all())
        short = {d: (i.short_name or i.name) for d, i in depts.items()}
        by_dept = {i.id: d for d, i in depts.items()}
        impls = [_impl_row(r, item_id[r["code"]], r["department_id"], "city", short[by_dept[r["department_id"]]], rng)
                 for r in items]
        # District counterparts implement a share of three departments' items.
        districts = _s().execute(select(Institution.id, Institution.name, Institution.short_name, Region.code)
                                 .join(Region, Region.id == Institution.region_id)
                                 .where(Region.code != CITY_CODE)).all()
        for dept, suffix in P.DISTRICT_COUNTERPARTS.items():
            if dept not in depts:
                continue
            mine = [r for r in items if r["department_id"] == depts[dept].id]
            for inst_id, name, short_name, region_code in districts:
                if not name.endswith(suffix):
                    continue
                for r in rng.sample(mine, int(len(mine) * P.DISTRICT_SHARE)):
                    row = _impl_row(r, item_id[r["code"]], inst_id, "district", short_name or name, rng)
                    if rng.random() < 0.06:
                        _deviate(row, rng, region_code, type_ids["10" if r["_type"] != "10" else "06"])
                    impls.append(row)
        _bulk(PowerImplementation, impls)
        impl_id = {tuple(k): v for *k, v in _s().execute(select(PowerImplementation.item_id,
                                                                PowerImplementation.institution_id,
                                                                PowerImplementation.id)).all()}
        type_of = {item_id[r["code"]]: r["_type"] for r in items}
        city = [r for r in impls if r["level"] == "city"]
        counts = dict(zip((id(r) for r in city), _step_counts([type_of[r["item_id"]] for r in city], rng)))
        duties, cases = [], []
        for r in impls:
            n = counts.get(id(r)) or len(P.STEPS.get(type_of[r["item_id"]], P.STEPS["default"]))
            d, c = _duties(impl_id[(r["item_id"], r["institution_id"])], type_of[r["item_id"]], n, rng)
            duties += d
            cases += c
        _bulk(ResponsibilityItem, duties)
        _bulk(AccountabilityCase, cases)


def _publish() -> None:
    published = set(_s().execute(select(PowerSnapshot.institution_id)).scalars())
    for inst in _departments().values():
        if inst.id not in published:
            with transaction():
                publishing.publish(inst.id, actor="demo")


def _demo_case() -> None:
    """A draft case of 市教育局 asking to add one item: the walk starts here."""
    from app.justification.cases import services as cases
    from app.justification.cases.models import AdjustmentCase

    edu = _departments().get("市教育局")
    if edu is None or _s().execute(select(PowerCaseChange.id).limit(1)).first():
        return
    licensing = _s().execute(select(PowerType.id).where(PowerType.code == "01")).scalar()
    with transaction():
        case = cases.create_case(AdjustmentCase(
            title="市教育局权责清单调整: 新增校外培训机构分支机构设立审批", case_type="function_change",
            institution_id=edu.id, reasons="落实《校外培训机构管理条例》, 将分支机构设立审批纳入权责清单"))
        changes.save_change(PowerCaseChange(
            case_id=case.id, kind="add", institution_id=edu.id, level="city", name="校外培训机构分支机构设立审批",
            type_id=licensing, legal_basis="《校外培训机构管理条例》第十二条", handling_division="市教育局行政审批处",
            statutory_days=20, promised_days=10, fees="不收费",
            responsibilities_text="受理: 一次性告知补正材料\n审查: 审查办学条件\n决定: 作出准予或不予决定\n"
                                  "送达: 送达决定文书\n事后监管: 开展年度检查",
            accountabilities_text="对符合法定条件的申请不予受理的\n未在法定期限内作出决定的"))


def load() -> list:
    rng = random.Random(SEED)
    type_ids = _types()
    if not _s().execute(select(func.count()).select_from(PowerItem)).scalar():
        _catalogue(type_ids, rng)
    _publish()
    _demo_case()
    return []
