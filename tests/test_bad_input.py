"""Bad input never answers 500: NUL bytes in addresses and parameters,
garbage in admin actions, numbers past a column's range, and random text
in the main forms, filters and searches."""

import pytest
from django.contrib import admin
from django.contrib.auth.hashers import MD5PasswordHasher
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events.models import Event, Registration
from members.filters import MAX_SEARCH_WORDS, matching_every_word, search_words
from members.models import MembershipRequest, User
from tests.events.factories import EventFactory
from tests.factories import MemberFactory, MunicipalityFactory, UserFactory
from tests.helpers import enrol_in_two_factor
from tests.training.factories import ApplicationFactory, CohortFactory, application_data
from training.models import Application, SelectionDeviation
from training.services import APPLICATION_FIELDS

pytestmark = pytest.mark.django_db


def superuser_with_two_factor():
    """A superuser the admin opens for (staff need an authenticator app)."""
    superuser = User.objects.create_superuser(email="chef@example.org", password="x")
    enrol_in_two_factor(superuser)
    return superuser


NUL_PATHS = [
    "/events/feed/%00.ics",
    "/municipalities/%00/",
    "/events/%00/",
    "/training/%00/",
]
NUL_PARAMETERS = [
    "/events/?q=%00",
    "/events/?region=%00",
    "/members/?municipality=%00",
    "/municipalities/?q=a%00b",
    "/search/?q=Jugend%00Bahnhof",
    "/admin/events/event/?kind=%00",
    "/admin/members/user/?q=%00",
    "/admin/autocomplete/?term=%00&app_label=events&model_name=event"
    "&field_name=invited_municipalities",
]
PEOPLE = ["anonymous", "member", "superuser"]


def person(who):
    return {
        "anonymous": lambda: None,
        "member": MemberFactory,
        "superuser": superuser_with_two_factor,
    }[who]()


@pytest.mark.parametrize("address", NUL_PATHS)
@pytest.mark.parametrize("who", PEOPLE)
def test_a_nul_byte_in_the_address_leads_nowhere(client_for, address, who):
    assert client_for(person(who)).get(address).status_code == 404


@pytest.mark.parametrize("address", NUL_PARAMETERS)
@pytest.mark.parametrize("who", PEOPLE)
def test_nul_bytes_in_parameters_are_dropped(client_for, address, who):
    client = client_for(person(who))
    client.raise_request_exception = False
    assert client.get(address).status_code < 500


def test_a_search_with_a_nul_byte_searches_for_the_rest(client_for, member):
    response = client_for(member).get("/events/?q=Fach%00tag")
    assert response.status_code == 200
    assert response.context["filter"].form.cleaned_data["q"] == "Fachtag"


GARBAGE_SELECTIONS = [["abc"], ["\x00"], ["1", "zwei"], ["99999999999999999999999"], ["-1.5"]]


@pytest.mark.parametrize("selection", GARBAGE_SELECTIONS, ids=repr)
def test_garbage_in_any_admin_action_changes_nothing_and_answers_calmly(client_for, rf, selection):
    superuser = superuser_with_two_factor()
    client = client_for(superuser)
    request = rf.get("/admin/")
    request.user = superuser
    tried = 0
    for model, model_admin in admin.site._registry.items():
        changelist = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for action in model_admin.get_actions(request):
            response = client.post(
                changelist, {"action": action, "_selected_action": selection, "index": 0}
            )
            assert response.status_code < 500, (model, action)
            assert not response.get("Location", "").startswith("/accounts/"), "admin closed"
            tried += 1
    assert tried > 10
    assert User.objects.filter(pk=superuser.pk).exists()


def test_a_waiting_list_position_past_any_range_is_a_form_error(client_for):
    superuser = superuser_with_two_factor()
    application = ApplicationFactory(cohort=CohortFactory(closed=True))
    prefix = f"a{application.pk}"
    response = client_for(superuser).post(
        reverse("training:change_decision", args=[application.pk]),
        {
            f"{prefix}-decision": "waitlisted",
            f"{prefix}-waitlist_position": 10**12,
            f"{prefix}-reason": "Nachrücken",
        },
    )
    assert response.status_code == 200
    assert "waitlist_position" in response.context["form"].errors
    assert not SelectionDeviation.objects.exists()


class TestSearchWords:
    def test_a_search_takes_at_most_ten_distinct_words(self):
        words = search_words(" ".join(f"w{number}" for number in range(1990)) + " w1 w1")
        assert words == [f"w{number}" for number in range(MAX_SEARCH_WORDS)]

    def test_each_word_is_cut_to_a_sensible_length(self):
        assert search_words("x" * 10_000) == ["x" * 100]

    def test_two_thousand_letters_cost_no_more_conditions_than_ten_words(self):
        queryset = matching_every_word(
            Event.objects.all(), " ".join("abcdefghij" * 199), ["title", "description"]
        )
        assert str(queryset.query).count("LIKE") == MAX_SEARCH_WORDS * 2

    def test_the_events_search_with_thousands_of_words_answers(self, client):
        EventFactory(title="Fachtag Prävention", audience="public")
        response = client.get("/events/", {"q": " ".join("a" * 1990) + " Fachtag"})
        assert response.status_code == 200


def test_sign_up_hashes_a_password_whether_or_not_the_address_exists(client, monkeypatch, settings):
    """The answer takes as long for a known address as for a new one: the
    costly part, hashing the password, happens in both cases."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    hashed = []
    original = MD5PasswordHasher.encode
    monkeypatch.setattr(
        MD5PasswordHasher,
        "encode",
        lambda self, password, salt: hashed.append(password) or original(self, password, salt),
    )
    UserFactory(email="bekannt@example.org")
    hashed.clear()
    form = {
        "first_name": "Erika",
        "last_name": "Muster",
        "password1": "ein-langes-Passwort-42",
        "password2": "ein-langes-Passwort-42",
        "privacy_consent": "on",
    }
    known = client.post("/accounts/signup/", {**form, "email": "bekannt@example.org"})
    hashes_for_known = len(hashed)
    new = client.post("/accounts/signup/", {**form, "email": "neu@example.org"})
    assert known.status_code == new.status_code == 302
    assert known["Location"] == new["Location"]
    assert hashes_for_known == len(hashed) - hashes_for_known == 1
    assert User.objects.filter(email="bekannt@example.org").count() == 1


# Random text, NUL bytes, control characters and huge numbers included.
ANY_TEXT = st.one_of(
    st.text(max_size=300),
    st.sampled_from(["\x00", "'; DROP TABLE events_event; --", "%", "*", "&", '"', "9" * 40]),
)
PROPERTY = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@PROPERTY
@given(q=ANY_TEXT, region=ANY_TEXT, date_from=ANY_TEXT, kind=ANY_TEXT)
def test_random_text_in_filters_and_searches_never_answers_500(
    client_for, q, region, date_from, kind
):
    client = client_for(MemberFactory())
    for path, params in [
        ("/events/", {"q": q, "region": region, "date_from": date_from, "kind": kind}),
        ("/events/archive/", {"q": q, "date_to": date_from}),
        ("/members/", {"q": q, "region": region, "municipality": kind}),
        ("/municipalities/", {"q": q, "region": region, "kind": kind}),
        ("/training/alumni/", {"q": q}),
    ]:
        assert client.get(path, params).status_code < 500, (path, params)


@PROPERTY
@given(municipality=ANY_TEXT, function=ANY_TEXT, message=ANY_TEXT)
def test_random_membership_requests_store_nothing_invalid(
    client_for, municipality, function, message
):
    client = client_for(UserFactory())
    before = MembershipRequest.objects.count()
    response = client.post(
        reverse("members:membership_request"),
        {"municipality": municipality, "function": function, "message": message},
    )
    assert response.status_code < 500
    if response.status_code == 200:  # the form came back with errors
        assert MembershipRequest.objects.count() == before


@PROPERTY
@given(first_name=ANY_TEXT, last_name=ANY_TEXT, phone=ANY_TEXT, salutation=ANY_TEXT)
def test_random_profiles_store_nothing_invalid(
    client_for, first_name, last_name, phone, salutation
):
    member = MemberFactory(first_name="Anna", last_name="Schmidt")
    response = client_for(member).post(
        reverse("members:profile"),
        {
            "first_name": first_name,
            "last_name": last_name,
            "phone": phone,
            "salutation": salutation,
            "preferred_language": "de",
        },
    )
    assert response.status_code < 500
    member.refresh_from_db()
    if response.status_code == 200:
        assert (member.first_name, member.last_name) == ("Anna", "Schmidt")


@PROPERTY
@given(note=ANY_TEXT, on_list=ANY_TEXT)
def test_random_registrations_store_nothing_invalid(client_for, note, on_list):
    event = EventFactory()
    client_for(MemberFactory()).post(
        reverse("events:register", args=[event.slug]), {"note": note, "on_attendee_list": on_list}
    )
    stored = Registration.objects.filter(event=event).first()
    assert stored is None or "\x00" not in stored.note


@PROPERTY
@given(field=st.sampled_from(APPLICATION_FIELDS), value=ANY_TEXT)
def test_random_applications_store_nothing_invalid(client_for, field, value):
    cohort = CohortFactory()
    municipality = MunicipalityFactory()
    data = {**application_data(municipality=municipality), field: value}
    before = Application.objects.count()
    response = client_for(UserFactory()).post(reverse("training:apply", args=[cohort.pk]), data)
    assert response.status_code < 500
    if response.status_code == 200:
        assert Application.objects.count() == before


@PROPERTY
@given(email=ANY_TEXT, password=ANY_TEXT, first_name=ANY_TEXT)
def test_random_sign_ups_never_answer_500(client, email, password, first_name):
    before = User.objects.count()
    response = client.post(
        "/accounts/signup/",
        {
            "email": email,
            "first_name": first_name,
            "last_name": "Muster",
            "password1": password,
            "password2": password,
            "privacy_consent": "on",
        },
    )
    assert response.status_code < 500
    if response.status_code == 200:
        assert User.objects.count() == before
