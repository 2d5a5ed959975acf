"""English dates in one format: Thu, 23 Sep 2027 and Thu, 23 Sep 2027, 09:00.

Never Django's American defaults (09/01/2027 11:59 p.m.); the input formats
stay Django's. Write dates through ``asskomm.dates.when`` (``|when`` in
templates).
"""

DATE_FORMAT = "D, j M Y"
DATETIME_FORMAT = "D, j M Y, H:i"
TIME_FORMAT = "H:i"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
