"""Where the figures are linked from: the team's dashboard and the admin's
start page (see asskomm.panels)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from asskomm.panels import PageLink, Panel
from figures.access import is_figures_staff


def dashboard_link(request):
    if not is_figures_staff(request.user):
        return None
    return Panel("figures/panels/dashboard.html")


def admin_link(request):
    if not is_figures_staff(request.user):
        return None
    return PageLink(
        _("Figures for the LPR"),
        reverse("figures:overview"),
        _("Members, event participation, training demand and recommendations, with CSV."),
    )
