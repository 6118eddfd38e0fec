"""Refusals of the saved filters (收藏的筛选), in zh and en."""

MESSAGES = {
    "saved_filter.name_required": {"zh": "请为筛选起一个名称 (至多 100 字)",
                                   "en": "Give the filter a name (at most 100 characters)"},
    "saved_filter.name_taken": {"zh": "此列表已有名为 “{name}” 的收藏筛选",
                                "en": "This list already has a saved filter named “{name}”"},
    "saved_filter.empty": {"zh": "当前列表没有筛选条件或排序, 无可收藏",
                           "en": "The list has no filter or sort to save"},
    "saved_filter.bad_argument": {
        "zh": "收藏的筛选不能包含参数 {name} = “{value}”: 该列表不提供此筛选或排序",
        "en": "A saved filter cannot hold {name} = “{value}”: the list offers no such filter or sort"},
    "saved_filter.not_a_list": {"zh": "{view} 不是可以收藏筛选的列表", "en": "{view} is not a list whose filter can be saved"},
    "saved_filter.not_found": {"zh": "没有编号为 {id} 的收藏筛选 (或您无权查看)",
                               "en": "There is no saved filter {id} (or it is not yours to see)"},
    "saved_filter.not_owner": {"zh": "收藏筛选 “{name}” 属于他人, 只有其所有者或系统管理员可以修改或删除",
                               "en": "The saved filter “{name}” belongs to someone else: only its owner or an "
                                     "administrator may change or delete it"},
    "saved_filter.share_forbidden": {"zh": "只有系统管理员可以把收藏的筛选共享给角色",
                                     "en": "Only an administrator may share a saved filter with a role"},
    "saved_filter.unknown_role": {"zh": "没有编号为 {id} 的角色", "en": "There is no role {id}"},
}
