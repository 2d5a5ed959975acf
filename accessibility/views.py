from allauth.core import ratelimit
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accessibility import services, statement
from accessibility.forms import BarrierReportForm

# allauth's limiter (the login limits' cache and the visitor's address as
# the proxy settings give it); the action's rate is in ACCOUNT_RATE_LIMITS.
REPORT_LIMIT_ACTION = "report_barrier"


def accessibility_statement(request):
    return render(
        request,
        "accessibility/statement.html",
        {
            "statement": statement,
            "contact": settings.ASSKOMM_CONTACT,
            "retention_days": settings.ASSKOMM_RETENTION["barrier_reports_days"],
        },
    )


@require_http_methods(["GET", "POST"])
def report_barrier(request):
    """The feedback mechanism: anyone reports a barrier, no account needed."""
    initial = {"page": request.GET.get("page", "")[:500]}
    form = BarrierReportForm(request.POST or None, initial=initial)
    status = 200
    if form.is_valid():
        if form.is_from_a_robot:
            return _thanks(request, email="")
        if ratelimit.consume(request, action=REPORT_LIMIT_ACTION):
            data = form.cleaned_data
            services.report_barrier(
                page=data["page"],
                description=data["description"],
                name=data["name"],
                email=data["email"],
                language=get_language(),
            )
            return _thanks(request, email=data["email"])
        form.add_error(
            None,
            _(
                "You have sent several reports in a short time. Please try again in an hour, "
                "or write to us at %(email)s."
            )
            % {"email": settings.ASSKOMM_CONTACT["email"]},
        )
        status = 429
    return render(
        request,
        "accessibility/report.html",
        {
            "form": form,
            "retention_days": settings.ASSKOMM_RETENTION["barrier_reports_days"],
        },
        status=status,
    )


def _thanks(request, *, email):
    if email:
        text = _(
            "Thank you: your report has reached the ASSKomm team. We have sent a confirmation "
            "to %(email)s and will answer you there."
        ) % {"email": email}
    else:
        text = _("Thank you: your report has reached the ASSKomm team.")
    messages.success(request, text)
    return redirect("accessibility:statement")


def easy_read(request):
    """The portal explained in Leichte Sprache (German only)."""
    return render(request, "accessibility/easy_read.html", {"contact": settings.ASSKOMM_CONTACT})
