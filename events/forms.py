from django import forms
from django.utils.translation import gettext_lazy as _

from events.models import EventMessage, Registration


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
