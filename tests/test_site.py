import pytest
from django.contrib.flatpages.models import FlatPage
from django.contrib.sites.models import Site
from django.db import DatabaseError
from django.urls import path, reverse

from asskomm.markup import clean_html

pytestmark = pytest.mark.django_db


def test_home_is_public_and_german_by_default(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response["Content-Language"] == "de"
    content = response.content.decode()
    assert '<html lang="de">' in content
    assert "Zum Inhalt springen" in content  # the skip link
    assert "Regionale Vernetzungstreffen" in content


def test_an_english_browser_still_gets_german(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "de"


def test_the_language_switcher_works_without_javascript(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    home = client.get("/")
    assert home["Content-Language"] == "en"
    assert '<html lang="en">' in home.content.decode()
    assert "Skip to content" in home.content.decode()


def test_a_person_gets_the_language_of_their_profile(client_for, member):
    member.preferred_language = "en"
    member.save()
    response = client_for(member).get(reverse("members:dashboard"))
    assert response["Content-Language"] == "en"


def test_healthz_answers_503_when_the_database_does_not(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise DatabaseError("connection refused")

    monkeypatch.setattr("asskomm.views.connection.cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"


@pytest.mark.parametrize(
    ("url", "heading"), [("/imprint/", "Impressum"), ("/privacy/", "Datenschutz")]
)
def test_legal_pages_show_a_placeholder_until_staff_write_them(client, url, heading):
    response = client.get(url)
    assert response.status_code == 200
    content = response.content.decode()
    assert heading in content
    assert "Platzhalter" in content


def test_legal_pages_show_what_staff_wrote_in_the_admin(client):
    page = FlatPage.objects.create(
        url="/imprint/", title="Impressum", content="<p>Landespräventionsrat Sachsen</p>"
    )
    page.sites.add(Site.objects.get_current())
    content = client.get("/imprint/").content.decode()
    assert "Landespräventionsrat Sachsen" in content
    assert "Platzhalter" not in content


HOSTILE = (
    "<h2>Anbieter</h2><p>Landespräventionsrat <strong>Sachsen</strong>"
    '<script>alert("x")</script><img src="x" onerror="alert(1)">'
    '<a href="https://www.lpr.sachsen.de" onclick="alert(2)">LPR</a>'
    '<a href="javascript:alert(3)">klick</a><span style="color:red">rot</span></p>'
    "<table><tr><th>Telefon</th><td>0351 123</td></tr></table><iframe src=x></iframe>"
)


def test_staff_markup_keeps_only_harmless_tags():
    cleaned = clean_html(HOSTILE)
    assert "<script" not in cleaned and "alert" not in cleaned
    assert "onerror" not in cleaned and "onclick" not in cleaned
    assert "<img" not in cleaned and "<iframe" not in cleaned and "style=" not in cleaned
    assert "<h2>Anbieter</h2>" in cleaned
    assert "<strong>Sachsen</strong>" in cleaned
    assert '<a href="https://www.lpr.sachsen.de" rel="noopener noreferrer">LPR</a>' in cleaned
    assert "<th>Telefon</th><td>0351 123</td>" in cleaned
    assert "rot" in cleaned


def test_legal_pages_show_only_harmless_markup(client):
    page = FlatPage.objects.create(url="/privacy/", title="Datenschutz", content=HOSTILE)
    page.sites.add(Site.objects.get_current())
    content = client.get("/privacy/").content.decode()
    assert "<strong>Sachsen</strong>" in content
    assert 'alert("x")' not in content and "onerror" not in content and "onclick" not in content


def test_the_admin_saves_flat_pages_as_they_will_appear(client_for, staff):
    response = client_for(staff).post(
        reverse("admin:flatpages_flatpage_add"),
        {
            "url": "/imprint/",
            "title": "Impressum",
            "content": HOSTILE,
            "sites": [Site.objects.get_current().pk],
        },
    )
    assert response.status_code == 302
    content = FlatPage.objects.get(url="/imprint/").content
    assert "<script" not in content and "onerror" not in content
    assert "<h2>Anbieter</h2>" in content


def test_unknown_addresses_get_the_styled_404(client):
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    content = response.content.decode()
    assert "Seite nicht gefunden" in content
    assert 'class="skip-link"' in content


def failing_view(request):
    raise RuntimeError("kaputt")


urlpatterns = [path("kaputt/", failing_view)]


@pytest.mark.urls("tests.test_site")
def test_errors_get_the_styled_500_without_a_traceback(client):
    client.raise_request_exception = False
    response = client.get("/kaputt/")
    assert response.status_code == 500
    content = response.content.decode()
    assert "ASSKomm" in content
    assert "RuntimeError" not in content
    assert "Traceback" not in content


def test_the_deploy_check_warns_when_e_mail_links_would_point_to_a_development_address(
    settings,
):
    from asskomm.checks import site_url_is_public

    settings.SITE_URL = "http://127.0.0.1:8000"
    assert [warning.id for warning in site_url_is_public(None)] == ["asskomm.W001"]
    settings.SITE_URL = "https://asskomm.example.org"
    assert site_url_is_public(None) == []


class TestLoginAndBack:
    """Every page that needs an account sends anonymous visitors to the
    login and back, whether or not what they asked for exists."""

    @pytest.mark.parametrize(
        "path",
        [
            "/me/",
            "/members/",
            "/municipalities/",
            "/municipalities/14612000/",
            "/municipalities/99999999/",
            "/working-group/actions/",
            "/working-group/sessions/gibt-es-nicht/",
            "/working-group/sessions/gibt-es-nicht/minutes/history/",
            "/working-group/actions/999999/",
            "/events/fuer-mitglieder/",
            "/events/gibt-es-nicht/",
            "/events/gibt-es-nicht/ics",
            "/events/gibt-es-nicht/documents/1/",
            "/training/cohorts/{cohort}/",
            "/training/cohorts/999999/",
            "/training/cohorts/{cohort}/calendar.ics",
            "/training/cohorts/{cohort}/selection/",
            "/training/applications/999999/certificate.pdf",
            "/training/alumni/",
        ],
    )
    def test_anonymous_visitors_go_to_the_login_with_next(self, client, path):
        from tests.events.factories import EventFactory
        from tests.training.factories import CohortFactory

        EventFactory(slug="fuer-mitglieder", audience="members")
        path = path.format(cohort=CohortFactory().pk)
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('account_login')}?next={path}"

    def test_the_nav_login_link_comes_back_to_the_page(self, client):
        content = client.get("/events/?kind=workshop").content.decode()
        assert 'href="/accounts/login/?next=/events/%3Fkind%3Dworkshop"' in content

    def test_on_the_login_page_the_nav_link_keeps_its_next(self, client):
        content = client.get("/accounts/login/?next=/events/x/").content.decode()
        assert 'href="/accounts/login/?next=/events/x/" aria-current="page"' in content

    @pytest.mark.parametrize("path", ["/", "/accounts/signup/", "/accounts/password/reset/"])
    def test_pages_not_worth_coming_back_to_get_a_plain_login_link(self, client, path):
        content = client.get(path).content.decode()
        assert 'href="/accounts/login/"' in content
        assert "?next=" not in content
