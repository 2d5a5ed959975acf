"""Exports for spreadsheets, as German offices open them.

Every export is a list of ``Column``s – a heading and how to read the
cell from one object – and the objects, one row each. CSV files are UTF-8
with a byte order mark (so Excel reads umlauts correctly) and ``;`` between
the fields (Excel's separator under German regional settings, where the
comma is the decimal mark); Excel files take the same columns.
"""

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from asskomm.dates import when

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# A cell starting with one of these is a formula to a spreadsheet; text that
# people typed must not become one (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    """One column of an export: its heading (translated when written) and
    the function that reads the cell's value from a row's object."""

    heading: Any
    value: Callable[[Any], Any]


def header(columns):
    return [str(column.heading) for column in columns]


def rows(columns, objects):
    """The cells, row by row, safe to open in a spreadsheet."""
    for obj in objects:
        yield [defused(column.value(obj)) for column in columns]


def csv_response(*, filename, columns, objects):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(header(columns))
    writer.writerows(rows(columns, objects))
    return response


def xlsx_response(*, filename, sheet_title, columns, objects):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(sheet_title)[:31]
    sheet.append(header(columns))
    for row in rows(columns, objects):
        sheet.append(row)
    for column in range(1, len(columns) + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 24
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def decimal(value, places=1):
    """A number with a decimal comma, as German spreadsheets read it."""
    if value is None:
        return ""
    return f"{value:.{places}f}".replace(".", ",")


def day(value):
    """A date (or the date of a moment) as people read it, in the active
    language: the portal's one date helper, ``asskomm.dates.when``."""
    return when(value, "date")


def moment(value):
    """A moment as people read it (``asskomm.dates.when``)."""
    return when(value)


def defused(value):
    """The cell's value, as text a spreadsheet will not run as a formula."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value
