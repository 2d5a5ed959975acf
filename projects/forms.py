from django import forms
from django.db.models import CharField, F, Q, Value
from django.utils.translation import gettext_lazy as _

from asskomm.collation import din_5007_key
from asskomm.models import Topic
from events.uploads import validate_document
from members.models import Municipality, Region
from projects.models import Project, ProjectAttachment, Recommendation
from training.models import ProjectTeam


class ProjectForm(forms.ModelForm):
    attachment = forms.FileField(
        label=_("Add an attachment"),
        required=False,
        validators=[validate_document],
        help_text=_("PDF, Office, PNG or JPEG, at most 20 MB."),
    )
    attachment_title = forms.CharField(label=_("Title of the attachment"), required=False)
    remove_attachments = forms.ModelMultipleChoiceField(
        label=_("Remove attachments"),
        queryset=ProjectAttachment.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Project
        fields = [
            "title",
            "municipality",
            "topics",
            "goal",
            "approach",
            "partners",
            "status",
            "results",
            "contact",
        ]
        widgets = {"topics": forms.CheckboxSelectMultiple}

    def __init__(self, *args, choose_municipality=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not choose_municipality:
            del self.fields["municipality"]
        if self.instance.pk:
            self.fields["remove_attachments"].queryset = self.instance.attachments.all()
        else:
            del self.fields["remove_attachments"]


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=Recommendation.Status.choices)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What was done, or why the status changes."),
    )


class ProjectFilterForm(forms.Form):
    """The filters of the list of projects. The topics and the
    municipalities with a project of either kind are read in one query."""

    topic = forms.ChoiceField(label=_("Topic"), required=False)
    region = forms.ChoiceField(
        label=_("Region"), choices=[("", "---------"), *Region.choices], required=False
    )
    municipality = forms.ChoiceField(label=_("Municipality"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", "---------"), *Project.Status.choices], required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.topics, self.municipalities = _filter_choices()
        nothing = [("", "---------")]
        self.fields["topic"].choices = nothing + [
            (slug, topic.name) for slug, topic in self.topics.items()
        ]
        self.fields["municipality"].choices = nothing + [
            (ags, municipality.name) for ags, municipality in self.municipalities.items()
        ]

    def clean_topic(self):
        return self.topics.get(self.cleaned_data["topic"])

    def clean_municipality(self):
        return self.municipalities.get(self.cleaned_data["municipality"])


def _filter_choices():
    """Every topic by slug and the municipalities with a project of either
    kind by AGS, each in German alphabetical order: one query."""
    text = CharField()
    with_projects = Municipality.objects.filter(
        Q(pk__in=Project.objects.values("municipality"))
        | Q(pk__in=ProjectTeam.objects.values("municipality"))
    )
    rows = (
        Topic.objects.order_by()
        .annotate(choice=Value("topic", output_field=text), key=F("slug"))
        .values("choice", "pk", "name", "key")
        .union(
            with_projects.order_by()
            .annotate(choice=Value("municipality", output_field=text), key=F("ags"))
            .values("choice", "pk", "name", "key")
        )
    )
    topics, municipalities = [], []
    for row in rows:
        if row["choice"] == "topic":
            topics.append(Topic(pk=row["pk"], name=row["name"], slug=row["key"]))
        else:
            municipalities.append(Municipality(pk=row["pk"], name=row["name"], ags=row["key"]))
    by_name = lambda thing: din_5007_key(thing.name)  # noqa: E731
    return (
        {topic.slug: topic for topic in sorted(topics, key=by_name)},
        {place.ags: place for place in sorted(municipalities, key=by_name)},
    )


class MunicipalityFilterForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.filter(security_analyses__isnull=False).distinct(),
        to_field_name="ags",
        required=False,
    )
