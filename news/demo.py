"""Demo news for ``manage.py seed_demo``: two public, two for members, one
pinned, one expired. News are found by their title; a second run changes nothing."""

from datetime import timedelta

from django.utils import timezone

from members.models import User
from news.models import DigestSubscription, News

Audience = News.Audience

NEWS = [
    {
        "title": "Fachtag ASSKomm 2027: Anmeldung ab Januar",
        "text": "Der nächste Fachtag findet im Frühjahr 2027 in Dresden statt.\n"
        "Das Programm und die Anmeldung folgen im Januar unter https://www.lpr.sachsen.de.",
        "audience": Audience.PUBLIC,
        "pinned": True,
        "days_ago": 3,
    },
    {
        "title": "Neue Broschüre: Sicher unterwegs im ländlichen Raum",
        "text": "Die Broschüre des Landespräventionsrats fasst Erfahrungen aus zwölf Kommunen "
        "zusammen.\nSie steht in der Bibliothek zum Herunterladen bereit.",
        "audience": Audience.PUBLIC,
        "days_ago": 10,
    },
    {
        "title": "AG ASSKomm: Protokoll der Herbstsitzung",
        "text": "Das Protokoll der Herbstsitzung der AG ASSKomm ist abgestimmt.\n"
        "Rückmeldungen bitte bis Monatsende an die Koordinierungsstelle.",
        "audience": Audience.MEMBERS,
        "days_ago": 5,
    },
    {
        "title": "Umfrage zu Präventionsräten (abgeschlossen)",
        "text": "Vielen Dank an alle Kommunen, die an der Umfrage teilgenommen haben.",
        "audience": Audience.MEMBERS,
        "days_ago": 60,
        "expired_days_ago": 30,
    },
]


def seed():
    author = User.objects.filter(email="team@example.org").first()
    now = timezone.now()
    for item in NEWS:
        if News.objects.filter(title=item["title"]).exists():
            continue
        expired = item.get("expired_days_ago")
        News.objects.create(
            title=item["title"],
            text=item["text"],
            audience=item["audience"],
            pinned=item.get("pinned", False),
            publish_from=now - timedelta(days=item["days_ago"]),
            publish_until=now - timedelta(days=expired) if expired else None,
            author=author,
        )
    member = User.objects.filter(email="mitglied@example.org").first()
    if member is not None:
        DigestSubscription.objects.get_or_create(user=member, defaults={"active": True})
