"""入编证明 as a PDF (issue #13 §2): the same text as the print page, drawn by
reportlab with a Chinese TrueType font embedded as a subset, so the file reads
the same on any machine, with or without Chinese fonts of its own.

The font is a file of the server (``CERTIFICATE_FONT``).  Without it there is no
PDF — a clear refusal naming the setting, never a file of empty boxes.
"""
from __future__ import annotations

import io
import os

from flask import current_app
from flask_babel import gettext as _

from app.core.errors import DomainError

FONT_NAME = "BianzhiCJK"


def _font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    path = current_app.config.get("CERTIFICATE_FONT") or ""
    if FONT_NAME not in pdfmetrics.getRegisteredFontNames():
        if not os.path.isfile(path):
            raise DomainError("staffing.certificate_font_missing", path=path or "—")
        pdfmetrics.registerFont(TTFont(FONT_NAME, path, subfontIndex=0))
    return FONT_NAME


def certificate_pdf(batch, candidates, channel_label, verify_url: str) -> bytes:
    """The certificate of an entered batch, A4, as bytes."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
    from xml.sax.saxutils import escape

    font = _font()
    body = ParagraphStyle("body", fontName=font, fontSize=11, leading=18, wordWrap="CJK")
    title = ParagraphStyle("title", parent=body, fontSize=20, leading=28, alignment=1, spaceAfter=12)
    line = batch.plan_line
    text = _("The following persons have entered the staffing quota of %(institution)s, quota type %(quota_type)s, "
             "through %(channel)s, on %(date)s, under the staffing-use plan %(plan)s (decision %(doc_no)s).",
             institution=batch.institution.name, quota_type=line.quota_type.name,
             channel=channel_label(line.channel), date=batch.entered_on, plan=line.plan.title,
             doc_no=line.plan.decision_doc_no or "—")
    rows = [["#", _("Full name"), _("ID number"), _("Post")]] + [
        [str(n), c.name, f"{c.id_number[:6]}********{c.id_number[-4:]}", c.post or ""]
        for n, c in enumerate(candidates, start=1)]
    table = Table(rows, colWidths=[12 * mm, 40 * mm, 55 * mm, 60 * mm], repeatRows=1)
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), font), ("FONTSIZE", (0, 0), (-1, -1), 10),
                               ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                               ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke)]))
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, title=f"{_('Entry certificate')} {batch.certificate_no}",
                            leftMargin=20 * mm, rightMargin=20 * mm, topMargin=20 * mm, bottomMargin=20 * mm)
    doc.build([
        Paragraph(escape(_("Entry certificate")), title),
        Paragraph(escape(f"{_('Certificate No.')}: {batch.certificate_no}"), body),
        Spacer(1, 6 * mm), Paragraph(escape(text), body), Spacer(1, 6 * mm), table, Spacer(1, 8 * mm),
        Paragraph(escape(_("Anyone can check this certificate at %(url)s with its number.", url=verify_url)), body),
        Paragraph(escape(f"{_('Issued by the municipal staffing office')} · {batch.entered_on}"), body),
    ])
    return out.getvalue()
