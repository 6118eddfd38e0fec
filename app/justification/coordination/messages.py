"""Refusals about the coordination list, in Chinese and English."""

MESSAGES = {
    "coordination.duplicate": {
        "zh": "顶格协调事项 {title} 已存在",
        "en": "A coordination item titled {title} already exists",
    },
    "coordination.transition": {
        "zh": "{item}: 不能从“{current}”转为“{target}”",
        "en": "{item}: cannot move from '{current}' to '{target}'",
    },
    "coordination.closed": {
        "zh": "{item} 已销号, 不能再修改或删除",
        "en": "{item} is closed (销号); it can no longer be changed or deleted",
    },
    "coordination.closing_note_required": {
        "zh": "{item}: 销号须填写销号说明",
        "en": "{item}: closing needs a closing note",
    },
    "coordination.open_milestones": {
        "zh": "{item}: 尚有 {count} 个节点未完成 ({titles}), 不能销号",
        "en": "{item}: {count} milestone(s) not done ({titles}); it cannot be closed",
    },
    "coordination.new_status": {
        "zh": "新建事项的状态只能是“在办”, 实为“{status}”",
        "en": "A new item starts 'in progress', not '{status}'",
    },
    "coordination.task_force_in_use": {
        "zh": "工作专班 {task_force} 仍承担顶格协调事项 {item}, 不能删除",
        "en": "Task force {task_force} still works on the coordination item {item}; it cannot be deleted",
    },
}
