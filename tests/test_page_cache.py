"""Public pages for anonymous visitors come from the cache
(asskomm/page_cache.py); a signed-in person always gets their own page, and
nobody ever gets another person's."""

import socket
from unittest import mock

import pytest
from django.contrib import messages
from django.core.cache import caches
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import include, path, reverse

from asskomm import page_cache
from asskomm.page_cache import public_page
from events.models import Event
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import MemberFactory, StaffFactory
from tests.training.factories import ApplicationFactory, CohortFactory

pytestmark = pytest.mark.django_db

REGISTERED = "Ihre Teilnahme ist angemeldet."
REGISTER_BUTTON = "Teilnahme anmelden"
LOG_IN_TO_TAKE_PART = "Anmelden, um teilzunehmen"


def stored_pages():
    return [key for key in caches[page_cache.ALIAS]._cache if page_cache.KEY_PREFIX in key]


@pytest.fixture
def public_event(db):
    return EventFactory(title="Fachtag Prävention", audience=Event.Audience.PUBLIC)


# What is cached -----------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["/", "/events/", "/events/archive/", "/events/public.ics", "/imprint/", "/privacy/"],
)
def test_an_anonymous_visitor_gets_the_page_from_the_cache(
    client, public_event, url, django_assert_max_num_queries
):
    first = client.get(url)
    assert first.status_code == 200
    with django_assert_max_num_queries(1):
        second = client.get(url)
    assert second.status_code == 200
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_the_pages_of_every_app_come_from_the_cache(client, public_event):
    for url in [
        public_event.get_absolute_url(),
        reverse("events:ics", args=[public_event.slug]),
        reverse("news:list"),
        reverse("news:feed"),
        reverse("working_group:index"),
        reverse("library:list"),
        reverse("training:programme_list"),
    ]:
        assert client.get(url).status_code == 200, url
    assert len(stored_pages()) == 7


def test_a_change_to_an_event_shows_at_once(client, public_event):
    assert "Fachtag Prävention" in client.get("/events/").content.decode()
    public_event.title = "Fachtag Jugendschutz"
    public_event.save()
    page = client.get("/events/").content.decode()
    assert "Fachtag Jugendschutz" in page
    assert "Fachtag Prävention" not in page


def test_a_new_registration_updates_the_places_anonymous_visitors_see(client, public_event):
    client.get(public_event.get_absolute_url())
    version = caches[page_cache.ALIAS].get(page_cache.VERSION_KEY)
    RegistrationFactory(event=public_event)
    assert caches[page_cache.ALIAS].get(page_cache.VERSION_KEY) != version


def test_a_page_rendered_before_the_commit_is_stale_after_it(
    client, public_event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        public_event.title = "Fachtag Jugendschutz"
        public_event.save()
        # Rendered (on another connection, before the commit: with the old
        # title) and stored under the version drawn at the save …
        client.get("/events/")
    # … which the commit replaces: the next visitor gets a fresh page.
    with CaptureQueriesContext(connection) as rendering:
        response = client.get("/events/")
    assert len(rendering) > 1
    assert "Fachtag Jugendschutz" in response.content.decode()


def test_a_login_does_not_make_the_pages_stale(client, member):
    client.get("/")
    version = caches[page_cache.ALIAS].get(page_cache.VERSION_KEY)
    member.last_login = member.date_joined
    member.save(update_fields=["last_login"])
    assert caches[page_cache.ALIAS].get(page_cache.VERSION_KEY) == version
    member.first_name = "Anna"
    member.save()
    assert caches[page_cache.ALIAS].get(page_cache.VERSION_KEY) != version


def test_a_member_looking_at_their_dashboard_does_not_make_the_pages_stale(
    client, client_for, member
):
    client.get("/")
    version = caches[page_cache.ALIAS].get(page_cache.VERSION_KEY)
    assert client_for(member).get(reverse("members:dashboard")).status_code == 200
    assert caches[page_cache.ALIAS].get(page_cache.VERSION_KEY) == version


def test_german_and_english_pages_are_kept_apart(client):
    german = client.get("/").content.decode()
    client.cookies["django_language"] = "en"
    english = client.get("/").content.decode()
    english_again = client.get("/").content.decode()
    del client.cookies["django_language"]
    german_again = client.get("/").content.decode()
    assert "Zum Inhalt springen" in german and "Zum Inhalt springen" in german_again
    assert "Skip to content" in english and "Skip to content" in english_again
    assert len(stored_pages()) == 2


def test_the_filters_of_a_list_are_part_of_the_key(client, public_event):
    EventFactory(title="Treffen in Leipzig", region=Event.Region.LEIPZIG, audience="public")
    client.get("/events/")
    leipzig = client.get("/events/?region=leipzig").content.decode()
    assert "Treffen in Leipzig" in leipzig
    assert "Fachtag Prävention" not in leipzig
    assert len(stored_pages()) == 2


def test_text_searches_and_unknown_parameters_are_rendered_afresh(client, public_event):
    client.get("/events/?q=Fachtag")
    client.get("/events/?utm_source=newsletter")
    client.get("/events/?region=" + "x" * 300)
    assert stored_pages() == []


def test_the_page_cache_is_off_with_zero_seconds(client, settings):
    settings.ASSKOMM_PAGE_CACHE_SECONDS = 0
    client.get("/")
    assert stored_pages() == []


# Never one person's page for another ------------------------------------------------


def signed_in(person):
    """A browser in which ``person`` is signed in and which holds a CSRF
    cookie, as every browser does after its first page."""
    browser = Client()
    browser.force_login(person)
    browser.get(reverse("members:dashboard"))
    return browser


def test_each_person_sees_only_their_own_page_and_nobody_gets_theirs(
    client, public_event, django_assert_max_num_queries
):
    anna, bert = MemberFactory(first_name="Anna"), MemberFactory(first_name="Bert")
    RegistrationFactory(event=public_event, user=anna)
    url = public_event.get_absolute_url()
    anonymous = client.get(url).content.decode()  # stored
    assert LOG_IN_TO_TAKE_PART in anonymous

    annas, berts = signed_in(anna), signed_in(bert)
    for _again in range(2):  # rendered and stored, then from the cache
        page = annas.get(url).content.decode()
        assert REGISTERED in page and LOG_IN_TO_TAKE_PART not in page
        page = berts.get(url).content.decode()
        assert REGISTER_BUTTON in page and REGISTERED not in page
        assert LOG_IN_TO_TAKE_PART not in page

    # Anna in a second browser (another session) gets a page of her own.
    second_browser = signed_in(anna)
    assert REGISTERED in second_browser.get(url).content.decode()

    annas.logout()
    with django_assert_max_num_queries(1):
        page = annas.get(url).content.decode()
    assert page == anonymous


def test_a_signed_in_person_gets_their_page_again_from_the_cache(
    public_event, django_assert_max_num_queries
):
    browser = signed_in(MemberFactory())
    first = browser.get("/events/")
    # The session and the person, as on every request; the page itself: none.
    with django_assert_max_num_queries(3):
        again = browser.get("/events/")
    assert again.content == first.content
    assert "private" in again["Cache-Control"]


def test_their_own_registration_shows_at_once(public_event):
    anna = MemberFactory()
    browser = signed_in(anna)
    url = public_event.get_absolute_url()
    assert REGISTER_BUTTON in browser.get(url).content.decode()
    RegistrationFactory(event=public_event, user=anna)
    assert REGISTERED in browser.get(url).content.decode()


def test_a_page_that_wrote_is_rendered_again(settings):
    """The dashboard notes the visit when it renders: that page is not
    kept, so the next load notes its visit too."""
    browser = Client()
    browser.force_login(MemberFactory())
    browser.cookies[settings.CSRF_COOKIE_NAME] = "a" * 32
    browser.get(reverse("members:dashboard"))  # the first visit: written
    assert stored_pages() == []


def test_a_browser_without_a_csrf_cookie_gets_its_page_rendered(public_event):
    browser = Client()
    browser.force_login(MemberFactory())
    response = browser.get("/events/")
    assert "csrftoken" in response.cookies  # its forms' token is for the new cookie
    assert stored_pages() == []


def test_the_personal_pages_are_kept_only_for_signed_in_people(client, public_event):
    assert client.get(reverse("members:directory")).status_code == 302
    assert stored_pages() == []
    browser = signed_in(MemberFactory())
    assert browser.get(reverse("members:directory")).status_code == 200
    assert len(stored_pages()) == 1


# Searches: kept apart, in a bounded cache of the worker process ----------------------


def free_text_pages():
    stored = caches[page_cache.FREE_TEXT_ALIAS]._cache
    return [key for key in stored if page_cache.KEY_PREFIX in key]


def test_a_search_comes_from_the_workers_own_cache_and_never_from_the_shared_one(
    client, public_event, django_assert_max_num_queries
):
    url = reverse("search:results") + "?q=Fachtag"
    first = client.get(url)
    assert "Prävention" in first.content.decode()
    with django_assert_max_num_queries(0):
        again = client.get(url)
    assert again.content == first.content
    assert stored_pages() == []
    assert len(free_text_pages()) == 1


def test_a_search_by_kind_alone_stays_out_of_the_shared_cache(client, public_event):
    for kind in ["event", "erfunden-1", "erfunden-2"]:
        assert client.get(reverse("search:results") + f"?kind={kind}").status_code == 200
    assert stored_pages() == []
    assert len(free_text_pages()) == 3


def test_a_stored_search_is_stale_after_a_change(client, public_event):
    url = reverse("search:results") + "?q=Fachtag"
    assert "Jugendschutz" not in client.get(url).content.decode()
    EventFactory(title="Fachtag Jugendschutz", audience=Event.Audience.PUBLIC)
    assert "Jugendschutz" in client.get(url).content.decode()


def test_endless_new_words_push_out_only_other_searches(client, public_event, settings):
    settings.CACHES = {
        **settings.CACHES,
        page_cache.FREE_TEXT_ALIAS: {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "few-searches",
            "OPTIONS": {"MAX_ENTRIES": 3},
        },
    }
    client.get("/events/")
    for number in range(20):
        assert client.get(reverse("search:results") + f"?q=wort{number}").status_code == 200
    assert len(free_text_pages()) <= 3
    assert len(stored_pages()) == 1  # the events list is still there


def test_a_signed_in_persons_search_is_theirs_alone(public_event):
    anna, bert = MemberFactory(), MemberFactory()
    EventFactory(title="Fachtag Mitgliederrunde", audience=Event.Audience.MEMBERS)
    url = reverse("search:results") + "?q=Fachtag"
    annas = signed_in(anna)
    assert "Mitgliederrunde" in annas.get(url).content.decode()
    assert "Mitgliederrunde" not in Client().get(url).content.decode()
    assert len(free_text_pages()) == 2
    assert "Mitgliederrunde" in signed_in(bert).get(url).content.decode()
    assert len(free_text_pages()) == 3


def test_a_signed_in_persons_pages_can_be_left_uncached(client, public_event, settings):
    settings.ASSKOMM_PERSONAL_PAGE_CACHE_SECONDS = 0
    browser = signed_in(MemberFactory())
    for url in ["/", "/events/", public_event.get_absolute_url(), "/working-group/"]:
        response = browser.get(url)
        assert response.status_code == 200
        assert "private" in response["Cache-Control"]
    assert stored_pages() == []
    client.get("/events/")
    assert len(stored_pages()) == 1


def test_the_pages_of_signed_in_people_are_kept_for_less_time(settings, public_event):
    browser = signed_in(MemberFactory())
    with mock.patch.object(caches[page_cache.ALIAS], "set", wraps=caches["pages"].set) as stored:
        browser.get("/events/")
    assert stored.call_args.kwargs["timeout"] == settings.ASSKOMM_PERSONAL_PAGE_CACHE_SECONDS
    assert settings.ASSKOMM_PERSONAL_PAGE_CACHE_SECONDS < settings.ASSKOMM_PAGE_CACHE_SECONDS


def test_browsers_and_proxies_keep_no_page(client, member):
    anonymous = client.get("/")
    assert set(anonymous["Cache-Control"].split(", ")) == {"private", "no-cache"}
    assert "Set-Cookie" not in anonymous.headers
    assert "csrfmiddlewaretoken" not in anonymous.content.decode()
    cached = client.get("/")
    assert set(cached["Cache-Control"].split(", ")) == {"private", "no-cache"}
    client.force_login(member)
    assert "private" in client.get("/")["Cache-Control"]


def test_a_waiting_message_is_shown_not_swallowed_by_the_cache(client, member):
    client.get("/")  # stored
    client.force_login(member)
    response = client.post(reverse("account_logout"), follow=True)
    assert response.redirect_chain
    assert "Sie haben sich abgemeldet." in response.content.decode()
    assert "Sie haben sich abgemeldet." not in client.get("/").content.decode()


# The team's long lists and the selection: kept for the session -----------------------

EVENT_LIST = "/admin/events/event/"


def test_a_staff_member_gets_a_long_admin_list_again_from_the_cache(
    public_event, django_assert_max_num_queries
):
    browser = signed_in(StaffFactory())
    first = browser.get(EVENT_LIST + "?region__exact=dresden")
    assert first.status_code == 200
    with django_assert_max_num_queries(3):
        again = browser.get(EVENT_LIST + "?region__exact=dresden")
    assert again.content == first.content
    assert "no-store" in again["Cache-Control"]  # still the admin's headers
    assert len(stored_pages()) == 1


def test_an_admin_list_is_nobody_elses_and_shows_a_change_at_once(public_event):
    anna, bert = StaffFactory(first_name="Anna"), StaffFactory(first_name="Bert")
    annas = signed_in(anna)
    annas.get(EVENT_LIST)
    assert "Fachtag Jugendschutz" not in annas.get(EVENT_LIST).content.decode()
    EventFactory(title="Fachtag Jugendschutz")
    assert "Fachtag Jugendschutz" in annas.get(EVENT_LIST).content.decode()
    berts = signed_in(bert).get(EVENT_LIST).content.decode()
    assert "Bert" in berts and "Anna" not in berts.split("<main", 1)[0]
    assert len(stored_pages()) == 2


def test_an_admin_list_after_an_action_shows_its_message_and_is_not_kept(public_event):
    browser = signed_in(StaffFactory())
    browser.get(EVENT_LIST)  # kept
    after = browser.post(
        reverse("admin:events_event_delete", args=[public_event.pk]), {"post": "yes"}, follow=True
    )
    assert "erfolgreich gelöscht" in after.content.decode()
    assert "erfolgreich gelöscht" not in browser.get(EVENT_LIST).content.decode()


def test_the_admins_search_words_go_to_the_bounded_cache(public_event):
    browser = signed_in(StaffFactory())
    assert browser.get(EVENT_LIST + "?q=Fachtag").status_code == 200
    assert stored_pages() == []
    assert len(free_text_pages()) == 1


def test_the_selection_is_kept_until_a_decision_changes_it(staff, django_assert_max_num_queries):
    cohort = CohortFactory(closed=True, capacity=1)
    first, second = ApplicationFactory.create_batch(2, cohort=cohort)
    browser = signed_in(staff)
    url = reverse("training:selection", args=[cohort.pk])
    page = browser.get(url).content.decode()
    with django_assert_max_num_queries(3):
        assert browser.get(url).content.decode() == page
    browser.post(
        reverse("training:change_decision", args=[second.pk]),
        {f"a{second.pk}-decision": "accepted", f"a{second.pk}-reason": "Sehr erfahren"},
    )
    assert "Sehr erfahren" in browser.get(url).content.decode()


# The rules, on views of their own -------------------------------------------------


def shows_a_message(request):
    messages.info(request, "Gespeichert.")
    return render(request, "home.html")


def sets_a_cookie(request):
    response = HttpResponse("ok")
    response.set_cookie("seen", "1")
    return response


def not_found(request):
    return HttpResponse("weg", status=404)


def with_a_token(request):
    return HttpResponse('<input type="hidden" name="csrfmiddlewaretoken" value="abc">')


def uses_a_token(request):
    get_token(request)
    return HttpResponse("ok")


def varies(request):
    response = HttpResponse("ok")
    response["Vary"] = "Accept"
    return response


def private(request):
    response = HttpResponse("ok")
    response["Cache-Control"] = "private, no-store"
    return response


def changes_the_session(request):
    request.session["seen"] = True
    return HttpResponse("ok")


def plain(request):
    return HttpResponse("ok")


urlpatterns = [
    path("message/", public_page(shows_a_message)),
    path("cookie/", public_page(sets_a_cookie)),
    path("missing/", public_page(not_found)),
    path("token-in-page/", public_page(with_a_token)),
    path("token/", public_page(uses_a_token)),
    path("varies/", public_page(varies)),
    path("private/", public_page(private)),
    path("session/", public_page(changes_the_session)),
    path("plain/", public_page(plain)),
    path("", include("asskomm.urls")),
]


@pytest.mark.urls("tests.test_page_cache")
@pytest.mark.parametrize(
    "url",
    [
        "/message/",
        "/cookie/",
        "/missing/",
        "/token-in-page/",
        "/token/",
        "/varies/",
        "/private/",
        "/session/",
    ],
)
def test_only_plain_pages_for_everyone_are_stored(client, url):
    client.get(url)
    assert stored_pages() == []


@pytest.mark.urls("tests.test_page_cache")
def test_a_plain_page_is_stored_but_not_for_a_post(client):
    client.post("/plain/")
    assert stored_pages() == []
    client.get("/plain/")
    assert len(stored_pages()) == 1


def test_a_cache_that_does_not_answer_costs_a_rendered_page_not_an_error(client, settings):
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    down = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": f"redis://127.0.0.1:{port}/0",
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
    with override_settings(CACHES={**settings.CACHES, "pages": down}):
        assert client.get("/").status_code == 200
        event = EventFactory()  # the change is saved all the same
    assert Event.objects.filter(pk=event.pk).exists()


# The language switch --------------------------------------------------------------


def test_the_language_switch_needs_no_token_and_works_without_javascript():
    client = Client(enforce_csrf_checks=True)
    home = client.get("/").content.decode()
    assert 'action="/i18n/setlang/" method="post"' in home
    assert 'name="language" value="en"' in home
    response = client.post(reverse("set_language"), {"language": "en", "next": "/events/"})
    assert response.status_code == 302
    assert response["Location"] == "/events/"
    assert response.cookies["django_language"].value == "en"
    assert "Skip to content" in client.get("/events/").content.decode()


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:x"]
)
def test_the_language_switch_never_leaves_the_site(client, next_url):
    response = client.post(reverse("set_language"), {"language": "en", "next": next_url})
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_the_language_switch_changes_nothing_on_get(client):
    assert client.get(reverse("set_language") + "?language=en&next=/").status_code == 405
