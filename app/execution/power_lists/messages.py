"""Refusals about the power lists, in Chinese and English."""

MESSAGES = {
    "power_list.type_code": {
        "zh": "事项类型代码须为 2 位数字, 实为“{code}”",
        "en": "A type code is 2 digits, not '{code}'",
    },
    "power_list.type_duplicate": {
        "zh": "事项类型代码 {code} 或名称 {name} 已存在",
        "en": "The type code {code} or name {name} already exists",
    },
    "power_list.type_in_use": {
        "zh": "事项类型 {type} 仍有 {count} 个事项使用, 不能删除",
        "en": "The type {type} is used by {count} item(s); it cannot be deleted",
    },
    "power_list.format_segment": {
        "zh": "编码格式的段“{segment}”无效: 应为 region/department/type/seq/sub 之一加冒号和 1–12 位长度, 且不重复",
        "en": "Code format segment '{segment}' is invalid: one of region/department/type/seq/sub, a colon and "
              "a length of 1–12, each once",
    },
    "power_list.format_needs": {
        "zh": "编码格式须包含段 {needed}",
        "en": "A code format needs the segments {needed}",
    },
    "power_list.format_too_long": {
        "zh": "编码格式总长 {length} 位, 超过 40 位",
        "en": "The code format is {length} digits long, more than 40",
    },
    "power_list.format_active": {
        "zh": "编码格式 {format} 正在使用, 不能删除",
        "en": "The code format {format} is active; it cannot be deleted",
    },
    "power_list.code_format": {
        "zh": "事项编码“{code}”不符合编码格式 {format} (应为 {length} 位数字)",
        "en": "Item code '{code}' does not fit the format {format} ({length} digits)",
    },
    "power_list.code_seq_zero": {
        "zh": "事项编码 {code} 的顺序号不能为 0",
        "en": "Item code {code}: the sequence number cannot be 0",
    },
    "power_list.code_segment_value": {
        "zh": "编码段 {segment} 的值 {value} 超过 {length} 位",
        "en": "Code segment {segment}: the value {value} is longer than {length} digits",
    },
    "power_list.code_type": {
        "zh": "事项编码 {code} 的类型段为 {segment}, 与事项类型 {type} 不符",
        "en": "Item code {code} carries the type segment {segment}, not the item's type {type}",
    },
    "power_list.code_exhausted": {
        "zh": "编码前缀 {prefix} 的顺序号已用完",
        "en": "No sequence number is left after the prefix {prefix}",
    },
    "power_list.duplicate_code": {
        "zh": "事项编码 {code} 已被事项“{other}”使用",
        "en": "Item code {code} is already used by '{other}'",
    },
    "power_list.not_changeable": {
        "zh": "这些字段不能在此修改: {fields}",
        "en": "These fields cannot be changed here: {fields}",
    },
    "power_list.item_in_use": {
        "zh": "事项“{item}”仍有 {count} 个实施清单, 不能删除 (请通过调整申请取消)",
        "en": "Item '{item}' has {count} implementation(s); it cannot be deleted (cancel it through a case)",
    },
    "power_list.days": {
        "zh": "{field} 应在 0 到 3650 个工作日之间, 实为 {value}",
        "en": "{field} must be between 0 and 3650 working days, not {value}",
    },
    "power_list.promised_over_statutory": {
        "zh": "事项“{item}”: 承诺时限 {promised} 日超过法定时限 {statutory} 日",
        "en": "Item '{item}': the promised limit of {promised} days exceeds the statutory {statutory} days",
    },
    "power_list.duplicate_implementation": {
        "zh": "{institution} 已在实施事项“{item}”",
        "en": "{institution} already implements '{item}'",
    },
    "power_list.not_implemented": {
        "zh": "{institution} 未在实施事项“{item}”",
        "en": "{institution} does not implement '{item}'",
    },
    "power_list.devolve_same": {
        "zh": "下放的承接单位不能是 {institution} 本身",
        "en": "A power cannot be devolved from {institution} to itself",
    },
    "power_list.modify_nothing": {
        "zh": "变更事项“{item}”未填写任何变更内容",
        "en": "The change of '{item}' changes nothing",
    },
    "power_list.change_failed": {
        "zh": "第 {seq} 项权责清单变更 ({kind}): {reason}",
        "en": "List change {seq} ({kind}): {reason}",
    },
    "power_list.nothing_to_publish": {
        "zh": "{department} 没有在实施的事项, 无可发布",
        "en": "{department} implements no item; there is nothing to publish",
    },
    "power_list.snapshot_tampered": {
        "zh": "{department} {date} 发布的清单 (#{id}) 已被改动: {problem}",
        "en": "The list {department} published on {date} (#{id}) has been altered: {problem}",
    },
}
