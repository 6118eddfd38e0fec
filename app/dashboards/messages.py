"""Messages of the dashboards and the chart builder, in zh and en.

The ``dataset.*`` refusals are raised by the executor in ``app.core.datasets``
(its only reader is this domain, which registers them)."""

MESSAGES = {
    "dataset.unknown": {"zh": "没有名为 {dataset} 的数据集", "en": "There is no dataset named {dataset}"},
    "dataset.unknown_dimension": {
        "zh": "数据集 {dataset} 没有可分组的列 {column}",
        "en": "Dataset {dataset} has no column {column} to group or filter by"},
    "dataset.unknown_measure": {
        "zh": "数据集 {dataset} 没有可计算的数值列 {column}",
        "en": "Dataset {dataset} has no numeric column {column} to measure"},
    "dataset.measure_not_numeric": {
        "zh": "列 {column} 不是数值列, 不能求{aggregate}",
        "en": "Column {column} is not numeric: {aggregate} cannot be taken of it"},
    "dataset.unknown_aggregate": {
        "zh": "未知的度量方式 {aggregate} (可选 count, sum, avg)",
        "en": "Unknown measure {aggregate} (count, sum or avg)"},
    "dataset.count_takes_no_column": {
        "zh": "计数不需要数值列, 却给了 {column}", "en": "A count takes no column, but {column} was given"},
    "dataset.measure_needs_column": {
        "zh": "度量方式 {aggregate} 需要一个数值列", "en": "Measure {aggregate} needs a numeric column"},
    "dataset.unknown_bucket": {
        "zh": "未知的日期分组 {bucket} (可选 month, quarter, year)",
        "en": "Unknown date bucket {bucket} (month, quarter or year)"},
    "dataset.bucket_not_date": {
        "zh": "列 {column} 不是日期, 不能按月/季/年分组", "en": "Column {column} is not a date: it cannot be bucketed"},
    "dataset.split_same": {
        "zh": "分系列的列 {column} 与分组列相同", "en": "The series column {column} is the grouping column itself"},
    "dataset.split_date": {
        "zh": "分系列的列 {column} 是日期, 不能作系列", "en": "The series column {column} is a date and cannot split series"},
    "dataset.unknown_operator": {
        "zh": "未知的筛选运算符 {operator} (可选 =, !=, >=, <=)",
        "en": "Unknown filter operator {operator} (=, !=, >= or <=)"},
    "dataset.filter_not_number": {
        "zh": "筛选列 {column} 需要整数, 却是 {value}", "en": "Filter on {column} needs a whole number, not {value}"},
    "dataset.filter_not_date": {
        "zh": "筛选列 {column} 需要日期 (如 2026-01-31), 却是 {value}",
        "en": "Filter on {column} needs a date (e.g. 2026-01-31), not {value}"},
    "dataset.unknown_sort": {
        "zh": "未知的排序 {sort} (可选 key, value, -value)", "en": "Unknown sort {sort} (key, value or -value)"},
    "dataset.limit_range": {
        "zh": "显示条数 {limit} 超出范围 (1 至 500)", "en": "Row limit {limit} is out of range (1 to 500)"},
    "chart.name_required": {"zh": "图表需要名称", "en": "A chart needs a name"},
    "chart.unknown_type": {
        "zh": "未知的图表类型 {chart_type}", "en": "Unknown chart type {chart_type}"},
    "chart.filter_syntax": {
        "zh": "筛选条件第 {line} 行无法识别: {text} (格式: 列 运算符 值, 如 status = active)",
        "en": "Filter line {line} is not understood: {text} (write: column operator value, e.g. status = active)"},
    "chart.split_needs_stack": {
        "zh": "分系列只适用于堆叠柱状图或表格, 不适用于 {chart_type}",
        "en": "A series column needs a stacked bar or a table, not {chart_type}"},
    "chart.stack_needs_split": {
        "zh": "堆叠柱状图需要一个分系列的列", "en": "A stacked bar chart needs a series column"},
    "chart.not_found": {"zh": "图表 {chart} 不存在", "en": "Chart {chart} does not exist"},
    "dashboard.name_required": {"zh": "仪表盘需要名称", "en": "A dashboard needs a name"},
}
