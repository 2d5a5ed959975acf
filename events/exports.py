"""Participant lists for the organisers, as CSV and as Excel."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from asskomm.csv_export import Column, csv_response, day, xlsx_response
from events.models import Registration

PARTICIPANT_COLUMNS = [
    Column(_("Event"), lambda registration: registration.event.title),
    Column(_("Date"), lambda registration: day(registration.event.starts_at)),
    Column(_("Name"), lambda registration: registration.person_name),
    Column(_("Organisation or municipality"), lambda registration: registration.affiliation),
    Column(_("E-mail address"), lambda registration: registration.email_address),
    Column(_("Status"), lambda registration: registration.get_status_display()),
    Column(
        _("Attended"),
        lambda registration: gettext("yes") if registration.attended else gettext("no"),
    ),
    Column(_("Note"), lambda registration: registration.note),
    # Last, so that the columns staff's spreadsheets know keep their places.
    Column(_("Registered as"), lambda registration: registration.kind_label),
]


def participants(events):
    """One registration per row, event by event; members and guests, but
    not guests who have yet to confirm their address."""
    return (
        Registration.objects.filter(event__in=events)
        .exclude(status=Registration.Status.PENDING)
        .select_related("event", "user", "user__municipality", "user__organisation")
        .order_by("event__starts_at", "event__pk", "status", "created_at", "pk")
    )


def participants_csv(events):
    return csv_response(
        filename="teilnehmende.csv", columns=PARTICIPANT_COLUMNS, objects=participants(events)
    )


def participants_xlsx(events):
    return xlsx_response(
        filename="teilnehmende.xlsx",
        sheet_title=_("Participants"),
        columns=PARTICIPANT_COLUMNS,
        objects=participants(events),
    )
