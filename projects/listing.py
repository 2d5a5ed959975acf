"""The one list of the network's good-practice projects: those
municipalities entered themselves (``Project``) and those Beccaria
participants developed in their project teams (``training.ProjectTeam``,
read where they are, not copied).

Both kinds are selected as rows of one shape and united in the database,
so that ordering, counting and pagination happen there; the rows of one
page are then read in full with a fixed number of queries.
"""

from dataclasses import dataclass, field

from django.db.models import CharField, F, Value

from projects.models import Project, status_chip
from training.models import ProjectTeam

PROJECT = "project"
TEAM = "team"


def good_practice_rows(user, *, topic=None, region="", municipality=None, status=""):
    """The projects ``user`` may see, both kinds, as ``values()`` rows
    (``kind``, ``item_id``, ``title``), ordered by title."""
    projects = Project.objects.visible_to(user)
    teams = ProjectTeam.objects.visible_to(user)
    if topic is not None:
        projects = projects.filter(topics=topic)
        teams = teams.none()  # Beccaria projects carry no topics
    if region:
        projects = projects.filter(municipality__region=region)
        teams = teams.filter(municipality__region=region)
    if municipality is not None:
        projects = projects.filter(municipality=municipality)
        teams = teams.filter(municipality=municipality)
    if status:
        projects = projects.filter(status=status)
        teams = teams.filter(status=status)
    # UNION ALL: the kinds tell the rows apart, nothing to remove twice.
    return (
        _rows(projects, PROJECT)
        .union(_rows(teams, TEAM), all=True)
        .order_by("title", "kind", "item_id")
    )


def _rows(queryset, kind):
    return (
        queryset.order_by()
        .annotate(kind=Value(kind, output_field=CharField()), item_id=F("pk"))
        .values_list("title", "kind", "item_id")
    )


@dataclass
class GoodPractice:
    """A project of either kind, as the list shows it."""

    kind: str
    title: str
    municipality: object
    status: str
    status_label: str
    text: str
    url: str = ""
    topics: list = field(default_factory=list)
    team: object = None

    @property
    def status_chip(self):
        return status_chip(self.status, self.status_label)

    @property
    def is_beccaria(self):
        return self.kind == TEAM


def resolve(rows, user):
    """The page's rows as ``GoodPractice`` items, in the rows' order: three
    queries for the projects and their topics, two for the teams and the
    members ``user`` may see by name."""
    project_ids = [item_id for _title, kind, item_id in rows if kind == PROJECT]
    team_ids = [item_id for _title, kind, item_id in rows if kind == TEAM]
    projects = {}
    if project_ids:
        projects = Project.objects.select_related("municipality").prefetch_related("topics")
        projects = projects.in_bulk(project_ids)
    teams = {}
    if team_ids:
        teams = (
            ProjectTeam.objects.select_related("municipality", "cohort__programme")
            .with_members_for(user)
            .in_bulk(team_ids)
        )
    items = []
    for _title, kind, item_id in rows:
        if kind == PROJECT and item_id in projects:
            project = projects[item_id]
            items.append(
                GoodPractice(
                    kind=PROJECT,
                    title=project.title,
                    municipality=project.municipality,
                    status=project.status,
                    status_label=project.get_status_display(),
                    text=project.goal,
                    url=project.get_absolute_url(),
                    topics=list(project.topics.all()),
                )
            )
        elif kind == TEAM and item_id in teams:
            team = teams[item_id]
            items.append(
                GoodPractice(
                    kind=TEAM,
                    title=team.title,
                    municipality=team.municipality,
                    status=team.status,
                    status_label=team.get_status_display(),
                    text=team.description,
                    team=team,
                )
            )
    return items
