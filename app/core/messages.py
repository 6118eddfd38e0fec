"""The catalogue of domain messages, each in Simplified Chinese and English.

Kept as data (not gettext) so a test can prove that every message exists in both
languages and renders with its parameters.  ``render`` picks the language from the
request (Flask-Babel) and falls back to Chinese, the product's default.
"""
from __future__ import annotations

from typing import Any

DEFAULT_LANG = "zh"

MESSAGES: dict[str, dict[str, str]] = {
    # --- the six invariants (SPEC §1) --------------------------------------
    "quota.regional_cap_exceeded": {
        "zh": "违反总量不突破: {region} {quota_type} 总量 {total}, 已核定 {used}, 本次申请 {requested}, 超出 {excess}",
        "en": "Aggregate control violated: {region} {quota_type} cap {total}, approved {used}, requested {requested}, over by {excess}",
    },
    "quota.institution_cap_exceeded": {
        "zh": "违反限额不突破: {region} 党政机构限额 {total}, 已使用 {used}, 本次增加 {requested}, 超出 {excess}",
        "en": "Institution cap violated: {region} party-government institution cap {total}, in use {used}, adding {requested}, over by {excess}",
    },
    "quota.standard_exceeded": {
        "zh": "违反标准不突破: {institution} {quota_type} 按{standard}最多 {maximum}, 已核定 {used}, 本次申请 {requested}, 超出 {excess}",
        "en": "Staffing standard violated: {institution} {quota_type} may hold at most {maximum} under {standard}, approved {used}, requested {requested}, over by {excess}",
    },
    "quota.over_quota_entry": {
        "zh": "不得超编进人: {institution} {quota_type} 核定 {total}, 在编 {used}, 本次进人 {requested}, 超出 {excess}",
        "en": "No entry beyond quota: {institution} {quota_type} approved {total}, occupied {used}, entering {requested}, over by {excess}",
    },
    "quota.leadership_exceeded": {
        "zh": "不得超职数配备: {holder} {rank} 职数 {total}, 在任 {used}, 本次配备 {requested}, 超出 {excess}",
        "en": "No appointment beyond leadership positions: {holder} {rank} approved {total}, in post {used}, appointing {requested}, over by {excess}",
    },
    "quota.misuse": {
        "zh": "不得混用编制: {institution} 属于 {category}, 不能使用 {quota_type}",
        "en": "Quota misuse: {institution} is a {category} and may not hold {quota_type}",
    },
    "quota.negative_balance": {
        "zh": "{institution} {quota_type} 核定 {total}, 在编 {used}, 本次核减 {requested} 后将低于在编人数或小于零",
        "en": "{institution} {quota_type} approved {total}, occupied {used}: reducing by {requested} would go below zero or below the persons in post",
    },
    "quota.leadership_below_used": {
        "zh": "{holder} {rank} 在任 {used}, 职数不能调整为 {total}",
        "en": "{holder} {rank} has {used} in post; its positions cannot be set to {total}",
    },
    "quota.regional_cap_below_used": {
        "zh": "{region} {quota_type} 已核定 {used}, 总量不能调整为 {total}",
        "en": "{region} {quota_type} already has {used} approved; its cap cannot be set to {total}",
    },
    "quota.institution_cap_below_used": {
        "zh": "{region} 已有限额内党政机构 {used} 个, 限额不能调整为 {total}",
        "en": "{region} already has {used} within-cap institutions; its cap cannot be set to {total}",
    },
    "quota.allocation_direct_edit": {
        "zh": "核定编制不能直接修改, 请通过编制台账登记增减",
        "en": "Approved quotas cannot be edited directly; record a ledger entry instead",
    },
    "ledger.append_only": {
        "zh": "编制台账只能追加, 不能修改或删除",
        "en": "The quota ledger is append-only; entries cannot be changed or deleted",
    },
    "ledger.zero_delta": {
        "zh": "台账增减数不能为 0",
        "en": "A ledger entry must change the quota by a non-zero amount",
    },
    "audit.append_only": {
        "zh": "审计日志只能追加, 任何角色都不能修改或删除",
        "en": "The audit log is append-only; no role may change or delete it",
    },
    # --- persons -----------------------------------------------------------
    "person.exit_reason_required": {
        "zh": "{person} 出编必须填写出编日期和出编原因",
        "en": "{person}: an exit needs an exit date and an exit reason",
    },
    "person.exit_fields_when_active": {
        "zh": "{person} 在编状态不能填写出编日期或出编原因",
        "en": "{person} is in post: exit date and exit reason must be empty",
    },
    "person.dates_order": {
        "zh": "{person} 出编日期 {exit} 早于入编日期 {entry}",
        "en": "{person}: exit date {exit} is before entry date {entry}",
    },
    "person.duplicate_active": {
        "zh": "身份证号 {id_number} 已在 {institution} 在编, 一人不能同时占用两个编制",
        "en": "ID {id_number} already occupies a quota at {institution}; one person holds one quota",
    },
    "person.institution_revoked": {
        "zh": "{institution} 状态为 {status}, 不能进人",
        "en": "{institution} is {status}; no one can enter it",
    },
    # --- institutions ------------------------------------------------------
    "institution.cycle": {
        "zh": "{institution} 不能以自身或其下级 {parent} 为上级",
        "en": "{institution} cannot have itself or its subordinate {parent} as parent",
    },
    "institution.has_children": {
        "zh": "{institution} 仍有 {count} 个下级机构, 不能删除",
        "en": "{institution} still has {count} subordinate institutions and cannot be deleted",
    },
    "institution.in_use": {
        "zh": "{institution} 已有编制台账或人员记录, 不能删除; 请改为撤销",
        "en": "{institution} has ledger entries or persons and cannot be deleted; revoke it instead",
    },
    "institution.revoke_with_persons": {
        "zh": "{institution} 仍有在编人员 {count} 名, 不能撤销",
        "en": "{institution} still has {count} persons in post and cannot be revoked",
    },
    "institution.dates_order": {
        "zh": "{institution} 撤销日期 {end} 早于成立日期 {start}",
        "en": "{institution}: end date {end} is before start date {start}",
    },
    # --- codes -------------------------------------------------------------
    "uscc.length": {
        "zh": "统一社会信用代码 {code} 应为 18 位, 实为 {length} 位",
        "en": "USCC {code} must have 18 characters, not {length}",
    },
    "uscc.alphabet": {
        "zh": "统一社会信用代码 {code} 第 {position} 位字符 {char} 不在允许的字符集内 (0-9A-HJ-NPQRTUWXY)",
        "en": "USCC {code}: character {char} at position {position} is not allowed (0-9A-HJ-NPQRTUWXY)",
    },
    "uscc.check_char": {
        "zh": "统一社会信用代码 {code} 第 18 位校验码应为 {expected}, 实为 {actual}",
        "en": "USCC {code}: check character (position 18) should be {expected}, not {actual}",
    },
    "uscc.org_check_char": {
        "zh": "统一社会信用代码 {code} 第 17 位 (组织机构代码校验码) 应为 {expected}, 实为 {actual}",
        "en": "USCC {code}: organisation-code check character (position 17) should be {expected}, not {actual}",
    },
    "uscc.org_check_char_legacy": {
        "zh": "注意: 统一社会信用代码 {code} 第 17 位组织机构代码校验码应为 {expected}, 实为 {actual}; 按历史代码例外接受",
        "en": "Warning: USCC {code} position 17 should be {expected}, not {actual}; accepted as a legacy code",
    },
    "uscc.registration_dept": {
        "zh": "统一社会信用代码 {code} 第 1 位登记管理部门码应为 1 (机构编制), 实为 {actual}",
        "en": "USCC {code}: position 1 (registration department) must be 1 (staffing office), not {actual}",
    },
    "uscc.org_category": {
        "zh": "统一社会信用代码 {code} 第 2 位机构类别码应为 1/2/3/9, 实为 {actual}",
        "en": "USCC {code}: position 2 (category) must be 1, 2, 3 or 9, not {actual}",
    },
    "uscc.region": {
        "zh": "统一社会信用代码 {code} 第 3-8 位 {region} 不是已知的行政区划代码",
        "en": "USCC {code}: positions 3-8 ({region}) are not a known administrative division code",
    },
    "uscc.duplicate": {
        "zh": "统一社会信用代码 {code} 已被 {institution} 使用",
        "en": "USCC {code} is already used by {institution}",
    },
    "ric.invalid": {
        "zh": "身份证号 {value} 无效: {reason}",
        "en": "ID number {value} is invalid: {reason}",
    },
    "uscc.generate_category": {
        "zh": "赋码失败: 机构类别码应为 1/2/3/9, 实为 {actual}",
        "en": "Cannot issue a USCC: the category must be 1, 2, 3 or 9, not {actual}",
    },
    "uscc.generate_region": {
        "zh": "赋码失败: {region} 不是已知的 6 位行政区划代码",
        "en": "Cannot issue a USCC: {region} is not a known six-digit administrative division code",
    },
    "uscc.generate_serial": {
        "zh": "赋码失败: 主体序号 {serial} 应为 1 至 99999999 之间的整数",
        "en": "Cannot issue a USCC: the entity serial {serial} must be an integer from 1 to 99999999",
    },
    # reasons for "ric.invalid": rendered in the same language as the message
    "ric.reason.length": {
        "zh": "应为 18 位, 实为 {length} 位",
        "en": "it must have 18 characters, not {length}",
    },
    "ric.reason.format": {
        "zh": "前 17 位应为数字, 第 18 位应为数字或 X",
        "en": "the first 17 characters must be digits and the 18th a digit or X",
    },
    "ric.reason.birth_date": {
        "zh": "第 7-14 位出生日期 {date} 不是有效日期",
        "en": "the birth date {date} (positions 7-14) is not a real date",
    },
    "ric.reason.birth_future": {
        "zh": "出生日期 {date} 晚于今天",
        "en": "the birth date {date} is in the future",
    },
    "ric.reason.birth_too_early": {
        "zh": "出生日期 {date} 早于 1900 年",
        "en": "the birth date {date} is before 1900",
    },
    "ric.reason.checksum": {
        "zh": "第 18 位校验码应为 {expected}, 实为 {actual}",
        "en": "the check digit (position 18) should be {expected}, not {actual}",
    },
    "ric.reason.region": {
        "zh": "前 6 位 {region} 不是曾经存在的行政区划代码",
        "en": "the first six digits {region} are not an administrative division code that ever existed",
    },
    # --- scoping and generic -----------------------------------------------
    "scope.forbidden": {
        "zh": "无权操作 {object}: 不在本单位及下属单位范围内",
        "en": "Not allowed to act on {object}: it is outside your institution and its subordinate units",
    },
    "scope.no_institution": {
        "zh": "单位填报员账号未绑定单位, 请联系管理员",
        "en": "This department account is not bound to an institution; ask an administrator",
    },
    "write.nested_object": {
        "zh": "不能通过嵌套对象新建关联记录 ({field})",
        "en": "Related records cannot be created through a nested object ({field})",
    },
    "institution.duplicate_name": {
        "zh": "{parent} 下已有机构 {name}",
        "en": "{parent} already has an institution named {name}",
    },
    "write.read_only": {
        "zh": "该记录由系统生成, 不能直接新增、修改或删除",
        "en": "These records are written by the system and cannot be added, changed or deleted directly",
    },
    "write.required": {
        "zh": "{field} 为必填项",
        "en": "{field} is required",
    },
    "write.not_found": {
        "zh": "{object} 不存在",
        "en": "{object} does not exist",
    },
    "write.integrity": {
        "zh": "保存失败: 数据违反数据库约束 (重复或取值不合规则: {detail})",
        "en": "Not saved: the data breaks a database rule (a duplicate or a value out of range: {detail})",
    },
    "write.out_of_range": {
        "zh": "{field} 的值 {value} 超出允许范围 ({low} ~ {high})",
        "en": "{field}: {value} is out of range ({low} to {high})",
    },
    "write.too_long": {
        "zh": "{field} 长度 {length} 超过上限 {limit}",
        "en": "{field} is {length} characters long; the limit is {limit}",
    },
    "write.choice": {
        "zh": "{field} 的取值 {value} 无效, 可选: {allowed}",
        "en": "{field}: {value} is not a valid value; allowed: {allowed}",
    },
    "division.duplicate": {
        "zh": "{institution} 已有内设机构 {name}",
        "en": "{institution} already has an internal division named {name}",
    },
    "division.in_use": {
        "zh": "内设机构 {division} 仍有 {count} 名在编人员或领导职数, 不能撤销",
        "en": "Internal division {division} still has {count} persons or leadership positions and cannot be removed",
    },
    "action.unknown": {
        "zh": "未知操作 {name}",
        "en": "Unknown action {name}",
    },
    "action.single_only": {
        "zh": "操作 {name} 一次只能作用于一条记录",
        "en": "Action {name} works on one record at a time",
    },
}


def current_lang() -> str:
    """The request's language ('zh' or 'en'); Chinese outside a request."""
    try:
        from flask import has_request_context, session

        if has_request_context():
            locale = session.get("locale")
            if locale and str(locale).startswith("en"):
                return "en"
    except Exception:  # pragma: no cover - no Flask at all
        pass
    return DEFAULT_LANG


def render(key: str, lang: str | None = None, **params: Any) -> str:
    lang = lang or current_lang()
    entry = MESSAGES[key]
    return entry.get(lang, entry[DEFAULT_LANG]).format(**params)

MESSAGES.update(
    {
        "quota.standard_below_approved": {
            "zh": "违反标准不突破: {institution} 按{standard}最多 {maximum}, 但已核定 {used}; 请先核减编制",
            "en": "Staffing standard violated: {institution} may hold at most {maximum} under {standard}, but {used} are approved; reduce the quota first",
        },
        "institution.office_only": {
            "zh": "{institution}: {field} 只能由编办通过机构编制事项办理, 单位不能直接修改",
            "en": "{institution}: {field} is decided by the staffing office through an adjustment case, not by the unit",
        },
        "three_det.append_only": {
            "zh": "三定规定按版本留存, 不能修改或删除已有版本; 请新增一个版本",
            "en": "三定 versions are kept as issued; add a new version instead of changing one",
        },
    }
)
