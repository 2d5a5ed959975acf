from django import forms
from django.utils.translation import gettext_lazy as _

from asskomm.models import Topic
from search.registry import registry
from search.text import MAX_QUERY_LENGTH, clean_query


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search for"),
        required=False,
        widget=forms.SearchInput(attrs={"maxlength": MAX_QUERY_LENGTH}),
    )
    kind = forms.ChoiceField(label=_("Only"), required=False)
    topic = forms.ModelChoiceField(
        label=_("Topic"),
        queryset=Topic.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("all topics"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("everything"))] + [
            (entry.kind, entry.label) for entry in registry.searchables.values()
        ]
        if not any(entry.topics for entry in registry.searchables.values()):
            del self.fields["topic"]

    def clean_q(self):
        return clean_query(self.cleaned_data["q"])
