from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from asskomm.models import Topic
from events.uploads import validate_document
from members.models import Municipality, Region
from projects.models import Project, ProjectAttachment, Recommendation


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
    topic = forms.ModelChoiceField(
        label=_("Topic"), queryset=Topic.objects.all(), to_field_name="slug", required=False
    )
    region = forms.ChoiceField(
        label=_("Region"), choices=[("", "---------"), *Region.choices], required=False
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        # Those with a project of either kind.
        queryset=Municipality.objects.filter(
            Q(good_practice_projects__isnull=False) | Q(training_projects__isnull=False)
        ).distinct(),
        to_field_name="ags",
        required=False,
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", "---------"), *Project.Status.choices], required=False
    )


class MunicipalityFilterForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.filter(security_analyses__isnull=False).distinct(),
        to_field_name="ags",
        required=False,
    )
