"""The figures page and its CSV downloads: for the ASSKomm team only; the
tables match the numbers, the downloads match the tables."""

import csv
import io
import re
import xml.etree.ElementTree as ET
from datetime import date
from html.parser import HTMLParser

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from figures import series
from figures.catalogue import FIGURES
from tests.factories import UserFactory
from tests.figures.conftest import moment

pytestmark = pytest.mark.django_db
OVERVIEW = reverse("figures:overview")
CSV_URLS = [reverse("figures:csv", kwargs={"figure": figure.slug}) for figure in FIGURES]
EVERY_PAGE = [OVERVIEW, *CSV_URLS]


@pytest.fixture
def data(members, registrations, applications, recommendations):
    return None


# The page counts up to today: the day all the tests' cohorts are open.
TODAY = date(2024, 6, 1)


@pytest.fixture
def frozen():
    with time_machine.travel(moment(TODAY.year, TODAY.month, TODAY.day), tick=False):
        yield


class Tables(HTMLParser):
    """The tables of a page: for each, the section it stands in, its
    caption and its rows of cell texts."""

    def __init__(self):
        super().__init__()
        self.tables, self.cell, self.caption, self.section = [], None, None, None

    def handle_starttag(self, tag, attrs):
        if tag == "section":
            self.section = dict(attrs).get("id")
        elif tag == "table":
            self.tables.append({"section": self.section, "caption": "", "rows": []})
        elif tag == "caption":
            self.caption = ""
        elif tag == "tr" and self.tables:
            self.tables[-1]["rows"].append([])
        elif tag in ("th", "td") and self.tables:
            self.cell = ""

    def handle_endtag(self, tag):
        if tag == "caption":
            self.tables[-1]["caption"], self.caption = self.caption.strip(), None
        elif tag in ("th", "td") and self.cell is not None:
            self.tables[-1]["rows"][-1].append(self.cell.strip())
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data
        elif self.caption is not None:
            self.caption += data


def tables_of(response):
    parser = Tables()
    parser.feed(response.content.decode())
    return parser.tables


def figure_table(response, figure):
    """The rows of the figure's table, which says what it is in its caption."""
    table = next(table for table in tables_of(response) if table["section"] == figure.slug)
    assert table["caption"] == f"{figure.title}: die Zahlen"
    return table["rows"]


def csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


# Who may see the figures


@pytest.mark.parametrize("url", EVERY_PAGE)
def test_anonymous_visitors_are_sent_to_the_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={url}"


@pytest.mark.parametrize("url", EVERY_PAGE)
@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("applicant", 404),
        ("member", 404),
        ("other_member", 404),
        ("coordinator", 404),
        ("staff", 200),
    ],
)
def test_the_figures_are_for_the_team_only(request, client_for, url, who, expected):
    user = request.getfixturevalue(who)
    assert client_for(user).get(url).status_code == expected


def test_staff_without_the_teams_rights_get_a_404(client_for):
    assert client_for(UserFactory(is_staff=True)).get(OVERVIEW).status_code == 404


def test_an_unknown_figure_is_not_found(client_for, staff):
    url = reverse("figures:csv", kwargs={"figure": "gibt-es-nicht"})
    assert client_for(staff).get(url).status_code == 404


# The numbers


def test_each_table_matches_its_figures_numbers(client_for, staff, data, frozen):
    response = client_for(staff).get(OVERVIEW)
    assert response.status_code == 200
    members = figure_table(response, FIGURES[0])
    assert members[0] == [
        "Jahr",
        "Chemnitz",
        "Dresden",
        "Leipzig",
        "Organisationen (landesweit)",
        "Ohne Zugehörigkeit",
        "Insgesamt",
    ]
    expected = [
        [str(row.year), *map(str, row.counts), str(row.total)]
        for row in series.members_per_region(today=TODAY)
    ]
    assert members[1:] == expected
    assert members[-1] == ["2024", "1", "2", "2", "1", "1", "7"]
    participation = figure_table(response, FIGURES[1])
    assert participation[1:] == [
        ["2019", "Regionales Vernetzungstreffen", "3", "3"],
        ["2019", "ASSKomm-Fachtag", "1", "0"],
        ["2020", "Sitzung der AG ASSKomm", "2", "2"],
    ]
    demand = figure_table(response, FIGURES[2])
    assert [row[1:] for row in demand[1:]] == [
        ["9", "02.09.2022", "20", "16", "1,25"],
        ["10", "01.09.2023", "6", "12", "0,50"],
    ]
    implemented = figure_table(response, FIGURES[3])
    assert implemented[1:] == [["2022", "1", "1"], ["2023", "2", "1"]]


@pytest.mark.parametrize("index", range(len(FIGURES)))
def test_each_csv_holds_the_rows_of_its_table(client_for, staff, data, frozen, index):
    client = client_for(staff)
    table = figure_table(client.get(OVERVIEW), FIGURES[index])
    response = client.get(CSV_URLS[index])
    assert response["Content-Type"].startswith("text/csv")
    assert FIGURES[index].filename in response["Content-Disposition"]
    assert csv_rows(response) == table


def test_the_year_range_applies_to_the_page_and_the_downloads(client_for, staff, data, frozen):
    client = client_for(staff)
    response = client.get(OVERVIEW, {"from_year": "2019", "to_year": "2020"})
    members = figure_table(response, FIGURES[0])
    assert [row[0] for row in members[1:]] == ["2019", "2020"]
    assert f'href="{CSV_URLS[0]}?from_year=2019&amp;to_year=2020"' in response.content.decode()
    downloaded = client.get(CSV_URLS[0], {"from_year": "2019", "to_year": "2020"})
    assert csv_rows(downloaded) == members
    assert (
        "gibt es nichts zu zählen" in client.get(OVERVIEW, {"from_year": "2030"}).content.decode()
    )


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"from_year": "2022", "to_year": "2019"}, "Das letzte Jahr kann nicht vor dem ersten"),
        ({"from_year": "zwanzig"}, "ganze Zahl"),
        ({"to_year": "99999999999999999999"}, "kleiner oder gleich 2100"),
    ],
)
def test_a_bad_year_range_is_explained_next_to_the_field(client_for, staff, query, message):
    client = client_for(staff)
    response = client.get(OVERVIEW, query)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert response.context["form"].errors
    download = client.get(CSV_URLS[0], query)
    assert download.status_code == 302
    assert download["Location"].startswith(OVERVIEW + "?")


# The charts


def test_the_charts_are_well_formed_svg_without_inline_styles(client_for, staff, data, frozen):
    content = client_for(staff).get(OVERVIEW).content.decode()
    found = re.findall(r"<svg\b.*?</svg>", content, flags=re.DOTALL)
    assert len(found) == len(FIGURES)
    for svg, figure in zip(found, FIGURES, strict=True):
        root = ET.fromstring(svg)  # noqa: S314 - our own markup
        assert root.get("id") == figure.chart_id
        assert root.get("role") == "img"
        title_id, desc_id = root.get("aria-labelledby").split()
        assert f'id="{title_id}"' in svg and f'id="{desc_id}"' in svg
        assert all("style" not in element.attrib for element in root.iter())
    assert not re.search(r"\sstyle\s*=", content)
    assert "css/figures.css" in content


def test_the_page_costs_the_same_queries_with_more_data(
    client_for, staff, data, frozen, django_assert_max_num_queries
):
    from tests.events.factories import RegistrationFactory
    from tests.factories import MemberFactory
    from tests.training.factories import ApplicationFactory, CohortFactory

    client = client_for(staff)
    client.get(OVERVIEW)
    for year in range(2010, 2016):
        MemberFactory(date_joined=moment(year))
        RegistrationFactory.create_batch(3, event__starts_at=moment(year))
        ApplicationFactory.create_batch(
            2, cohort=CohortFactory(starts_on=moment(year, 9).date(), number=year)
        )
    with django_assert_max_num_queries(10):
        response = client.get(OVERVIEW)
    assert figure_table(response, FIGURES[0])[1][0] == "2010"
    with django_assert_max_num_queries(6):
        client.get(CSV_URLS[1])


# Where the figures are linked from


def test_the_team_finds_the_figures_on_its_dashboard_and_the_admin(client_for, staff):
    client = client_for(staff)
    assert OVERVIEW in client.get(reverse("members:dashboard")).content.decode()
    assert OVERVIEW in client.get(reverse("admin:index")).content.decode()


def test_members_and_coordinators_are_not_shown_the_link(client_for, member, coordinator):
    assert OVERVIEW not in client_for(member).get(reverse("members:dashboard")).content.decode()
    content = client_for(coordinator).get(reverse("admin:index")).content.decode()
    assert OVERVIEW not in content


def test_the_demo_data_fill_every_figure(client_for):
    from members.models import User

    call_command("seed_demo")
    team = User.objects.get(email="team@example.org")
    response = client_for(team).get(OVERVIEW)
    for figure in FIGURES:
        assert len(figure_table(response, figure)) > 1, figure.slug
    assert len(figure_table(response, FIGURES[0])) > 3  # members over several years
