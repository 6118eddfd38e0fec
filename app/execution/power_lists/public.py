"""The anonymous public page of the published lists (no login, nothing but
published snapshots): departments, search by name / code / type over each
department's latest snapshot, a department's list on any published date, and
an item with its responsibility items and accountability cases."""
from __future__ import annotations

import json

from flask import abort, request
from flask_appbuilder import BaseView, expose
from sqlalchemy import func, or_, select

from app.extensions import db
from app.execution.power_lists import search_index
from app.execution.power_lists.models import PowerSnapshot, PowerSnapshotItem, PowerType
from app.quota.models import Institution

PAGE = 50
MAX_ID = 2**63 - 1


def latest_ids():
    return select(func.max(PowerSnapshot.id)).group_by(PowerSnapshot.institution_id)


def published_departments() -> list:
    return db.session.execute(
        select(PowerSnapshot.id, PowerSnapshot.institution_id, Institution.name, PowerSnapshot.published_on,
               PowerSnapshot.item_count)
        .join(Institution, Institution.id == PowerSnapshot.institution_id)
        .where(PowerSnapshot.id.in_(latest_ids())).order_by(Institution.path, Institution.id)).all()


def search(q: str, type_code: str | None, limit: int = PAGE, *, use_index: bool = True) -> list:
    """Items of the latest snapshots whose name contains ``q`` or whose code starts with it.
    ``use_index=False``: the plain LIKE scan (the benchmark's baseline)."""
    stmt = (select(PowerSnapshotItem.id, PowerSnapshotItem.code, PowerSnapshotItem.name, PowerSnapshotItem.type_code,
                   Institution.name.label("department"))
            .join(PowerSnapshot, PowerSnapshot.id == PowerSnapshotItem.snapshot_id)
            .join(Institution, Institution.id == PowerSnapshot.institution_id)
            .where(PowerSnapshotItem.snapshot_id.in_(latest_ids())))
    order = PowerSnapshotItem.id
    if q:
        # The LIKE conditions are the answer; the text index (search_index) only
        # narrows the rows they are tested on, so both paths give the same rows.
        stmt = stmt.where(or_(PowerSnapshotItem.name.contains(q, autoescape=True),
                              PowerSnapshotItem.code.startswith(q, autoescape=True)))
        index = search_index.matching(db.session, q) if use_index else None
        if index is not None:
            hits, match = index
            # Driven by the index's matches, in rowid (= item id) order, which the
            # index gives already sorted: the join stops at the page's last row.
            stmt = stmt.join(hits, hits.c.rowid == PowerSnapshotItem.id).where(match)
            order = hits.c.rowid
    if type_code:
        stmt = stmt.where(PowerSnapshotItem.type_code == type_code)
    # In publication order (the primary key): the scan stops at the first ``limit``
    # matches instead of sorting every match of a common word.
    return db.session.execute(stmt.order_by(order).limit(limit)).all()


def _types() -> dict[str, str]:
    return dict(db.session.execute(select(PowerType.code, PowerType.name).order_by(PowerType.code)).all())


def _int_arg(name: str, default: int | None = None) -> int | None:
    value = request.args.get(name, "")
    return int(value) if value.isdigit() and 0 < int(value) <= MAX_ID else default


class PowerPublicView(BaseView):
    route_base = "/powerlist"
    default_view = "index"

    @expose("/")
    def index(self):
        q = (request.args.get("q") or "").strip()[:100]
        types = _types()
        type_code = request.args.get("type") if request.args.get("type") in types else None
        results = search(q, type_code) if (q or type_code) else None
        # A search shows its results; the list of departments is the start page's.
        departments = published_departments() if results is None else []
        return self.render_template("bianzhi/power_lists/public_index.html", departments=departments,
                                    q=q, type_code=type_code, types=types, results=results)

    @expose("/dept/<int:institution_id>")
    def department(self, institution_id):
        if institution_id > MAX_ID:
            abort(404)
        snapshots = db.session.execute(select(PowerSnapshot).where(PowerSnapshot.institution_id == institution_id)
                                       .order_by(PowerSnapshot.id.desc())).scalars().all()
        if not snapshots:
            abort(404)
        chosen = _int_arg("snapshot")
        snap = next((s for s in snapshots if s.id == chosen), snapshots[0])
        page = _int_arg("page", 1)
        items = db.session.execute(
            select(PowerSnapshotItem.id, PowerSnapshotItem.code, PowerSnapshotItem.name, PowerSnapshotItem.type_code)
            .where(PowerSnapshotItem.snapshot_id == snap.id).order_by(PowerSnapshotItem.seq)
            .offset((page - 1) * PAGE).limit(PAGE)).all()
        return self.render_template("bianzhi/power_lists/public_dept.html", snap=snap, snapshots=snapshots,
                                    items=items, page=page, pages=max(1, -(-snap.item_count // PAGE)),
                                    types=_types())

    @expose("/item/<int:item_id>")
    def item(self, item_id):
        row = db.session.get(PowerSnapshotItem, item_id) if item_id <= MAX_ID else None
        if row is None:
            abort(404)
        snap = db.session.get(PowerSnapshot, row.snapshot_id)
        return self.render_template("bianzhi/power_lists/public_item.html", item=json.loads(row.detail), snap=snap,
                                    types=_types())
