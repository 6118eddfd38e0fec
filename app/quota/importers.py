"""Import specs of the quota database: institutions, ledger entries, persons, regional caps.

Registered with the import engine (``app.imports.specs.register``) by the quota
domain's ``init_app``.

Each ``apply`` resolves the row's references (by name or code, cached per run),
checks the uploader's scope and calls the same service as the form and the
API (``app.quota.services``); the invariants and the audit trail come with it.
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.core import idnumber
from app.core.errors import ValidationFailed
from app.imports.specs import Column, Context, ImportSpec
from app.quota import services
from app.quota.models import (
    Institution,
    InstitutionCategory,
    InternalDivision,
    Person,
    QuotaLedgerEntry,
    QuotaType,
    Rank,
    Region,
    RegionalCap,
)

INSTITUTION_HINT = "机构全称或统一社会信用代码 / full name or USCC"

STATUS = {"preparing": ("筹建", "Preparing"), "active": ("正常", "Active"), "revoked": ("撤销", "Revoked"),
          "merged": ("合并", "Merged")}
LEVEL = {"province": ("省", "Province"), "city": ("市", "City"), "district": ("区市", "District"),
         "function_zone": ("功能区", "Function zone"), "street": ("镇街", "Town/street")}
PERSON_STATUS = {"active": ("在编", "In post"), "exited": ("出编", "Exited")}
GENDER = {"M": ("男", "Male"), "F": ("女", "Female")}
EXIT_REASON = {"retired": ("退休", "Retired"), "transferred_out": ("调出", "Transferred out"),
               "resigned": ("辞职", "Resigned"), "dismissed": ("辞退", "Dismissed"),
               "expelled": ("开除", "Expelled"), "deceased": ("死亡", "Deceased")}


def institution(ctx: Context, value, column: str) -> Institution:
    return ctx.lookup(Institution, value, column, by=("uscc", "name"))


def quota_type(ctx: Context, value, column: str) -> QuotaType:
    # "事业编制" names 事业编制（全额拨款）/（差额拨款）/（自收自支） in its refusal
    return ctx.lookup(QuotaType, value, column, hint=True)


def agreed(spec: ImportSpec, ctx: Context, values: dict, key: str, code_key: str, model, *,
           by: tuple[str, ...], by_code: tuple[str, ...], hint: bool = False):
    """One piece of information given twice (a unit's name and its USCC, a region's
    name and its code): each is looked up, and both must name the same row."""
    column, code_column = spec.column(key), spec.column(code_key)
    named = ctx.lookup(model, values.get(key), column.header, by=by, hint=hint)
    coded = ctx.lookup(model, values.get(code_key), code_column.header, by=by_code)
    if named is not None and coded is not None and named.id != coded.id:
        raise ValidationFailed("import.row.disagree", column=column.header, value=values[key],
                               other_column=code_column.header, other_value=values[code_key])
    return named if named is not None else coded


def unit(spec: ImportSpec, ctx: Context, values: dict, key: str = "institution",
         code_key: str = "institution_uscc") -> Institution:
    return agreed(spec, ctx, values, key, code_key, Institution, by=("uscc", "name"), by_code=("uscc",))


def region_of(spec: ImportSpec, ctx: Context, values: dict) -> Region:
    return agreed(spec, ctx, values, "region", "region_code", Region, by=("code", "name"), by_code=("code",),
                  hint=True)


def unit_uscc(key: str, header: str, label: str, aliases: tuple[str, ...]) -> Column:
    """The USCC of a unit named in another column: text only, checked against the name."""
    return Column(key, header, label, kind="code", text_only=True, aliases=aliases,
                  hint="18 位, 须与名称指同一机构 / 18 characters, the same unit as the name")


REGION_CODE = Column("region_code", "行政区划代码", "Region code", kind="code",
                     aliases=("区划代码", "行政区划编码", "区划编码", "行政区代码"),
                     hint="6 位 GB/T 2260 代码, 须与区划名称一致 / 6-digit code, the same region as the name")
UNIT_USCC = unit_uscc("institution_uscc", "单位统一社会信用代码", "Unit USCC",
                      ("统一社会信用代码", "机构统一社会信用代码", "单位信用代码", "信用代码", "社会信用代码"))
QUOTA_TYPE_HEADERS = ("编制类别", "编制性质", "编制种类", "人员编制类型")


class InstitutionSpec(ImportSpec):
    name = "institutions"
    title = "机构"
    label = _l("Institutions")
    resource = "Institution"
    columns = [
        Column("name", "机构名称", "Name", required=True, aliases=("名称", "单位名称", "机构全称", "单位全称"),
               example="青岛市示例局"),
        Column("short_name", "简称", "Short name", aliases=("机构简称", "单位简称"), example="示例局"),
        Column("uscc", "统一社会信用代码", "USCC", kind="code", text_only=True,
               aliases=("信用代码", "社会信用代码", "机构统一社会信用代码", "单位统一社会信用代码"),
               hint="18 位 / 18 characters"),
        Column("category", "机构类别", "Category", kind="code", required=True, aliases=("类别", "机构类型", "单位类别"),
               hint="机构类别名称或代码 / category name or code", example="政府工作部门"),
        Column("region", "行政区划", "Region", kind="code", required=True, instead=("region_code",),
               aliases=("区划", "所属区划", "行政区划名称", "所在地区"),
               hint="区划名称或代码 / region name or code", example="370200"),
        REGION_CODE,
        Column("level", "层级", "Level", kind="choice", choices=LEVEL, aliases=("机构层级", "级别"), example="市"),
        Column("parent", "上级机构", "Parent", kind="code", aliases=("主管部门", "举办单位", "上级单位", "上级机构名称"),
               hint=INSTITUTION_HINT),
        unit_uscc("parent_uscc", "上级机构统一社会信用代码", "Parent USCC",
                  ("上级单位统一社会信用代码", "主管部门统一社会信用代码", "举办单位统一社会信用代码")),
        Column("within_cap", "限额内", "Within cap", kind="bool", aliases=("是否限额内", "机构限额"), example="是",
               bool_words={"限额内": True, "限额外": False}),
        Column("status", "状态", "Status", kind="choice", choices=STATUS, aliases=("机构状态",), example="正常"),
        Column("established_on", "成立日期", "Established on", kind="date", aliases=("设立日期", "成立时间"),
               example="2019-03-01"),
        Column("functions", "主要职责", "Functions", aliases=("职能", "职责")),
    ]

    def duplicate_key(self, values):
        return ("name", values["name"], values.get("parent"))

    def apply(self, values, ctx):
        header = self.column
        category = ctx.lookup(InstitutionCategory, values["category"], header("category").header, hint=True)
        region = region_of(self, ctx, values)
        parent = unit(self, ctx, values, "parent", "parent_uscc")
        if parent is not None:
            ctx.check_scope(parent)
        within = values.get("within_cap")
        services.create_institution(Institution(
            name=values["name"], short_name=values.get("short_name"), uscc=values.get("uscc"),
            category_id=category.id, region_id=region.id, level=values.get("level") or "city",
            parent_id=parent.id if parent else None, within_cap=True if within is None else within,
            status=values.get("status") or "active", established_on=values.get("established_on"),
            functions=values.get("functions"),
        ))
        return "import.ok.create"


class LedgerSpec(ImportSpec):
    name = "ledger"
    title = "编制台账"
    label = _l("Quota ledger")
    resource = "QuotaLedgerEntry"
    columns = [
        Column("institution", "机构", "Institution", kind="code", required=True, instead=("institution_uscc",),
               aliases=("机构名称", "单位名称", "单位"), hint=INSTITUTION_HINT, example="青岛市示例局"),
        UNIT_USCC,
        Column("quota_type", "编制类型", "Quota type", kind="code", required=True, aliases=QUOTA_TYPE_HEADERS,
               hint="编制类型名称或代码 / quota type name or code", example="行政编制"),
        Column("delta", "增减数", "Change", kind="int", required=True, aliases=("增减", "核增核减数", "增减编制数", "调整数"),
               hint="正数核增, 负数核减 / positive adds, negative removes", example=3),
        Column("reason", "原因", "Reason", aliases=("事由", "调整原因"), example="职能调整"),
        Column("doc_no", "文号", "Document No.", aliases=("批准文号", "发文字号", "文件号"), example="青编〔2024〕12号"),
        Column("effective_on", "生效日期", "Effective on", kind="date", aliases=("批准日期", "执行日期"),
               example="2024-03-01"),
    ]

    def duplicate_key(self, values):
        return ("entry", *(values.get(k) for k in ("institution", "quota_type", "delta", "doc_no", "effective_on")))

    def apply(self, values, ctx):
        inst = unit(self, ctx, values)
        ctx.check_scope(inst)
        qt = quota_type(ctx, values["quota_type"], self.column("quota_type").header)
        services.record_ledger_entry(QuotaLedgerEntry(
            institution_id=inst.id, quota_type_id=qt.id, delta=values["delta"], reason=values.get("reason") or "",
            doc_no=values.get("doc_no") or "", effective_on=values.get("effective_on"),
        ))
        return "import.ok.create"


class PersonSpec(ImportSpec):
    """实名制人员: a 在编 row enters a person; a 出编 row exits the person in post
    with that ID number (or records a past person who has already left)."""

    name = "persons"
    title = "实名制人员"
    label = _l("Persons")
    resource = "Person"
    columns = [
        Column("name", "姓名", "Full name", required=True, aliases=("人员姓名", "名字"), example="张三"),
        Column("id_number", "身份证号", "ID number", kind="code", required=True, text_only=True,
               aliases=("身份证号码", "公民身份号码", "身份证", "居民身份证号码", "证件号码"),
               hint="18 位, 文本格式 / 18 characters, as text", example="370202198001011234"),
        Column("institution", "机构", "Institution", kind="code", required=True, instead=("institution_uscc",),
               aliases=("单位", "所在单位", "机构名称", "单位名称", "工作单位"), hint=INSTITUTION_HINT, example="青岛市示例局"),
        UNIT_USCC,
        Column("quota_type", "编制类型", "Quota type", kind="code", required=True, aliases=QUOTA_TYPE_HEADERS,
               hint="编制类型名称或代码 / quota type name or code", example="行政编制"),
        Column("gender", "性别", "Gender", kind="choice", choices=GENDER, 
               hint="空则按身份证号; 须与身份证号一致 / from the ID if empty; must agree with the ID"),
        Column("birth_date", "出生日期", "Birth date", kind="date", aliases=("出生年月日", "生日"),
               hint="空则按身份证号; 须与身份证号一致 / from the ID if empty; must agree with the ID"),
        Column("division", "内设机构", "Internal division", aliases=("处室", "科室", "所在处室")),
        Column("post", "岗位", "Post", aliases=("职务", "岗位名称"), example="科员"),
        Column("rank", "职级", "Rank", kind="code", aliases=("职级名称",), hint="职级名称或代码 / rank name or code"),
        Column("status", "状态", "Status", kind="choice", choices=PERSON_STATUS, aliases=("人员状态", "在编状态"),
               example="在编"),
        Column("entry_date", "入编日期", "Entry date", kind="date", aliases=("进编日期", "入编时间"), example="2024-03-01"),
        Column("exit_date", "出编日期", "Exit date", kind="date", aliases=("出编时间",)),
        Column("exit_reason", "出编原因", "Exit reason", kind="choice", choices=EXIT_REASON),
    ]

    def duplicate_key(self, values):
        return ("id", idnumber.normalize(values["id_number"]), values.get("status") or "active")

    def apply(self, values, ctx):
        person = self._entry_or_exit(values, ctx)
        if person is None:
            return "import.ok.exit"
        # Empty cells are left unset (None all the same): each instrumented set costs.
        services.create_person(Person(**{key: value for key, value in person.items() if value is not None}))
        return "import.ok.create"

    def apply_chunk(self, rows, ctx):
        """New persons go in together, as plain rows, through the set-based
        ``create_person_rows`` (same rules, one counter move per allocation); an
        exit row first writes the persons pending before it, so a file may enter
        and exit one person."""
        # The chunk's units found with one query, not one per distinct unit.
        ctx.prefetch(Institution, [values.get("institution") for values in rows], by=("uscc", "name"))
        ctx.prefetch(Institution, [values.get("institution_uscc") for values in rows], by=("uscc",))
        verdicts, pending = [], []
        for values in rows:
            person = self._entry_or_exit(values, ctx, flush_first=pending)
            if person is None:
                verdicts.append("import.ok.exit")
            else:
                pending.append(person)
                verdicts.append("import.ok.create")
        services.create_person_rows(pending)
        return verdicts

    def _entry_or_exit(self, values, ctx, flush_first: list | None = None):
        """The new person of a row (a plain row of ``services.persons.FIELDS``), or
        None when the row exited someone in post."""
        inst = self._unit(ctx, values)
        if values.get("status") == "exited":
            if flush_first:
                services.create_person_rows(flush_first)
                flush_first.clear()
            current = self._in_post(ctx, values["id_number"])
            if current is not None:
                if current.institution_id != inst.id:
                    raise ValidationFailed("import.row.exit_elsewhere", id_number=idnumber.mask(current.id_number),
                                           actual=current.institution.name, named=inst.name)
                services.exit_person(current, exit_date=values.get("exit_date"), exit_reason=values.get("exit_reason"))
                return None
        return dict(
            name=values["name"], id_number=values["id_number"], gender=values.get("gender"),
            birth_date=values.get("birth_date"), **self._place(ctx, inst, values), post=values.get("post"),
            status=values.get("status") or "active", entry_date=values.get("entry_date"),
            exit_date=values.get("exit_date"), exit_reason=values.get("exit_reason"),
        )

    def _unit(self, ctx: Context, values: dict) -> Institution:
        """The row's unit, in the uploader's scope; looked up once per distinct
        (name, USCC) of the run: a file names its few hundred units thousands of times."""
        key = ("unit", values.get("institution"), values.get("institution_uscc"))
        inst = ctx.cached(Institution, key)
        if inst is None:
            inst = unit(self, ctx, values)
            ctx.check_scope(inst)
            ctx.remember(Institution, key, inst)
        return inst

    def _place(self, ctx: Context, inst: Institution, values: dict) -> dict:
        """The reference ids of a row (quota type, rank, division), once per distinct combination."""
        key = ("place", inst.id, values["quota_type"], values.get("rank"), values.get("division"))
        place = ctx.cached(dict, key)
        if place is None:
            qt = quota_type(ctx, values["quota_type"], self.column("quota_type").header)
            rank = ctx.lookup(Rank, values.get("rank"), self.column("rank").header, hint=True)
            place = dict(institution_id=inst.id, quota_type_id=qt.id, rank_id=rank.id if rank else None,
                         division_id=self._division(ctx, inst, values.get("division")))
            ctx.remember(dict, key, place)
        return place

    @staticmethod
    def _in_post(ctx: Context, id_number: str):
        number = idnumber.validate(id_number)
        return ctx.session.execute(
            select(Person).where(Person.id_number == number, Person.status == "active")
        ).scalar_one_or_none()

    def _division(self, ctx: Context, inst: Institution, name):
        if name is None:
            return None
        key = (inst.id, name)
        division = ctx.cached(InternalDivision, key)
        if division is None:
            division = ctx.session.execute(select(InternalDivision).where(
                InternalDivision.institution_id == inst.id, InternalDivision.name == name)).scalar_one_or_none()
            if division is None:
                raise ValidationFailed("import.row.unknown_ref", column=self.column("division").header,
                                       value=f"{inst.name} {name}")
            ctx.remember(InternalDivision, key, division)
        return division.id


class RegionalCapSpec(ImportSpec):
    """总量控制: a row sets a region's cap for a quota type (creates or updates it)."""

    name = "regional-caps"
    title = "总量控制"
    label = _l("Regional caps")
    resource = "RegionalCap"
    columns = [
        Column("region", "行政区划", "Region", kind="code", required=True, instead=("region_code",),
               aliases=("区划", "所属区划", "行政区划名称", "地区"), hint="区划名称或代码 / region name or code",
               example="370200"),
        REGION_CODE,
        Column("quota_type", "编制类型", "Quota type", kind="code", required=True, aliases=QUOTA_TYPE_HEADERS,
               hint="编制类型名称或代码 / quota type name or code", example="行政编制"),
        Column("total", "总量", "Total", kind="int", required=True, aliases=("编制总量", "控制数", "总量控制数"),
               example=5000),
    ]

    def duplicate_key(self, values):
        return ("cap", values.get("region") or values.get("region_code"), values["quota_type"])

    def apply(self, values, ctx):
        region = region_of(self, ctx, values)
        qt = quota_type(ctx, values["quota_type"], self.column("quota_type").header)
        cap = ctx.session.execute(
            select(RegionalCap).where(RegionalCap.region_id == region.id, RegionalCap.quota_type_id == qt.id)
        ).scalar_one_or_none()
        verb = "import.ok.update" if cap is not None else "import.ok.create"
        cap = cap or RegionalCap(region_id=region.id, quota_type_id=qt.id)
        cap.total = values["total"]
        services.save_regional_cap(cap)
        return verb


SPECS = (InstitutionSpec(), LedgerSpec(), PersonSpec(), RegionalCapSpec())
