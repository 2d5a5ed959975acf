"""Participant lists for the organisers, as CSV and as Excel."""

import io

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from asskomm.csv_export import csv_response, defused
from asskomm.dates import when
from events.models import Registration

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def participant_header():
    return [
        _("Event"),
        _("Date"),
        _("Name"),
        _("Organisation or municipality"),
        _("E-mail address"),
        _("Status"),
        _("Attended"),
        _("Note"),
    ]


def participant_rows(events):
    """One row per registration, event by event."""
    registrations = (
        Registration.objects.filter(event__in=events)
        .select_related("event", "user", "user__municipality", "user__organisation")
        .order_by("event__starts_at", "event__pk", "status", "created_at", "pk")
    )
    for registration in registrations:
        person = registration.user
        yield [
            registration.event.title,
            when(registration.event.starts_at, "date"),
            person.get_full_name() or person.email,
            str(person.affiliation or ""),
            person.email,
            registration.get_status_display(),
            _("yes") if registration.attended else _("no"),
            registration.note,
        ]


def participants_csv(events):
    return csv_response(
        filename="teilnehmende.csv", header=participant_header(), rows=participant_rows(events)
    )


def participants_xlsx(events):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Participants")[:31]
    sheet.append(participant_header())
    for row in participant_rows(events):
        sheet.append([defused(value) for value in row])
    for column in range(1, sheet.max_column + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 24
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = 'attachment; filename="teilnehmende.xlsx"'
    return response
