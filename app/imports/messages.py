"""Messages of the import engine, in both languages (same catalogue as the domains)."""

MESSAGES = {
    # --- refusals of a whole file -------------------------------------------
    "import.too_large": {
        "zh": "文件 {size} 字节, 超过上限 {limit} 字节",
        "en": "The file has {size} bytes; the limit is {limit} bytes",
    },
    "import.too_many_rows": {
        "zh": "文件数据行超过上限 {limit} 行, 请拆分后分批导入",
        "en": "The file has more than {limit} data rows; split it and import the parts",
    },
    "import.empty": {
        "zh": "文件中没有数据行",
        "en": "The file holds no data rows",
    },
    "import.unknown_type": {
        "zh": "文件 {filename} 的类型不受支持: 只接受 .xlsx 和 .csv",
        "en": "{filename}: unsupported file type; only .xlsx and .csv are accepted",
    },
    "import.not_what_name_says": {
        "zh": "文件 {filename} 的内容不是 {expected} 格式 (实为 {actual}), 拒绝导入",
        "en": "{filename} is not a {expected} file (its content is {actual}); refused",
    },
    "import.old_xls": {
        "zh": "文件 {filename} 是旧版 Excel 97-2003 (.xls) 格式, 请另存为 .xlsx 后再导入",
        "en": "{filename} is an Excel 97-2003 (.xls) workbook; save it as .xlsx and import again",
    },
    "import.bad_zip": {
        "zh": "文件 {filename} 不是完整的 xlsx 文件 (压缩包损坏或不完整)",
        "en": "{filename} is not a complete xlsx file (broken or truncated archive)",
    },
    "import.zip_entries": {
        "zh": "xlsx 文件包含 {count} 个压缩条目, 超过上限 {limit}, 疑似压缩炸弹, 拒绝解析",
        "en": "The xlsx file has {count} archive entries (limit {limit}): a possible zip bomb; not parsed",
    },
    "import.zip_size": {
        "zh": "xlsx 文件解压后共 {size} 字节, 超过上限 {limit} 字节, 疑似压缩炸弹, 拒绝解析",
        "en": "The xlsx file unpacks to {size} bytes (limit {limit}): a possible zip bomb; not parsed",
    },
    "import.zip_ratio": {
        "zh": "xlsx 文件中的 {entry} 压缩比为 {ratio}:1, 超过上限 {limit}:1, 疑似压缩炸弹, 拒绝解析",
        "en": "{entry} in the xlsx file has a compression ratio of {ratio}:1 (limit {limit}:1): a possible zip bomb; not parsed",
    },
    "import.xml_dtd": {
        "zh": "xlsx 文件中的 {entry} 含有 DTD/实体声明 (可能是 XML 炸弹), 拒绝解析",
        "en": "{entry} in the xlsx file declares a DTD or entities (a possible XML bomb); not parsed",
    },
    "import.not_xlsx": {
        "zh": "文件 {filename} 是压缩包但不是 xlsx 工作簿",
        "en": "{filename} is an archive but not an xlsx workbook",
    },
    "import.unreadable": {
        "zh": "无法读取文件 {filename}: {detail}",
        "en": "Cannot read {filename}: {detail}",
    },
    "import.encoding": {
        "zh": "无法识别 CSV 文件的编码: 只接受 UTF-8 (可带 BOM) 和 GBK/GB18030",
        "en": "Unknown CSV encoding: only UTF-8 (with or without BOM) and GBK/GB18030 are accepted",
    },
    "import.binary_csv": {
        "zh": "文件 {filename} 含有二进制内容, 不是文本 CSV 文件",
        "en": "{filename} contains binary data; it is not a text CSV file",
    },
    "import.no_header": {
        "zh": "在前 {rows} 行中找不到表头; 必需的列: {required}",
        "en": "No header row in the first {rows} rows; required columns: {required}",
    },
    "import.missing_columns": {
        "zh": "缺少必需的列: {columns}",
        "en": "Required columns are missing: {columns}",
    },
    "import.duplicate_column": {
        "zh": "列 {column} 出现了不止一次",
        "en": "Column {column} appears more than once",
    },
    "import.synonym_twice": {
        "zh": "列 {column} 与列 {first} 是同一项信息 (同义表头), 请只保留一列",
        "en": "Columns {column} and {first} hold the same information (synonymous headers); keep one of them",
    },
    "import.already_imported": {
        "zh": "同一文件 (SHA-256 {sha256}) 已于 {when} 由 {who} 导入 (批次 {batch}), 不能重复导入",
        "en": "This file (SHA-256 {sha256}) was already imported on {when} by {who} (batch {batch}); it cannot be imported twice",
    },
    # --- commit refusals ------------------------------------------------------
    "import.not_validated": {
        "zh": "批次 {batch} 的状态为 {status}, 只有校验通过且没有错误行的批次才能提交",
        "en": "Batch {batch} is {status}; only a validated batch without errors can be committed",
    },
    "import.hash_mismatch": {
        "zh": "文件自校验以来已被修改 (校验时 SHA-256 {expected}, 现为 {actual}), 拒绝提交; 请重新校验",
        "en": "The file changed since it was validated (SHA-256 {expected} then, {actual} now); refused, validate it again",
    },
    "import.commit_row_failed": {
        "zh": "提交失败, 全部未导入: 第 {row} 行 {reason}",
        "en": "Commit failed and nothing was imported: row {row}: {reason}",
    },
    "import.interrupted": {
        "zh": "导入过程意外中断: {detail}",
        "en": "The import stopped unexpectedly: {detail}",
    },
    # --- row verdicts -----------------------------------------------------------
    "import.row.required": {
        "zh": "{column} 为必填项",
        "en": "{column} is required",
    },
    "import.row.bad_int": {
        "zh": "{column} 的值 {value} 不是整数",
        "en": "{column}: {value} is not a whole number",
    },
    "import.row.bad_date": {
        "zh": "{column} 的值 {value} 不是可识别的日期 (如 2024-03-01, 2024/3/1, 2024年3月1日, 20240301)",
        "en": "{column}: {value} is not a recognisable date (e.g. 2024-03-01, 2024/3/1, 2024年3月1日, 20240301)",
    },
    "import.row.bad_bool": {
        "zh": "{column} 的值 {value} 无效, 请填 是 或 否",
        "en": "{column}: {value} is not valid; use 是 (yes) or 否 (no)",
    },
    "import.row.choice": {
        "zh": "{column} 的值 {value} 无效, 可选: {allowed}",
        "en": "{column}: {value} is not allowed; allowed: {allowed}",
    },
    "import.row.unknown_ref": {
        "zh": "{column} {value} 不存在",
        "en": "{column} {value} does not exist",
    },
    "import.row.ambiguous_ref": {
        "zh": "{column} {value} 有 {count} 个同名记录, 请改用代码 (如统一社会信用代码)",
        "en": "{column} {value} matches {count} records; use its code instead (e.g. the USCC)",
    },
    "import.row.duplicate": {
        "zh": "与第 {first} 行重复 ({value})",
        "en": "Duplicate of row {first} ({value})",
    },
    "import.row.exit_elsewhere": {
        "zh": "身份证号 {id_number} 在 {actual} 在编, 不在 {named}; 不能在此出编",
        "en": "ID {id_number} is in post at {actual}, not at {named}; it cannot exit here",
    },
    "import.row.integrity": {
        "zh": "数据违反数据库约束: {detail}",
        "en": "The row breaks a database rule: {detail}",
    },
    "import.row.numeric_code_lost": {
        "zh": "第 {row} 行 {column} 是数字单元格 ({value}): Excel 只保留 15 位有效数字, 后面的数字已丢失, 系统不会补全或猜测; "
              "请把该列设为文本格式, 重新录入号码后再导入",
        "en": "Row {row}: {column} is a numeric cell ({value}); Excel keeps only 15 significant digits, so the "
              "last digits are lost and will not be guessed; format the column as text, type the number again "
              "and import again",
    },
    "import.row.numeric_code": {
        "zh": "第 {row} 行 {column} 是数字单元格 ({value}), 不是文本; 号码必须按文本录入, 请把该列设为文本格式后重新导入",
        "en": "Row {row}: {column} is a numeric cell ({value}), not text; the number must be entered as text: "
              "format the column as text and import again",
    },
    "import.row.unknown_ref_hint": {
        "zh": "{column} {value} 不存在; 相近的有: {candidates}, 请写出完整名称",
        "en": "{column} {value} does not exist; did you mean one of: {candidates}? Write the full name",
    },
    "import.row.disagree": {
        "zh": "{column} {value} 与 {other_column} {other_value} 不一致 (两列指的不是同一条记录), 请核对后重新导入",
        "en": "{column} {value} and {other_column} {other_value} disagree (they name different records); "
              "check both and import again",
    },
    # --- what an accepted row will do ----------------------------------------
    "import.ok.create": {"zh": "新增", "en": "create"},
    "import.ok.update": {"zh": "更新", "en": "update"},
    "import.ok.exit": {"zh": "出编", "en": "exit"},

}
