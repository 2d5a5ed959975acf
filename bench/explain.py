"""EXPLAIN of the queries of the main lists and the search at the largest
scale: a sequential scan of a big table there is a missing index."""

import re

from django.db import connection

from bench.page import ANONYMOUS, MEMBER, STAFF

# The tables the issue names.
TABLES = (
    "events_registration",
    "events_event",
    "training_application",
    "events_eventdocument",
    "library_resource",
)
# The pages whose queries are explained, as (name, who).
EXPLAINED = [
    ("events", MEMBER),
    ("events", ANONYMOUS),
    ("events filtered", MEMBER),
    ("archive", MEMBER),
    ("library", MEMBER),
    ("search", ANONYMOUS),
    ("search", MEMBER),
    ("admin events", STAFF),
    ("admin registrations", STAFF),
    ("admin applications", STAFF),
]
SEQ_SCAN = re.compile(r"Seq Scan on (\w+)")


def seq_scans(sql):
    """The big tables the plan of ``sql`` reads sequentially when it runs
    (EXPLAIN ANALYZE: a branch of the plan that is never executed, such as
    the exact count an estimated one stands in for, reads nothing)."""
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) " + sql)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    executed = "\n".join(line for line in plan.splitlines() if "(never executed)" not in line)
    return sorted({table for table in SEQ_SCAN.findall(executed) if table in TABLES}), plan


def explain(pages, counted):
    """For every explained page, the queries (by their number on the page)
    whose plans scan one of ``TABLES`` sequentially. ``counted`` is what
    ``bench.queries.collect`` found at this scale (it holds the SQL)."""
    if connection.vendor != "postgresql":
        return {}
    wanted = {(page.name, page.who): page.key for page in pages}
    found = {}
    for name, who in EXPLAINED:
        key = wanted.get((name, who))
        if key is None or key not in counted:
            continue
        scans = []
        for number, sql in enumerate(counted[key]["sql"], start=1):
            if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
                continue
            tables, plan = seq_scans(sql)
            if tables:
                scans.append({"query": number, "tables": tables, "sql": sql[:300], "plan": plan})
        found[key] = scans
    return found
