"""Refusals of 用编进人, in Chinese and English (same parameters in both)."""

MESSAGES = {
    "staffing.certificate_font_missing": {
        "zh": "服务器上没有中文字体文件 {path} (配置项 CERTIFICATE_FONT), 无法生成 PDF; 请用打印页面, 或由管理员安装字体 "
              "(如 fonts-wqy-zenhei)",
        "en": "The server has no Chinese font file {path} (setting CERTIFICATE_FONT), so no PDF can be made; use the "
              "print page, or ask the administrator to install a font (e.g. fonts-wqy-zenhei)",
    },
    "staffing.plan_exceeds_vacancy": {
        "zh": "用编计划超出空编: {institution} {quota_type} 核定 {approved}, 在编 {occupied}, 已计划未进人 {planned}, "
              "本次计划 {requested}, 超出 {excess}",
        "en": "Staffing plan beyond the vacancy: {institution} {quota_type} approved {approved}, occupied "
              "{occupied}, planned and not yet filled {planned}, requested {requested}, excess {excess}",
    },
    "staffing.year": {"zh": "计划年度 {year} 无效 (2000–2100)", "en": "Plan year {year} is invalid (2000–2100)"},
    "staffing.planned_positive": {"zh": "计划人数须为正整数, 实为 {planned}",
                                  "en": "The number planned must be a positive whole number, not {planned}"},
    "staffing.plan_not_draft": {"zh": "用编计划 {plan} 状态为“{status}”, 只有草拟中的计划可以修改",
                                "en": "Staffing plan {plan} is '{status}'; only a draft plan can be changed"},
    "staffing.plan_field_fixed": {"zh": "用编计划 {plan}: 这些字段不能在此修改: {fields}",
                                  "en": "Staffing plan {plan}: these fields cannot be changed here: {fields}"},
    "staffing.plan_empty": {"zh": "用编计划 {plan} 没有计划明细, 不能报送",
                            "en": "Staffing plan {plan} has no lines; it cannot be submitted"},
    "staffing.plan_needs_meeting": {"zh": "用编计划 {plan} 须先选择一次待召开的月专题会议才能报送",
                                    "en": "Staffing plan {plan} must name a scheduled monthly review meeting "
                                          "before it is submitted"},
    "staffing.plan_not_submitted": {"zh": "用编计划 {plan} 不在“已报送”状态, 不能作出决定",
                                    "en": "Staffing plan {plan} is not submitted; no decision can be taken on it"},
    "staffing.plan_not_approved": {"zh": "用编计划 {plan} 状态为“{status}”, 须经月专题会议通过后才能进人",
                                   "en": "Staffing plan {plan} is '{status}'; it must be approved by the monthly "
                                         "review meeting before anyone enters on it"},
    "staffing.line_duplicate": {"zh": "用编计划 {plan} 已有 {quota_type} / {channel} 的明细",
                                "en": "Staffing plan {plan} already has a line for {quota_type} / {channel}"},
    "staffing.line_field_fixed": {"zh": "计划明细 {line}: 只能修改计划人数, 不能修改 {fields}",
                                  "en": "Plan line {line}: only the number planned can change, not {fields}"},
    "staffing.line_exhausted": {"zh": "计划明细 {line} 计划 {planned}, 已进人 {filled}, 本批 {requested} 人超出计划",
                                "en": "Plan line {line}: planned {planned}, filled {filled}; this batch of "
                                      "{requested} goes beyond the plan"},
    "staffing.type_in_use": {"zh": "申请类型 {type} 已用于 {count} 个入编批次, 不能删除",
                             "en": "Application type {type} is used by {count} entry batch(es); it cannot be deleted"},
    "staffing.type_inactive": {"zh": "申请类型 {type} 已停用", "en": "Application type {type} is no longer in use"},
    "staffing.type_channel": {"zh": "申请类型 {type} 属于渠道“{type_channel}”, 与计划明细的渠道“{line_channel}”不符",
                              "en": "Application type {type} belongs to the channel '{type_channel}', not to the "
                                    "plan line's '{line_channel}'"},
    "staffing.meeting_decided": {"zh": "月专题会议 {meeting} 已作出决定, 不能再修改",
                                 "en": "Review meeting {meeting} has decided; it can no longer be changed"},
    "staffing.meeting_doc_no": {"zh": "月专题会议 {meeting} 作出决定须填写文号",
                                "en": "Review meeting {meeting} needs a document number for its decision"},
    "staffing.meeting_no_plans": {"zh": "月专题会议 {meeting} 没有已报送的用编计划",
                                  "en": "Review meeting {meeting} has no submitted staffing plan to decide"},
    "staffing.meeting_in_use": {"zh": "月专题会议 {meeting} 已有 {count} 个用编计划, 不能删除",
                                "en": "Review meeting {meeting} has {count} staffing plan(s); it cannot be deleted"},
    "staffing.meeting_new_status": {"zh": "新建的月专题会议只能是“待召开”",
                                    "en": "A new review meeting starts as scheduled"},
    "staffing.publicity_order": {"zh": "公示结束日 {end} 早于开始日 {start}",
                                 "en": "The publicity ends on {end}, before it starts on {start}"},
    "staffing.publicity_running": {"zh": "入编批次 {batch} 公示期至 {end} 尚未结束, 不能申请",
                                   "en": "Entry batch {batch}: the publicity runs until {end}; it cannot apply yet"},
    "staffing.batch_step": {"zh": "入编批次 {batch} 当前为“{step}”, 此操作需要“{expected}”",
                            "en": "Entry batch {batch} is at '{step}'; this needs '{expected}'"},
    "staffing.batch_field_fixed": {"zh": "入编批次 {batch}: 这些字段不能在此修改: {fields}",
                                   "en": "Entry batch {batch}: these fields cannot be changed here: {fields}"},
    "staffing.batch_empty": {"zh": "入编批次 {batch} 没有人员", "en": "Entry batch {batch} has no persons"},
    "staffing.documents_missing": {"zh": "入编批次 {batch} 缺少申请类型 {type} 所需材料: {documents}",
                                   "en": "Entry batch {batch} lacks documents its application type {type} "
                                         "requires: {documents}"},
    "staffing.candidate_duplicate": {"zh": "入编批次 {batch} 已有身份证号 {id_number} 的人员",
                                     "en": "Entry batch {batch} already has a person with ID number {id_number}"},
    "staffing.person_not_active": {"zh": "{person} 不在编, 不能办理出编",
                                   "en": "{person} holds no quota; there is nothing to exit"},
    "staffing.exit_filing_fixed": {"zh": "出编备案 {filing} 一经办理不能修改或删除",
                                   "en": "Exit filing {filing} cannot be changed or deleted once made"},
}
