"""CSV files for spreadsheets, as German offices open them: UTF-8 with a
byte order mark (so Excel reads umlauts correctly) and ``;`` between the
fields (Excel's separator under German regional settings, where the comma
is the decimal mark)."""

import csv

from django.http import HttpResponse

# A cell starting with one of these is a formula to a spreadsheet; text that
# people typed must not become one (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_response(*, filename, header, rows):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(header)
    for row in rows:
        writer.writerow([defused(value) for value in row])
    return response


def decimal(value, places=1):
    """A number with a decimal comma, as German spreadsheets read it."""
    if value is None:
        return ""
    return f"{value:.{places}f}".replace(".", ",")


def defused(value):
    """The cell's value, as text a spreadsheet will not run as a formula."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value
