from django import forms
from django.utils.translation import gettext_lazy as _

from events.models import EventFeedback, EventMessage, Registration


class RegistrationForm(forms.ModelForm):
    class Meta:
        model = Registration
        fields = ["note", "on_attendee_list"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3, "maxlength": 1000})}

    def clean_note(self):
        note = self.cleaned_data["note"].strip()
        if len(note) > 1000:
            raise forms.ValidationError(
                _("Please keep the note under 1000 characters (now %(count)d)."),
                params={"count": len(note)},
            )
        return note


class MessageForm(forms.ModelForm):
    class Meta:
        model = EventMessage
        fields = ["recipients", "subject", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 12})}


class FeedbackForm(forms.Form):
    """An attendee's feedback; who gives it is not kept with it."""

    rating = forms.TypedChoiceField(
        label=_("How did you like the event?"),
        choices=list(reversed(EventFeedback.Rating.choices)),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose a rating from 1 to 5.")},
    )
    text = forms.CharField(
        label=_("What was good, what could be better?"),
        help_text=_(
            "Optional. Please name nobody, yourself included: your answer stays anonymous."
        ),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "max_length": _("Please keep it under %(limit_value)d characters (now %(show_value)d).")
        },
    )
