"""Refusals of 事业单位绩效考核, in Chinese and English (same parameters in both)."""

MESSAGES = {
    "assessment.cap": {
        "zh": "违反优良比例上限: {supervisor} 所属参加考核的事业单位 {count} 个, 本部门考核结果 {department_grade}, "
              "优秀+良好 比例上限 {share}% 即 {limit} 个, 已有 {top} 个; 评定 {institution} 为 {grade} 后将为 {after} 个",
        "en": "The cap on 优秀+良好 would break: {supervisor} has {count} institution(s) in this assessment, its own "
              "result is {department_grade}, so at most {share}% = {limit} may be 优秀 or 良好; {top} already are; "
              "grading {institution} {grade} would make {after}"},
    "assessment.cap_removal": {
        "zh": "违反优良比例上限: 移出 {institution} 后 {supervisor} 参加考核的事业单位为 {count} 个, 本部门考核结果 "
              "{department_grade}, 优秀+良好 比例上限 {share}% 即 {limit} 个, 而已有 {after} 个",
        "en": "The cap on 优秀+良好 would break: without {institution}, {supervisor} has {count} institution(s) in "
              "this assessment, its own result is {department_grade}, so at most {share}% = {limit} may be 优秀 or "
              "良好, but {after} are"},
    "assessment.no_rule": {
        "zh": "没有适用于部门考核结果 {department_grade} 的优良比例规则, {supervisor} 所属单位不能评为优秀或良好",
        "en": "No cap rule applies to the department result {department_grade}; no institution of {supervisor} "
              "can be graded 优秀 or 良好"},
    "assessment.duplicate_rule": {"zh": "部门考核结果 {grade} 已有优良比例规则",
                                  "en": "The department result {grade} already has a cap rule"},
    "assessment.plan_has_grades": {"zh": "考核方案 {plan} 已有 {count} 个单位评定等级, 不能删除",
                                   "en": "Plan {plan} has {count} graded institution(s); it cannot be deleted"},
    "assessment.plan_closed": {"zh": "考核方案 {plan} 已结束, 不能再修改",
                               "en": "Plan {plan} is closed; it can no longer be changed"},
    "assessment.score_range": {"zh": "{field} {score} 无效, 应为 0–100",
                               "en": "{field}: {score} is invalid; it must be 0–100"},
    "assessment.reviews_missing": {"zh": "{institution} 尚缺 {missing}, 不能评定等级",
                                   "en": "{institution} still lacks: {missing}; it cannot be graded yet"},
    "assessment.no_supervisor": {"zh": "{institution} 没有主管部门 (上级机构), 不能参加事业单位绩效考核",
                                 "en": "{institution} has no supervising department (parent); it cannot be assessed"},
    "assessment.grade_after_review": {"zh": "{institution}: 新增考核不能直接定等级, 须先完成评审",
                                      "en": "{institution}: a new assessment has no grade; it is graded after "
                                            "its reviews"},
    "assessment.duplicate": {"zh": "{institution} 已在考核方案 {plan} 中",
                             "en": "{institution} is already in the plan {plan}"},
    "assessment.not_changeable": {"zh": "{fields} 不能在此修改", "en": "{fields}: not changeable here"},
    "assessment.has_case": {"zh": "{institution} 的考核结果已启动调整事项, 不能删除",
                            "en": "The result of {institution} has opened an adjustment case; it cannot be deleted"},
    "assessment.self_review": {"zh": "互评互审不能由 {institution} 评审自己",
                               "en": "A cross review of {institution} cannot be made by {institution} itself"},
    "assessment.review_graded": {"zh": "{institution} 已评定等级, 其评审记录不能删除",
                                 "en": "{institution} is graded; its reviews cannot be deleted"},
    "assessment.case_exists": {"zh": "{institution} 的考核结果已启动调整事项 {case}",
                               "en": "The result of {institution} already opened the case {case}"},
    "assessment.case_needs_grade": {"zh": "{institution} 尚未评定等级, 不能据此启动调整事项",
                                    "en": "{institution} is not graded yet; no case can be opened from it"},
    "assessment.no_allocation": {"zh": "{institution} 没有编制核定, 无法预填增减编",
                                 "en": "{institution} has no quota allocation to prefill an increase or decrease"},
}
