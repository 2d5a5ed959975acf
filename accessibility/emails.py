from django.conf import settings

from asskomm.emails import send_templated_mail


def team_address():
    """Where reports of barriers go: the team's address, or the contact
    address the statement names, so that no report waits unseen."""
    return settings.TEAM_EMAIL or settings.ASSKOMM_CONTACT["email"]


def send_barrier_report_received(report):
    """The reporter's confirmation, when they gave an address."""
    if report.email:
        send_templated_mail(
            to=[report.email],
            template="accessibility/barrier_report_received",
            context={"report": report},
            language=report.language or None,
        )


def send_barrier_report_for_team(report):
    address = team_address()
    if address:
        send_templated_mail(
            to=[address],
            template="accessibility/barrier_report_for_team",
            context={"report": report},
            reply_to=[report.email] if report.email else None,
        )
