"""Refusals of the findings domain, in Simplified Chinese and English."""

MESSAGES = {
    "finding.transition": {
        "zh": "问题 {finding} 不能从 {current} 转为 {target}",
        "en": "Finding {finding} cannot move from {current} to {target}",
    },
    "finding.office_only": {
        "zh": "问题 {finding}: 只有编办工作人员可以确认整改、核销、登记问题或据此发起事项",
        "en": "Finding {finding}: only office staff may confirm, write off, record a finding or open a case from it",
    },
    "finding.no_response": {
        "zh": "问题 {finding} 尚无整改情况答复, 不能确认已整改",
        "en": "Finding {finding} has no rectification answer yet; it cannot be confirmed as rectified",
    },
    "finding.closed": {
        "zh": "问题 {finding} 已{state}, 不能再修改",
        "en": "Finding {finding} is {state}; it can no longer change",
    },
    "finding.not_editable_fields": {
        "zh": "问题 {finding}: 不能在此修改 {fields} (状态只能通过整改操作变更, 单位只能填写整改情况)",
        "en": "Finding {finding}: {fields} cannot be changed here (the state moves only by its actions; a unit "
              "answers with the response only)",
    },
    "finding.delete_refused": {
        "zh": "问题 {finding} ({state}) 不能删除: 只有手工登记且待整改的问题可以删除",
        "en": "Finding {finding} ({state}) cannot be deleted: only a manual finding still open can",
    },
    "finding.deadline_before_open": {
        "zh": "整改期限 {deadline} 早于发现日期 {opened_on}",
        "en": "The deadline {deadline} is before the day the finding was opened, {opened_on}",
    },
    "finding.too_long": {
        "zh": "{field} 最多 {limit} 个字符, 实为 {length} 个",
        "en": "{field} takes at most {limit} characters, not {length}",
    },
    "finding.evidence_empty": {
        "zh": "佐证材料文件为空",
        "en": "The evidence file is empty",
    },
    "finding.evidence_too_large": {
        "zh": "佐证材料 {name} 大小 {size} 字节, 超过上限 {limit} 字节",
        "en": "Evidence {name} has {size} bytes, over the limit of {limit}",
    },
    "finding.case_exists": {
        "zh": "问题 {finding} 已发起调整事项 {case}",
        "en": "Finding {finding} has already opened adjustment case {case}",
    },
    "finding.case_needs_institution": {
        "zh": "问题 {finding} 未指向具体机构, 不能据此发起调整事项",
        "en": "Finding {finding} names no institution; no adjustment case can be opened from it",
    },
}
