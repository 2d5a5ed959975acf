"""Sending the portal's e-mails: one template pair per message, rendered in
the recipient's language.

``EMAIL_BACKEND`` is django-mailer's queue in the database, so "sending"
writes a row: call these inside the transaction of the action the e-mail
tells of, and the e-mail is kept exactly when the action is
(``asskomm.mail_queue`` delivers it).
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation


def send_templated_mail(
    *, to, template, context=None, language=None, attachments=(), reply_to=None, headers=None
):
    """Renders ``emails/<template>_subject.txt`` and ``emails/<template>_body.txt``
    in ``language`` and sends them to the addresses in ``to``.

    ``attachments`` are ``(filename, content, mimetype)`` triples.
    """
    context = {"site_url": settings.SITE_URL, "site_name": settings.SITE_NAME, **(context or {})}
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"emails/{template}_subject.txt", context)
        body = render_to_string(f"emails/{template}_body.txt", context)
    message = EmailMessage(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=list(to),
        reply_to=reply_to,
        headers=headers,
    )
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    message.send()
    return message


def send_to_user(*, user, template, context=None, attachments=(), headers=None):
    """Sends a templated e-mail to one person, in the language they prefer."""
    return send_templated_mail(
        to=[user.email],
        template=template,
        context={"recipient": user, **(context or {})},
        language=user.preferred_language,
        attachments=attachments,
        headers=headers,
    )
