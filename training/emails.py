"""The e-mails of training, each in the recipient's language."""

from asskomm.emails import send_to_user


def send_application_received(application):
    _send(application, "training/application_received")


def send_application_updated(application):
    _send(application, "training/application_updated")


def send_status_change(application, *, template, waitlist_position=None):
    """Tells the applicant their application's new status."""
    _send(application, template, waitlist_position=waitlist_position)


def send_completion(application):
    _send(application, "training/completed")


def _send(application, template, **context):
    send_to_user(
        user=application.applicant,
        template=template,
        context={"application": application, "cohort": application.cohort, **context},
    )
