"""The query budget: how many SQL queries each key page makes, counted
through Django's test client as the person the page is for."""

from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from bench.pages import user_for

BUDGET = 10


def client_for(who):
    """A test client logged in as the account of ``who`` (none for
    anonymous visitors). Staff have an authenticator app, which is all
    the admin asks of a session made without the login form."""
    client = Client()
    user = user_for(who)
    if user is not None:
        client.force_login(user)
    return client


def rendered():
    """The page cache off: every request renders its page (the counts are
    of the page's own work, not of a page taken from the cache)."""
    return override_settings(ASSKOMM_PAGE_CACHE_SECONDS=0)


def get(client, url):
    # As behind the TLS proxy of production: a secure request.
    return client.get(url, secure=True, headers={"x-forwarded-proto": "https"})


def count(page, client=None):
    """The page's status and queries, rendered: on a first request (cold:
    caches empty, session not yet refreshed) and on a second one (warm),
    which is the figure of the budget."""
    client = client or client_for(page.who)
    with rendered(), CaptureQueriesContext(connection) as cold:
        first = get(client, page.url)
    with rendered(), CaptureQueriesContext(connection) as warm:
        response = get(client, page.url)
    return {
        "status": response.status_code,
        "cold": len(cold.captured_queries),
        "queries": len(warm.captured_queries),
        "sql": [query["sql"] for query in warm.captured_queries],
        "cold_status": first.status_code,
    }


def collect(pages):
    """``{page key: count(page)}`` for every page."""
    return {page.key: count(page) for page in pages}


def compare(by_scale, budget=BUDGET):
    """What the counts at several scales say: per page the counts, whether
    they are equal at every scale and within the budget.
    ``by_scale`` is ``{scale: collect(...)}``."""
    scales = sorted(by_scale)
    keys = [key for key in by_scale[scales[0]] if all(key in by_scale[s] for s in scales)]
    rows = []
    for key in keys:
        counts = [by_scale[scale][key]["queries"] for scale in scales]
        statuses = [by_scale[scale][key]["status"] for scale in scales]
        rows.append(
            {
                "page": key,
                "queries": dict(zip([str(s) for s in scales], counts, strict=True)),
                "statuses": dict(zip([str(s) for s in scales], statuses, strict=True)),
                "equal": len(set(counts)) == 1,
                "within_budget": max(counts) <= budget,
            }
        )
    return rows
