"""Plain text members write: escaped, web addresses made clickable, line
breaks kept. No HTML from a member ever reaches the page unescaped."""

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()

URL = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)
TRAILING = ".,;:!?)]}"


@register.filter
def linkify(text):
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
