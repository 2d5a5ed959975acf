"""What projects contribute to pages of other apps (see asskomm.panels)."""

from asskomm.panels import Panel
from events.audiences import Audience
from projects.models import Project, Recommendation, SecurityAnalysis


def municipality_projects(request, municipality):
    """A municipality's page: its good-practice projects and how far its
    security analyses' recommendations are implemented."""
    user = request.user
    projects = list(
        Project.objects.visible_to(user).filter(municipality=municipality).order_by("title")
    )
    analyses = list(
        SecurityAnalysis.objects.visible_to(user)
        .filter(municipality=municipality)
        .order_by("-year")
    )
    progress = None
    if analyses:
        progress = (
            Recommendation.objects.visible_to(user)
            .filter(analysis__municipality=municipality)
            .progress()
        )
    may_add = Project(municipality=municipality).may_be_edited_by(user)
    if not (projects or analyses or may_add):
        return None
    return Panel(
        "projects/panels/municipality.html",
        {
            "projects": projects,
            "analyses": analyses,
            "progress": progress,
            "may_add": may_add,
        },
    )


def workshop_recommendations(request, event):
    """An invitation-only event's page: a link to the recommendations of
    the invited municipalities, for those who see some of them."""
    if event.audience != Audience.INVITED:
        return None
    if not Recommendation.objects.for_workshop(event, request.user).exists():
        return None
    return Panel("projects/panels/event.html", {"event": event})
