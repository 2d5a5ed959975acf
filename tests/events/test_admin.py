import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from events.models import Event, EventMessage, Registration
from tests.events.factories import (
    PDF_BYTES,
    EventDocumentFactory,
    EventFactory,
    RegistrationFactory,
)
from tests.factories import MemberFactory, MunicipalityFactory, UserFactory

pytestmark = pytest.mark.django_db


def changelist():
    return reverse("admin:events_event_changelist")


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:events_event_changelist",
        "admin:events_registration_changelist",
        "admin:events_eventdocument_changelist",
        "admin:events_eventmessage_changelist",
        "admin:events_regionalcoordination_changelist",
        "admin:events_event_add",
    ],
)
def test_the_team_runs_events_in_the_admin(client_for, staff, url_name):
    EventDocumentFactory()
    RegistrationFactory()
    assert client_for(staff).get(reverse(url_name)).status_code == 200


def test_the_event_list_counts_confirmed_waiting_and_attended(client_for, staff):
    event = EventFactory(capacity=2)
    RegistrationFactory(event=event, attended=True)
    RegistrationFactory(event=event)
    RegistrationFactory(event=event, status=Registration.Status.WAITLISTED)
    response = client_for(staff).get(changelist())
    (row,) = response.context["cl"].result_list
    assert (row.confirmed_count, row.waitlisted_count, row.attended_count) == (2, 1, 1)
    change = client_for(staff).get(reverse("admin:events_event_change", args=[event.pk]))
    assert change.status_code == 200
    assert "An Teilnehmende schreiben" in change.content.decode()


def export(client, action, events):
    return client.post(
        changelist(), {"action": action, "_selected_action": [event.pk for event in events]}
    )


def test_participant_list_as_csv(client_for, staff):
    town = MunicipalityFactory(name="Görlitz")
    event = EventFactory(title="Treffen")
    RegistrationFactory(
        event=event,
        user=MemberFactory(first_name="Anna", last_name="Schmidt", municipality=town),
        note="=HYPERLINK(böse)",
    )
    response = export(client_for(staff), "export_csv", [event])
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0] == [
        "Veranstaltung",
        "Datum",
        "Name",
        "Organisation oder Kommune",
        "E-Mail-Adresse",
        "Status",
        "Teilgenommen",
        "Hinweis",
        "Angemeldet als",
    ]
    assert rows[1][2:6] == ["Anna Schmidt", "Görlitz", rows[1][4], "bestätigt"]
    assert rows[1][7] == "'=HYPERLINK(böse)"  # no formula injection


def test_participant_list_as_xlsx(client_for, staff):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event, user=MemberFactory(first_name="Anna", last_name="Schmidt"))
    RegistrationFactory(event=event, status=Registration.Status.WAITLISTED)
    response = export(client_for(staff), "export_xlsx", [event])
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][2] == "Name"
    assert rows[1][2] == "Anna Schmidt"
    assert [row[5] for row in rows[1:]] == ["bestätigt", "auf der Warteliste"]


def test_mark_attendance(client_for, staff):
    registrations = RegistrationFactory.create_batch(2)
    response = client_for(staff).post(
        reverse("admin:events_registration_changelist"),
        {"action": "mark_attended", "_selected_action": [r.pk for r in registrations]},
        follow=True,
    )
    assert Registration.objects.filter(attended=True).count() == 2
    assert "2 Personen als anwesend vermerkt." in messages_of(response)


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def test_cancelling_registrations_counts_them_and_names_each_refusal(client_for, staff):
    upcoming = RegistrationFactory.create_batch(2)
    started = RegistrationFactory(
        event=EventFactory(
            starts_at=timezone.now() - timedelta(hours=1),
            ends_at=timezone.now() + timedelta(hours=2),
        )
    )
    response = client_for(staff).post(
        reverse("admin:events_registration_changelist"),
        {
            "action": "cancel_registrations",
            "_selected_action": [r.pk for r in [*upcoming, started]],
        },
        follow=True,
    )
    shown = messages_of(response)
    assert "2 Anmeldungen storniert." in shown
    (refusal,) = [text for text in shown if text.startswith(str(started))]
    assert "begonnen" in refusal
    assert Registration.objects.get(pk=started.pk).is_active


def test_one_cancelled_event_reads_in_the_singular(client_for, staff, mailoutbox):
    response = client_for(staff).post(
        changelist(),
        {"action": "cancel_events", "_selected_action": [EventFactory().pk]},
        follow=True,
    )
    assert messages_of(response) == [
        "1 Veranstaltung abgesagt; die Angemeldeten werden benachrichtigt."
    ]


def test_cancel_events_from_the_admin_emails_everyone(
    client_for, staff, mailoutbox, django_capture_on_commit_callbacks
):
    event = EventFactory()
    RegistrationFactory.create_batch(2, event=event)
    with django_capture_on_commit_callbacks(execute=True):
        export(client_for(staff), "cancel_events", [event])
    assert Event.objects.get(pk=event.pk).status == Event.Status.CANCELLED
    assert len(mailoutbox) == 2


def test_duplicate_from_the_admin(client_for, staff):
    event = EventFactory(slug="ag-sitzung")
    export(client_for(staff), "duplicate_events", [event])
    assert Event.objects.get(slug="ag-sitzung-kopie").status == Event.Status.DRAFT


def change_form_data(client, event, **changes):
    """The event's admin change form as the browser would post it back."""
    url = reverse("admin:events_event_change", args=[event.pk])
    form = client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name != "invited_municipalities"
    }
    data.update(
        {
            "organiser": "",
            "starts_at_0": timezone.localtime(event.starts_at).strftime("%d.%m.%Y"),
            "starts_at_1": timezone.localtime(event.starts_at).strftime("%H:%M:%S"),
            "ends_at_0": timezone.localtime(event.ends_at).strftime("%d.%m.%Y"),
            "ends_at_1": timezone.localtime(event.ends_at).strftime("%H:%M:%S"),
            "registration_opens_at_0": "",
            "registration_opens_at_1": "",
            "registration_closes_at_0": "",
            "registration_closes_at_1": "",
            **management_forms(),
            **changes,
        }
    )
    registrations = list(event.registrations.order_by("status", "created_at", "pk"))
    for index, registration in enumerate(registrations):
        data[f"registrations-{index}-id"] = registration.pk
    data["registrations-TOTAL_FORMS"] = data["registrations-INITIAL_FORMS"] = len(registrations)
    return url, data


def test_raising_the_capacity_in_the_admin_moves_the_waiting_list_up(
    client_for, staff, mailoutbox, django_capture_on_commit_callbacks
):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, status=Registration.Status.WAITLISTED)
    client = client_for(staff)
    url, data = change_form_data(client, event, capacity=2)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED
    assert [mail.to for mail in mailoutbox] == [[waiting.user.email]]


def test_cancelling_in_the_change_form_tells_everyone_too(
    client_for, staff, mailoutbox, django_capture_on_commit_callbacks
):
    event = EventFactory()
    RegistrationFactory.create_batch(2, event=event)
    client = client_for(staff)
    url, data = change_form_data(client, event, status="cancelled")
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, data).status_code == 302
    assert Event.objects.get(pk=event.pk).status == Event.Status.CANCELLED
    assert len(mailoutbox) == 2


def management_forms():
    data = {}
    for prefix in ("registrations", "documents", "messages"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": 0,
                f"{prefix}-INITIAL_FORMS": 0,
                f"{prefix}-MIN_NUM_FORMS": 0,
                f"{prefix}-MAX_NUM_FORMS": 1000,
            }
        )
    return data


def test_staff_write_to_participants_from_the_event(
    client_for, staff, mailoutbox, django_capture_on_commit_callbacks
):
    event = EventFactory()
    RegistrationFactory.create_batch(3, event=event)
    client = client_for(staff)
    url = reverse("admin:events_event_message", args=[event.pk])
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"recipients": "confirmed", "subject": "Parken", "body": "Parkplätze im Hof."}
        )
    assert response.status_code == 302
    assert len(mailoutbox) == 3
    message = EventMessage.objects.get()
    assert (message.sender, message.recipient_count) == (staff, 3)


def test_a_message_without_recipients_says_so(
    client_for, staff, mailoutbox, django_capture_on_commit_callbacks
):
    event = EventFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(staff).post(
            reverse("admin:events_event_message", args=[event.pk]),
            {"recipients": "waitlisted", "subject": "Hallo", "body": "…"},
        )
    assert response.status_code == 200
    assert "Niemand ist mit diesem Status angemeldet" in response.content.decode()
    assert not mailoutbox


class TestRegionalCoordinators:
    def test_see_only_the_events_and_registrations_of_their_region(self, client_for, coordinator):
        own = EventFactory(title="Dresdner Treffen", region="dresden")
        other = EventFactory(title="Leipziger Treffen", region="leipzig")
        RegistrationFactory(event=own)
        RegistrationFactory(event=other)
        client = client_for(coordinator)
        events = client.get(changelist()).context["cl"].queryset
        assert list(events) == [own]
        registrations = (
            client.get(reverse("admin:events_registration_changelist")).context["cl"].queryset
        )
        assert {registration.event for registration in registrations} == {own}
        other_page = client.get(reverse("admin:events_event_change", args=[other.pk]))
        assert other_page.status_code == 302  # "does not exist" for them
        assert client.get(reverse("admin:events_event_change", args=[own.pk])).status_code == 200

    def test_manage_documents_and_attendance_of_their_region_only(self, client_for, coordinator):
        own = EventDocumentFactory(event=EventFactory(region="dresden"))
        other = EventDocumentFactory(event=EventFactory(region="leipzig"))
        client = client_for(coordinator)
        documents = client.get(reverse("admin:events_eventdocument_changelist")).context["cl"]
        assert list(documents.queryset) == [own]
        mine = RegistrationFactory(event=own.event)
        theirs = RegistrationFactory(event=other.event)
        client.post(
            reverse("admin:events_registration_changelist"),
            {"action": "mark_attended", "_selected_action": [mine.pk, theirs.pk]},
        )
        assert Registration.objects.get(pk=mine.pk).attended
        assert not Registration.objects.get(pk=theirs.pk).attended

    def test_create_events_only_in_their_region(self, client_for, coordinator):
        client = client_for(coordinator)
        form = client.get(reverse("admin:events_event_add")).context["adminform"].form
        assert [value for value, label in form.fields["region"].choices if value] == ["dresden"]
        response = client.post(
            reverse("admin:events_event_add"),
            {
                "title": "Treffen",
                "slug": "treffen",
                "kind": "regional_meeting",
                "status": "draft",
                "region": "leipzig",
                "audience": "members",
                "venue_name": "Rathaus",
                "starts_at_0": "01.06.2030",
                "starts_at_1": "10:00:00",
                "ends_at_0": "01.06.2030",
                "ends_at_1": "14:00:00",
                "reminder_days": 3,
                **management_forms(),
            },
        )
        assert response.status_code == 200
        assert "region" in response.context["adminform"].form.errors
        assert not Event.objects.exists()

    def test_cannot_manage_coordinations_or_other_apps(self, client_for, coordinator):
        client = client_for(coordinator)
        assert (
            client.get(reverse("admin:events_regionalcoordination_changelist")).status_code == 403
        )
        assert client.get(reverse("admin:members_user_changelist")).status_code == 403


def test_the_start_page_points_to_full_events_with_waiting_lists(client_for, staff):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    RegistrationFactory(event=event, status=Registration.Status.WAITLISTED)
    content = client_for(staff).get(reverse("admin:index")).content.decode()
    assert "Kommende Veranstaltungen mit Personen auf der Warteliste" in content
    listed = client_for(staff).get(changelist(), {"waiting_list": "yes"})
    assert list(listed.context["cl"].queryset) == [event]


def test_active_registrations_are_cancelled_not_deleted(client_for, staff):
    active = RegistrationFactory()
    cancelled = RegistrationFactory(
        status=Registration.Status.CANCELLED, cancelled_at=timezone.now()
    )
    client = client_for(staff)
    delete = "admin:events_registration_delete"
    assert client.get(reverse(delete, args=[active.pk])).status_code == 403
    assert client.get(reverse(delete, args=[cancelled.pk])).status_code == 200
    listed = client.get(reverse("admin:events_registration_changelist"))
    actions = [name for name, label in listed.context["action_form"].fields["action"].choices]
    assert "delete_selected" not in actions
    assert "cancel_registrations" in actions


def test_an_upcoming_event_with_registrations_is_cancelled_not_deleted(client_for, staff):
    registered = RegistrationFactory().event
    empty = EventFactory()
    client = client_for(staff)
    delete = "admin:events_event_delete"
    assert client.get(reverse(delete, args=[registered.pk])).status_code == 403
    assert client.get(reverse(delete, args=[empty.pk])).status_code == 200


class TestDocumentFilesInTheAdmin:
    """Documents live in a storage without public URLs; the admin shows the
    file's name linked to the download that checks permission."""

    @pytest.mark.parametrize("page", ["event", "document"])
    def test_change_pages_link_the_file_to_the_checked_download(self, client_for, staff, page):
        document = EventDocumentFactory()
        obj = document.event if page == "event" else document
        url = reverse(f"admin:events_{obj._meta.model_name}_change", args=[obj.pk])
        response = client_for(staff).get(url)
        assert response.status_code == 200
        download = document.get_absolute_url()
        file_name = document.file.name.rsplit("/", 1)[-1]
        assert f'<a href="{download}">{file_name}</a>' in response.content.decode()
        assert "/media/" not in response.content.decode()
        assert client_for(staff).get(download).status_code == 200

    def test_the_storage_still_refuses_a_public_url(self):
        document = EventDocumentFactory()
        with pytest.raises(ValueError):
            document.file.storage.url(document.file.name)

    def test_a_new_file_replaces_the_old_one_on_the_change_page(self, client_for, staff):
        document = EventDocumentFactory()
        old_name = document.file.name
        url = reverse("admin:events_eventdocument_change", args=[document.pk])
        client = client_for(staff)
        form = client.get(url).context["adminform"].form
        data = {name: form[name].value() for name in form.fields if name != "file"}
        data["file"] = SimpleUploadedFile("neu.pdf", PDF_BYTES, content_type="application/pdf")
        response = client.post(url, data)
        assert response.status_code == 302
        document.refresh_from_db()
        assert document.file.name != old_name
        assert document.file.name.endswith(".pdf")

    def test_a_refused_upload_shows_the_error_and_keeps_the_link(self, client_for, staff):
        document = EventDocumentFactory()
        url = reverse("admin:events_eventdocument_change", args=[document.pk])
        client = client_for(staff)
        form = client.get(url).context["adminform"].form
        data = {name: form[name].value() for name in form.fields if name != "file"}
        data["file"] = SimpleUploadedFile("tool.exe", b"MZ\x90\x00", content_type="text/plain")
        response = client.post(url, data)
        assert response.status_code == 200
        assert "file" in response.context["adminform"].form.errors
        assert f'href="{document.get_absolute_url()}"' in response.content.decode()

    @pytest.mark.parametrize("page", ["event", "document"])
    def test_staff_who_may_only_view_see_the_same_link(self, client_for, page):
        viewer = UserFactory(is_staff=True)
        viewer.user_permissions.add(
            *Permission.objects.filter(
                codename__in=["view_event", "view_eventdocument", "manage_all_events"]
            )
        )
        document = EventDocumentFactory()
        obj = document.event if page == "event" else document
        url = reverse(f"admin:events_{obj._meta.model_name}_change", args=[obj.pk])
        response = client_for(viewer).get(url)
        assert response.status_code == 200
        file_name = document.file.name.rsplit("/", 1)[-1]
        assert (
            f'<a href="{document.get_absolute_url()}">{file_name}</a>' in response.content.decode()
        )
