"""The view configurations' refusals, zh and en."""

MESSAGES = {
    "view_config.unknown_resource": {
        "zh": "没有名为 {resource} 的资源",
        "en": "There is no resource named {resource}",
    },
    "view_config.unknown_role": {
        "zh": "没有名为 {role} 的角色",
        "en": "There is no role named {role}",
    },
    "view_config.not_a_column": {
        "zh": "{resource} 没有列 “{column}”: 视图配置只能选用该资源自身的列 ({allowed})",
        "en": "{resource} has no column “{column}”: a view configuration chooses among the resource's own "
              "columns only ({allowed})",
    },
    "view_config.duplicate_column": {
        "zh": "列 {column} 选了两次",
        "en": "Column {column} is chosen twice",
    },
    "view_config.not_searchable": {
        "zh": "{resource} 的列 {column} 不能用于搜索或筛选; 可用于搜索的列: {allowed}",
        "en": "{resource}: column {column} cannot be searched or filtered; the searchable columns are {allowed}",
    },
    "view_config.not_sortable": {
        "zh": "{resource} 不能按列 {column} 排序",
        "en": "{resource} cannot be sorted by column {column}",
    },
    "view_config.masked": {
        "zh": "角色 {role} 看到的{column}是掩码, 不能按它排序、筛选或搜索 (那样会泄露被遮住的数字)",
        "en": "Role {role} sees the {column} masked; it cannot sort, filter or search by it (that would reveal "
              "the hidden digits)",
    },
    "view_config.bad_filter": {
        "zh": "默认筛选无效: 列 {column} 没有筛选方式 {operation}, 或值 “{value}” 不符合该列的类型",
        "en": "Invalid default filter: column {column} has no filter {operation}, or the value “{value}” does not "
              "fit the column's type",
    },
    "view_config.bad_page_size": {
        "zh": "每页行数 {value} 无效: 应为 1 至 {limit} 的整数",
        "en": "Page size {value} is not valid: it must be a whole number from 1 to {limit}",
    },
    "view_config.bad_label": {
        "zh": "列 {column} 的标签过长 (最多 {limit} 个字符)",
        "en": "The label of column {column} is too long (at most {limit} characters)",
    },
}
