import pytest
from django.contrib.flatpages.models import FlatPage
from django.contrib.sites.models import Site
from django.db import DatabaseError
from django.urls import path, reverse

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
