"""The power list's import (SPEC §7): one row is one implementation of an item
by one institution at one level, with its duties.  A row whose item code is not
in the catalogue adds the item, owned by the row's institution (a blank code is
generated from the active format).  Rows go through the catalogue services, so
the format, the time limits and uniqueness are checked as on the form; the
engine gives the dry run, the verdict per row and the all-or-nothing commit."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.execution.power_lists import rules
from app.execution.power_lists.models import (
    AccountabilityCase,
    PowerImplementation,
    PowerItem,
    PowerType,
    ResponsibilityItem,
)
from app.execution.power_lists.services import catalogue
from app.imports.specs import Column, ImportSpec
from app.quota.models import Institution

LEVEL = {"city": ("市", "City"), "district": ("区市", "District"), "town": ("镇街", "Town")}


class PowerListSpec(ImportSpec):
    name = "power_lists"
    title = "权责清单"
    label = _l("Power and responsibility lists")
    resource = "PowerImplementation"
    columns = [
        Column("institution", "实施主体", "Implementing body", kind="code", required=True,
               aliases=("部门", "实施部门"), hint="机构全称或统一社会信用代码 / full name or USCC", example="市教育局"),
        Column("level", "层级", "Level", kind="choice", choices=LEVEL, required=True, example="市"),
        Column("code", "事项编码", "Item code", kind="code", aliases=("编码",),
               hint="按启用的编码格式; 空白则自动生成 / per the active format; blank: generated"),
        Column("name", "事项名称", "Item name", required=True, aliases=("名称",), example="民办学校设立审批"),
        Column("type", "事项类型", "Item type", kind="code", required=True, aliases=("类型",),
               hint="类型名称或代码 (01–10, 20) / type name or code", example="行政许可"),
        Column("sub_item", "子项", "Sub-item"),
        Column("legal_basis", "设定依据", "Legal basis", required=True, example="《中华人民共和国民办教育促进法》第十二条"),
        Column("handling_division", "承办机构", "Handling division", example="行政审批处"),
        Column("statutory_days", "法定时限", "Statutory time limit", kind="int", example=20),
        Column("promised_days", "承诺时限", "Promised time limit", kind="int", example=10),
        Column("fees", "收费", "Fees", aliases=("收费依据及标准",), example="不收费"),
        Column("responsibilities", "责任事项", "Responsibility items",
               hint="每行一条, 如“受理: …” / one per line, e.g. 受理: …", example="受理: 一次性告知补正材料"),
        Column("accountabilities", "追责情形", "Accountability cases", hint="每行一条 / one per line",
               example="未在法定期限内作出决定的"),
    ]

    def duplicate_key(self, values):
        return ("code", values.get("code") or values["name"], values["institution"])

    def apply(self, values, ctx):
        header = self.column
        inst = ctx.lookup(Institution, values["institution"], header("institution").header, by=("uscc", "name"))
        ctx.check_scope(inst)
        type_ = ctx.lookup(PowerType, values["type"], header("type").header)
        code = values.get("code")
        item = ctx.session.execute(select(PowerItem).where(PowerItem.code == code)).scalar_one_or_none() \
            if code else None
        created = item is None
        if item is None:
            item = catalogue.create_item(PowerItem(code=code, name=values["name"], type_id=type_.id,
                                                   sub_item=values.get("sub_item"),
                                                   legal_basis=values["legal_basis"], department_id=inst.id))
        impl = catalogue.create_implementation(PowerImplementation(
            item_id=item.id, institution_id=inst.id, level=values["level"], name=values["name"], code=item.code,
            type_id=type_.id, legal_basis=values["legal_basis"], handling_division=values.get("handling_division"),
            statutory_days=values.get("statutory_days"), promised_days=values.get("promised_days"),
            fees=values.get("fees")))
        for step, step_name, content in rules.parse_responsibilities(values.get("responsibilities")):
            catalogue.save_responsibility(ResponsibilityItem(implementation_id=impl.id, step=step,
                                                             step_name=step_name, content=content))
        for line in rules.parse_lines(values.get("accountabilities")):
            catalogue.save_accountability(AccountabilityCase(implementation_id=impl.id, content=line))
        return "import.ok.create" if created else "import.ok.update"
