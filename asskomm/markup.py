"""Text staff write as HTML (the Impressum, the Datenschutzerklärung):
reduced to a small set of harmless markup before anyone sees it."""

import re

import nh3
from django.utils.html import escape
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


URL = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)
TRAILING = ".,;:!?)]}"


def linkify(text):
    """Plain text people wrote, as HTML: everything escaped, web addresses
    made clickable (``rel="nofollow noopener"``), line breaks kept. No HTML
    from a member ever reaches a page unescaped."""
    parts = []
    position = 0
    for match in URL.finditer(text or ""):
        url = match.group(0).rstrip(TRAILING)
        end = match.start() + len(url)
        parts.append(escape(text[position : match.start()]))
        parts.append(f'<a href="{escape(url)}" rel="nofollow noopener">{escape(url)}</a>')
        position = end
    parts.append(escape((text or "")[position:]))
    html = "".join(parts).replace("\r\n", "\n").replace("\n", "<br>\n")
    return mark_safe(html)  # noqa: S308 - every piece is escaped above
