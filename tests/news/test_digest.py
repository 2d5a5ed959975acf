from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from events.models import Event
from news import services
from news.models import DigestSubscription, News
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import UserFactory
from tests.library.factories import ResourceFactory
from tests.news.factories import DigestSubscriptionFactory, NewsFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock():
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        yield traveller


def test_sends_new_news_once_per_week_even_when_run_hourly(clock, mailoutbox):
    subscription = DigestSubscriptionFactory()
    NewsFactory(title="Neue Broschüre")
    assert services.send_due_digests() == 1
    assert len(mailoutbox) == 1
    assert "Neue Broschüre" in mailoutbox[0].body
    assert mailoutbox[0].to == [subscription.user.email]
    for _hour in range(24 * 7 - 1):
        clock.shift(timedelta(hours=1))
        NewsFactory()
        services.send_due_digests()
    assert len(mailoutbox) == 1
    clock.shift(timedelta(hours=1))
    assert services.send_due_digests() == 1
    assert len(mailoutbox) == 2
    assert "Neue Broschüre" not in mailoutbox[1].body  # only what is new since the last one


def test_empty_digest_is_not_sent_but_counts_as_sent(clock, mailoutbox):
    subscription = DigestSubscriptionFactory()
    assert services.send_due_digests() == 0
    assert mailoutbox == []
    subscription.refresh_from_db()
    assert subscription.last_sent_at == timezone.now()
    clock.shift(timedelta(days=1))
    NewsFactory()
    services.send_due_digests()
    assert mailoutbox == []  # looked at again a week later, not every hour
    clock.shift(timedelta(days=6))
    services.send_due_digests()
    assert len(mailoutbox) == 1


def test_only_subscribers_get_a_digest(clock, mailoutbox):
    DigestSubscriptionFactory(active=False)
    NewsFactory(audience=News.Audience.PUBLIC)
    call_command("send_digest", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert mailoutbox == []


def test_digest_leaves_out_what_the_person_may_not_see(clock, mailoutbox):
    applicant = UserFactory()
    DigestSubscriptionFactory(user=applicant)
    NewsFactory(audience=News.Audience.MEMBERS, title="Interne Neuigkeit")
    ResourceFactory(title="Interner Leitfaden")
    NewsFactory(audience=News.Audience.PUBLIC, title="Öffentliche Neuigkeit")
    services.send_due_digests()
    body = mailoutbox[0].body
    assert "Öffentliche Neuigkeit" in body
    assert "Interne Neuigkeit" not in body
    assert "Interner Leitfaden" not in body


def test_digest_lists_library_entries_and_the_persons_coming_events(clock, mailoutbox):
    subscription = DigestSubscriptionFactory()
    ResourceFactory(title="Leitfaden Jugend")
    RegistrationFactory(
        user=subscription.user,
        event=EventFactory(title="Treffen bald", starts_at=timezone.now() + timedelta(days=3)),
    )
    RegistrationFactory(
        user=subscription.user,
        event=EventFactory(title="Treffen spät", starts_at=timezone.now() + timedelta(days=30)),
    )
    EventFactory(title="Treffen ohne mich", starts_at=timezone.now() + timedelta(days=3))
    services.send_due_digests()
    body = mailoutbox[0].body
    assert "Leitfaden Jugend" in body
    assert "Treffen bald" in body
    assert "Treffen spät" not in body
    assert "Treffen ohne mich" not in body


def test_digest_is_plain_text_with_titles_unchanged(clock, mailoutbox):
    DigestSubscriptionFactory()
    NewsFactory(title="<script>alert(1)</script> & mehr")
    services.send_due_digests()
    assert "<script>alert(1)</script> & mehr" in mailoutbox[0].body
    assert mailoutbox[0].content_subtype == "plain"


def test_unsubscribe_link_and_header_end_the_digest(client, clock, mailoutbox):
    subscription = DigestSubscriptionFactory()
    NewsFactory()
    services.send_due_digests()
    message = mailoutbox[0]
    url = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert url in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    path = url.removeprefix("http://testserver").split("://", 1)[-1]
    path = path[path.index("/") :]
    assert client.get(path).status_code == 200
    subscription.refresh_from_db()
    assert subscription.active  # a link scanner's GET changes nothing
    assert client.post(path).status_code == 200
    subscription.refresh_from_db()
    assert not subscription.active
    clock.shift(timedelta(days=8))
    NewsFactory()
    services.send_due_digests()
    assert len(mailoutbox) == 1


def test_forged_unsubscribe_token_is_refused(client):
    subscription = DigestSubscriptionFactory()
    url = reverse("news:unsubscribe", kwargs={"token": f"{subscription.user.pk}:forged"})
    assert client.post(url).status_code == 400
    subscription.refresh_from_db()
    assert subscription.active


def test_digest_page_opts_in_and_out(client, member):
    assert client.get(reverse("news:digest")).status_code == 302  # login first
    client.force_login(member)
    assert client.get(reverse("news:digest")).status_code == 200
    client.post(reverse("news:digest"), {"active": "on"})
    assert DigestSubscription.objects.get(user=member).active
    client.post(reverse("news:digest"), {})
    assert not DigestSubscription.objects.get(user=member).active


def test_cancelled_registration_is_not_in_the_digest(clock, mailoutbox):
    subscription = DigestSubscriptionFactory()
    RegistrationFactory(
        user=subscription.user,
        event=EventFactory(
            title="Abgesagt",
            status=Event.Status.CANCELLED,
            starts_at=timezone.now() + timedelta(days=3),
        ),
        status="cancelled",
        cancelled_at=timezone.now(),
    )
    NewsFactory()
    services.send_due_digests()
    assert "Abgesagt" not in mailoutbox[0].body


def test_the_subscription_is_in_the_persons_data_and_goes_with_the_account():
    from members import services as member_services

    subscription = DigestSubscriptionFactory()
    person = subscription.user
    data = member_services.personal_data_as_json(user=person)
    (exported,) = data["sections"]["news"]["entries"]
    assert exported["active"] is True
    member_services.delete_account(user=person)
    assert not DigestSubscription.objects.filter(user=person).exists()


def test_the_profile_leads_to_the_digest_setting(client_for, member):
    content = client_for(member).get(reverse("members:profile")).content.decode()
    assert f'href="{reverse("news:digest")}"' in content
