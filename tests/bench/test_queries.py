import pytest

from bench.page import ANONYMOUS, Page
from bench.queries import compare, count
from tests.bench import urls


@pytest.mark.django_db
def test_the_collector_counts_the_queries_of_a_page(settings):
    settings.ROOT_URLCONF = "tests.bench.urls"
    counted = count(Page("three", ANONYMOUS, "/three/"))
    assert counted["status"] == 200
    assert counted["queries"] == urls.QUERIES
    assert len(counted["sql"]) == urls.QUERIES
    assert all("COUNT" in sql.upper() for sql in counted["sql"])


def _counted(queries, status=200):
    return {"queries": queries, "status": status}


def test_compare_flags_a_page_whose_queries_grow_with_the_data():
    rows = compare(
        {
            1: {"events (member)": _counted(9), "search (member)": _counted(12)},
            10: {"events (member)": _counted(9), "search (member)": _counted(30)},
        }
    )
    by_page = {row["page"]: row for row in rows}
    assert by_page["events (member)"]["equal"] is True
    assert by_page["events (member)"]["within_budget"] is True
    assert by_page["search (member)"]["equal"] is False
    assert by_page["search (member)"]["within_budget"] is False
    assert by_page["search (member)"]["queries"] == {"1": 12, "10": 30}
