"""Refusals of registration (登记 / 赋码), in Chinese and English."""

MESSAGES = {
    "registration.time_limit_range": {
        "zh": "办结时限须为 1 至 365 个工作日之间的整数, 实为 {days}",
        "en": "The time limit must be a whole number of working days from 1 to 365, not {days}",
    },
    "registration.time_limit_duplicate": {
        "zh": "登记事项 {matter} 已有办结时限, 请修改原有的一条",
        "en": "Matter {matter} already has a time limit; change that one",
    },
    "registration.not_registered": {
        "zh": "{institution} 尚未登记赋码, 不能办理此事项",
        "en": "{institution} has no registration (no USCC) yet; this matter cannot be filed",
    },
    "registration.not_active": {
        "zh": "{institution} 状态为 {status}, 不能办理此事项",
        "en": "{institution} has status {status}; this matter cannot be filed",
    },
    "registration.establish_category": {
        "zh": "设立登记只适用于事业单位: {institution} 属于 {category}",
        "en": "Establishment registration is for public institutions only: {institution} is a {category}",
    },
    "registration.code_issue_category": {
        "zh": "赋码发证只适用于机关和群团: {institution} 属于 {category}",
        "en": "Code issue is for organs and mass organisations only: {institution} is a {category}",
    },
    "registration.already_coded": {
        "zh": "{institution} 已有统一社会信用代码 {uscc}, 不能再次赋码",
        "en": "{institution} already has the code {uscc}; it cannot be coded again",
    },
    "registration.funds_positive": {
        "zh": "开办资金须大于 0: 变更前 {before}, 变更后 {after}",
        "en": "Start-up funds must be above 0: before {before}, after {after}",
    },
    "registration.funds_below_threshold": {
        "zh": "{institution}: 开办资金由 {before} 万元变为 {after} 万元, 变动 {percent}%, 未超过 20%, 无需变更登记",
        "en": "{institution}: start-up funds from {before} to {after} (10k yuan) change by {percent}%, "
              "not above 20%; no change registration is needed",
    },
    "registration.clearing_report_required": {
        "zh": "{institution}: 注销登记须提交清算报告",
        "en": "{institution}: a cancellation needs a clearing report",
    },
    "registration.simple_cancel_no_clearing": {
        "zh": "{institution}: 简易注销以权利义务承接证明代替清算报告, 不应填写清算报告",
        "en": "{institution}: a simplified cancellation replaces the clearing report by the undertaking proof; "
              "leave the clearing report empty",
    },
    "registration.undertaking_proof_required": {
        "zh": "{institution}: 简易注销须提交三方权利义务承接证明",
        "en": "{institution}: a simplified cancellation needs the three-party undertaking proof",
    },
    "registration.successor_required": {
        "zh": "{institution}: 简易注销须指定承接单位",
        "en": "{institution}: a simplified cancellation needs a successor unit",
    },
    "registration.successor_self": {
        "zh": "{institution}: 承接单位不能是被注销单位本身",
        "en": "{institution}: the successor cannot be the unit being cancelled",
    },
    "registration.successor_not_registered": {
        "zh": "承接单位 {successor} 未登记或已不在存续状态",
        "en": "The successor {successor} is not registered or no longer active",
    },
    "registration.no_certificate": {
        "zh": "{institution} 没有有效证书, 不能换领或补领",
        "en": "{institution} holds no valid certificate to renew or reissue",
    },
    "registration.report_too_early": {
        "zh": "{year} 年度报告自 {opens} 起报送",
        "en": "The annual report for {year} opens on {opens}",
    },
    "registration.report_duplicate": {
        "zh": "{institution} 已报送 {year} 年度报告",
        "en": "{institution} has already filed its annual report for {year}",
    },
    "registration.tracking_in_required": {
        "zh": "{institution}: 网上申请须填写寄送材料的快递单号",
        "en": "{institution}: an online application needs the tracking number of the materials sent in",
    },
    "registration.tracking_out_required": {
        "zh": "登记 {id} ({institution}): 网上申请发证须填写寄回证书的快递单号",
        "en": "Registration {id} ({institution}): issuing an online application needs the return tracking number",
    },
    "registration.materials_missing": {
        "zh": "{institution} {matter}: 缺少材料 {missing}",
        "en": "{institution} {matter}: materials missing: {missing}",
    },
    "registration.open_duplicate": {
        "zh": "{institution} 已有办理中的{matter} (登记 {id})",
        "en": "{institution} already has a {matter} in progress (registration {id})",
    },
    "registration.not_editable": {
        "zh": "登记事项的这些字段不能修改: {fields}",
        "en": "These fields of a registration cannot be changed: {fields}",
    },
    "registration.locked": {
        "zh": "登记 {id} 已到“{step}”, 不能再修改 {fields}",
        "en": "Registration {id} is at '{step}'; {fields} can no longer be changed",
    },
    "registration.withdraw_late": {
        "zh": "登记 {id} 已到“{step}”, 不能撤回",
        "en": "Registration {id} is at '{step}'; it can no longer be withdrawn",
    },
    "registration.finished": {
        "zh": "登记 {id} 已办结 (“{step}”)",
        "en": "Registration {id} is finished ('{step}')",
    },
    "registration.wrong_step": {
        "zh": "登记 {id} 处于“{step}”, 下一步是“{expected}”, 不是 {target}",
        "en": "Registration {id} is at '{step}'; the next step is '{expected}', not {target}",
    },
    "registration.moved": {
        "zh": "登记 {id} 已被他人推进到“{step}” (本次操作基于“{expected}”)",
        "en": "Registration {id} was moved to '{step}' by someone else (this request expected '{expected}')",
    },
    "registration.already_certified": {
        "zh": "{institution} 已持有有效的统一社会信用代码证书 ({uscc}), 如需换发请办理换领或补领",
        "en": "{institution} already holds a valid code certificate ({uscc}); renew or reissue it instead",
    },
    "registration.cancelled": {
        "zh": "{institution} 已办理注销登记 (登记 {id}), 不能再办理此事项",
        "en": "{institution} has been deregistered (registration {id}); this matter cannot be filed",
    },
    "registration.bad_number": {
        "zh": "{column}: “{value}” 不是数字",
        "en": "{column}: '{value}' is not a number",
    },
    "registration.bad_year": {
        "zh": "年份 {year} 无效",
        "en": "The year {year} is not valid",
    },
}
