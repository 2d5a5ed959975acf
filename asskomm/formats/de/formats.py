"""German dates as the portal writes them: 23.09.2021 and Do, 23.09.2021, 09:00.

Only what differs from Django's German formats; the input formats stay
Django's. Write dates through ``asskomm.dates.when`` (``|when`` in templates).
"""

DATE_FORMAT = "d.m.Y"
DATETIME_FORMAT = "D, d.m.Y, H:i"
TIME_FORMAT = "H:i"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y, H:i"
