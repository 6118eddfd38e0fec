"""Refusals of the workflow engine, in Chinese and English."""

MESSAGES = {
    "workflow.unknown_divisions": {
        "zh": "没有代码为 {codes} 的处室, 未设为会签处室 (可在处室建立后于流程状态中设置); 现有处室代码: {known}",
        "en": "No office division has the code {codes}: not set to countersign (set it on the workflow state once the division exists). Division codes: {known}",
    },
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
    "workflow.time_limit": {
        "zh": "状态“{state}”的办理时限 {value} 无效: 应为 1 至 365 个工作日, 或留空表示不限",
        "en": "State “{state}”: a time limit of {value} is not valid; it must be 1 to 365 working days, or empty for none",
    },
    "delegation.self": {
        "zh": "不能把待办委托给自己",
        "en": "You cannot delegate your to-do to yourself",
    },
    "delegation.end_before_start": {
        "zh": "委托的结束日期 {end} 早于开始日期 {start}",
        "en": "The delegation ends ({end}) before it starts ({start})",
    },
    "delegation.delegator_lacks_role": {
        "zh": "委托人 {user} 没有角色 {role}, 不能委托该角色的待办",
        "en": "The delegator {user} does not hold the role {role} and cannot delegate its to-do",
    },
    "delegation.delegate_lacks_role": {
        "zh": "代办人 {user} 没有角色 {role}: 待办只能委托给持有同一角色的用户",
        "en": "The delegate {user} does not hold the role {role}: a to-do may be delegated only to a holder of the same role",
    },
    "delegation.signoff_role": {
        "zh": "一支笔签批不能委托给 {user}: {role} 是流程“{workflow}”的签批角色, 只能委托给同样持有签批角色 {role} 的用户",
        "en": "The sign-off cannot be delegated to {user}: {role} is the sign-off role of “{workflow}” and may be delegated only to another holder of the sign-off role {role}",
    },
    "delegation.overlap": {
        "zh": "委托期间重叠: 角色 {role} 已于 {start} 至 {end} 委托给 {delegate}, 请先撤销该委托或另选期间",
        "en": "Overlapping periods: the role {role} is already delegated to {delegate} from {start} to {end}; revoke that delegation or choose another period",
    },
    "delegation.not_yours": {
        "zh": "用户 {user} 只能管理本人的代办委托",
        "en": "User {user} may manage only their own delegations",
    },
    "delegation.revoked": {
        "zh": "代办委托 {delegation} 已撤销",
        "en": "Delegation {delegation} is already revoked",
    },
    "delegation.none_active": {
        "zh": "用户 {user} 今日没有 {delegator} 有效的代办委托可办理“{what}”",
        "en": "User {user} holds no delegation from {delegator} valid today that covers “{what}”",
    },
}
