"""The catalogue of domain messages, each in Simplified Chinese and English.

Kept as data (not gettext) so a test can prove that every message exists in both
languages and renders with its parameters.  ``render`` picks the language from the
request (Flask-Babel) and falls back to Chinese, the product's default.

Core's own messages (scope, generic writes, codes) are below; each domain keeps
its catalogue in ``<domain>/messages.py`` and adds it with ``register`` from its
``init_app``.
"""
from __future__ import annotations

from typing import Any

DEFAULT_LANG = "zh"

# core's own: scope, generic writes, codes (USCC, ID numbers), the audit log
CORE_MESSAGES: dict[str, dict[str, str]] = {
    "list.bad_argument": {
        "zh": "列表地址中的参数 {name} 的值 “{value}” 无效 (页码和每页行数为正整数, 排序列须为列表可排序的列, 方向为 asc 或 desc)",
        "en": "The list address has an invalid value “{value}” for {name} (page and page size are positive "
              "whole numbers, the order a column the list sorts by, asc or desc)",
    },
    "export.too_many": {
        "zh": "该列表共 {count} 行, 超过一次导出的上限 {limit} 行; 请先筛选 (例如按地区或单位) 再导出",
        "en": "This list has {count} rows, more than the {limit} one export may hold; filter it first (e.g. by region "
              "or unit), then export",
    },
    "audit.append_only": {
        "zh": "审计日志只能追加, 任何角色都不能修改或删除",
        "en": "The audit log is append-only; no role may change or delete it",
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
    "write.read_only": {
        "zh": "该记录由系统生成, 不能直接新增、修改或删除",
        "en": "These records are written by the system and cannot be added, changed or deleted directly",
    },
    "write.append_only": {
        "zh": "这类记录只能新增或由系统写入, 不能修改或删除; 更正请新增一条记录",
        "en": "These records are only added or written by the system; they cannot be changed or deleted. Add a correcting record instead",
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
    "action.unknown": {
        "zh": "未知操作 {name}",
        "en": "Unknown action {name}",
    },
    "action.single_only": {
        "zh": "操作 {name} 一次只能作用于一条记录",
        "en": "Action {name} works on one record at a time",
    },
}


# the catalogue in use: core's, and each domain's once its init_app has run
MESSAGES: dict[str, dict[str, str]] = dict(CORE_MESSAGES)


def register(catalogue: dict[str, dict[str, str]]) -> None:
    """Add a domain's messages.  A key already in the catalogue with other texts
    is refused: two domains must not word one refusal two ways (the last import
    would win silently)."""
    for key, texts in catalogue.items():
        if key in MESSAGES and MESSAGES[key] != texts:
            raise ValueError(f"message {key!r} is registered twice with different texts")
    MESSAGES.update(catalogue)


# Which form field a refusal concerns: message key (or a key prefix ending in ".")
# -> candidate field names, the first one the form has wins.  Domains register
# theirs with ``register_fields`` next to their messages; a refusal may also name
# its column itself (``column=…``, or ``field="Model.column"`` as the column limits do).
FIELDS: dict[str, tuple[str, ...]] = {
    "uscc.": ("uscc",),
    "ric.": ("id_number",),
}


def register_fields(mapping: dict[str, tuple[str, ...]]) -> None:
    FIELDS.update(mapping)


def fields_of(key: str, params: dict[str, Any]) -> tuple[str, ...]:
    """The form fields a refusal ``key`` with ``params`` may concern, most specific first."""
    named = []
    if isinstance(params.get("column"), str):
        named.append(params["column"])
    field = params.get("field")
    if isinstance(field, str) and field.replace(".", "").replace("_", "").isalnum():
        named.append(field.rsplit(".", 1)[-1])
    prefixes = [k for k in FIELDS if k.endswith(".") and key.startswith(k)]
    return (*named, *FIELDS.get(key, ()), *(f for k in prefixes for f in FIELDS[k]))


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

