"""Refusals of the quota database (the six invariants of SPEC §1, institutions,
persons, the ledger, divisions, 三定), in Chinese and English."""

MESSAGES = {
    "quota.regional_cap_exceeded": {
        "zh": "违反总量不突破: {region} {quota_type} 总量 {total}, 已核定 {used}, 本次申请 {requested}, 超出 {excess}",
        "en": "Aggregate control violated: {region} {quota_type} cap {total}, approved {used}, requested {requested}, over by {excess}",
    },
    "quota.institution_cap_exceeded": {
        "zh": "违反限额不突破: {region} 党政机构限额 {total}, 已使用 {used}, 本次增加 {requested}, 超出 {excess}",
        "en": "Institution cap violated: {region} party-government institution cap {total}, in use {used}, adding {requested}, over by {excess}",
    },
    "quota.standard_exceeded": {
        "zh": "违反标准不突破: {institution} {quota_type} 按{standard}最多 {maximum}, 已核定 {used}, 本次申请 {requested}, 超出 {excess}",
        "en": "Staffing standard violated: {institution} {quota_type} may hold at most {maximum} under {standard}, approved {used}, requested {requested}, over by {excess}",
    },
    "quota.over_quota_entry": {
        "zh": "不得超编进人: {institution} {quota_type} 核定 {total}, 在编 {used}, 本次进人 {requested}, 超出 {excess}",
        "en": "No entry beyond quota: {institution} {quota_type} approved {total}, occupied {used}, entering {requested}, over by {excess}",
    },
    "quota.leadership_exceeded": {
        "zh": "不得超职数配备: {holder} {rank} 职数 {total}, 在任 {used}, 本次配备 {requested}, 超出 {excess}",
        "en": "No appointment beyond leadership positions: {holder} {rank} approved {total}, in post {used}, appointing {requested}, over by {excess}",
    },
    "quota.misuse": {
        "zh": "不得混用编制: {institution} 属于 {category}, 不能使用 {quota_type}",
        "en": "Quota misuse: {institution} is a {category} and may not hold {quota_type}",
    },
    "quota.negative_balance": {
        "zh": "{institution} {quota_type} 核定 {total}, 在编 {used}, 本次核减 {requested} 后将低于在编人数或小于零",
        "en": "{institution} {quota_type} approved {total}, occupied {used}: reducing by {requested} would go below zero or below the persons in post",
    },
    "quota.leadership_below_used": {
        "zh": "{holder} {rank} 在任 {used}, 职数不能调整为 {total}",
        "en": "{holder} {rank} has {used} in post; its positions cannot be set to {total}",
    },
    "quota.regional_cap_below_used": {
        "zh": "{region} {quota_type} 已核定 {used}, 总量不能调整为 {total}",
        "en": "{region} {quota_type} already has {used} approved; its cap cannot be set to {total}",
    },
    "quota.institution_cap_below_used": {
        "zh": "{region} 已有限额内党政机构 {used} 个, 限额不能调整为 {total}",
        "en": "{region} already has {used} within-cap institutions; its cap cannot be set to {total}",
    },
    "quota.allocation_direct_edit": {
        "zh": "核定编制不能直接修改, 请通过编制台账登记增减",
        "en": "Approved quotas cannot be edited directly; record a ledger entry instead",
    },
    "ledger.append_only": {
        "zh": "编制台账只能追加, 不能修改或删除",
        "en": "The quota ledger is append-only; entries cannot be changed or deleted",
    },
    "ledger.zero_delta": {
        "zh": "台账增减数不能为 0",
        "en": "A ledger entry must change the quota by a non-zero amount",
    },
    "person.exit_reason_required": {
        "zh": "{person} 出编必须填写出编日期和出编原因",
        "en": "{person}: an exit needs an exit date and an exit reason",
    },
    "person.exit_fields_when_active": {
        "zh": "{person} 在编状态不能填写出编日期或出编原因",
        "en": "{person} is in post: exit date and exit reason must be empty",
    },
    "person.birth_date_contradicts_id": {
        "zh": "{person} 出生日期 {given} 与身份证号 {id_number} 不符: 身份证号中的出生日期是 {expected}",
        "en": "{person}: birth date {given} contradicts ID number {id_number}, whose birth date is {expected}",
    },
    "person.gender_contradicts_id": {
        "zh": "{person} 性别 {given} 与身份证号 {id_number} 不符: 身份证号第 17 位表示 {expected}",
        "en": "{person}: gender {given} contradicts ID number {id_number}, whose 17th digit means {expected}",
    },
    "person.dates_order": {
        "zh": "{person} 出编日期 {exit} 早于入编日期 {entry}",
        "en": "{person}: exit date {exit} is before entry date {entry}",
    },
    "person.duplicate_active": {
        "zh": "身份证号 {id_number} 已在 {institution} 在编, 一人不能同时占用两个编制",
        "en": "ID {id_number} already occupies a quota at {institution}; one person holds one quota",
    },
    "person.institution_revoked": {
        "zh": "{institution} 状态为 {status}, 不能进人",
        "en": "{institution} is {status}; no one can enter it",
    },
    "institution.cycle": {
        "zh": "{institution} 不能以自身或其下级 {parent} 为上级",
        "en": "{institution} cannot have itself or its subordinate {parent} as parent",
    },
    "institution.has_children": {
        "zh": "{institution} 仍有 {count} 个下级机构, 不能删除",
        "en": "{institution} still has {count} subordinate institutions and cannot be deleted",
    },
    "institution.in_use": {
        "zh": "{institution} 已有编制台账或人员记录, 不能删除; 请改为撤销",
        "en": "{institution} has ledger entries or persons and cannot be deleted; revoke it instead",
    },
    "institution.revoke_with_persons": {
        "zh": "{institution} 仍有在编人员 {count} 名, 不能撤销",
        "en": "{institution} still has {count} persons in post and cannot be revoked",
    },
    "institution.dates_order": {
        "zh": "{institution} 撤销日期 {end} 早于成立日期 {start}",
        "en": "{institution}: end date {end} is before start date {start}",
    },
    "institution.duplicate_name": {
        "zh": "{parent} 下已有机构 {name}",
        "en": "{parent} already has an institution named {name}",
    },
    "division.duplicate": {
        "zh": "{institution} 已有内设机构 {name}",
        "en": "{institution} already has an internal division named {name}",
    },
    "division.in_use": {
        "zh": "内设机构 {division} 仍有 {count} 名在编人员或领导职数, 不能撤销",
        "en": "Internal division {division} still has {count} persons or leadership positions and cannot be removed",
    },
    "quota.standard_below_approved": {
        "zh": "违反标准不突破: {institution} 按{standard}最多 {maximum}, 但已核定 {used}; 请先核减编制",
        "en": "Staffing standard violated: {institution} may hold at most {maximum} under {standard}, but {used} are approved; reduce the quota first",
    },
    "institution.office_only": {
        "zh": "{institution}: {field} 只能由编办通过机构编制事项办理, 单位不能直接修改",
        "en": "{institution}: {field} is decided by the staffing office through an adjustment case, not by the unit",
    },
    "three_det.append_only": {
        "zh": "三定规定按版本留存, 不能修改或删除已有版本; 请新增一个版本",
        "en": "三定 versions are kept as issued; add a new version instead of changing one",
    },
}


# The form field each refusal concerns (``app.core.messages.register_fields``):
# the page shows the message beside the first of these the form has.
FIELDS = {
    "quota.regional_cap_exceeded": ("delta", "total", "quota_type"),
    "quota.institution_cap_exceeded": ("within_cap", "total"),
    "quota.standard_exceeded": ("delta", "standard_metric", "standard"),
    "quota.over_quota_entry": ("quota_type", "institution"),
    "quota.leadership_exceeded": ("rank", "approved"),
    "quota.misuse": ("quota_type", "category"),
    "quota.negative_balance": ("delta",),
    "quota.leadership_below_used": ("approved",),
    "quota.regional_cap_below_used": ("total",),
    "quota.institution_cap_below_used": ("total",),
    "quota.standard_below_approved": ("standard_metric", "standard"),
    "ledger.zero_delta": ("delta",),
    "person.exit_reason_required": ("exit_reason", "exit_date"),
    "person.exit_fields_when_active": ("exit_date", "exit_reason"),
    "person.birth_date_contradicts_id": ("birth_date",),
    "person.gender_contradicts_id": ("gender",),
    "person.dates_order": ("exit_date",),
    "person.duplicate_active": ("id_number",),
    "person.institution_revoked": ("institution",),
    "institution.cycle": ("parent",),
    "institution.dates_order": ("revoked_on",),
    "institution.duplicate_name": ("name",),
    "division.duplicate": ("name",),
}
