"""One way to write a date or a time for people – on pages, in e-mails,
exports and certificates – in the language that is active.

The formats are the portal's own (``asskomm/formats/<language>/formats.py``,
``FORMAT_MODULE_PATH``): German stays German (23.09.2021; Do, 23.09.2021,
09:00), English reads "Thu, 23 Sep 2027, 09:00" everywhere. Times are those
of the portal's time zone. Templates use the ``when`` filter of
``{% load portal %}``; machine formats (``date:'c'`` for ``<time>``,
calendar files) are no business of this module.
"""

import datetime

from django.utils import timezone
from django.utils.formats import date_format, time_format

PARTS = ("date", "time", "day", "month")
# The leaf of a calendar on an event card: the day of the month, the month's
# short name (Dez, Dec).
LEAF_FORMATS = {"day": "j", "month": "M"}


def when(value, part=None):
    """``value`` (a date, datetime or time) as people read it; for a
    datetime, ``part`` "date" or "time" writes only that part; "day" and
    "month" write the day of the month and the month's short name (a date
    badge). None and "" give ""."""
    if value in (None, ""):
        return ""
    if part not in (None, *PARTS):
        raise ValueError(f"part must be one of {PARTS}, not {part!r}")
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        if part in LEAF_FORMATS:
            return date_format(value, LEAF_FORMATS[part])
        if part == "date":
            return date_format(value, "DATE_FORMAT")
        if part == "time":
            return time_format(value, "TIME_FORMAT")
        return date_format(value, "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return date_format(value, LEAF_FORMATS.get(part, "DATE_FORMAT"))
    if isinstance(value, datetime.time):
        return time_format(value, "TIME_FORMAT")
    raise TypeError(f"when() writes dates and times, not {type(value).__name__}")
