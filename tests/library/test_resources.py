"""Who sees which resource, and the rules of a resource itself."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from library import services
from library.demo import pdf_bytes
from library.models import Resource
from tests.factories import MemberFactory, UserFactory
from tests.library.factories import ResourceFactory

pytestmark = pytest.mark.django_db

Audience = Resource.Audience


@pytest.fixture
def resources(invited_town):
    return {
        "public": ResourceFactory(title="Öffentlich", audience=Audience.PUBLIC),
        "members": ResourceFactory(title="Für Mitglieder", audience=Audience.MEMBERS),
        "working_group": ResourceFactory(title="Für die AG", audience=Audience.WORKING_GROUP),
        "invited": ResourceFactory(
            title="Für Zittau", audience=Audience.INVITED, invited=[invited_town]
        ),
    }


def _visible(user):
    return set(Resource.objects.visible_to(user).values_list("title", flat=True))


class TestVisibleTo:
    def test_anonymous_and_applicants_see_public_resources_only(self, resources):
        from django.contrib.auth.models import AnonymousUser

        assert _visible(AnonymousUser()) == {"Öffentlich"}
        assert _visible(UserFactory()) == {"Öffentlich"}

    def test_a_member_of_another_municipality_sees_no_invitation(self, resources):
        assert _visible(MemberFactory()) == {"Öffentlich", "Für Mitglieder"}

    def test_the_invited_municipality_sees_its_resource(self, resources, invited_member):
        assert _visible(invited_member) == {"Öffentlich", "Für Mitglieder", "Für Zittau"}

    def test_the_working_group_sees_its_resources(self, resources, working_group_member):
        assert "Für die AG" in _visible(working_group_member)
        assert "Für Zittau" not in _visible(working_group_member)

    def test_the_team_sees_everything(self, resources, staff):
        assert _visible(staff) == {r.title for r in resources.values()}


class TestPages:
    @pytest.mark.parametrize("url_name", ["library:resource", "library:download"])
    def test_not_visible_is_404_for_members_and_login_for_anonymous(
        self, client_for, resources, url_name
    ):
        hidden = resources["invited"]
        url = reverse(url_name, kwargs={"pk": hidden.pk})
        response = client_for(None).get(url)
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]
        assert client_for(MemberFactory()).get(url).status_code == 404

    def test_applicant_gets_404_for_a_members_resource(self, client_for, resources, applicant):
        url = reverse("library:download", kwargs={"pk": resources["members"].pk})
        assert client_for(applicant).get(url).status_code == 404

    def test_member_downloads_the_file_privately(self, client_for, resources, member):
        response = client_for(member).get(
            reverse("library:download", kwargs={"pk": resources["members"].pk})
        )
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-store"
        assert "F%C3%BCr%20Mitglieder.pdf" in response["Content-Disposition"]

    def test_page_shows_summary_type_and_size(self, client_for, member):
        resource = ResourceFactory(title="Videoschutz", file_size=1_258_291)
        content = client_for(member).get(resource.get_absolute_url()).content.decode()
        assert "Videoschutz" in content
        assert "PDF, 1,2 MB" in content
        assert reverse("library:download", kwargs={"pk": resource.pk}) in content

    def test_a_link_has_no_download(self, client_for):
        link = ResourceFactory(
            audience=Audience.PUBLIC, file="", external_url="https://www.lpr.sachsen.de"
        )
        client = client_for(MemberFactory())
        assert "https://www.lpr.sachsen.de" in client.get(link.get_absolute_url()).content.decode()
        download = reverse("library:download", kwargs={"pk": link.pk})
        assert client.get(download).status_code == 404


class TestRules:
    def test_needs_a_file_or_a_link_not_both(self):
        neither = ResourceFactory.build(file="", external_url="")
        with pytest.raises(ValidationError, match="entweder eine Datei oder einen externen Link"):
            neither.full_clean()
        both = ResourceFactory.build(external_url="https://www.lpr.sachsen.de")
        with pytest.raises(ValidationError):
            both.full_clean()

    def test_upload_is_checked_by_content(self):
        resource = ResourceFactory.build(
            file=SimpleUploadedFile("leitfaden.pdf", b"MZ\x90\x00 ein Programm")
        )
        with pytest.raises(ValidationError) as error:
            resource.full_clean()
        assert "file" in error.value.message_dict

    def test_upload_is_at_most_20_mb(self, settings):
        big = SimpleUploadedFile("gross.pdf", b"%PDF-1.4" + b"0" * (20 * 1024 * 1024))
        with pytest.raises(ValidationError) as error:
            ResourceFactory.build(file=big).full_clean()
        assert "20 MB" in str(error.value)

    def test_saving_a_new_file_keeps_its_text_size_and_uploader(self, staff):
        content = pdf_bytes("Präventionsräte gründen", ["Eine Geschäftsstelle einrichten."])
        resource = Resource(
            title="Präventionsräte gründen",
            kind=Resource.Kind.GUIDE,
            published_on=date(2024, 1, 1),
            file=SimpleUploadedFile("gruenden.pdf", content),
        )
        services.save_resource(resource=resource, uploaded_by=staff)
        resource.refresh_from_db()
        assert "Eine Geschäftsstelle einrichten." in resource.extracted_text
        assert resource.file_size == len(content)
        assert resource.uploaded_by == staff
        assert resource.file_label == f"PDF, {round(len(content) / 1024)} KB"


@pytest.mark.parametrize(
    ("size", "label"),
    [(500, "PDF, 1 KB"), (348_160, "PDF, 340 KB"), (1_258_291, "PDF, 1,2 MB")],
)
def test_file_label_in_german_number_format(size, label):
    assert ResourceFactory.build(file_size=size).file_label == label
