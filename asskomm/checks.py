"""System checks for what an operator must set before going live."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Warning, register

LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}


@register(deploy=True)
def site_url_is_public(app_configs, **kwargs):
    """E-mails sent by commands (reminders, offers) link to SITE_URL: a
    development address there sends people to their own computer."""
    if urlsplit(settings.SITE_URL).hostname in LOCAL_HOSTS:
        return [
            Warning(
                f"SITE_URL is {settings.SITE_URL}: links in e-mails sent by commands "
                "would point there.",
                hint="Set SITE_URL to the portal's public address, e.g. "
                "https://asskomm.example.org.",
                id="asskomm.W001",
            )
        ]
    return []
