"""Every admin page opens: for each registered model its list, add page,
and the change, delete and history pages of a demo object – as the team's
superuser and as a regional coordinator. The coordinator may be turned
away (403, 404, a redirect); nobody may get a server error."""

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.contrib.flatpages.models import FlatPage
from django.contrib.sites.models import Site
from django.core.management import call_command
from django.urls import reverse
from mailer.models import PRIORITY_MEDIUM, RESULT_FAILURE, MessageLog, make_message

from asskomm.admin import PrivateFilesMixin, is_private_file_field
from events.models import Event, EventMessage
from members.models import AuditEntry, Consent, User
from tests.factories import MembershipRequestFactory

pytestmark = pytest.mark.django_db

PEOPLE = ["team@example.org", "koordination@example.org"]


CHANGE_PAGES_PER_MODEL = 12


@pytest.fixture
def demo(db):
    """The demo data, and one object of each kind the demo does not make."""
    call_command("seed_demo")
    FlatPage.objects.create(url="/imprint/", title="Impressum", content="<p>LPR</p>").sites.add(
        Site.objects.get_current()
    )
    MembershipRequestFactory()
    event = Event.objects.filter(region=Event.Region.DRESDEN).first()
    EventMessage.objects.create(
        event=event,
        sender=User.objects.get(email="team@example.org"),
        recipients=EventMessage.Recipients.CONFIRMED,
        subject="Raumänderung",
        body="Wir treffen uns im Saal 2.",
        recipient_count=1,
    )
    queued = make_message(
        subject="[ASSKomm] Erinnerung",
        body="Bis morgen.",
        to=["mitglied@example.org"],
        priority=PRIORITY_MEDIUM,
    )
    queued.save()
    MessageLog.objects.log(queued, RESULT_FAILURE, log_message="Connection refused")
    member = User.objects.get(email="mitglied@example.org")
    Consent.objects.create(user=member, kind=Consent.Kind.SIGNUP, text_version="2026-01")
    AuditEntry.objects.create(
        actor=User.objects.get(email="team@example.org"),
        content_type=ContentType.objects.get_for_model(User),
        object_id=member.pk,
        object_repr=str(member),
        action=AuditEntry.Action.CHANGED,
        changes={"function": ["", "Präventionsbeauftragte"]},
    )


def admin_url(model, page, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{page}", args=args)


def admin_urls(model):
    """The list and add page; the change pages of the first objects (an
    event's page shows its documents, registrations and messages, so one
    object may open where another fails); delete and history of the first."""
    urls = [admin_url(model, "changelist"), admin_url(model, "add")]
    objects = list(model._default_manager.order_by("pk")[:CHANGE_PAGES_PER_MODEL])
    urls += [admin_url(model, "change", obj.pk) for obj in objects]
    if objects:
        urls += [admin_url(model, page, objects[0].pk) for page in ("delete", "history")]
    return urls


@pytest.mark.parametrize("email", PEOPLE)
def test_admin_pages_answer_without_a_server_error(client, demo, email):
    client.force_login(User.objects.get(email=email))
    client.raise_request_exception = False
    opened = [url for model in admin.site._registry for url in admin_urls(model)]
    statuses = {url: client.get(url).status_code for url in opened}
    assert {url: status for url, status in statuses.items() if status >= 500} == {}
    assert len(opened) >= 5 * len(admin.site._registry)


def test_every_registered_model_has_a_demo_object_to_open(demo):
    """The change pages above test something only where the demo has data."""
    empty = [
        model._meta.label for model in admin.site._registry if not model._default_manager.exists()
    ]
    assert empty == []


def test_every_admin_showing_private_files_links_them_to_the_download():
    """A private file in a plain admin form is a server error (its storage
    gives no URL); every admin and inline with one uses the mixin."""
    admins = [(model, type(model_admin)) for model, model_admin in admin.site._registry.items()] + [
        (inline.model, inline)
        for model_admin in admin.site._registry.values()
        for inline in model_admin.inlines
    ]
    plain = [
        admin_class.__name__
        for model, admin_class in admins
        if any(is_private_file_field(field) for field in model._meta.fields)
        and not issubclass(admin_class, PrivateFilesMixin)
    ]
    assert plain == []
