"""The reports of barriers in a person's data (see ``members.privacy``).

Reports need no account; those sent with the address of an account belong
to its person's data. Answered reports expire after the retention period."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accessibility.models import BarrierReport
from members.privacy import PersonalData, entry, retention_cutoff


def _reports_of(user):
    return BarrierReport.objects.filter(email__iexact=user.email) if user.email else []


def export(user):
    return [
        entry(
            report,
            ["page", "description", "name", "email", "received_at", "status", "answered_at"],
            title=_("Report of a barrier"),
        )
        for report in _reports_of(user)
    ]


def erase(user, now):
    """The report stays, for the team's work on the barrier; who sent it goes."""
    if user.email:
        BarrierReport.objects.filter(email__iexact=user.email).update(name="", email="")


def purge(now):
    count, _deleted = BarrierReport.objects.filter(
        status=BarrierReport.Status.ANSWERED,
        answered_at__lt=retention_cutoff(now, "barrier_reports_days"),
    ).delete()
    return {_("answered reports of barriers"): count}


SECTION = PersonalData(
    key="accessibility",
    title=gettext_lazy("Reports of barriers"),
    export=export,
    erase=erase,
    purge=purge,
    order=90,
)
