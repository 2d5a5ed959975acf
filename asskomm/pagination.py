"""Counting the rows of the admin's largest lists cheaply.

Django's changelist counts its rows with ``COUNT(*)`` on every request. With
a filter or a search that count follows an index and is cheap; without one,
on a table of hundreds of thousands of rows (registrations), it reads the
whole table for a number that nobody needs to the last digit. There
PostgreSQL's own estimate (``pg_class.reltuples``, kept current by
autovacuum and ``ANALYZE``) serves: one catalogue lookup instead of a scan.

The estimate is used only where it cannot mislead: on PostgreSQL, for a
list without any filter, search or slicing, and only when the table is
large (``ESTIMATE_ABOVE``); everything else is counted exactly, so small
tables, filtered lists and SQLite keep their exact counts.
"""

from django.core.paginator import Paginator
from django.db import connections
from django.utils.functional import cached_property

# Below this many rows an exact count costs a few milliseconds: not worth
# an approximate number.
ESTIMATE_ABOVE = 100_000


def cheap_count(queryset):
    """How many rows ``queryset`` has, in one query: for a whole table on
    PostgreSQL (no condition, grouping or slice) the database's estimate if
    it is above ESTIMATE_ABOVE, else the exact count; None when the
    queryset is not a whole table on PostgreSQL (then count it yourself)."""
    query = getattr(queryset, "query", None)
    if query is None:
        return None
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return None
    if (
        query.where
        or query.combinator
        or query.distinct
        or query.group_by is not None
        or query.low_mark
        or query.high_mark is not None
    ):
        return None
    table = queryset.model._meta.db_table
    # The exact count in the ELSE branch is an InitPlan, which PostgreSQL
    # runs only when that branch is taken. A table never analysed has
    # reltuples -1 and is counted. The table's name is the model's, quoted.
    quoted = connection.ops.quote_name(table)
    sql = (
        "SELECT CASE WHEN reltuples > %s THEN reltuples::bigint "  # noqa: S608
        "ELSE (SELECT COUNT(*) FROM " + quoted + ") END "
        "FROM pg_class WHERE oid = to_regclass(%s)"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [ESTIMATE_ABOVE, quoted])
        row = cursor.fetchone()
    return None if row is None else int(row[0])


class EstimatedCountPaginator(Paginator):
    """A paginator whose count of an unfiltered large table is the database's
    estimate (see the module's docstring); any other count is exact."""

    @cached_property
    def count(self):
        found = cheap_count(self.object_list)
        return super().count if found is None else found
