import django_filters
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from asskomm.models import Topic
from members.models import Region
from training.models import Application, Cohort, ProjectTeam


def cohorts_with_graduates(request):
    graduated = Application.objects.graduated().values("cohort")
    return Cohort.objects.filter(pk__in=graduated).select_related("programme")


def topics_of_projects(request):
    """The topics of the participants' projects: the others would find nobody."""
    return Topic.objects.filter(
        Exists(ProjectTeam.topics.through.objects.filter(topic=OuterRef("pk")))
    )


class AlumniFilter(django_filters.FilterSet):
    """Filters the alumni directory. The region is the one of the
    municipality the alumnus works for according to their profile, or else
    the one named in their application (annotated as ``region``); the topic
    one of their project team's topics."""

    cohort = django_filters.ModelChoiceFilter(label=_("Cohort"), queryset=cohorts_with_graduates)
    region = django_filters.ChoiceFilter(
        label=_("Region"), field_name="region", choices=Region.choices
    )
    topic = django_filters.ModelChoiceFilter(
        label=_("Project topic"), queryset=topics_of_projects, method="filter_topic"
    )

    class Meta:
        model = Application
        fields = ["cohort", "region"]

    def filter_topic(self, queryset, name, value):
        teams = ProjectTeam.members.through.objects.filter(
            application=OuterRef("pk"), projectteam__topics=value
        )
        return queryset.filter(Exists(teams))
