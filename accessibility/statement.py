"""The facts the accessibility statement (/accessibility/) states that are
not the portal's own: the law, the dates of the statement and the bodies a
visitor may turn to. Review them with the statement; give it a new date.

Sources (read 25.11.2026):
- The law: Saxony's Barrierefreie-Websites-Gesetz (BfWebG) of 10 April 2019,
  SächsGVBl. 2019 p. 266, which applies to the authorities of the Free State
  (§ 1) and refers to the requirements of the federal BITV 2.0;
  https://umwelt-online.de/recht/arbeitss/arbeitsrecht/laender/sa/bfwebg.htm,
  https://www.bfsg-testen.de/gesetze/laender/sachsen/ and
  https://ssg-sachsen.de/de/projekte/digital-lotsen-sachsen/dlsn-themen/digitale-barrierefreiheit/die-gesetzlichen-grundlagen
  Its implementing regulation is named BfWebVO by dzb lesen (below).
- The monitoring body (Überwachungsstelle) for Saxony: dzb lesen, Deutsches
  Zentrum für barrierefreies Lesen, Leipzig, bfit-sachsen@dzblesen.de;
  https://dzblesen.de/bfit-sachsen and
  https://dzblesen.de/ueber-uns/fachthemen-kooperationen-projekte/ueberwachungsstelle-in-sachsen
- The body to turn to when the feedback gets no satisfying answer (named in
  the statements of Saxon state websites): the Landesbeauftragter für
  Inklusion der Menschen mit Behinderungen at the Sächsische Staatskanzlei,
  Archivstraße 1, 01097 Dresden, telephone 0351 564-10713,
  info.inklusionsbeauftragter@sk.sachsen.de; taken from the statement of
  https://portal.klimaschulen.sachsen.de/barrierefreiheitserklaerung
  (as of 26.09.2024). Not checked against the text of the BfWebG itself:
  confirm it (and the telephone number) when the statement is reviewed.
"""

from dataclasses import dataclass
from datetime import date

# When the statement was made and last reviewed (the assessment behind it).
MADE_ON = date(2026, 11, 25)
REVIEWED_ON = date(2026, 11, 25)

# Conformance target: WCAG 2.1 level AA as BITV 2.0 / EN 301 549 require.
STANDARD = "WCAG 2.1 AA (BITV 2.0, EN 301 549)"


@dataclass(frozen=True)
class Body:
    name: str
    address: tuple
    phone: str
    email: str
    website: str


ENFORCEMENT_BODY = Body(
    name="Sächsische Staatskanzlei – Landesbeauftragter für Inklusion der Menschen mit "
    "Behinderungen",
    address=("Archivstraße 1", "01097 Dresden"),
    phone="0351 564-10713",
    email="info.inklusionsbeauftragter@sk.sachsen.de",
    website="https://www.sk.sachsen.de/behindertenbeauftragter-der-saechsischen-staatsregierung.html",
)

MONITORING_BODY = Body(
    name="dzb lesen – Deutsches Zentrum für barrierefreies Lesen (Überwachungsstelle Sachsen)",
    address=("Leipzig",),
    phone="",
    email="bfit-sachsen@dzblesen.de",
    website="https://dzblesen.de/bfit-sachsen",
)
