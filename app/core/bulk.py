"""Many rows into one table through the driver's executemany (imports, the audit chain).

No dependency on other kernel modules: the audit log and the ORM helpers both use it.
"""
from __future__ import annotations

import operator


def execute_insert(session, table, rows: list[dict]) -> None:
    """``session.execute(insert(table), rows)`` through the driver's executemany.

    SQLAlchemy builds and processes each row's parameters in Python, which for
    an import's tens of thousands of rows (persons, their audit records) cost
    more than the driver's insert; here each column's bind processor (the one
    SQLAlchemy would apply: dates as text on SQLite) runs in one tight loop.
    Every row has the keys of the first, in the same order.
    """
    if rows:
        keys = list(rows[0])
        getter = operator.itemgetter(*keys) if len(keys) > 1 else (lambda row: (row[keys[0]],))
        execute_insert_tuples(session, table, keys, list(map(getter, rows)))


def execute_insert_tuples(session, table, keys: list[str], params: list[tuple]) -> None:
    """``execute_insert`` of rows given as tuples in the order of ``keys``."""
    if not params:
        return
    conn = session.connection()
    dialect = conn.dialect
    marker = {"qmark": "?", "format": "%s", "pyformat": "%s"}.get(dialect.paramstyle)
    if marker is None:  # a driver we do not know: the general path
        from sqlalchemy import insert

        session.execute(insert(table), [dict(zip(keys, row)) for row in params])
        return
    quote = dialect.identifier_preparer.quote
    sql = (f"INSERT INTO {dialect.identifier_preparer.format_table(table)} "
           f"({', '.join(quote(table.c[k].name) for k in keys)}) VALUES ({', '.join([marker] * len(keys))})")
    processors = [table.c[k].type._cached_bind_processor(dialect) for k in keys]
    if any(processors):
        params = list(map(list, params))
        for i, process in enumerate(processors):  # column by column: most columns have none
            if process is not None:
                for param in params:
                    if param[i] is not None:
                        param[i] = process(param[i])
        params = list(map(tuple, params))
    conn.exec_driver_sql(sql, params)
