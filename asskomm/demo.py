"""Demo data shared by the apps: the topics of prevention work in Saxony."""

from asskomm.models import Topic

TOPICS = [
    (
        "oeffentlicher-raum",
        "Öffentlicher Raum",
        "Plätze, Parks, Bahnhöfe: Sicherheit und Aufenthaltsqualität.",
    ),
    ("jugend", "Jugend", "Jugendliche im öffentlichen Raum, Jugendhilfe und Jugendbeteiligung."),
    (
        "extremismus",
        "Extremismus",
        "Rechts- und Linksextremismus, Islamismus, Demokratieförderung.",
    ),
    (
        "haeusliche-gewalt",
        "Häusliche Gewalt",
        "Schutz, Beratung und Zusammenarbeit der Hilfesysteme.",
    ),
    ("sucht", "Sucht", "Alkohol, Drogen und Glücksspiel: Prävention und Hilfe vor Ort."),
    (
        "staedtebau",
        "Städtebauliche Kriminalprävention",
        "Gestaltung von Räumen, Licht, Wegen und Sichtachsen.",
    ),
    (
        "buergerbeteiligung",
        "Bürgerbeteiligung",
        "Bürgerinnen und Bürger an der Sicherheit ihres Ortes beteiligen.",
    ),
    (
        "praeventionsraete",
        "Kommunale Präventionsräte",
        "Gründung, Arbeitsweise und Vernetzung kommunaler Gremien.",
    ),
]


def seed():
    for slug, name, description in TOPICS:
        Topic.objects.update_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )
