"""Views and REST APIs of hearings and opinions; a per-hearing summary page."""
from __future__ import annotations

from flask import abort
from flask_appbuilder import expose, has_access
from flask_appbuilder.security.decorators import permission_name
from flask_babel import lazy_gettext as _l

from app.core.labels import COMMON, merge
from app.core.resources import Resource, choice_label, register_category, register_resources
from app.core.views import DomainModelView
from app.justification.hearings import models as m
from app.justification.hearings.labels import CATALOGUE, CHOICES
from app.office.labels import CATALOGUE as OFFICE

LABELS = merge(COMMON, OFFICE, CATALOGUE)



class HearingViewBase(DomainModelView):
    show_template = "bianzhi/justification/hearing_show.html"

    @expose("/summary/<int:pk>")
    @has_access
    @permission_name("read")
    def summary(self, pk):
        """Opinions of one hearing by source and handling."""
        from app.justification.hearings.services import hearing_summary

        item = self.datamodel.get(pk, self._base_filters)
        if item is None:
            abort(404)
        return self.render_template("bianzhi/justification/hearing_summary.html", item=item,
                                    summary=hearing_summary(item.id),
                                    source_label=choice_label(CHOICES["opinion_source"]),
                                    handling_label=choice_label(CHOICES["opinion_handling"]),
                                    handlings=[h for h in m.HANDLINGS])


HEARING_COLUMNS = ["kind", "title", "held_on", "location", "organiser", "participants", "minutes"]
OPINION_COLUMNS = ["hearing", "source_kind", "source_name", "content", "handling", "handling_note", "handled_on"]

RESOURCES: list[Resource] = [
    Resource(m.Hearing, "Hearing", _l("Hearings"), "Justification",
             ["held_on", "kind", "title", "organiser", "participant_count"], HEARING_COLUMNS, HEARING_COLUMNS,
             show_columns=HEARING_COLUMNS + ["participant_count"], search_columns=["title", "kind", "held_on"],
             order=("held_on", "desc"), choices={"kind": CHOICES["hearing_kind"]}, related=("Opinion",),
             labels={"kind": _l("Form")},  # 座谈会 / 答辩会 / 听证会
             view_base=HearingViewBase, computed=("participant_count",)),
    Resource(m.Opinion, "Opinion", _l("Opinions"), "Justification",
             ["hearing", "source_kind", "source_name", "content", "handling", "handled_on"],
             OPINION_COLUMNS, OPINION_COLUMNS,
             search_columns=["source_kind", "source_name", "content", "handling", "hearing"],
             choices={"source_kind": CHOICES["opinion_source"], "handling": CHOICES["opinion_handling"]}),
]


def register(appbuilder) -> None:
    register_category("Justification", _l("Justification"), "fa-balance-scale")
    register_resources(appbuilder, RESOURCES, LABELS)
