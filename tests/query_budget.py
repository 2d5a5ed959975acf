"""Query budgets of the key pages (issue 13): at most ten queries for the
person a page is for, however many rows it shows.

``PER_PERSON_FACTS`` names the queries that ask who the visitor is
(network member, working-group member, alumnus). They are asked once per
request once those facts are kept per request; until then a page may ask
one of them several times, which ``repeated_facts`` counts, so that a
budget test can tell the page's own queries from those repeats.
"""

from django.db import connection
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
