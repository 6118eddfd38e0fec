"""年度报告 by import (SPEC §7): a row files one unit's annual report through the same
service as the form — window, one report per year, required materials, scope."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from flask_babel import lazy_gettext as _l

from app.core.errors import ValidationFailed
from app.execution.registration import services
from app.execution.registration.models import Registration
from app.imports.specs import Column, ImportSpec
from app.quota.models import Institution


class AnnualReportSpec(ImportSpec):
    name = "annual-reports"
    title = "事业单位年度报告"
    label = _l("Annual reports")
    resource = "Registration"
    columns = [
        Column("institution", "单位", "Institution", kind="code", required=True, aliases=("机构", "单位名称"),
               hint="单位名称或统一社会信用代码 / name or USCC", example="青岛市教育科学研究院"),
        Column("report_year", "报告年度", "Report year", kind="int", required=True, example=2025),
        Column("activities", "开展业务活动情况", "Activities", required=True, example="按章程开展公益服务"),
        Column("net_assets", "净资产(万元)", "Net assets (10k yuan)", required=True, aliases=("净资产",),
               example="1234.5"),
        Column("staff_count", "从业人数", "Staff", kind="int", required=True, example=120),
        Column("litigation", "涉及诉讼情况", "Litigation", example="无"),
        Column("complaints", "社会投诉情况", "Complaints", example="无"),
        Column("materials", "提交材料", "Materials", required=True, hint="以分号分隔 / separated by ;",
               example="年度报告书;资产负债表"),
    ]

    def duplicate_key(self, values):
        return ("report", values["institution"], values["report_year"])

    def apply(self, values, ctx):
        inst = ctx.lookup(Institution, values["institution"], self.column("institution").header, by=("uscc", "name"))
        ctx.check_scope(inst)
        try:
            net_assets = Decimal(str(values["net_assets"]).replace(",", ""))
        except InvalidOperation:
            raise ValidationFailed("registration.bad_number", column=self.column("net_assets").header,
                                   value=values["net_assets"])
        services.create_registration(Registration(
            matter="annual_report", institution_id=inst.id, report_year=values["report_year"],
            activities=values["activities"], net_assets=net_assets, staff_count=values["staff_count"],
            litigation=values.get("litigation"), complaints=values.get("complaints"),
            materials=values["materials"]))
        return "import.ok.create"


SPECS = (AnnualReportSpec(),)
