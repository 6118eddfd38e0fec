"""The working-day calendar's messages, zh and en."""

MESSAGES = {
    "workdays.year_missing": {
        "zh": "工作日历尚无 {year} 年的节假日安排, 无法按工作日计算期限; 请管理员在 参考数据 → 工作日历 录入 {year} 年的安排",
        "en": "The working-day calendar does not hold {year} yet, so no deadline can be counted in working "
              "days; an administrator must enter the {year} arrangement under Reference data → Working-day calendar",
    },
    "workdays.bad_count": {
        "zh": "工作日数 {count} 无效: 应为 0 至 {limit} 之间的整数",
        "en": "{count} is not a valid number of working days: it must be an integer from 0 to {limit}",
    },
    "workdays.bad_day": {
        "zh": "日期 {day} 无效",
        "en": "{day} is not a valid date",
    },
    "workdays.bad_kind": {
        "zh": "{day} 的类型 {kind} 无效: 应为 休 (off) 或 班 (work)",
        "en": "{day}: kind {kind} is not valid; it must be off (休) or work (班)",
    },
    "workdays.name_required": {
        "zh": "{day} 缺少名称 (如 国庆节)",
        "en": "{day} needs a name (e.g. National Day)",
    },
    "workdays.work_on_weekday": {
        "zh": "{day} 是周一至周五, 本来就是工作日; 调休上班日 (班) 应在周六或周日",
        "en": "{day} is a weekday and already a working day; an adjusted working day (班) falls on a Saturday or Sunday",
    },
    "workdays.duplicate_day": {
        "zh": "工作日历中已有 {day}",
        "en": "The working-day calendar already has {day}",
    },
}
