"""The rules of reports of barriers: taking one in, answering it."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accessibility import emails
from accessibility.models import BarrierReport


@transaction.atomic
def report_barrier(*, page, description, name="", email="", language="", now=None):
    """Stores a report and tells the team; the reporter gets a confirmation
    when they gave an address. Returns the report."""
    report = BarrierReport.objects.create(
        page=page.strip(),
        description=description.strip(),
        name=" ".join(name.split()),
        email=email.strip(),
        language=language if language in dict(settings.LANGUAGES) else "",
        received_at=now or timezone.now(),
    )
    emails.send_barrier_report_received(report)
    emails.send_barrier_report_for_team(report)
    return report


def set_status(*, report, status, now=None):
    """Marks a report answered (with the moment) or open again. Does not
    save; the caller saves with its other changes."""
    report.status = status
    if status == BarrierReport.Status.ANSWERED:
        report.answered_at = report.answered_at or now or timezone.now()
    else:
        report.answered_at = None
    return report


def mark_answered(*, reports, now=None):
    """Marks the open ones of ``reports`` answered; returns how many."""
    return reports.filter(status=BarrierReport.Status.OPEN).update(
        status=BarrierReport.Status.ANSWERED, answered_at=now or timezone.now()
    )
