"""Labels and choice lists of hearings and opinions (English msgids; Chinese comes from
app/translations), merged per resource by the views (``app.core.labels``)."""
from flask_babel import lazy_gettext as _l

from app.core.labels import Catalogue

LABELS = {
    "held_on": _l("Held on"), "location": _l("Location"), "organiser": _l("Organising division"),
    "participants": _l("Participants (one per line)"), "participant_count": _l("Participants"),
    "minutes": _l("Minutes"), "hearing": _l("Hearing"), "source_kind": _l("Source"), "source_name": _l("Raised by"),
    "content": _l("Opinion"), "handling": _l("Handling"), "handling_note": _l("Handling note"),
    "handled_on": _l("Handled on"),
}
CHOICES = {
    "hearing_kind": [("forum", _l("Forum")), ("defence", _l("Defence hearing")),
                     ("public_hearing", _l("Public hearing"))],
    "opinion_source": [("city_leader", _l("City leader")), ("department", _l("Department")),
                       ("district", _l("District")), ("npc", _l("People's congress")),
                       ("cppcc", _l("CPPCC")), ("expert", _l("Expert")), ("mayor_mailbox", _l("Mayor's mailbox")),
                       ("hotline", _l("Government hotline")), ("conduct_online", _l("Conduct online"))],
    "opinion_handling": [("pending", _l("Pending")), ("adopted", _l("Adopted")),
                         ("partly_adopted", _l("Partly adopted")), ("not_adopted", _l("Not adopted"))],
}
CATALOGUE = Catalogue("app.justification.hearings", LABELS, CHOICES)
