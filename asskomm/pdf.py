"""The portal's certificates as PDF (fpdf2): the Beccaria graduates'
certificates (training) and the attendance certificates of events.

A certificate is an official German document, so it is always written in
German, whatever language the portal speaks to its holder: the apps render
their texts under ``translation.override(LANGUAGE)``. The text uses DejaVu
Sans (vendored in ``asskomm/fonts`` with its licence), which covers the
Latin, Greek and Cyrillic alphabets, so names such as "Zoë Łukasiewicz"
print correctly; a character the font lacks (e.g. Chinese) is left out
rather than breaking the document.
"""

from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import Align, XPos, YPos

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT = "DejaVuSans"
LANGUAGE = "de"


@dataclass(frozen=True)
class Line:
    """A centred paragraph of a certificate: its text, the font size in
    points, and the space below it in millimetres."""

    text: str
    size: float
    bold: bool = False
    gap: float = 6


def certificate_pdf(lines, *, title, author):
    """One A4 page in a frame with ``lines`` centred, as PDF bytes."""
    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_title(title)
    pdf.set_author(author)
    pdf.set_creator("ASSKomm-Portal")
    pdf.set_lang(LANGUAGE)
    pdf.add_font(FONT, "", FONT_DIR / "DejaVuSans.ttf")
    pdf.add_font(FONT, "B", FONT_DIR / "DejaVuSans-Bold.ttf")
    pdf.set_margins(25, 30, 25)
    pdf.add_page()
    pdf.set_draw_color(11, 79, 138)
    pdf.set_line_width(1.2)
    pdf.rect(12, 12, pdf.w - 24, pdf.h - 24)
    for line in lines:
        pdf.set_font(FONT, "B" if line.bold else "", line.size)
        pdf.multi_cell(
            0, line.size * 0.5, line.text, align=Align.C, new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
        pdf.ln(line.gap)
    return bytes(pdf.output())
