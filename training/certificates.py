"""The graduates' certificates as PDF, always in German (see ``asskomm.pdf``)."""

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from asskomm.dates import when
from asskomm.pdf import LANGUAGE, Line, certificate_pdf


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
    return certificate_pdf(
        [
            Line(texts["provider"], 12, gap=25),
            Line(texts["heading"], 32, bold=True, gap=20),
            Line(texts["name"], 22, bold=True, gap=12),
            Line(texts["completed"], 12, gap=12),
            Line(texts["title"], 20, bold=True, gap=25),
            Line(texts["modules"], 10, gap=30),
            Line(texts["date"], 11, gap=4),
            Line(texts["number"], 9),
        ],
        title=f"{texts['heading']}: {texts['name']}",
        author=programme.provider,
    )
