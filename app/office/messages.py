"""Refusals of the office's divisions and task forces, in Chinese and English."""

MESSAGES = {
    "office.division_duplicate": {
        "zh": "处室{field} {value} 已被使用",
        "en": "An office division already has the {field} {value}",
    },
    "office.division_in_use": {
        "zh": "处室 {division} 仍被{what}引用, 不能删除",
        "en": "Office division {division} is still referred to by {what}; it cannot be deleted",
    },
    "office.member_duplicate": {
        "zh": "{user} 已是 {division} 的成员",
        "en": "{user} is already a member of {division}",
    },
    "office.member_in_task_force": {
        "zh": "{user} 以 {division} 成员身份在工作专班 {task_force} 中, 请先调整专班成员",
        "en": "{user} serves in task force {task_force} as a member of {division}; change the task force first",
    },
    "office.not_division_member": {
        "zh": "{user} 不是 {division} 的成员, 不能从该处室抽调进入工作专班",
        "en": "{user} is not a member of {division} and cannot be drawn from it into a task force",
    },
    "office.task_force_member_duplicate": {
        "zh": "{user} 已在工作专班 {task_force} 中",
        "en": "{user} already serves in task force {task_force}",
    },
    "office.task_force_dissolved": {
        "zh": "工作专班 {task_force} 已撤销, 不能调整成员",
        "en": "Task force {task_force} is dissolved; its members can no longer change",
    },
    "office.task_force_duplicate": {
        "zh": "工作专班 {name} 已存在",
        "en": "A task force named {name} already exists",
    },
}
