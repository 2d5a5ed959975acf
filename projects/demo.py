"""Demo good-practice projects and two security analyses with their
recommendations, for ``manage.py seed_demo``. Records are created once and
found again by their titles, so a second run changes nothing."""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from fpdf import FPDF

from asskomm.models import Topic
from members.models import Municipality, User
from projects import services
from projects.models import Project, ProjectAttachment, Recommendation, SecurityAnalysis

Status = Project.Status

# title, AGS, topic slugs, status, goal, approach, partners, results, contact
PROJECTS = [
    (
        "Sicherer Bahnhofsvorplatz",
        "14627230",
        ["oeffentlicher-raum", "staedtebau"],
        Status.IMPLEMENTED,
        "Der Bahnhofsvorplatz soll zu allen Tageszeiten ein Ort sein, an dem sich Reisende "
        "und Anwohnende sicher fühlen.",
        "Begehung mit Polizei und Stadtplanung, neue Beleuchtung, Rückschnitt der Hecken, "
        "ein Kiosk mit Öffnungszeiten bis 22 Uhr.",
        "Polizeirevier Riesa, Deutsche Bahn, Stadtplanungsamt",
        "Die Zahl der Beschwerden ist im ersten Jahr um ein Drittel gesunken.",
        "Birgit Wolf, Ordnungsamt Riesa",
    ),
    (
        "Präventionsrat Zittau neu aufgestellt",
        "14626610",
        ["praeventionsraete"],
        Status.IN_PROGRESS,
        "Ein arbeitsfähiger kommunaler Präventionsrat mit klaren Zuständigkeiten.",
        "Geschäftsordnung, vier Arbeitsgruppen, zwei Sitzungen im Jahr mit öffentlichem Teil.",
        "Stadtverwaltung, Polizei, Schulen, Vereine",
        "",
        "Felix Schubert, Geschäftsstelle Präventionsrat",
    ),
    (
        "Jugendbeteiligung im Stadtteil Grünau",
        "14713000",
        ["jugend", "buergerbeteiligung"],
        Status.IMPLEMENTED,
        "Jugendliche gestalten die Treffpunkte in ihrem Stadtteil selbst mit.",
        "Stadtteilspaziergänge mit Jugendlichen, Werkstätten, ein Jugendbudget von 5.000 Euro.",
        "Jugendamt, Quartiersmanagement, Streetwork",
        "Zwei neue Treffpunkte, die gut angenommen werden.",
        "Nadine Becker, Kommunaler Präventionsrat Leipzig",
    ),
    (
        "Hinsehen statt Wegsehen – häusliche Gewalt",
        "14612000",
        ["haeusliche-gewalt"],
        Status.IN_PROGRESS,
        "Nachbarinnen und Nachbarn wissen, was sie bei Verdacht auf häusliche Gewalt tun können.",
        "Plakatkampagne in Hausfluren, Schulungen für Hausverwaltungen, Hilfetelefon.",
        "Interventionsstelle, Wohnungsgenossenschaften, Polizei",
        "",
        "",
    ),
    (
        "Suchtprävention an Berufsschulen",
        "14511000",
        ["sucht", "jugend"],
        Status.ENDED,
        "Auszubildende kennen die Risiken von Alkohol und Cannabis am Arbeitsplatz.",
        "Workshops mit Peer-Educators, Elternabende, Material für Lehrkräfte.",
        "Suchtberatung, Berufsschulzentren, Handwerkskammer",
        "42 Workshops mit rund 900 Auszubildenden; das Material nutzen die Schulen weiter.",
        "",
    ),
    (
        "Demokratiewerkstatt für Vereine",
        "14626110",
        ["extremismus"],
        Status.IMPLEMENTED,
        "Vereine erkennen Vereinnahmungsversuche durch Extremisten und wissen, wie sie reagieren.",
        "Abendveranstaltungen mit Fallbeispielen, eine Beratungshotline, Mustersatzung.",
        "Kulturbüro Sachsen, Kreissportbund, Aktion Zivilcourage",
        "18 Vereine haben eine Demokratieklausel in ihre Satzung aufgenommen.",
        "Stefan Lorenz, Stadtverwaltung Görlitz",
    ),
    (
        "Licht im Stadtpark",
        "14522080",
        ["staedtebau", "oeffentlicher-raum"],
        Status.IDEA,
        "Der Stadtpark soll auch im Winter nach 17 Uhr begehbar sein.",
        "Lichtplanung mit Bürgerbeteiligung, danach Umsetzung in zwei Abschnitten.",
        "Bauamt, Stadtwerke",
        "",
        "",
    ),
    (
        "Sicherheitsdialog auf dem Markt",
        "14730310",
        ["buergerbeteiligung"],
        Status.IMPLEMENTED,
        "Bürgerinnen und Bürger sprechen direkt mit Polizei und Ordnungsamt.",
        "Ein Stand auf dem Wochenmarkt einmal im Monat, Themen werden gesammelt und beantwortet.",
        "Polizeirevier Torgau, Ordnungsamt",
        "Über 300 Gespräche im ersten Jahr; drei Hinweise führten zu neuen Verkehrsschildern.",
        "",
    ),
    (
        "Mobile Jugendarbeit am Wochenende",
        "14729260",
        ["jugend"],
        Status.IN_PROGRESS,
        "Jugendliche finden auch freitags und samstags abends Ansprechpartner.",
        "Zwei Streetworker im Wechsel, ein Bauwagen als fester Anlaufpunkt.",
        "Freier Träger der Jugendhilfe, Polizei",
        "",
        "",
    ),
    (
        "Nachtlotsen in der Innenstadt",
        "14521020",
        ["oeffentlicher-raum", "sucht"],
        Status.IDEA,
        "Konflikte in der Innenstadt am Wochenende früh entschärfen.",
        "Geschulte Ehrenamtliche sprechen Feiernde an und vermitteln bei Streit.",
        "Gastronomie, Ordnungsamt, Suchtberatung",
        "",
        "",
    ),
]

ANALYSES = [
    {
        "ags": "14627230",  # Riesa
        "year": 2019,
        "conducted_by": "Institut B3 e. V. mit dem Landespräventionsrat Sachsen",
        "summary": (
            "Die Sicherheitsanalyse verbindet Kriminalstatistik, eine Bürgerbefragung mit 1.200 "
            "Antworten und Begehungen. Das Sicherheitsgefühl ist insgesamt gut; Unsicherheit "
            "besteht vor allem am Bahnhof und in schlecht beleuchteten Wegen am Abend."
        ),
        "shared_with_members": False,
        "by": "b.wolf@example.org",
        "recommendations": [
            (
                "Bahnhofsumfeld aufwerten",
                "oeffentlicher-raum",
                "high",
                ["in_progress", "implemented"],
            ),
            ("Beleuchtung der Schulwege prüfen", "staedtebau", "high", ["in_progress"]),
            ("Kommunalen Präventionsrat gründen", "praeventionsraete", "medium", ["implemented"]),
            ("Angebote für Jugendliche am Abend ausbauen", "jugend", "medium", []),
            ("Beratung zu häuslicher Gewalt bekannter machen", "haeusliche-gewalt", "low", []),
            ("Alkoholverbotszone prüfen", "sucht", "low", ["dropped"]),
        ],
    },
    {
        "ags": "14626610",  # Zittau
        "year": 2019,
        "conducted_by": "Institut B3 e. V. mit dem Landespräventionsrat Sachsen",
        "summary": (
            "Grundlage sind die polizeiliche Kriminalstatistik, eine Befragung und Gespräche mit "
            "Fachleuten. Im Mittelpunkt stehen die Grenzlage, der Zusammenhalt in den Vereinen "
            "und die Beteiligung der Bürgerinnen und Bürger."
        ),
        "shared_with_members": True,
        "by": "f.schubert@example.org",
        "recommendations": [
            (
                "Präventionsrat mit Arbeitsgruppen stärken",
                "praeventionsraete",
                "high",
                ["in_progress", "implemented"],
            ),
            (
                "Vereine gegen extremistische Einflussnahme stärken",
                "extremismus",
                "high",
                ["in_progress"],
            ),
            ("Bürgerdialoge in den Ortsteilen", "buergerbeteiligung", "medium", ["implemented"]),
            ("Grenzüberschreitende Zusammenarbeit der Polizei sichtbar machen", None, "medium", []),
            ("Spielplätze und Grünanlagen pflegen", "oeffentlicher-raum", "low", ["implemented"]),
            ("Treffpunkte für Jugendliche am Bahnhof schaffen", "jugend", "medium", []),
            ("Suchtberatung in der Innenstadt", "sucht", "low", []),
        ],
    },
]

NOTES = {
    "in_progress": "Die Arbeit hat begonnen; die Zuständigen sind benannt.",
    "implemented": "Umgesetzt und im Präventionsrat vorgestellt.",
    "dropped": "Nach Prüfung verworfen: rechtlich nicht tragfähig.",
}


def seed():
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    for title, ags, slugs, status, goal, approach, partners, results, contact in PROJECTS:
        project, created = Project.objects.get_or_create(
            title=title,
            municipality=Municipality.objects.get(ags=ags),
            defaults={
                "status": status,
                "goal": goal,
                "approach": approach,
                "partners": partners,
                "results": results,
                "contact": contact,
            },
        )
        if created:
            project.topics.set([topics[slug] for slug in slugs])
            if status == Status.IMPLEMENTED and results:
                attachment = ProjectAttachment(project=project, title="Projektbericht")
                attachment.file.save(
                    "projektbericht.pdf", _pdf(f"Projektbericht\n{title}\n\n{results}"), save=False
                )
                attachment.save()
    for spec in ANALYSES:
        _analysis(spec, topics)


def _analysis(spec, topics):
    analysis, created = SecurityAnalysis.objects.get_or_create(
        municipality=Municipality.objects.get(ags=spec["ags"]),
        year=spec["year"],
        defaults={
            "conducted_by": spec["conducted_by"],
            "summary": spec["summary"],
            "shared_with_members": spec["shared_with_members"],
        },
    )
    if created:
        analysis.report.save(
            f"sicherheitsanalyse-{spec['ags']}.pdf",
            _pdf(f"{analysis}\n{spec['conducted_by']}\n\n{spec['summary']}"),
        )
    by = User.objects.get(email=spec["by"])
    for title, slug, priority, steps in spec["recommendations"]:
        recommendation, created = Recommendation.objects.get_or_create(
            analysis=analysis,
            title=title,
            defaults={
                "text": f"{title}: Die Analyse empfiehlt, dies in den nächsten zwei Jahren "
                "anzugehen und die Fortschritte im Präventionsrat zu berichten.",
                "topic": topics.get(slug) if slug else None,
                "priority": priority,
            },
        )
        if not created:
            continue
        at = timezone.now() - timedelta(days=30 * len(steps))
        for step in steps:
            services.change_recommendation_status(
                recommendation=recommendation, status=step, note=NOTES[step], by=by, at=at
            )
            at += timedelta(days=30)


def _pdf(text):
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.multi_cell(
        0, 7, f"{text}\n\nDemo-Dokument des ASSKomm-Portals.", new_x="LMARGIN", new_y="NEXT"
    )
    return ContentFile(bytes(pdf.output()))
