"""Import pages: upload (dry run), preview with a verdict per row, commit, batches.

Every import is guarded twice: the page by the ``ImportBatch`` read permission,
the list by its target resource's permission (importing persons needs
``can_write`` on ``Person``).  Office staff see every batch, anyone else only
their own.
"""
from __future__ import annotations

import io

from flask import abort, flash, jsonify, redirect, request, send_file, session, url_for
from flask_appbuilder import BaseView, expose, has_access
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from app.core.errors import DomainError
from app.core.messages import current_lang
from app.core.scoping import current_user
from app.extensions import db
from app.imports import batches, engine, jobs, specs
from app.imports.models import ImportBatch

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PAGE = 100

STATUS_LABELS = {
    "queued": _l("Queued"), "validating": _l("Validating"), "validated": _l("Validated, ready to commit"),
    "invalid": _l("Has errors"), "refused": _l("Refused"), "committed": _l("Committed"), "failed": _l("Failed"),
}
STATUS_STYLES = {"validated": "info", "committed": "success", "invalid": "warning", "refused": "danger",
                 "failed": "danger"}


class ImportView(BaseView):
    route_base = "/imports"
    class_permission_name = "ImportBatch"
    method_permission_name = {name: "read" for name in (
        "index", "upload", "template", "batch", "progress", "commit", "retry", "files")}
    base_permissions = ["can_read"]
    default_view = "index"

    # -- helpers -----------------------------------------------------------------
    def _spec(self, name: str) -> specs.ImportSpec:
        spec = specs.get(name)
        if spec is None:
            abort(404)
        if not self.appbuilder.sm.has_access(spec.permission, spec.resource):
            abort(403)
        return spec

    def _batch(self, pk: int) -> ImportBatch:
        query = batches.visible(select(ImportBatch).where(ImportBatch.id == pk), current_user())
        batch = db.session.execute(query).scalar_one_or_none()
        if batch is None:
            abort(404)
        self._spec(batch.list_name)
        return batch

    def _importable(self) -> list[specs.ImportSpec]:
        sm = self.appbuilder.sm
        return [s for s in specs.SPECS.values() if sm.has_access(s.permission, s.resource)]

    # -- pages ---------------------------------------------------------------------
    @expose("/")
    @has_access
    def index(self):
        page = request.args.get("page", "1")
        page = int(page) if page.isdigit() and 0 < int(page) < 100_000 else 1
        query = batches.visible(select(ImportBatch), current_user())
        total = db.session.execute(select(func.count()).select_from(query.subquery())).scalar_one()
        rows = db.session.execute(
            query.order_by(ImportBatch.id.desc()).offset((page - 1) * 50).limit(50)
        ).scalars().all()
        return self.render_template("bianzhi/imports/index.html", batches=rows, lists=self._importable(),
                                    specs=specs.SPECS, page=page, pages=max(1, -(-total // 50)),
                                    status_labels=STATUS_LABELS, status_styles=STATUS_STYLES)

    @expose("/<name>/", methods=["GET", "POST"])
    @has_access
    def upload(self, name):
        spec = self._spec(name)
        if request.method == "GET":
            return self.render_template("bianzhi/imports/upload.html", spec=spec)
        upload = request.files.get("file")
        if upload is None or not upload.filename:
            flash(str(_l("Choose a file to import.")), "warning")
            return redirect(url_for("ImportView.upload", name=name))
        data = upload.stream.read(batches.limits().max_bytes + 1)
        user = current_user()
        batch_id = batches.create(spec, upload.filename, data, user)
        batches.run(batch_id, len(data), user.id, batches.validate)
        return redirect(url_for("ImportView.batch", pk=batch_id))

    @expose("/<name>/template")
    @has_access
    def template(self, name):
        spec = self._spec(name)
        return send_file(io.BytesIO(spec.template()), mimetype=XLSX, as_attachment=True,
                         download_name=f"{spec.title}导入模板.xlsx")

    @expose("/batch/<int:pk>")
    @has_access
    def batch(self, pk):
        batch = self._batch(pk)
        jobs.page_served(pk)
        progress = jobs.read(pk)
        interrupted = jobs.interrupted(progress)
        running = not interrupted and (batch.status in ("queued", "validating")
                                       or bool(progress and not progress.get("finished")))
        results, errors_only = [], request.args.get("errors") == "1"
        page = request.args.get("page", "1")
        page = int(page) if page.isdigit() and 0 < int(page) < 100_000 else 1
        stored = None if running else batches.file_of(pk, "results")
        spec = specs.get(batch.list_name)
        columns = []
        if stored:
            results = engine.load_results(stored)
            columns = [(letter, header, spec.column(key) if key else None)
                       for letter, header, key in engine.load_columns(stored)]
            if errors_only:
                results = [r for r in results if not r[1]]
        pages = max(1, -(-len(results) // PAGE))
        lang = 3 if current_lang() == "en" else 2
        shown = [(r[0], r[1], r[lang]) for r in results[(page - 1) * PAGE: page * PAGE]]
        message = batch.message_en if lang == 3 and batch.message_en else batch.message
        return self.render_template(
            "bianzhi/imports/batch.html", batch=batch, spec=spec, running=running, columns=columns,
            rows=shown, page=page, pages=pages, errors_only=errors_only, message=message,
            has_report=batch.error_rows > 0, status_labels=STATUS_LABELS, status_styles=STATUS_STYLES,
            interrupted=interrupted and (progress or {}).get("phase"))

    @expose("/batch/<int:pk>/progress")
    @has_access
    def progress(self, pk):
        batch = self._batch(pk)
        state = jobs.read(pk) or {}
        if jobs.interrupted(state):  # the page reloads and offers the retry
            return jsonify(status="interrupted", percent=state.get("percent", 0), finished=True,
                           phase=state.get("phase"))
        finished = batch.status not in ("queued", "validating") and state.get("finished", True)
        return jsonify(status=batch.status, percent=100 if finished else state.get("percent", 0),
                       done=state.get("done"), total=state.get("total"), finished=finished,
                       phase=state.get("phase"))

    @expose("/batch/<int:pk>/commit", methods=["POST"])
    @has_access
    def commit(self, pk):
        batch = self._batch(pk)
        try:
            batches.check_committable(batch, request.form.get("sha256", ""))
            background = batches.run(pk, batch.size, current_user().id, batches.commit, batch.sha256)
            if not background:
                flash(str(_l("Imported %(count)s row(s).", count=batch.total_rows)), "success")
        except DomainError as err:
            flash(str(err), "danger")
        return redirect(url_for("ImportView.batch", pk=pk))

    @expose("/batch/<int:pk>/retry", methods=["POST"])
    @has_access
    def retry(self, pk):
        """Run an interrupted dry run again (an interrupted commit is retried by the commit button)."""
        batch = self._batch(pk)
        if batches.revive(pk):
            batches.run(pk, batch.size, current_user().id, batches.validate)
        return redirect(url_for("ImportView.batch", pk=pk))

    @expose("/batch/<int:pk>/file/<string:kind>")
    @has_access
    def files(self, pk, kind):
        batch = self._batch(pk)
        data = batches.file_of(pk, kind) if kind in ("original", "report") else None
        if data is None:
            abort(404)
        if kind == "report":
            name, mimetype = f"错误报告-{batch.id}.xlsx", XLSX
        else:
            name, mimetype = batch.filename, "application/octet-stream"
        return send_file(io.BytesIO(data), mimetype=mimetype, as_attachment=True, download_name=name)


def progress_without_database():
    """before_request: the uploader's poll of a running job is answered from the
    progress file alone.  On SQLite a running import holds the write lock and any
    request that touches the database waits for it; the progress bar must not."""
    if request.endpoint != "ImportView.progress":
        return None
    pk = (request.view_args or {}).get("pk")
    state = jobs.read(pk) if pk is not None else None
    owner = session.get("_user_id")
    if state and not state.get("finished") and not jobs.interrupted(state) and owner is not None and str(state.get("owner")) == str(owner):
        return jsonify(status="running", percent=state.get("percent", 0), done=state.get("done"),
                       total=state.get("total"), finished=False, phase=state.get("phase"))
    return None


def register(app, appbuilder) -> None:
    appbuilder.add_view(ImportView, "ImportBatchList", label=_l("Imports"), icon="fa-upload",
                        category="QuotaDatabase")
    app.before_request(progress_without_database)
