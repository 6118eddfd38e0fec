"""The extra fields' refusals, zh and en.  A value's refusal always names the field
(its label in the reader's language) so a form, an API answer and an import's dry
run say which one."""

MESSAGES = {
    # --- defining a field ---------------------------------------------------
    "extra.unknown_resource": {
        "zh": "不能给 “{resource}” 添加自定义字段; 可添加的资源: {allowed}",
        "en": "Extra fields cannot be added to “{resource}”; they can be added to: {allowed}",
    },
    "extra.bad_code": {
        "zh": "字段代码 “{code}” 无效: 以小写字母开头, 只含小写字母、数字和下划线, 最多 40 个字符",
        "en": "Field code “{code}” is not valid: it starts with a lower-case letter and has lower-case letters, "
              "digits and underscores only, at most 40 characters",
    },
    "extra.code_taken": {
        "zh": "{resource} 已有代码为 “{code}” 的自定义字段 (含已归档的)",
        "en": "{resource} already has an extra field with code “{code}” (archived ones included)",
    },
    "extra.no_label": {
        "zh": "自定义字段需要中文名称 (最多 100 个字符)",
        "en": "An extra field needs a Chinese label (at most 100 characters)",
    },
    "extra.bad_kind": {
        "zh": "字段类型 “{kind}” 无效; 可选: 文本、整数、小数、日期、字典选项、是/否",
        "en": "Field type “{kind}” is not valid; choose text, integer, decimal, date, dictionary choice or yes/no",
    },
    "extra.no_dictionary": {
        "zh": "字段 {field} 是字典选项, 须选择字典; 可选: {allowed}",
        "en": "Field {field} is a dictionary choice: pick its dictionary ({allowed})",
    },
    "extra.bad_rule": {
        "zh": "字段 {field} 的校验规则无效: {detail}",
        "en": "The validation of field {field} is not valid: {detail}",
    },
    "extra.unknown_role": {
        "zh": "没有名为 {role} 的角色",
        "en": "There is no role named {role}",
    },
    "extra.fixed": {
        "zh": "字段 {field} 的资源、代码和类型创建后不能更改 (已有数据按原类型保存); 请归档后新建字段",
        "en": "The resource, code and type of field {field} cannot change once it exists (its values are kept in "
              "that type); archive it and add a new field",
    },
    # --- writing a value ----------------------------------------------------
    "extra.not_object": {
        "zh": "extra 应为对象: 自定义字段代码 → 值",
        "en": "extra must be an object: extra field code → value",
    },
    "extra.unknown_field": {
        "zh": "{resource} 没有代码为 “{code}” 的自定义字段",
        "en": "{resource} has no extra field with code “{code}”",
    },
    "extra.not_writable": {
        "zh": "您的角色不能填写字段 {field}",
        "en": "Your role may not write field {field}",
    },
    "extra.archived": {
        "zh": "字段 {field} 已归档, 不能再填写",
        "en": "Field {field} is archived and can no longer be written",
    },
    "extra.no_row": {
        "zh": "{resource} 中没有编号为 {row} 的记录",
        "en": "{resource} has no row {row}",
    },
    "extra.required": {
        "zh": "{field} 为必填项",
        "en": "{field} is required",
    },
    "extra.not_integer": {
        "zh": "{field} 应为整数, “{value}” 不是",
        "en": "{field} must be a whole number, not “{value}”",
    },
    "extra.not_decimal": {
        "zh": "{field} 应为数字, “{value}” 不是",
        "en": "{field} must be a number, not “{value}”",
    },
    "extra.not_date": {
        "zh": "{field} 应为日期 (如 2024-03-01), “{value}” 不是",
        "en": "{field} must be a date (e.g. 2024-03-01), not “{value}”",
    },
    "extra.not_yesno": {
        "zh": "{field} 应为 是 或 否, “{value}” 不是",
        "en": "{field} must be yes or no, not “{value}”",
    },
    "extra.not_in_dictionary": {
        "zh": "{field}: “{value}” 不是字典 {dictionary} 中的代码或名称",
        "en": "{field}: “{value}” is neither a code nor a name in the dictionary {dictionary}",
    },
    "extra.too_small": {
        "zh": "{field} 不能小于 {limit}, 填写的是 {value}",
        "en": "{field} cannot be less than {limit}; {value} was given",
    },
    "extra.too_large": {
        "zh": "{field} 不能大于 {limit}, 填写的是 {value}",
        "en": "{field} cannot be more than {limit}; {value} was given",
    },
    "extra.too_short": {
        "zh": "{field} 至少 {limit} 个字符",
        "en": "{field} needs at least {limit} characters",
    },
    "extra.too_long": {
        "zh": "{field} 最多 {limit} 个字符",
        "en": "{field} has at most {limit} characters",
    },
    "extra.no_match": {
        "zh": "{field} 的格式不符合要求 ({help})",
        "en": "{field} does not have the required form ({help})",
    },
}
