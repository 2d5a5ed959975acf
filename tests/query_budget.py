"""Query budgets of key pages: at most ``BUDGET`` queries, the same number
for few and for many rows.

What the portal knows about the person making the request (network member,
working group, alumnus, permissions) is counted apart: ``members.facts``
answers it once per person, so that it does not grow with the page. Those
queries are the ones whose main table is one of ``PERSON_FACT_TABLES``.
"""

import re
from contextlib import contextmanager

from django.db import connection
from django.test.utils import CaptureQueriesContext

BUDGET = 10
PERSON_FACT_TABLES = ("members_workinggroupseat", "training_application", "auth_permission")
_MAIN_TABLE = re.compile(r'^\(?SELECT .*? FROM "(\w+)"', re.DOTALL)


def is_person_fact(sql):
    found = _MAIN_TABLE.match(sql)
    return bool(found) and found.group(1) in PERSON_FACT_TABLES


class Counted:
    def __init__(self, captured):
        self.queries = [query["sql"] for query in captured]
        self.own = [sql for sql in self.queries if not is_person_fact(sql)]

    def __len__(self):
        return len(self.queries)

    def describe(self):
        return "\n".join(f"{number}. {sql[:300]}" for number, sql in enumerate(self.own, 1))


@contextmanager
def counting():
    """Counts the queries of the block; ``.own`` leaves the person's facts out."""
    with CaptureQueriesContext(connection) as context:
        counted = Counted([])
        yield counted
    counted.__init__(context.captured_queries)


def get_within_budget(client, url, budget=BUDGET, **params):
    """``client.get(url)`` (warmed up once), asserting the page's own queries."""
    client.get(url, params)  # content types, session: not the page's
    with counting() as counted:
        response = client.get(url, params)
    assert response.status_code == 200
    assert len(counted.own) <= budget, counted.describe()
    return response, counted
