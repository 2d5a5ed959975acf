from django import forms
from django.utils.translation import gettext_lazy as _

from events.audiences import Audience
from library.models import Resource


class LibraryFilterForm(forms.Form):
    """The filters of the library's list; every choice offered comes from
    what the person may see, so an empty list never surprises them."""

    q = forms.CharField(label=_("Text"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    publisher = forms.ChoiceField(label=_("Publisher"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)
    audience = forms.ChoiceField(label=_("Audience"), required=False)

    def __init__(self, *args, choices, **kwargs):
        """``choices``: what the person may filter by
        (``library.catalogue.choices``)."""
        super().__init__(*args, **kwargs)
        everything = [("", _("all"))]
        self.topics = {topic.slug: topic for topic in choices.topics}
        self.fields["kind"].choices = everything + list(Resource.Kind.choices)
        self.fields["topic"].choices = [("", _("all topics"))] + [
            (topic.slug, topic.name) for topic in choices.topics
        ]
        self.fields["audience"].choices = everything + list(Audience.choices)
        self.fields["publisher"].choices = (
            everything
            + [(f"organisation-{pk}", label) for pk, label in choices.organisations]
            + [(f"municipality-{pk}", label) for pk, label in choices.municipalities]
        )
        self.fields["year"].choices = everything + [(year, str(year)) for year in choices.years]

    def clean_topic(self):
        return self.topics.get(self.cleaned_data["topic"])

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
