from django import forms
from django.urls import reverse
from django.utils.html import format_html
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


class GuestRegistrationForm(RegistrationForm):
    """A guest's registration for a public event, without an account."""

    privacy_consent = forms.BooleanField(
        label=_(
            "I have read the privacy statement and agree that my data is processed "
            "as described there."
        ),
        error_messages={"required": _("Please confirm that you have read the privacy statement.")},
    )

    class Meta(RegistrationForm.Meta):
        fields = ["guest_name", "guest_email", "guest_organisation", "note"]
        labels = {
            "guest_name": _("Your name"),
            "guest_email": _("Your e-mail address"),
            "guest_organisation": _("Organisation or municipality"),
        }
        help_texts = {
            "guest_email": _("We send you a link to confirm your registration."),
        }
        error_messages = {
            "guest_name": {"required": _("Please enter your name.")},
            "guest_email": {
                "required": _("Please enter your e-mail address."),
                "invalid": _("Please enter a valid e-mail address, e.g. name@example.org."),
            },
        }
        widgets = {
            **RegistrationForm.Meta.widgets,
            "guest_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "guest_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "guest_organisation": forms.TextInput(attrs={"autocomplete": "organization"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["guest_name"].required = True
        self.fields["guest_email"].required = True
        self.fields["privacy_consent"].help_text = format_html(
            '<a href="{}">{}</a>', reverse("privacy"), _("Read the privacy statement")
        )

    def clean_guest_name(self):
        name = " ".join(self.cleaned_data["guest_name"].split())
        if not name:
            raise forms.ValidationError(_("Please enter your name."))
        return name


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
