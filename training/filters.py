import django_filters
from django.utils.translation import gettext_lazy as _

from members.models import Region
from training.models import Application, Cohort


def cohorts_with_graduates(request):
    graduated = Application.objects.graduated().values("cohort")
    return Cohort.objects.filter(pk__in=graduated).select_related("programme")


class AlumniFilter(django_filters.FilterSet):
    """Filters the alumni directory. The region is the one of the
    municipality the alumnus works for according to their profile, or else
    the one named in their application (annotated as ``region``)."""

    cohort = django_filters.ModelChoiceFilter(label=_("Cohort"), queryset=cohorts_with_graduates)
    region = django_filters.ChoiceFilter(
        label=_("Region"), field_name="region", choices=Region.choices
    )

    class Meta:
        model = Application
        fields = ["cohort", "region"]
