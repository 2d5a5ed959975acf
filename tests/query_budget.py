"""Query budgets of the key pages (issue 13): at most ten queries for the
person a page is for, however many rows it shows.

``PER_PERSON_FACTS`` names the queries that ask who the visitor is
(network member, working-group member, alumnus). They are asked once per
request once those facts are kept per request; until then a page may ask
one of them several times, which ``repeated_facts`` counts, so that a
budget test can tell the page's own queries from those repeats.
"""

import re
from contextlib import contextmanager

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

BUDGET = 10

# How each fact's query begins.
PER_PERSON_FACTS = {
    "network member (permissions, Django's two queries)": (
        'SELECT "django_content_type"."app_label" AS "content_type__app_label", '
        '"auth_permission"."codename" AS "codename" FROM "auth_permission"'
    ),
    "working-group member": 'SELECT 1 AS "a" FROM "members_workinggroupseat" WHERE',
    "alumnus": 'SELECT 1 AS "a" FROM "training_application" INNER JOIN "training_cohort"',
}


def is_per_person_fact(sql):
    return sql.startswith(tuple(PER_PERSON_FACTS.values()))


def queries_of(client, url):
    """The response to ``url`` and the SQL of the queries it ran."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response, [query["sql"] for query in captured.captured_queries]


def repeated_facts(queries):
    """How many of ``queries`` ask a per-person fact the request has asked
    before (the same SQL again)."""
    seen, repeated = set(), 0
    for sql in queries:
        if is_per_person_fact(sql):
            repeated += sql in seen
            seen.add(sql)
    return repeated


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
        return "\n".join(f"{number}. {sql[:300]}" for number, sql in enumerate(self.queries, 1))


@contextmanager
def counting():
    """Counts the queries of the block; ``.own`` leaves the person's facts out."""
    with CaptureQueriesContext(connection) as context:
        counted = Counted([])
        yield counted
    counted.__init__(context.captured_queries)


def get_within_budget(client, url, budget=BUDGET, **params):
    """``client.get(url)`` (warmed up once), asserting that the page, the
    person's facts included, stays within the budget."""
    # The page's own work: anonymous visitors' pages are not served from
    # the page cache here (tests/test_page_cache.py tests that).
    with override_settings(ASSKOMM_PAGE_CACHE_SECONDS=0):
        client.get(url, params)  # content types, session: not the page's
        with counting() as counted:
            response = client.get(url, params)
    assert response.status_code == 200
    if response.wsgi_request.user.is_staff:
        # Staff's permissions come in a query of their own
        # (members.facts.load_permissions); members have none to load.
        budget += 1
    assert len(counted) <= budget, counted.describe()
    return response, counted
