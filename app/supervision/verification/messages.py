"""Refusals of the scheduled verification, in Simplified Chinese and English."""

MESSAGES = {
    "verification.unknown_rule": {
        "zh": "核查规则 {rule} 未注册 (其所属模块未安装)",
        "en": "Verification rule {rule} is not registered (its module is not installed)",
    },
    "verification.cron": {
        "zh": "执行计划 {cron} 不是有效的 cron 表达式 (分 时 日 月 周, 可在最前加秒): {reason}",
        "en": "Schedule {cron} is not a valid cron expression (minute hour day month weekday, optionally a "
              "leading second): {reason}",
    },
    "verification.params_json": {
        "zh": "规则 {rule} 的参数应为 JSON 对象: {reason}",
        "en": "The parameters of rule {rule} must be a JSON object: {reason}",
    },
    "verification.params_unknown": {
        "zh": "规则 {rule} 没有参数 {names} (可用参数: {known})",
        "en": "Rule {rule} has no parameter {names} (known: {known})",
    },
    "verification.params_value": {
        "zh": "规则 {rule} 的参数 {name} 应为 0 到 100000 之间的整数, 实为 {value}",
        "en": "Parameter {name} of rule {rule} must be an integer from 0 to 100000, not {value}",
    },
    "verification.deadline_days": {
        "zh": "整改期限应为 0 到 365 个工作日, 实为 {value}",
        "en": "The rectification deadline must be 0 to 365 working days, not {value}",
    },
    "verification.not_editable": {
        "zh": "规则 {rule}: 不能修改 {fields}",
        "en": "Rule {rule}: {fields} cannot be changed",
    },
}
