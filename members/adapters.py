"""How django-allauth speaks for the portal."""

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        """allauth's e-mails name the portal as the portal's own e-mails do
        (``SITE_NAME``), not by the host name of the Site object."""
        context = {"site_name": settings.SITE_NAME, "site_url": settings.SITE_URL, **context}
        return super().send_mail(template_prefix, email, context)


def user_display(user):
    """How allauth names a person: by their full name, by the e-mail address
    while they have none."""
    return user.get_full_name() or user.email
