from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from asskomm.models import Topic
from events.audiences import Audience
from events.models import Event, EventDocument
from library.models import Resource
from members.models import Municipality, Organisation


class LibraryFilterForm(forms.Form):
    """The filters of the library's list; every choice offered comes from
    what the person may see, so an empty list never surprises them."""

    q = forms.CharField(label=_("Text"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    topic = forms.ModelChoiceField(
        label=_("Topic"),
        queryset=Topic.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("all topics"),
    )
    publisher = forms.ChoiceField(label=_("Publisher"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)
    audience = forms.ChoiceField(label=_("Audience"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("all"))]
        self.fields["kind"].choices = everything + list(Resource.Kind.choices)
        self.fields["audience"].choices = everything + list(Audience.choices)
        self.fields["publisher"].choices = everything + self._publishers(user)
        self.fields["year"].choices = everything + self._years(user)

    @staticmethod
    def _publishers(user):
        resources = Resource.objects.visible_to(user)
        documents = EventDocument.objects.visible_to(user)
        organisations = Organisation.objects.filter(
            Q(pk__in=resources.values("publisher_organisation"))
            | Q(pk__in=documents.values("event__organiser"))
        )
        municipalities = Municipality.objects.filter(
            pk__in=resources.values("publisher_municipality")
        )
        return [(f"organisation-{o.pk}", str(o)) for o in organisations] + [
            (f"municipality-{m.pk}", str(m)) for m in municipalities
        ]

    @staticmethod
    def _years(user):
        years = {
            day.year for day in Resource.objects.visible_to(user).dates("published_on", "year")
        }
        events = Event.objects.filter(pk__in=EventDocument.objects.visible_to(user).values("event"))
        years |= {day.year for day in events.dates("starts_at", "year")}
        return [(year, str(year)) for year in sorted(years, reverse=True)]

    def criteria(self):
        """What the list is filtered by, for ``library.catalogue.entries``."""
        if not self.is_bound:
            return {}
        self.is_valid()  # a choice that is no longer offered is left out, not fatal
        found = {key: value for key, value in self.cleaned_data.items() if value}
        if "publisher" in found:
            kind, _sep, pk = found["publisher"].partition("-")
            found["publisher"] = (kind, int(pk))
        return found
