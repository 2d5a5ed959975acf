"""The graduates' certificates as PDF (fpdf2).

A certificate is an official German document, so it is always written in
German, whatever language the portal speaks to its holder. The text uses
DejaVu Sans (vendored in ``training/fonts`` with its licence), which covers
the Latin, Greek and Cyrillic alphabets, so names such as "Zoë Łukasiewicz"
print correctly; a character the font lacks (e.g. Chinese) is left out
rather than breaking the document.
"""

from pathlib import Path

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import Align, XPos, YPos

from asskomm.dates import when

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT = "DejaVuSans"
LANGUAGE = "de"


def certificate_filename(application):
    cohort = application.cohort
    return f"zertifikat-{cohort.programme.slug}-{cohort.number}-{application.pk}.pdf"


def render_certificate(application):
    """The certificate of a graduate ``application`` as PDF bytes."""
    cohort = application.cohort
    programme = cohort.programme
    sessions = list(cohort.sessions.order_by("starts_at"))
    start = timezone.localdate(sessions[0].starts_at) if sessions else cohort.starts_on
    end = timezone.localdate(sessions[-1].ends_at) if sessions else application.completed_on
    with translation.override(LANGUAGE):
        name = application.applicant.get_full_name() or application.applicant.email
        texts = {
            "heading": _("Certificate"),
            "provider": programme.provider,
            "name": name,
            "completed": _(
                "has successfully taken part in cohort %(number)s of the programme "
                "“%(programme)s” from %(start)s to %(end)s and is entitled to the title"
            )
            % {
                "number": cohort.number,
                "programme": programme.name,
                "start": when(start),
                "end": when(end),
            },
            "title": programme.certificate_title,
            "modules": _("Modules: %(modules)s")
            % {"modules": "; ".join(module.title for module in programme.modules.all())},
            "date": _("Completion confirmed on %(date)s")
            % {"date": when(application.completed_on)},
            "number": _("Certificate no. %(number)s")
            % {"number": f"{cohort.number}-{application.pk}"},
        }
    return _layout(texts, author=programme.provider)


def _layout(texts, *, author):
    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_title(f"{texts['heading']}: {texts['name']}")
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

    def line(text, size, *, bold=False, gap=6):
        pdf.set_font(FONT, "B" if bold else "", size)
        pdf.multi_cell(0, size * 0.5, text, align=Align.C, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(gap)

    line(texts["provider"], 12, gap=25)
    line(texts["heading"], 32, bold=True, gap=20)
    line(texts["name"], 22, bold=True, gap=12)
    line(texts["completed"], 12, gap=12)
    line(texts["title"], 20, bold=True, gap=25)
    line(texts["modules"], 10, gap=30)
    line(texts["date"], 11, gap=4)
    line(texts["number"], 9)
    return bytes(pdf.output())
