from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from news.models import News
from tests.news.factories import NewsFactory

pytestmark = pytest.mark.django_db


def test_visible_to_members_only_for_members(applicant, member, staff):
    public = NewsFactory(audience=News.Audience.PUBLIC)
    internal = NewsFactory(audience=News.Audience.MEMBERS)
    assert set(News.objects.visible_to(AnonymousUser())) == {public}
    assert set(News.objects.visible_to(applicant)) == {public}
    assert set(News.objects.visible_to(member)) == {public, internal}
    assert set(News.objects.visible_to(staff)) == {public, internal}


def test_current_leaves_out_future_and_expired_news():
    now = timezone.now()
    running = NewsFactory(publish_until=now + timedelta(days=1))
    NewsFactory(publish_from=now + timedelta(days=1))
    NewsFactory(publish_from=now - timedelta(days=3), publish_until=now - timedelta(days=1))
    assert list(News.objects.current()) == [running]


def test_pinned_news_come_first():
    now = timezone.now()
    older_pinned = NewsFactory(pinned=True, publish_from=now - timedelta(days=5))
    newer = NewsFactory(publish_from=now - timedelta(days=1))
    assert list(News.objects.current()) == [older_pinned, newer]


def test_members_news_page_is_404_for_anonymous_and_applicants(client, applicant, member):
    news = NewsFactory(audience=News.Audience.MEMBERS)
    url = news.get_absolute_url()
    assert client.get(url).status_code == 404
    client.force_login(applicant)
    assert client.get(url).status_code == 404
    client.force_login(member)
    assert client.get(url).status_code == 200


def test_expired_news_page_is_404(client, member):
    now = timezone.now()
    news = NewsFactory(publish_from=now - timedelta(days=3), publish_until=now - timedelta(days=1))
    client.force_login(member)
    assert client.get(news.get_absolute_url()).status_code == 404


def test_text_is_escaped_with_links_and_line_breaks(client):
    news = NewsFactory(
        audience=News.Audience.PUBLIC,
        title="<script>alert(1)</script>",
        text="Zeile <b>eins</b>\nSiehe https://www.lpr.sachsen.de\n<img src=x onerror=alert(1)>",
    )
    content = client.get(news.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content
    assert "<b>eins</b>" not in content
    assert "<img src=x" not in content
    assert '<a href="https://www.lpr.sachsen.de"' in content
    assert "<br>" in content


def test_news_list_shows_what_the_person_may_see(client, member):
    NewsFactory(audience=News.Audience.PUBLIC, title="Öffentlich")
    NewsFactory(audience=News.Audience.MEMBERS, title="Intern")
    content = client.get(reverse("news:list")).content.decode()
    assert "Öffentlich" in content and "Intern" not in content
    client.force_login(member)
    assert "Intern" in client.get(reverse("news:list")).content.decode()


def test_atom_feed_carries_only_current_public_news(client):
    NewsFactory(audience=News.Audience.PUBLIC, title="Öffentlich <i>neu</i>")
    NewsFactory(audience=News.Audience.MEMBERS, title="Intern")
    NewsFactory(
        audience=News.Audience.PUBLIC,
        title="Abgelaufen",
        publish_from=timezone.now() - timedelta(days=3),
        publish_until=timezone.now() - timedelta(days=1),
    )
    response = client.get(reverse("news:feed"))
    assert response["Content-Type"].startswith("application/atom+xml")
    content = response.content.decode()
    assert "Öffentlich &lt;i&gt;neu&lt;/i&gt;" in content
    assert "Intern" not in content and "Abgelaufen" not in content


def test_home_shows_public_news_only(client):
    NewsFactory(audience=News.Audience.PUBLIC, title="Öffentlich")
    NewsFactory(audience=News.Audience.MEMBERS, title="Intern")
    content = client.get(reverse("home")).content.decode()
    assert "Öffentlich" in content and "Intern" not in content


def test_dashboard_shows_current_news_and_the_digest_link(client, member):
    NewsFactory(audience=News.Audience.MEMBERS, title="Intern")
    client.force_login(member)
    content = client.get(reverse("members:dashboard")).content.decode()
    assert "Intern" in content
    assert reverse("news:digest") in content


def test_publication_must_end_after_it_starts():
    now = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        NewsFactory(publish_from=now, publish_until=now - timedelta(hours=1))


def test_home_page_news_take_one_query_however_many_there_are(
    client, django_assert_num_queries, settings
):
    settings.ASSKOMM_PAGE_CACHE_SECONDS = 0  # the rendering counts, not the cached page
    NewsFactory(audience=News.Audience.PUBLIC)
    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("home"))
    NewsFactory.create_batch(5, audience=News.Audience.PUBLIC)
    with django_assert_num_queries(len(one.captured_queries)):
        client.get(reverse("home"))


def test_home_and_news_list_announce_the_feed(client):
    feed = reverse("news:feed")
    for page in (reverse("home"), reverse("news:list")):
        assert f'type="application/atom+xml" title="ASSKomm-Neuigkeiten" href="{feed}"' in (
            client.get(page).content.decode()
        )
