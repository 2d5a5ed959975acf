"""What the search may find in this app (see the search app's contract)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from members.models import is_network_member
from projects.models import Project, Recommendation, SecurityAnalysis
from training.models import ProjectTeam


def _team_project_url(team):
    """Beccaria projects have no page of their own: their municipality's
    page shows them, else the list of projects."""
    if team.municipality_id:
        return reverse("members:municipality_detail", args=[team.municipality.ags])
    return reverse("projects:list")


SEARCHABLES = [
    {
        "kind": "project",
        "label": _("Good-practice projects"),
        "model": Project,
        "visible_to": lambda user: Project.objects.visible_to(user),
        "fields": {
            "title": "A",
            "goal": "B",
            "approach": "C",
            "results": "C",
            "partners": "D",
        },
        "topics": "topics",
        # The levels of the search index (see search.registry), from each
        # model's ``visible_to``: what every network member may open.
        "members": lambda projects: projects,
    },
    {
        "kind": "beccaria_project",
        "label": _("Beccaria projects"),
        "model": ProjectTeam,
        "visible_to": lambda user: ProjectTeam.objects.visible_to(user),
        "fields": {"title": "A", "description": "B"},
        "topics": None,
        "url": _team_project_url,
        "select_related": ["municipality"],
        "members": lambda teams: teams.filter(status=ProjectTeam.Status.IMPLEMENTED),
        "watch": ("status",),
    },
    {
        "kind": "security_analysis",
        "label": _("Security analyses"),
        "model": SecurityAnalysis,
        "visible_to": lambda user: SecurityAnalysis.objects.visible_to(user),
        "fields": {"conducted_by": "C", "summary": "B"},
        "topics": None,
        "members": lambda analyses: analyses.filter(shared_with_members=True),
        "watch": ("shared_with_members",),
    },
    {
        "kind": "recommendation",
        "label": _("Recommendations"),
        "model": Recommendation,
        "visible_to": lambda user: Recommendation.objects.visible_to(user),
        "fields": {"title": "A", "text": "B"},
        "topics": None,  # one topic per recommendation (a foreign key), not a list
        "members": lambda recommendations: recommendations.filter(
            analysis__shared_with_members=True
        ),
        "watch": ("analysis",),
        # Its level follows whether its analysis is shared.
        "refresh_with": ((SecurityAnalysis, "analysis", ("shared_with_members",)),),
    },
]


def updated_recommendations_of_own_municipality(user, since):
    """Recommendations of the person's municipality whose status changed
    since ``since``."""
    if not (is_network_member(user) and user.municipality_id):
        return Recommendation.objects.none()
    return (
        Recommendation.objects.visible_to(user)
        .filter(
            analysis__municipality=user.municipality_id,
            status_changes__changed_at__gt=since,
        )
        .select_related("analysis")
        .distinct()
    )


NEW_SINCE = [
    {
        "label": _("New good-practice projects"),
        "items": lambda user, since: Project.objects.visible_to(user).filter(created_at__gt=since),
        "values": ("title",),
        "link": lambda pk, title: Project(pk=pk, title=title),
    },
    {
        "label": _("Updates of your municipality's recommendations"),
        "items": updated_recommendations_of_own_municipality,
        "values": ("title",),
        "link": lambda pk, title: Recommendation(pk=pk, title=title),
    },
]
