"""Expertise in the member directory and the listed people's profile pages."""

import pytest
from django.urls import reverse

from members import services
from members.filters import MAX_SEARCH_WORDS
from members.models import User
from tests.factories import MemberFactory
from tests.projects.factories import TopicFactory

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("x")</script>'


@pytest.fixture
def expert(db):
    person = MemberFactory(
        listed_in_directory=True,
        first_name="Petra",
        last_name="Expertin",
        expertise_keywords="Streetwork, Beleuchtung",
        profile_text="Erste Zeile\nZweite Zeile über Angsträume",
    )
    person.expertise_topics.add(TopicFactory(name="Jugend", slug="jugend"))
    return person


def directory(client, **params):
    response = client.get(reverse("members:directory"), params)
    assert response.status_code == 200
    return {person.pk for person in response.context["page_obj"].object_list}


class TestProfileForm:
    def test_member_saves_topics_keywords_and_text(self, client_for, member):
        topic = TopicFactory()
        response = client_for(member).post(
            reverse("members:profile"),
            {
                "first_name": "Anna",
                "last_name": "Muster",
                "preferred_language": "de",
                "expertise_topics": [topic.pk],
                "expertise_keywords": "CCTV, Jugendclubs",
                "profile_text": "Zeile eins\nZeile zwei",
            },
        )
        assert response.status_code == 302
        member.refresh_from_db()
        assert list(member.expertise_topics.all()) == [topic]
        assert member.keyword_list == ["CCTV", "Jugendclubs"]
        assert member.profile_text == "Zeile eins\nZeile zwei"


class TestDirectoryFilters:
    def test_filters_by_topic(self, client_for, member, expert):
        other = MemberFactory(listed_in_directory=True)
        other.expertise_topics.add(TopicFactory())
        client = client_for(member)
        assert directory(client, topic=expert.expertise_topics.get().pk) == {expert.pk}

    def test_filters_by_keyword(self, client_for, member, expert):
        MemberFactory(listed_in_directory=True, expertise_keywords="Sucht")
        assert directory(client_for(member), keyword="streetwork") == {expert.pk}

    def test_text_search_covers_keywords_and_profile_text(self, client_for, member, expert):
        MemberFactory(listed_in_directory=True)
        client = client_for(member)
        assert directory(client, q="beleuchtung") == {expert.pk}
        assert directory(client, q="angsträume petra") == {expert.pk}
        assert directory(client, q="angsträume nirgends") == set()

    def test_text_search_is_bounded(self, client_for, member, expert):
        matching = ["pet", "exp", "stre", "bel", "erste", "zeile", "zwei", "über", "angst", "tra"]
        assert len(matching) == MAX_SEARCH_WORDS
        # The eleventh word, which matches nobody, is dropped.
        words = " ".join([*matching, "nirgends"])
        assert directory(client_for(member), q=words) == {expert.pk}

    def test_directory_links_profile_pages_and_keeps_its_queries(
        self, client_for, member, django_assert_max_num_queries
    ):
        topics = TopicFactory.create_batch(3)
        for person in MemberFactory.create_batch(30, listed_in_directory=True):
            person.expertise_topics.set(topics)
        client = client_for(member)
        with django_assert_max_num_queries(13):
            response = client.get(reverse("members:directory"))
        content = response.content.decode()
        first = response.context["page_obj"].object_list[0]
        assert reverse("members:person_detail", args=[first.pk]) in content
        assert topics[0].name in content


class TestProfilePage:
    @pytest.mark.parametrize(
        ("who", "status"),
        [("anonymous", 302), ("applicant", 403), ("member", 200), ("staff", 200)],
    )
    def test_only_members_see_a_listed_person(
        self, client_for, applicant, member, staff, expert, who, status
    ):
        viewer = {"anonymous": None, "applicant": applicant, "member": member, "staff": staff}[who]
        response = client_for(viewer).get(expert.get_absolute_url())
        assert response.status_code == status
        if status == 200:
            assert "Streetwork" in response.content.decode()

    def test_people_not_listed_answer_404(self, client_for, member, other_member, applicant):
        client = client_for(member)
        assert other_member.listed_in_directory is False
        assert client.get(other_member.get_absolute_url()).status_code == 404
        applicant.listed_in_directory = True
        applicant.save()  # listed, but not a member of the network
        assert client.get(applicant.get_absolute_url()).status_code == 404
        assert client.get(reverse("members:person_detail", args=[999999])).status_code == 404

    def test_line_breaks_kept_and_links_to_topic_and_keyword(self, client_for, member, expert):
        content = client_for(member).get(expert.get_absolute_url()).content.decode()
        assert "Erste Zeile<br>Zweite Zeile" in content
        assert expert.expertise_topics.get().get_absolute_url() in content
        assert reverse("members:directory") + "?keyword=Streetwork" in content

    def test_every_text_field_is_escaped(self, client_for, member):
        person = MemberFactory(
            listed_in_directory=True,
            first_name=SCRIPT,
            function=SCRIPT,
            expertise_keywords=f"{SCRIPT}, <b>fett</b>",
            profile_text=SCRIPT,
        )
        client = client_for(member)
        for url in (person.get_absolute_url(), reverse("members:directory")):
            content = client.get(url).content.decode()
            assert SCRIPT not in content
            assert "<b>fett</b>" not in content
        assert "&lt;script&gt;" in client.get(person.get_absolute_url()).content.decode()


class TestPersonalData:
    def test_export_contains_the_expertise(self, expert):
        profile = services.export_members_data(expert)[0]
        values = {field.name: field.value for field in profile.fields}
        assert values["expertise_topics"] == ["Jugend"]
        assert values["expertise_keywords"] == "Streetwork, Beleuchtung"
        assert values["profile_text"].startswith("Erste Zeile")

    def test_json_download_contains_the_expertise(self, client_for, expert):
        response = client_for(expert).get(reverse("members:my_data_download"))
        assert "Streetwork, Beleuchtung" in response.content.decode()

    def test_deleting_the_account_erases_the_expertise(self, expert):
        services.delete_account(user=expert)
        expert = User.objects.get(pk=expert.pk)
        assert expert.expertise_keywords == ""
        assert expert.profile_text == ""
        assert not expert.expertise_topics.exists()


class TestSearch:
    def test_search_finds_expertise_and_links_the_profile_page(
        self, client_for, member, applicant, expert
    ):
        url = reverse("search:results")
        found = client_for(member).get(url, {"q": "Streetwork"}).content.decode()
        assert f'href="{expert.get_absolute_url()}"' in found
        by_topic = client_for(member).get(url, {"q": "Petra", "topic": "jugend"})
        assert f'href="{expert.get_absolute_url()}"' in by_topic.content.decode()
        TopicFactory(slug="sucht")
        other_topic = client_for(member).get(url, {"q": "Petra", "topic": "sucht"})
        assert expert.get_absolute_url() not in other_topic.content.decode()
        hidden = client_for(applicant).get(url, {"q": "Streetwork"}).content.decode()
        assert expert.get_absolute_url() not in hidden


def test_the_team_edits_a_persons_expertise_in_the_admin(client_for, staff, expert):
    response = client_for(staff).get(reverse("admin:members_user_change", args=[expert.pk]))
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert {"expertise_topics", "expertise_keywords", "profile_text"} <= set(form.fields)
    assert form.initial["expertise_keywords"] == "Streetwork, Beleuchtung"
