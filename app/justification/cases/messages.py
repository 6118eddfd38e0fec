"""Refusals about adjustment cases, in Chinese and English."""

MESSAGES = {
    "case.no_workflow": {
        "zh": "没有可用的审批流程 (adjustment_case), 请管理员先配置流程",
        "en": "No active approval workflow for adjustment cases; an administrator must configure one",
    },
    "case.locked": {
        "zh": "事项 {case} 当前处于“{state}”, 申请内容不能再修改",
        "en": "Case {case} is at “{state}”; its request can no longer be changed",
    },
    "case.applied": {
        "zh": "事项 {case} 已批复执行, 不能修改或删除",
        "en": "Case {case} has been approved and applied; it cannot be changed or deleted",
    },
    "case.delete_started": {
        "zh": "事项 {case} 已进入办理流程, 不能删除; 请走撤回流转",
        "en": "Case {case} is already being processed and cannot be deleted; withdraw it instead",
    },
    "case.change_field_required": {
        "zh": "第 {seq} 项变更 ({kind}) 须填写: {field}",
        "en": "Change {seq} ({kind}) needs: {field}",
    },
    "case.change_zero_amount": {
        "zh": "第 {seq} 项变更 ({kind}) 的数量不能为 0",
        "en": "Change {seq} ({kind}): the amount cannot be 0",
    },
    "case.merge_into_itself": {
        "zh": "第 {seq} 项变更: {institution} 不能并入自身",
        "en": "Change {seq}: {institution} cannot be merged into itself",
    },
    "case.no_created_institution": {
        "zh": "第 {seq} 项变更没有指定机构, 且本事项没有新设机构可指代",
        "en": "Change {seq} names no institution, and this case creates none it could refer to",
    },
    "case.apply_failed": {
        "zh": "批复未执行, 事项停留在原状态, 数据库未作任何改动。第 {seq} 项变更 ({kind}) 失败: {reason}",
        "en": "The approval was not applied: the case stays where it was and nothing changed. Change {seq} ({kind}) failed: {reason}",
    },
    "case.no_changes": {
        "zh": "事项 {case} 没有可执行的结构化变更",
        "en": "Case {case} has no structured changes to apply",
    },
    "case.attachment_too_large": {
        "zh": "附件 {name} 大小 {size} 字节, 超过上限 {limit} 字节",
        "en": "Attachment {name} is {size} bytes, over the limit of {limit} bytes",
    },
    "case.attachment_empty": {
        "zh": "附件为空",
        "en": "The attachment is empty",
    },
    "case.hours_per_fte": {
        "zh": "人均年工作小时数须在 1 到 8784 之间, 当前 {value}",
        "en": "Annual hours per FTE must be between 1 and 8784, not {value}",
    },
}
