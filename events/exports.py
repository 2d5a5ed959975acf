"""Participant lists for the organisers, as CSV and as Excel."""

import csv
import io

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from events.models import Registration

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def participant_rows(events):
    """The header and one row per registration (cancelled ones last)."""
    yield [
        _("Event"),
        _("Date"),
        _("Name"),
        _("Organisation or municipality"),
        _("E-mail address"),
        _("Status"),
        _("Attended"),
        _("Note"),
    ]
    registrations = (
        Registration.objects.filter(event__in=events)
        .select_related("event", "user", "user__municipality", "user__organisation")
        .order_by("event__starts_at", "event__pk", "status", "created_at", "pk")
    )
    for registration in registrations:
        person = registration.user
        yield [
            registration.event.title,
            timezone.localtime(registration.event.starts_at).strftime("%d.%m.%Y"),
            person.get_full_name() or person.email,
            str(person.affiliation or ""),
            person.email,
            registration.get_status_display(),
            _("yes") if registration.attended else _("no"),
            registration.note,
        ]


def _defused(value):
    """Spreadsheets run cells starting with = + - @ as formulas; a note
    must stay text."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def participants_csv(events):
    buffer = io.StringIO()
    buffer.write("\ufeff")  # Excel reads UTF-8 (umlauts) only with a BOM
    writer = csv.writer(buffer, delimiter=";")
    for row in participant_rows(events):
        writer.writerow([_defused(value) for value in row])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="teilnehmende.csv"'
    return response


def participants_xlsx(events):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Participants")[:31]
    for row in participant_rows(events):
        sheet.append([_defused(value) for value in row])
    for column in range(1, sheet.max_column + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 24
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = 'attachment; filename="teilnehmende.xlsx"'
    return response
