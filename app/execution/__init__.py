"""执行 — execution (SPEC §4): power and responsibility lists (权责清单), annual
staffing-use plans and entry filing (用编进人), legal-person registration and
codes (赋码登记).

A home, not a domain: each part is a sub-package with its own ``init_app``
(``app.execution.power_lists``, ``app.execution.staffing_use``,
``app.execution.registration``), added to the domain list in ``app/__init__.py``.
"""
