"""Demo thread of the exchange, for ``manage.py seed_demo``: a member in
Riesa asks about video surveillance at the station, colleagues from Pirna,
Freiberg and Zwickau answer. Found by its title; a second run changes nothing."""

from datetime import timedelta

from django.utils import timezone

from asskomm.models import Topic
from exchange.models import Answer, Follow, Question
from members.models import Region, User

TITLE = "Wer hat Erfahrung mit Videoschutz am Bahnhof?"
TEXT = (
    "Bei uns in Riesa wird im Stadtrat über Kameras am Bahnhofsvorplatz diskutiert. "
    "Wer hat so etwas schon umgesetzt oder bewusst darauf verzichtet?\n"
    "Uns interessieren vor allem Datenschutz, Beschilderung und die Abstimmung mit der "
    "Bundespolizei."
)
ANSWERS = [
    (
        "c.fischer@example.org",
        "In Pirna haben wir 2022 zwei Kameras am Bahnhof in Betrieb genommen. Entscheidend war "
        "eine saubere Lagebeurteilung vorab – ohne Kriminalitätsschwerpunkt keine Kamera.",
    ),
    (
        "r.lange@example.org",
        "Freiberg hat sich dagegen entschieden und stattdessen Beleuchtung und Sichtachsen "
        "verbessert. Unsere Auswertung schicke ich gern.",
    ),
    (
        "h.schmidt@example.org",
        "Zwickau: Sprechen Sie früh mit dem Sächsischen Datenschutzbeauftragten. Hinweise: "
        "https://www.datenschutz.sachsen.de",
    ),
]


def seed():
    if Question.objects.filter(title=TITLE).exists():
        return
    people = {person.email: person for person in User.objects.filter(email__endswith="example.org")}
    asker = people.get("b.wolf@example.org")
    if asker is None:
        return
    asked_at = timezone.now() - timedelta(days=3)
    question = Question.objects.create(
        author=asker, title=TITLE, text=TEXT, region=Region.DRESDEN, created_at=asked_at
    )
    question.topics.set(Topic.objects.filter(slug="oeffentlicher-raum"))
    answers = [
        Answer.objects.create(
            question=question,
            author=people[email],
            text=text,
            created_at=asked_at + timedelta(hours=3 * (number + 1)),
        )
        for number, (email, text) in enumerate(ANSWERS)
        if email in people
    ]
    if answers:
        question.accepted_answer = answers[0]
        question.save(update_fields=["accepted_answer"])
    topic = Topic.objects.filter(slug="oeffentlicher-raum").first()
    member = people.get("mitglied@example.org")
    if topic and member:
        Follow.objects.get_or_create(
            user=member, topic=topic, defaults={"delivery": Follow.Delivery.DIGEST}
        )
