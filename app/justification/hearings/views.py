"""Views and REST APIs of hearings and opinions; a per-hearing summary page."""
from __future__ import annotations

from flask import abort
from flask_appbuilder import expose, has_access
from flask_appbuilder.security.decorators import permission_name
from flask_babel import lazy_gettext as _l

from app.core.resources import CATEGORIES, CHOICES, LABELS, Resource, choice_label, register_resources
from app.core.views import DomainModelView
from app.justification.hearings import models as m

LABELS.update({
    "kind": _l("Form"), "title": _l("Title"), "held_on": _l("Held on"), "location": _l("Location"),
    "organiser": _l("Organising division"), "participants": _l("Participants (one per line)"),
    "participant_count": _l("Participants"), "minutes": _l("Minutes"), "hearing": _l("Hearing"),
    "source_kind": _l("Source"), "source_name": _l("Raised by"), "content": _l("Opinion"),
    "handling": _l("Handling"), "handling_note": _l("Handling note"), "handled_on": _l("Handled on"),
})
CHOICES.update({
    "hearing_kind": [("forum", _l("Forum")), ("defence", _l("Defence hearing")),
                     ("public_hearing", _l("Public hearing"))],
    "opinion_source": [("city_leader", _l("City leader")), ("department", _l("Department")),
                       ("district", _l("District")), ("npc", _l("People's congress")),
                       ("cppcc", _l("CPPCC")), ("expert", _l("Expert")), ("mayor_mailbox", _l("Mayor's mailbox")),
                       ("hotline", _l("Government hotline")), ("conduct_online", _l("Conduct online"))],
    "opinion_handling": [("pending", _l("Pending")), ("adopted", _l("Adopted")),
                         ("partly_adopted", _l("Partly adopted")), ("not_adopted", _l("Not adopted"))],
})
CATEGORIES.setdefault("Justification", (_l("Justification"), "fa-balance-scale"))


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
                                    summary=hearing_summary(item.id), source_label=choice_label("opinion_source"),
                                    handling_label=choice_label("opinion_handling"),
                                    handlings=[h for h in m.HANDLINGS])


HEARING_COLUMNS = ["kind", "title", "held_on", "location", "organiser", "participants", "minutes"]
OPINION_COLUMNS = ["hearing", "source_kind", "source_name", "content", "handling", "handling_note", "handled_on"]

RESOURCES: list[Resource] = [
    Resource(m.Hearing, "Hearing", _l("Hearings"), "Justification",
             ["held_on", "kind", "title", "organiser", "participant_count"], HEARING_COLUMNS, HEARING_COLUMNS,
             show_columns=HEARING_COLUMNS + ["participant_count"], search_columns=["title", "kind", "held_on"],
             order=("held_on", "desc"), choices={"kind": "hearing_kind"}, related=("Opinion",),
             view_base=HearingViewBase, computed=("participant_count",)),
    Resource(m.Opinion, "Opinion", _l("Opinions"), "Justification",
             ["hearing", "source_kind", "source_name", "content", "handling", "handled_on"],
             OPINION_COLUMNS, OPINION_COLUMNS,
             search_columns=["source_kind", "source_name", "content", "handling", "hearing"],
             choices={"source_kind": "opinion_source", "handling": "opinion_handling"}),
]


def register(appbuilder) -> None:
    register_resources(appbuilder, RESOURCES)
