"""Demo data: two reports of barriers, one open and one answered."""

from datetime import timedelta

from django.utils import timezone

from accessibility.models import BarrierReport

REPORTS = [
    {
        "page": "/events/",
        "description": (
            "Mit der Bildschirmlupe (400 %) rutscht der Filter „Region“ unter die Liste; "
            "ich habe ihn erst nach langem Suchen gefunden."
        ),
        "name": "",
        "email": "",
        "days_ago": 3,
        "answered_days_ago": None,
    },
    {
        "page": "/library/",
        "description": (
            "Das PDF „Leitfaden Kommunale Präventionsräte“ ist für meinen Screenreader nur "
            "ein Bild ohne Text. Gibt es eine barrierefreie Fassung?"
        ),
        "name": "Jana Beispiel",
        "email": "j.beispiel@example.org",
        "days_ago": 20,
        "answered_days_ago": 18,
        "team_note": "Fassung als Word-Datei geschickt; Herausgeber um ein getaggtes PDF gebeten.",
    },
]


def seed():
    now = timezone.now()
    for report in REPORTS:
        if BarrierReport.objects.filter(page=report["page"], email=report["email"]).exists():
            continue
        answered = report["answered_days_ago"]
        BarrierReport.objects.create(
            page=report["page"],
            description=report["description"],
            name=report["name"],
            email=report["email"],
            language="de",
            received_at=now - timedelta(days=report["days_ago"]),
            status=BarrierReport.Status.ANSWERED if answered else BarrierReport.Status.OPEN,
            answered_at=now - timedelta(days=answered) if answered else None,
            team_note=report.get("team_note", ""),
        )
