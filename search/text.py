"""Text as the search stores, reads and shows it."""

import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import mark_safe

MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 10
MIN_QUERY_LENGTH = 2

# Private-use characters mark the matches in snippets until the snippet is
# escaped; stored text never contains them.
MARK_START = "\ue000"
MARK_END = "\ue001"

_UNWANTED = re.compile(r"[\ue000\ue001]")


def _without_control_characters(value):
    return "".join(
        " " if unicodedata.category(char) in ("Cc", "Cf", "Cs") and char not in "\n\t" else char
        for char in value
    )


def clean_text(value):
    """Text of a record for the index: no NUL bytes or other control
    characters (PostgreSQL refuses NUL), no match markers."""
    return _UNWANTED.sub("", _without_control_characters(str(value or "")))


def clean_query(value):
    """What a search box sent, bounded: no control characters, at most
    ``MAX_QUERY_WORDS`` words and ``MAX_QUERY_LENGTH`` characters."""
    words = clean_text(value or "")[: MAX_QUERY_LENGTH * 5].split()[:MAX_QUERY_WORDS]
    return " ".join(words)[:MAX_QUERY_LENGTH].strip()


def is_searchable(query):
    return len(query) >= MIN_QUERY_LENGTH


def marked_html(value):
    """A snippet with match markers as safe HTML: everything escaped, the
    markers turned into <mark>."""
    html = escape(value or "")
    html = html.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    return mark_safe(html)  # noqa: S308 - escaped above; only our own tags added


def mark_words(value, words):
    """``value`` with every occurrence of one of ``words`` between markers
    (case-insensitive), for the SQLite fallback."""
    words = [word for word in words if word]
    if not words or not value:
        return value or ""
    pattern = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)
    return pattern.sub(lambda match: f"{MARK_START}{match.group(0)}{MARK_END}", value)


def excerpt(value, words, length=240):
    """Up to ``length`` characters of ``value`` around the first occurrence
    of one of ``words`` (the start when none occurs)."""
    value = " ".join((value or "").split())
    lowered = value.casefold()
    positions = [lowered.find(word.casefold()) for word in words if word]
    positions = [position for position in positions if position >= 0]
    start = max(0, min(positions) - length // 3) if positions else 0
    piece = value[start : start + length]
    prefix = "… " if start > 0 else ""
    suffix = " …" if start + length < len(value) else ""
    return f"{prefix}{piece}{suffix}"
