"""Attendance certificates (Teilnahmebescheinigungen) as PDF, always in
German (see ``asskomm.pdf``): for people whose attendance staff marked, once
the event is over (``events.models.attendances``)."""

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from asskomm.dates import when
from asskomm.pdf import LANGUAGE, Line, certificate_pdf

# Who runs the network and issues the certificates; a name, not translated.
ISSUER = "Landespräventionsrat Sachsen · Allianz Sichere Sächsische Kommunen (ASSKomm)"
DEFAULT_ORGANISER = "Landespräventionsrat Sachsen (LPR)"


def certificate_filename(registration):
    return f"teilnahmebescheinigung-{registration.event.slug}.pdf"


def certificate_number(registration):
    return f"V{registration.event_id}-{registration.pk}"


def _dates(event):
    starts, ends = timezone.localtime(event.starts_at), timezone.localtime(event.ends_at)
    if starts.date() == ends.date():
        return _("%(date)s, %(start)s to %(end)s") % {
            "date": when(starts.date()),
            "start": when(starts, "time"),
            "end": when(ends, "time"),
        }
    return _("from %(start)s to %(end)s") % {
        "start": when(starts.date()),
        "end": when(ends.date()),
    }


def _place(event):
    parts = [event.venue_name, event.address_line] if event.venue_name else []
    if event.online_url:
        parts.append(_("online"))
    return ", ".join(part for part in parts if part)


def render_certificate(registration, *, today=None):
    """The attendance certificate of ``registration`` as PDF bytes."""
    event = registration.event
    person = registration.user
    with translation.override(LANGUAGE):
        name = person.get_full_name() or person.email
        heading = _("Certificate of attendance")
        lines = [
            Line(ISSUER, 11, gap=22),
            Line(heading, 28, bold=True, gap=16),
            Line(_("This is to confirm that"), 12, gap=8),
            Line(name, 22, bold=True, gap=8),
            Line(_("took part in the following event:"), 12, gap=10),
            Line(event.title, 18, bold=True, gap=6),
            Line(str(event.get_kind_display()), 12, gap=10),
            Line(_dates(event), 12, gap=4),
            Line(_place(event), 12, gap=4),
            Line(
                _("Organiser: %(organiser)s")
                % {"organiser": str(event.organiser or DEFAULT_ORGANISER)},
                12,
                gap=30,
            ),
            Line(
                _("Issued on %(date)s through the ASSKomm portal.")
                % {"date": when(today or timezone.localdate())},
                10,
                gap=2,
            ),
            Line(_("This certificate was made electronically and is valid without signature."), 9),
            Line(
                _("Attendance certificate no. %(number)s")
                % {"number": certificate_number(registration)},
                9,
            ),
        ]
    return certificate_pdf(lines, title=f"{heading}: {name}", author=DEFAULT_ORGANISER)
