from datetime import date

import pytest
from django.urls import reverse

from members.models import MembershipRequest
from tests.factories import (
    MemberFactory,
    MembershipRequestFactory,
    MunicipalityFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

MEMBER_PAGES = ["members:directory", "members:municipality_list"]


def people(applicant, member, other_member, staff):
    return {
        "anonymous": None,
        "applicant": applicant,
        "member": member,
        "other_member": other_member,
        "staff": staff,
    }


@pytest.fixture
def everyone(applicant, member, other_member, staff):
    return people(applicant, member, other_member, staff)


@pytest.mark.parametrize("page", MEMBER_PAGES)
@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", 302),
        ("applicant", 403),
        ("member", 200),
        ("other_member", 200),
        ("staff", 200),
    ],
)
def test_member_pages_are_for_members_and_staff(client_for, everyone, page, who, expected):
    response = client_for(everyone[who]).get(reverse(page))
    assert response.status_code == expected
    if who == "anonymous":
        assert response["Location"].startswith(reverse("account_login"))
    if who == "applicant":
        assert "Mitglied" in response.content.decode()  # tells them how to become one


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", 302),
        ("applicant", 404),
        ("member", 200),
        ("other_member", 200),
        ("staff", 200),
    ],
)
def test_a_municipality_page_is_for_members_and_hides_itself_from_others(
    client_for, everyone, who, expected
):
    town = MunicipalityFactory(name="Löbau")
    response = client_for(everyone[who]).get(town.get_absolute_url())
    assert response.status_code == expected


@pytest.mark.parametrize("page", ["members:dashboard", "members:profile"])
@pytest.mark.parametrize("who", ["applicant", "member", "staff"])
def test_personal_pages_show_the_person_their_own_data(client_for, everyone, page, who):
    person = everyone[who]
    response = client_for(person).get(reverse(page))
    assert response.status_code == 200
    assert (
        person.email in response.content.decode() or person.first_name in response.content.decode()
    )


@pytest.mark.parametrize("page", ["members:dashboard", "members:profile"])
def test_personal_pages_send_anonymous_visitors_to_the_login(client, page):
    response = client.get(reverse(page))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={reverse(page)}"


def test_unknown_municipality_answers_404(client_for, member):
    assert client_for(member).get("/municipalities/14626999/").status_code == 404


class TestDirectory:
    def test_lists_only_members_who_opted_in(self, client_for, member):
        listed = MemberFactory(first_name="Sichtbar", listed_in_directory=True)
        MemberFactory(first_name="Unsichtbar", listed_in_directory=False)
        UserFactory(first_name="Bewerbend", listed_in_directory=True)  # not a member
        content = client_for(member).get(reverse("members:directory")).content.decode()
        assert listed.email in content
        assert "Unsichtbar" not in content
        assert "Bewerbend" not in content

    def test_the_opt_in_is_off_by_default(self):
        assert not MemberFactory().listed_in_directory

    def test_filters_by_region_municipality_organisation_and_text(self, client_for, member):
        leipzig = MunicipalityFactory(ags="14713000", name="Leipzig", kind="kreisfreie_stadt")
        goerlitz = MunicipalityFactory(ags="14626110", name="Görlitz")
        police = OrganisationFactory(name="Polizei Sachsen")
        anna = MemberFactory(
            first_name="Anna",
            municipality=leipzig,
            function="Streetworkerin",
            listed_in_directory=True,
        )
        bernd = MemberFactory(first_name="Bernd", municipality=goerlitz, listed_in_directory=True)
        carla = MemberFactory(
            first_name="Carla", municipality=None, organisation=police, listed_in_directory=True
        )
        client = client_for(member)

        def found(**query):
            page = client.get(reverse("members:directory"), query)
            return {person.first_name for person in page.context["page_obj"].object_list}

        assert found(region="leipzig") == {"Anna"}
        assert found(municipality=goerlitz.pk) == {"Bernd"}
        assert found(organisation=police.pk) == {"Carla"}
        assert found(q="streetwork") == {"Anna"}
        assert found(q=f"{bernd.first_name} {bernd.last_name}") == {"Bernd"}
        assert found() == {anna.first_name, bernd.first_name, carla.first_name}

    def test_lists_people_by_last_name_in_german_order(self, client_for, member):
        for name in ["Zimmermann", "Özdemir", "Krause", "Köhler"]:
            MemberFactory(last_name=name, listed_in_directory=True)
        page = client_for(member).get(reverse("members:directory"))
        assert [person.last_name for person in page.context["page_obj"].object_list] == [
            "Köhler",
            "Krause",
            "Özdemir",
            "Zimmermann",
        ]

    def test_an_unknown_filter_value_is_reported_not_an_error(self, client_for, member):
        response = client_for(member).get(reverse("members:directory"), {"region": "bayern"})
        assert response.status_code == 200
        assert response.context["filter"].errors

    def test_is_paginated_with_a_constant_number_of_queries(
        self, client_for, member, django_assert_max_num_queries
    ):
        MemberFactory.create_batch(30, listed_in_directory=True)
        client = client_for(member)
        with django_assert_max_num_queries(12):
            first = client.get(reverse("members:directory"))
        MemberFactory.create_batch(30, listed_in_directory=True)
        with django_assert_max_num_queries(12):
            second = client.get(reverse("members:directory"), {"page": 2})
        assert len(first.context["page_obj"].object_list) == 25
        assert second.context["page_obj"].has_next()


class TestMunicipalities:
    def test_list_filters(self, client_for, member):
        MunicipalityFactory(ags="14626110", name="Görlitz", is_model_municipality=True)
        MunicipalityFactory(ags="14730070", name="Delitzsch", security_analysis_year=2021)
        MunicipalityFactory(ags="14626000", name="Landkreis Görlitz", kind="landkreis")
        client = client_for(member)

        def found(**query):
            query.setdefault("scope", "saxony")
            page = client.get(reverse("members:municipality_list"), query)
            return {town.name for town in page.context["page_obj"].object_list}

        assert found(region="leipzig") == {"Delitzsch"}
        assert found(kind="landkreis") == {"Landkreis Görlitz"}
        assert found(is_model_municipality="on") == {"Görlitz"}
        assert found(security_analysis="on") == {"Delitzsch"}
        assert found(q="görl") == {"Görlitz", "Landkreis Görlitz"}
        assert found(q="14730") == {"Delitzsch"}

    def test_list_shows_the_network_by_default_and_all_of_saxony_on_request(
        self, client_for, member
    ):
        """The network: a membership date, or network members working there."""
        member.municipality.name = "Görlitz"
        member.municipality.save()
        MunicipalityFactory(name="Döbeln", member_since=date(2019, 5, 1))
        MunicipalityFactory(name="Dresden")
        UserFactory(municipality=MunicipalityFactory(name="Riesa"))  # an applicant only
        client = client_for(member)

        default = client.get(reverse("members:municipality_list"))
        assert [town.name for town in default.context["page_obj"]] == ["Döbeln", "Görlitz"]
        content = default.content.decode()
        assert "<h1>Kommunen im Netzwerk</h1>" in content
        assert 'name="scope" value="network" id="id_scope_0" checked' in content
        assert "Alle Kommunen in Sachsen" in content

        everything = client.get(reverse("members:municipality_list"), {"scope": "saxony"})
        assert [town.name for town in everything.context["page_obj"]] == [
            "Döbeln",
            "Dresden",
            "Görlitz",
            "Riesa",
        ]
        assert "<h1>Alle Kommunen in Sachsen</h1>" in everything.content.decode()

    def test_list_runs_a_constant_number_of_queries(
        self, client_for, member, django_assert_max_num_queries
    ):
        towns = MunicipalityFactory.create_batch(30)
        for town in towns:
            MemberFactory.create_batch(2, municipality=town, listed_in_directory=True)
        client = client_for(member)
        with django_assert_max_num_queries(12):
            response = client.get(reverse("members:municipality_list"))
        assert response.status_code == 200
        counts = {town.pk: town.listed_people_count for town in response.context["page_obj"]}
        assert counts[member.municipality_id] == 0  # the member did not opt in
        assert [count for pk, count in counts.items() if pk != member.municipality_id] == [2] * 24

    def test_detail_shows_only_members_who_opted_in(self, client_for, member):
        town = MunicipalityFactory(name="Riesa")
        listed = MemberFactory(municipality=town, listed_in_directory=True)
        hidden = MemberFactory(municipality=town, listed_in_directory=False)
        content = client_for(member).get(town.get_absolute_url()).content.decode()
        assert listed.email in content
        assert hidden.email not in content

    def test_detail_names_the_region_and_landkreis_read_off_the_key(self, client_for, member):
        MunicipalityFactory(ags="14626000", name="Landkreis Görlitz", kind="landkreis")
        town = MunicipalityFactory(ags="14626110", name="Görlitz")
        content = client_for(member).get(town.get_absolute_url()).content.decode()
        assert "<dd>Dresden</dd>" in content
        assert "Landkreis Görlitz</a>" in content

    def test_a_landkreis_lists_its_towns(self, client_for, member):
        landkreis = MunicipalityFactory(ags="14626000", name="Landkreis Görlitz", kind="landkreis")
        MunicipalityFactory(ags="14626110", name="Görlitz")
        MunicipalityFactory(ags="14625020", name="Bautzen")
        page = client_for(member).get(landkreis.get_absolute_url())
        assert [town.name for town in page.context["towns"]] == ["Görlitz"]


class TestMembershipRequestThroughTheDashboard:
    def test_an_applicant_requests_membership(
        self, client_for, applicant, mailoutbox, django_capture_on_commit_callbacks
    ):
        town = MunicipalityFactory(name="Kamenz")
        client = client_for(applicant)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("members:membership_request"),
                {"municipality": town.pk, "function": "Präventionsbeauftragte"},
                follow=True,
            )
        assert response.redirect_chain[-1][0] == reverse("members:dashboard")
        assert MembershipRequest.objects.get(user=applicant).municipality == town
        content = response.content.decode()
        assert "Kamenz" in content  # the dashboard now shows the waiting request
        assert len(mailoutbox) == 1

    def test_a_bad_request_keeps_what_was_typed_and_says_what_is_wrong(self, client_for, applicant):
        response = client_for(applicant).post(
            reverse("members:membership_request"),
            {"function": "Sachgebietsleiterin", "message": "Bitte um Aufnahme."},
        )
        assert response.status_code == 200
        content = response.content.decode()
        assert "Sachgebietsleiterin" in content
        assert "Bitte um Aufnahme." in content
        assert response.context["membership_form"].errors == {
            "municipality": [
                "Bitte wählen Sie die Kommune oder die Organisation, für die Sie tätig sind."
            ]
        }
        assert "nicht beides" not in content
        assert not MembershipRequest.objects.exists()

    def test_the_message_is_addressed_to_the_team(self, client_for, applicant):
        form = client_for(applicant).get(reverse("members:dashboard")).context["membership_form"]
        assert form["message"].label == "Nachricht an das ASSKomm-Team"
        assert form["message"].help_text.startswith(
            "Optional: Was das ASSKomm-Team für die Entscheidung über Ihren Antrag wissen sollte"
        )

    def test_a_second_request_while_waiting_gives_a_message(self, client_for, applicant):
        MembershipRequestFactory(user=applicant)
        response = client_for(applicant).post(
            reverse("members:membership_request"),
            {"organisation": OrganisationFactory().pk, "function": "Referent"},
            follow=True,
        )
        assert response.status_code == 200
        assert MembershipRequest.objects.filter(user=applicant).count() == 1
        assert list(response.context["messages"])

    def test_members_see_no_request_form(self, client_for, member):
        response = client_for(member).get(reverse("members:dashboard"))
        assert response.context["membership_form"] is None

    def test_the_request_is_only_accepted_by_post(self, client_for, applicant):
        assert client_for(applicant).get(reverse("members:membership_request")).status_code == 405


class TestProfile:
    def test_a_person_edits_their_profile_and_opts_in(self, client_for, member):
        response = client_for(member).post(
            reverse("members:profile"),
            {
                "salutation": "ms",
                "title": "Dr.",
                "first_name": "Anna",
                "last_name": "Schmidt",
                "function": "Präventionsbeauftragte",
                "phone": "0351 1234567",
                "preferred_language": "de",
                "listed_in_directory": "on",
            },
        )
        assert response.status_code == 302
        member.refresh_from_db()
        assert member.get_full_name() == "Dr. Anna Schmidt"
        assert member.listed_in_directory

    def test_the_affiliation_cannot_be_changed_by_the_person(self, client_for, member):
        original = member.municipality
        client_for(member).post(
            reverse("members:profile"),
            {
                "first_name": "Anna",
                "last_name": "Schmidt",
                "preferred_language": "de",
                "municipality": MunicipalityFactory().pk,
            },
        )
        member.refresh_from_db()
        assert member.municipality == original

    def test_missing_name_is_reported_and_input_kept(self, client_for, member):
        response = client_for(member).post(
            reverse("members:profile"),
            {
                "first_name": "",
                "last_name": "Schmidt",
                "function": "Referentin",
                "preferred_language": "de",
            },
        )
        assert response.status_code == 200
        assert "first_name" in response.context["form"].errors
        assert "Referentin" in response.content.decode()

    def test_choosing_english_switches_the_portal(self, client_for, member):
        client = client_for(member)
        client.post(
            reverse("members:profile"),
            {"first_name": "Anna", "last_name": "Schmidt", "preferred_language": "en"},
        )
        response = client.get(reverse("members:profile"))
        assert response["Content-Language"] == "en"
        assert "Your profile" in response.content.decode()
