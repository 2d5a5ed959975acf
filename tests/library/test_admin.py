import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from events.models import EventDocument
from library.demo import pdf_bytes
from library.models import Resource
from tests.events.factories import EventFactory
from tests.events.test_admin import change_form_data
from tests.library.factories import ResourceFactory

pytestmark = pytest.mark.django_db


def _add_data(**changes):
    return {
        "title": "Häusliche Gewalt: Netzwerke",
        "kind": Resource.Kind.GUIDE,
        "summary": "",
        "published_on": "01.03.2024",
        "audience": Resource.Audience.MEMBERS,
        "external_url": "",
        **changes,
    }


def test_staff_upload_a_resource_its_text_and_uploader_are_kept(client_for, staff):
    content = pdf_bytes("Netzwerke vor Ort", ["Interventionsstellen und Jugendamt."])
    response = client_for(staff).post(
        reverse("admin:library_resource_add"),
        _add_data(file=SimpleUploadedFile("netzwerke.pdf", content)),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    resource = Resource.objects.get()
    assert "Interventionsstellen und Jugendamt." in resource.extracted_text
    assert resource.file_size == len(content)
    assert resource.uploaded_by == staff


def test_a_file_that_is_not_what_it_says_is_refused(client_for, staff):
    response = client_for(staff).post(
        reverse("admin:library_resource_add"),
        _add_data(file=SimpleUploadedFile("leitfaden.pdf", b"MZ\x90\x00")),
    )
    assert response.status_code == 200
    assert "file" in response.context["adminform"].form.errors
    assert not Resource.objects.exists()


def test_neither_file_nor_link_is_refused_in_german(client_for, staff):
    response = client_for(staff).post(reverse("admin:library_resource_add"), _add_data())
    assert response.status_code == 200
    assert "Geben Sie entweder eine Datei oder einen externen Link an." in (
        response.content.decode()
    )


def test_the_change_page_links_the_file_to_the_checked_download(client_for, staff):
    resource = ResourceFactory()
    response = client_for(staff).get(reverse("admin:library_resource_change", args=[resource.pk]))
    assert response.status_code == 200
    assert f'href="{resource.get_download_url()}"' in response.content.decode()


def test_a_document_uploaded_with_its_event_keeps_its_text(client_for, staff):
    event = EventFactory()
    client = client_for(staff)
    url, data = change_form_data(client, event)
    content = pdf_bytes("Protokoll", ["Sicherheitsrundgang am Bahnhof beschlossen."])
    data.update(
        {
            "documents-TOTAL_FORMS": 1,
            "documents-0-title": "Protokoll",
            "documents-0-kind": EventDocument.Kind.MINUTES,
            "documents-0-visibility": EventDocument.Visibility.AS_EVENT,
            "documents-0-file": SimpleUploadedFile("protokoll.pdf", content),
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    document = event.documents.get()
    assert "Sicherheitsrundgang am Bahnhof beschlossen." in document.extracted_text
    assert document.file_size == len(content)
