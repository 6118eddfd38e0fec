"""Refusals of the workflow engine, in Chinese and English."""

MESSAGES = {
    "workflow.unknown_transition": {
        "zh": "没有名为 {transition} 的流转",
        "en": "There is no transition {transition}",
    },
    "workflow.wrong_state": {
        "zh": "不能执行“{transition}”: 事项当前处于“{state}”, 该流转只能从“{expected}”发起",
        "en": "Cannot {transition}: the case is at “{state}”; this transition starts from “{expected}”",
    },
    "workflow.condition_unmet": {
        "zh": "“{transition}”不适用于本事项: 类型 {case_type}、数量 {amount}; 该流转要求类型 {types}、数量 {range}",
        "en": "“{transition}” does not apply to this case: type {case_type}, amount {amount}; it requires type {types}, amount {range}",
    },
    "workflow.no_actor": {
        "zh": "“{transition}”需要一名登录用户办理",
        "en": "“{transition}” needs a signed-in user",
    },
    "workflow.signoff_only": {
        "zh": "一支笔审批: “{transition}”只能由签批角色 {role} 办理, 用户 {user} 无权签批 (系统管理员也不例外)",
        "en": "Single sign-off: only the sign-off role {role} may {transition}; user {user} may not (administrators included)",
    },
    "workflow.role_required": {
        "zh": "用户 {user} 无权办理“{transition}”, 需要角色: {roles}",
        "en": "User {user} may not {transition}; it needs one of the roles: {roles}",
    },
    "workflow.comment_required": {
        "zh": "“{transition}”须填写办理意见",
        "en": "“{transition}” needs a comment",
    },
    "workflow.doc_no_required": {
        "zh": "“{transition}”须填写文号",
        "en": "“{transition}” needs a document number",
    },
    "workflow.countersign_missing": {
        "zh": "“{state}”须会签: {divisions} 尚未同意, 不能“{transition}”",
        "en": "“{state}” needs a countersign: {divisions} have not agreed yet, so the case cannot {transition}",
    },
    "workflow.state_changed": {
        "zh": "“{transition}”未执行: 事项状态已被他人改变, 请刷新后重试",
        "en": "{transition} was not done: someone else changed the case's state meanwhile; reload and retry",
    },
    "workflow.no_initial_state": {
        "zh": "流程 {workflow} 没有起始状态",
        "en": "Workflow {workflow} has no initial state",
    },
    "workflow.countersign_not_needed": {
        "zh": "“{state}”不需要处室 {division} 会签",
        "en": "“{state}” does not need a countersign from division {division}",
    },
    "workflow.countersign_not_member": {
        "zh": "用户 {user} 不是 {division} 的成员, 不能代表该处室会签",
        "en": "User {user} is not a member of {division} and cannot countersign for it",
    },
    "workflow.countersign_reason_required": {
        "zh": "{division} 不同意时须说明理由",
        "en": "{division}: a disagreement needs a reason",
    },
    "workflow.countersign_done": {
        "zh": "{division} 已在“{state}”会签过, 不能重复会签",
        "en": "{division} has already countersigned at “{state}”",
    },
    "workflow.final_state_has_exit": {
        "zh": "终止状态“{state}”不能再有流出的流转",
        "en": "The final state “{state}” cannot have outgoing transitions",
    },
    "workflow.state_other_workflow": {
        "zh": "流转“{transition}”的起止状态必须属于同一流程 {workflow}",
        "en": "The states of transition “{transition}” must belong to its workflow {workflow}",
    },
    "workflow.unknown_case_type": {
        "zh": "流转条件中的事项类型 {value} 不存在, 可选: {allowed}",
        "en": "Unknown case type {value} in the transition's condition; allowed: {allowed}",
    },
    "workflow.in_use": {
        "zh": "{object} 已有办理记录, 不能删除 (可改名或停用)",
        "en": "{object} already has history and cannot be deleted (rename or deactivate it)",
    },
    "workflow.state_has_transitions": {
        "zh": "状态“{state}”仍有流转, 请先删除这些流转",
        "en": "State “{state}” still has transitions; delete them first",
    },
    "workflow.delete_refused": {
        "zh": "流程 {workflow} 不能删除, 可将其停用",
        "en": "Workflow {workflow} cannot be deleted; deactivate it instead",
    },
}
