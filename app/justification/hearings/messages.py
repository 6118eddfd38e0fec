"""Refusals about hearings and opinions, in Chinese and English."""

MESSAGES = {
    "hearing.duplicate": {
        "zh": "论证会 {title} 已存在",
        "en": "A hearing titled {title} already exists",
    },
    "hearing.has_opinions": {
        "zh": "论证会 {title} 已记录 {count} 条意见, 不能删除",
        "en": "Hearing {title} holds {count} opinion(s); it cannot be deleted",
    },
    "opinion.note_required": {
        "zh": "意见处理为“{handling}”时须填写处理说明",
        "en": "An opinion handled as '{handling}' needs a handling note",
    },
}
