"""Demo resources of the library, for ``manage.py seed_demo``: short
guides, papers and templates with real German text, generated as PDFs, and
links to the public sites of prevention work. Resources are found by their
title; a second run changes nothing."""

from datetime import date

from django.core.files.base import ContentFile
from django.utils.text import slugify
from fpdf import FPDF

from asskomm.models import Topic
from library import services
from library.models import Resource
from members.models import Municipality, Organisation, User

Kind = Resource.Kind
Audience = Resource.Audience

LPR = "Landespräventionsrat Sachsen"

RESOURCES = [
    {
        "title": "Jugend am Bahnhof: Aufenthalt, Konflikte, Angebote",
        "kind": Kind.GUIDE,
        "topics": ["jugend", "oeffentlicher-raum"],
        "audience": Audience.PUBLIC,
        "publisher": LPR,
        "published_on": date(2024, 3, 12),
        "summary": "Wie Kommunen mit Jugendlichen am Bahnhof ins Gespräch kommen, statt sie "
        "nur zu verdrängen.",
        "body": [
            "Bahnhöfe und Bahnhofsvorplätze sind für viele Jugendliche Treffpunkte: Sie sind "
            "zentral gelegen, gut erreichbar, überdacht und abends beleuchtet. Für Reisende und "
            "Anwohnende entstehen daraus manchmal Unsicherheitsgefühle, für die Jugendlichen "
            "selbst oft Konflikte mit Ordnungsdienst und Polizei.",
            "Bewährt hat sich ein abgestimmtes Vorgehen: Die Mobile Jugendarbeit sucht die "
            "Gruppen regelmäßig auf, das Ordnungsamt und die Bundespolizei sprechen ihre "
            "Präsenzzeiten ab, und die Kommune prüft, welche Aufenthaltsorte sie Jugendlichen "
            "anderswo anbieten kann.",
            "Wichtig ist, die Jugendlichen zu beteiligen: Wo wollen sie sich treffen, was "
            "brauchen sie dort? Eine Jugendbefragung oder ein Ortstermin mit Jugendlichen, "
            "Verwaltung und Deutscher Bahn bringt oft mehr als eine weitere Verbotsschilder-Runde.",
            "Checkliste: Lagebild erstellen, Beteiligte an einen Tisch holen, Streetwork "
            "absichern, Beleuchtung und Sichtachsen prüfen, Angebote schaffen, nach sechs "
            "Monaten gemeinsam auswerten.",
        ],
    },
    {
        "title": "Videoschutz im öffentlichen Raum: rechtliche und fachliche Hinweise",
        "kind": Kind.GUIDE,
        "topics": ["oeffentlicher-raum", "staedtebau"],
        "audience": Audience.MEMBERS,
        "publisher": LPR,
        "published_on": date(2023, 6, 5),
        "summary": "Wann Videoschutz hilft, wann nicht, und was vorher zu klären ist.",
        "body": [
            "Videoschutz wird in vielen Kommunen gefordert, wenn sich Beschwerden über einen "
            "Platz häufen. Die Erfahrung zeigt: Kameras verlagern Kriminalität häufig nur und "
            "ersetzen weder Präsenz noch soziale Angebote.",
            "Vor einer Entscheidung sollte eine Kriminalitäts- und Situationsanalyse stehen: "
            "Welche Delikte treten wann und wo auf? Wie wird der Ort genutzt? Was sagen "
            "Anwohnende, Gewerbetreibende und Polizei?",
            "Rechtlich ist zu klären, wer die Anlage betreibt, auf welcher Grundlage "
            "(Polizeirecht oder Datenschutzrecht) sie betrieben wird, wie lange Aufnahmen "
            "gespeichert werden und wie die Hinweisbeschilderung aussieht.",
            "Empfehlung: Videoschutz nur als Teil eines Gesamtkonzepts einsetzen, befristen und "
            "nach festgelegten Kriterien auswerten.",
        ],
    },
    {
        "title": "Kommunale Präventionsräte gründen: ein Leitfaden",
        "kind": Kind.GUIDE,
        "topics": ["praeventionsraete"],
        "audience": Audience.PUBLIC,
        "publisher": LPR,
        "published_on": date(2022, 11, 14),
        "summary": "Schritt für Schritt zum kommunalen Präventionsgremium.",
        "body": [
            "Ein kommunaler Präventionsrat bringt Verwaltung, Polizei, Schulen, Jugendhilfe, "
            "Vereine und engagierte Bürgerinnen und Bürger zusammen. Er braucht einen klaren "
            "Auftrag des Stadt- oder Gemeinderats und eine Geschäftsstelle in der Verwaltung.",
            "Am Anfang steht die Frage, welche Probleme vor Ort tatsächlich bestehen. Eine "
            "Sicherheitsanalyse oder eine Bürgerbefragung liefert die Grundlage für die "
            "Arbeitsschwerpunkte.",
            "Bewährt haben sich kleine Arbeitsgruppen zu einzelnen Themen, ein jährlicher "
            "Bericht an den Stadtrat und eine feste Ansprechperson bei der Polizei.",
            "Der Landespräventionsrat Sachsen berät bei der Gründung und vernetzt die Gremien "
            "im Rahmen von ASSKomm.",
        ],
    },
    {
        "title": "Häusliche Gewalt: Netzwerke vor Ort aufbauen",
        "kind": Kind.GUIDE,
        "topics": ["haeusliche-gewalt"],
        "audience": Audience.MEMBERS,
        "publisher": "Liga der Freien Wohlfahrtspflege in Sachsen",
        "published_on": date(2023, 11, 25),
        "summary": "Wie Interventionsstellen, Polizei, Jugendamt und Beratung zusammenarbeiten.",
        "body": [
            "Häusliche Gewalt bleibt oft lange unentdeckt. Betroffene brauchen schnelle, "
            "verlässliche Hilfe – und die gelingt nur, wenn die Hilfesysteme einander kennen.",
            "Ein lokales Netzwerk gegen häusliche Gewalt verbindet Interventions- und "
            "Koordinierungsstellen, Frauenschutzhäuser, Polizei, Jugendamt, Gesundheitswesen "
            "und Justiz. Es vereinbart Abläufe für die Weitergabe von Informationen.",
            "Die Kommune kann das Netzwerk koordinieren, Räume bereitstellen und Fortbildungen "
            "für Beschäftigte organisieren, die mit Betroffenen in Kontakt kommen.",
        ],
    },
    {
        "title": "Sicherheitsanalyse: Methodik und Ablauf",
        "kind": Kind.STUDY,
        "topics": ["praeventionsraete", "buergerbeteiligung"],
        "audience": Audience.MEMBERS,
        "publisher": "Institut B3 e. V.",
        "published_on": date(2021, 4, 20),
        "summary": "Wie eine kommunale Sicherheitsanalyse im Rahmen von ASSKomm entsteht.",
        "body": [
            "Die kommunale Sicherheitsanalyse verbindet polizeiliche Daten mit der Sicht der "
            "Menschen vor Ort. Sie besteht aus der Auswertung der Kriminalstatistik, einer "
            "repräsentativen Bürgerbefragung und Interviews mit Fachleuten.",
            "Die Befragung erhebt das Sicherheitsgefühl, Angsträume, Erfahrungen als Opfer "
            "von Straftaten und das Vertrauen in Polizei und Verwaltung.",
            "Am Ende stehen Handlungsempfehlungen, die mit der Kommune besprochen und in einem "
            "Workshop mit anderen teilnehmenden Kommunen weiterentwickelt werden.",
        ],
    },
    {
        "title": "Handlungsempfehlungen der Sicherheitsanalyse Zittau",
        "kind": Kind.RECOMMENDATION,
        "topics": ["oeffentlicher-raum", "jugend"],
        "audience": Audience.INVITED,
        "invited": ["14626610"],
        "publisher": "Institut B3 e. V.",
        "published_on": date(2020, 2, 10),
        "summary": "Empfehlungen für die Stadt Zittau, nur für die eingeladene Kommune.",
        "body": [
            "Die Befragung zeigt ein insgesamt hohes Sicherheitsgefühl in Zittau. Einzelne "
            "Orte in der Innenstadt werden jedoch abends gemieden.",
            "Empfohlen werden eine bessere Beleuchtung der Wege zwischen Bahnhof und "
            "Innenstadt, ein regelmäßiger Sicherheitsrundgang mit Bürgerinnen und Bürgern und "
            "ein Angebot der offenen Jugendarbeit in den Abendstunden.",
        ],
    },
    {
        "title": "Handlungsempfehlungen der Sicherheitsanalyse Döbeln",
        "kind": Kind.RECOMMENDATION,
        "topics": ["oeffentlicher-raum", "sucht"],
        "audience": Audience.INVITED,
        "invited": ["14522080"],
        "publisher": "Institut B3 e. V.",
        "published_on": date(2021, 3, 1),
        "summary": "Empfehlungen für die Stadt Döbeln, nur für die eingeladene Kommune.",
        "body": [
            "In Döbeln stehen Alkoholkonsum auf öffentlichen Plätzen und Lärm in den "
            "Sommermonaten im Vordergrund der Beschwerden.",
            "Empfohlen werden eine aufsuchende Suchtberatung, klare Absprachen zwischen "
            "Ordnungsamt und Polizei sowie die Beteiligung der Anwohnenden an der Gestaltung "
            "des Obermarkts.",
        ],
    },
    {
        "title": "Städtebauliche Kriminalprävention: Checkliste für Planungsverfahren",
        "kind": Kind.TEMPLATE,
        "topics": ["staedtebau", "oeffentlicher-raum"],
        "audience": Audience.PUBLIC,
        "publisher": LPR,
        "published_on": date(2022, 5, 3),
        "summary": "Fragen, die in jedem Bebauungsplanverfahren gestellt werden sollten.",
        "body": [
            "Sind Wege und Plätze einsehbar, gibt es Sichtbeziehungen von Wohnungen und "
            "Geschäften aus? Sind Eingänge gut beleuchtet und auffindbar?",
            "Gibt es Orientierung und klare Zuständigkeiten für Pflege und Reinigung? Sind "
            "Angsträume wie Unterführungen vermeidbar oder gestaltbar?",
            "Werden die künftigen Nutzerinnen und Nutzer, auch Kinder und Jugendliche, an der "
            "Planung beteiligt?",
        ],
    },
    {
        "title": "Vorlage: Geschäftsordnung eines kommunalen Präventionsrats",
        "kind": Kind.TEMPLATE,
        "topics": ["praeventionsraete"],
        "audience": Audience.MEMBERS,
        "publisher": "Sächsischer Städte- und Gemeindetag",
        "published_on": date(2022, 9, 8),
        "summary": "Eine Mustergeschäftsordnung zum Anpassen.",
        "body": [
            "Paragraf 1 Aufgaben: Der Präventionsrat berät den Stadtrat in Fragen der "
            "Kriminalprävention und des Sicherheitsgefühls und stößt Projekte an.",
            "Paragraf 2 Mitglieder: Dem Präventionsrat gehören Vertreterinnen und Vertreter der "
            "Verwaltung, der Polizei, der Schulen, der freien Träger und der Bürgerschaft an.",
            "Paragraf 3 Sitzungen: Der Präventionsrat tagt mindestens zweimal im Jahr. Die "
            "Geschäftsstelle lädt zwei Wochen vorher mit Tagesordnung ein.",
            "Paragraf 4 Arbeitsgruppen: Für einzelne Themen können Arbeitsgruppen gebildet werden.",
        ],
    },
    {
        "title": "Extremismusprävention in der Kommune: Handlungsfelder",
        "kind": Kind.RECOMMENDATION,
        "topics": ["extremismus"],
        "audience": Audience.MEMBERS,
        "publisher": "Aktion Zivilcourage e. V.",
        "published_on": date(2024, 1, 22),
        "summary": "Was Kommunen gegen Rechtsextremismus und für eine demokratische Kultur tun.",
        "body": [
            "Extremistische Gruppen suchen gezielt Räume in Kommunen: Veranstaltungsorte, "
            "Vereine, Feste. Verwaltungen sollten wissen, an wen sie vermieten und wie sie "
            "Nutzungsverträge gestalten.",
            "Demokratieförderung beginnt in Schule und Jugendarbeit. Partnerschaften für "
            "Demokratie und lokale Bündnisse bieten Förderung und Beratung.",
            "Beschäftigte der Verwaltung sollten geschult werden, Bedrohungen und Anfeindungen "
            "zu erkennen und zu melden.",
        ],
    },
    {
        "title": "Fachvortrag: Sicherheitsgefühl und Kriminalitätsfurcht",
        "kind": Kind.EXPERT_INPUT,
        "topics": ["buergerbeteiligung", "oeffentlicher-raum"],
        "audience": Audience.MEMBERS,
        "publisher": "Technische Universität Chemnitz",
        "published_on": date(2023, 9, 21),
        "summary": "Folien eines Fachimpulses beim regionalen Vernetzungstreffen.",
        "body": [
            "Kriminalitätsfurcht und tatsächliche Kriminalitätsbelastung hängen nur lose "
            "zusammen. Ältere Menschen fürchten sich häufiger, werden aber seltener Opfer.",
            "Das Sicherheitsgefühl wird von Zeichen der Unordnung geprägt: Müll, Graffiti, "
            "defekte Beleuchtung. Hier können Kommunen schnell wirksam werden.",
            "Beteiligung stärkt Vertrauen: Wer gehört wird, fühlt sich sicherer.",
        ],
    },
    {
        "title": "Sucht im öffentlichen Raum: Hinweise für die kommunale Praxis",
        "kind": Kind.GUIDE,
        "topics": ["sucht", "oeffentlicher-raum"],
        "audience": Audience.MEMBERS,
        "publisher": "Liga der Freien Wohlfahrtspflege in Sachsen",
        "published_on": date(2022, 2, 16),
        "summary": "Trinkerszenen, Drogenkonsum und was Verwaltung und Hilfe gemeinsam tun können.",
        "body": [
            "Sichtbare Suchtszenen lösen bei Anwohnenden und Gewerbe Beschwerden aus. "
            "Verdrängung verschiebt das Problem meist nur an einen anderen Ort.",
            "Wirksamer sind Angebote, die Menschen erreichen: aufsuchende Sozialarbeit, "
            "niedrigschwellige Anlaufstellen, Absprachen über akzeptierte Aufenthaltsorte.",
            "Ordnungsrechtliche Maßnahmen sollten mit der Suchthilfe abgestimmt sein.",
        ],
    },
    {
        "title": "Bürgerbeteiligung in der Sicherheitsarbeit: Formate im Vergleich",
        "kind": Kind.STUDY,
        "topics": ["buergerbeteiligung"],
        "audience": Audience.PUBLIC,
        "publisher": "Technische Universität Chemnitz",
        "published_on": date(2021, 10, 4),
        "summary": "Sicherheitsrundgang, Bürgerforum, Befragung: was sie leisten.",
        "body": [
            "Sicherheitsrundgänge bringen Verwaltung, Polizei und Bürgerschaft an die Orte, "
            "die Unbehagen auslösen. Sie eignen sich für konkrete räumliche Fragen.",
            "Bürgerforen erreichen mehr Menschen, aber oft nur die, die ohnehin engagiert sind. "
            "Eine repräsentative Befragung ergänzt sie um die Sicht der Stillen.",
            "Entscheidend ist, dass Ergebnisse sichtbar umgesetzt und zurückgemeldet werden.",
        ],
    },
    {
        "title": "Protokollvorlage für Sitzungen des Präventionsrats",
        "kind": Kind.TEMPLATE,
        "topics": ["praeventionsraete"],
        "audience": Audience.MEMBERS,
        "publisher": LPR,
        "published_on": date(2023, 2, 7),
        "summary": "Ein schlichtes Muster mit Tagesordnung, Beschlüssen und Aufgaben.",
        "body": [
            "Sitzung des Präventionsrats am ... im ... Anwesend: ... Entschuldigt: ...",
            "Tagesordnungspunkt 1: Begrüßung und Feststellung der Tagesordnung.",
            "Tagesordnungspunkt 2: Bericht der Geschäftsstelle. Tagesordnungspunkt 3: Berichte "
            "aus den Arbeitsgruppen.",
            "Beschlüsse und Aufgaben: Was? Wer? Bis wann?",
        ],
    },
    {
        "title": "Dokumentation: Regionales Vernetzungstreffen Region Dresden 2023",
        "kind": Kind.DOCUMENTATION,
        "topics": ["jugend", "praeventionsraete"],
        "audience": Audience.MEMBERS,
        "publisher": LPR,
        "published_on": date(2023, 10, 30),
        "summary": "Ergebnisse der Arbeitsgruppen und Fachimpuls zur Jugendgewalt.",
        "body": [
            "Am Vernetzungstreffen nahmen Akteur*innen aus Dresden, Pirna, Meißen und Bautzen "
            "teil. Im Mittelpunkt stand der Austausch über Gewalt unter Jugendlichen.",
            "Die Arbeitsgruppen sammelten Erfahrungen mit Schulsozialarbeit, mit Streetwork "
            "an Bahnhöfen und Haltestellen und mit Präventionsräten in kleineren Städten.",
            "Vereinbart wurde, die Kontakte zwischen den Präventionsräten der Region zu "
            "verstetigen.",
        ],
    },
    {
        "title": "Arbeitsgruppe ASSKomm: Stand der Landesstrategie",
        "kind": Kind.DOCUMENTATION,
        "topics": ["praeventionsraete"],
        "audience": Audience.WORKING_GROUP,
        "publisher": LPR,
        "published_on": date(2024, 5, 14),
        "summary": "Bericht für die Mitglieder der AG ASSKomm.",
        "body": [
            "Die Allianz Sichere Sächsische Kommunen wächst: Weitere Kommunen haben eine "
            "Sicherheitsanalyse abgeschlossen, die regionalen Vernetzungstreffen sind gut "
            "besucht.",
            "Die Arbeitsgruppe schlägt vor, den Wissensspeicher im Portal auszubauen und die "
            "Beccaria-Absolventinnen und -Absolventen stärker einzubinden.",
        ],
    },
    {
        "title": "Gewaltprävention an Schulen: Angebote in Sachsen",
        "kind": Kind.GUIDE,
        "topics": ["jugend"],
        "audience": Audience.PUBLIC,
        "publisher": "Landesamt für Schule und Bildung",
        "published_on": date(2023, 4, 18),
        "summary": "Eine Übersicht der Programme für Schulen und Schulträger.",
        "body": [
            "Schulen können auf Programme zur Gewaltprävention, zum sozialen Lernen und zur "
            "Demokratiebildung zurückgreifen. Beratungslehrkräfte und Schulpsychologie "
            "unterstützen bei Konflikten.",
            "Kommunen als Schulträger können Schulsozialarbeit fördern und Kooperationen mit "
            "Polizei und Jugendhilfe anstoßen.",
        ],
    },
    {
        "title": "Kriminalprävention im ländlichen Raum",
        "kind": Kind.EXPERT_INPUT,
        "topics": ["praeventionsraete", "buergerbeteiligung"],
        "audience": Audience.MEMBERS,
        "publisher": "Sächsischer Landkreistag",
        "published_on": date(2024, 6, 11),
        "summary": "Fachimpuls zu den Besonderheiten kleiner Gemeinden und Landkreise.",
        "body": [
            "In kleinen Gemeinden fehlen oft eigene Stellen für Prävention. Landkreise können "
            "Präventionsarbeit bündeln und Gemeinden beraten.",
            "Vereine, Feuerwehr und Kirchgemeinden sind wichtige Partner. Wege sind weit: "
            "Angebote müssen mobil sein oder digital ergänzt werden.",
        ],
    },
    {
        "title": "Polizeiliche Kriminalstatistik lesen: eine Einführung",
        "kind": Kind.GUIDE,
        "topics": ["praeventionsraete"],
        "audience": Audience.MEMBERS,
        "publisher": "Polizei Sachsen",
        "published_on": date(2022, 7, 19),
        "summary": "Was die Statistik zeigt und was nicht.",
        "body": [
            "Die Polizeiliche Kriminalstatistik erfasst die der Polizei bekannt gewordenen "
            "Straftaten. Das Dunkelfeld bleibt unsichtbar; Anzeigebereitschaft und "
            "Kontrolldichte beeinflussen die Zahlen.",
            "Für kommunale Lagebilder empfiehlt sich der Blick auf mehrere Jahre und auf "
            "Häufigkeitszahlen je 100.000 Einwohner statt absoluter Zahlen.",
        ],
    },
    {
        "title": "Lichtkonzept für Angsträume: Beispiel aus Leipzig",
        "kind": Kind.STUDY,
        "topics": ["staedtebau", "oeffentlicher-raum"],
        "audience": Audience.MEMBERS,
        "publisher_municipality": "14713000",
        "published_on": date(2024, 9, 2),
        "summary": "Wie eine Stadt dunkle Wege und Unterführungen neu beleuchtet hat.",
        "body": [
            "Ausgangspunkt war eine Befragung, in der dunkle Wege zwischen Haltestellen und "
            "Wohngebieten am häufigsten als unsicher genannt wurden.",
            "Die Stadt hat die Orte gemeinsam mit Anwohnenden begangen, die Beleuchtung "
            "verbessert und Hecken zurückgeschnitten. Eine zweite Befragung zeigte ein "
            "deutlich besseres Sicherheitsgefühl.",
        ],
    },
    {
        "title": "Deutsches Forum für Kriminalprävention",
        "kind": Kind.LINK,
        "topics": ["praeventionsraete"],
        "audience": Audience.PUBLIC,
        "published_on": date(2020, 1, 15),
        "external_url": "https://www.kriminalpraevention.de",
        "summary": "Die Stiftung von Bund und Ländern: Materialien und Projekte.",
    },
    {
        "title": "Deutscher Präventionstag",
        "kind": Kind.LINK,
        "topics": ["praeventionsraete", "jugend"],
        "audience": Audience.PUBLIC,
        "published_on": date(2020, 1, 15),
        "external_url": "https://www.praeventionstag.de",
        "summary": "Der jährliche Kongress zur Kriminalprävention mit Dokumentation der Vorträge.",
    },
    {
        "title": "Polizeiliche Kriminalprävention der Länder und des Bundes",
        "kind": Kind.LINK,
        "topics": ["haeusliche-gewalt", "oeffentlicher-raum"],
        "audience": Audience.PUBLIC,
        "publisher": "Polizei Sachsen",
        "published_on": date(2020, 1, 15),
        "external_url": "https://www.polizei-beratung.de",
        "summary": "Informationen und Broschüren der Polizei für Bürgerinnen und Bürger.",
    },
    {
        "title": "Landespräventionsrat Sachsen",
        "kind": Kind.LINK,
        "topics": ["praeventionsraete"],
        "audience": Audience.PUBLIC,
        "publisher": LPR,
        "published_on": date(2020, 1, 15),
        "external_url": "https://www.lpr.sachsen.de",
        "summary": "Die Seiten des Landespräventionsrats mit der Landesstrategie ASSKomm.",
    },
    {
        "title": "Beccaria-Portal: Qualitätsstandards der Kriminalprävention",
        "kind": Kind.LINK,
        "topics": ["praeventionsraete"],
        "audience": Audience.PUBLIC,
        "published_on": date(2020, 1, 15),
        "external_url": "https://www.beccaria.de",
        "summary": "Standards und Werkzeuge für die Planung und Bewertung von Projekten.",
    },
]

# fpdf's built-in fonts know Latin-1 only.
_LATIN1 = str.maketrans({"–": "-", "„": '"', "“": '"', "”": '"', "…": "...", "’": "'"})


def pdf_bytes(title, paragraphs, publisher=""):
    """A short PDF with the title and the paragraphs, as the demo's files."""
    pdf = FPDF()
    pdf.set_title(title)
    pdf.add_page()
    pdf.set_font("helvetica", style="B", size=16)
    pdf.multi_cell(0, 9, title.translate(_LATIN1), new_x="LMARGIN", new_y="NEXT")
    if publisher:
        pdf.set_font("helvetica", style="I", size=11)
        pdf.multi_cell(0, 7, publisher.translate(_LATIN1), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("helvetica", size=11)
    for paragraph in paragraphs:
        pdf.multi_cell(0, 6, paragraph.translate(_LATIN1), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    return bytes(pdf.output())


def seed():
    team = User.objects.filter(email="team@example.org").first()
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    organisations = {organisation.name: organisation for organisation in Organisation.objects.all()}
    for spec in RESOURCES:
        _resource(dict(spec), topics, organisations, team)


def _resource(spec, topics, organisations, team):
    if Resource.objects.filter(title=spec["title"]).exists():
        return
    topic_slugs = spec.pop("topics")
    invited = spec.pop("invited", [])
    body = spec.pop("body", None)
    publisher = spec.pop("publisher", None)
    municipality = spec.pop("publisher_municipality", None)
    resource = Resource(**spec)
    if publisher:
        resource.publisher_organisation = organisations[publisher]
    if municipality:
        resource.publisher_municipality = Municipality.objects.get(ags=municipality)
    if body:
        content = pdf_bytes(resource.title, body, str(resource.publisher or ""))
        resource.file = ContentFile(content, name=f"{slugify(resource.title)}.pdf")
    services.save_resource(resource=resource, uploaded_by=team)
    resource.topics.set([topics[slug] for slug in topic_slugs])
    resource.invited_municipalities.set(Municipality.objects.filter(ags__in=invited))
