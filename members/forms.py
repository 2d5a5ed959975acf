from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from members import services
from members.consent import PRIVACY_TEXT_VERSION
from members.models import Consent, MembershipRequest, User


class SignupForm(forms.Form):
    """What allauth's sign-up asks beyond e-mail and password."""

    first_name = forms.CharField(
        label=_("First name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    privacy_consent = forms.BooleanField(
        label=_(
            "I have read the privacy statement and agree that my data is processed "
            "as described there."
        ),
        error_messages={"required": _("Please confirm that you have read the privacy statement.")},
    )

    field_order = ["first_name", "last_name", "email", "password1", "password2", "privacy_consent"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["privacy_consent"].help_text = format_html(
            '<a href="{}">{}</a>', reverse("privacy"), _("Read the privacy statement")
        )

    def signup(self, request, user):
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.save(update_fields=["first_name", "last_name"])
        services.record_consent(
            user=user, kind=Consent.Kind.SIGNUP, text_version=PRIVACY_TEXT_VERSION
        )


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = [
            "salutation",
            "title",
            "first_name",
            "last_name",
            "function",
            "phone",
            "preferred_language",
            "listed_in_directory",
            "expertise_topics",
            "expertise_keywords",
            "profile_text",
        ]
        # The browser may fill in what it knows of the person (autocomplete).
        widgets = {
            "title": forms.TextInput(attrs={"autocomplete": "honorific-prefix"}),
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
            "function": forms.TextInput(attrs={"autocomplete": "organization-title"}),
            "phone": forms.TelInput(attrs={"autocomplete": "tel"}),
            "expertise_topics": forms.CheckboxSelectMultiple,
            "profile_text": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True


class MembershipRequestForm(forms.ModelForm):
    class Meta:
        model = MembershipRequest
        fields = ["municipality", "organisation", "function", "message"]
        help_texts = {
            "municipality": _("If you work for a municipality, town or district."),
            "organisation": _(
                "If you work for the police, a welfare organisation or another body."
            ),
        }
        widgets = {
            "function": forms.TextInput(attrs={"autocomplete": "organization-title"}),
            "message": forms.Textarea(attrs={"rows": 4}),
        }

    # "Exactly one of municipality and organisation" is the model's rule
    # (clean() and a check constraint); ModelForm validation reports it next
    # to the municipality, saying what to choose.

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].empty_label = _("– none –")
        self.fields["organisation"].empty_label = _("– none –")
