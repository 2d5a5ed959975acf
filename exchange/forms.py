from django import forms
from django.utils.translation import gettext_lazy as _

from asskomm.models import Topic
from exchange.models import Answer, Follow, Question
from members.models import Region


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = ["title", "text", "topics", "region"]
        widgets = {"topics": forms.CheckboxSelectMultiple}


class AnswerForm(forms.ModelForm):
    class Meta:
        model = Answer
        fields = ["text"]
        labels = {"text": _("Your answer")}


class FilterForm(forms.Form):
    topic = forms.ModelChoiceField(
        Topic.objects.all(),
        label=_("Topic"),
        required=False,
        to_field_name="slug",
        empty_label=_("all topics"),
    )
    region = forms.ChoiceField(
        label=_("Region"), choices=[("", _("all"))] + Region.choices, required=False
    )
    open = forms.BooleanField(label=_("Only open questions"), required=False)
    q = forms.CharField(label=_("Words"), required=False, max_length=200)


class FollowForm(forms.Form):
    topic = forms.ModelChoiceField(Topic.objects.all(), label=_("Topic"), required=False)
    region = forms.ChoiceField(
        label=_("Region"), choices=[("", "–")] + Region.choices, required=False
    )
    delivery = forms.ChoiceField(label=_("How to hear of it"), choices=Follow.Delivery.choices)

    def clean(self):
        data = super().clean()
        if bool(data.get("topic")) == bool(data.get("region")):
            raise forms.ValidationError(_("Choose either a topic or a region."))
        return data


class HideForm(forms.Form):
    reason = forms.CharField(label=_("Reason for hiding"), max_length=300)
