"""Refusals about evaluations (动态调整) and the period report, in Chinese and English."""

MESSAGES = {
    "evaluation.not_applied": {
        "zh": "事项 {case} 尚未批复执行, 不能开展效益评价",
        "en": "Case {case} has not been applied yet; it cannot be evaluated",
    },
    "evaluation.follow_up_needs_adjust": {
        "zh": "评价结论为“维持”或尚未评价, 不能据此发起新事项 (需建议“调整”)",
        "en": "Only an evaluation recommending an adjustment can open a new case",
    },
    "evaluation.follow_up_exists": {
        "zh": "该评价已发起后续事项 {case}",
        "en": "This evaluation has already opened case {case}",
    },
    "evaluation.incomplete": {
        "zh": "评价须填写 {field}",
        "en": "The evaluation needs {field}",
    },
    "report.period": {
        "zh": "报告期间无效: {start} 至 {end}",
        "en": "Invalid report period: {start} to {end}",
    },
}
