"""Text staff write as HTML (the Impressum, the Datenschutzerklärung):
reduced to a small set of harmless markup before anyone sees it."""

import nh3
from django.utils.safestring import mark_safe

ALLOWED_TAGS = {
    "p",
    "h2",
    "h3",
    "ul",
    "ol",
    "li",
    "a",
    "strong",
    "em",
    "br",
    "table",
    "caption",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href"}, "th": {"scope"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def clean_html(text):
    """``text`` without scripts, event handlers, styles or any tag outside
    ``ALLOWED_TAGS``; links keep only their address (http, https, mailto,
    tel or relative)."""
    return nh3.clean(
        text or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


def safe_markup(text):
    """The cleaned text, ready for a template."""
    return mark_safe(clean_html(text))  # noqa: S308 - cleaned by nh3 just above
