from django import forms
from django.contrib.auth.forms import SetPasswordForm
from django.utils.translation import gettext_lazy as _

from training.consent import CONSENT_TEXT, CONSENT_TEXT_VERSION
from training.models import MOTIVATION_MIN_LENGTH, Application, SelectionDeviation
from training.services import APPLICATION_FIELDS


class ApplicationForm(forms.ModelForm):
    """The application for a cohort. The instance carries the cohort and the
    applicant, so the model's checks (municipality for municipal staff, a
    supervisor other than oneself) speak next to their fields."""

    consent = forms.BooleanField(
        label=CONSENT_TEXT,
        error_messages={"required": _("Please agree to the processing of your data.")},
    )

    class Meta:
        model = Application
        fields = list(APPLICATION_FIELDS)
        # The applicant's own employer and function the browser may fill in;
        # the supervisor's name and address are someone else's, so no hint.
        widgets = {
            "employer_name": forms.TextInput(attrs={"autocomplete": "organization"}),
            "function": forms.TextInput(attrs={"autocomplete": "organization-title"}),
            "employer_kind": forms.RadioSelect,
            "motivation": forms.Textarea(attrs={"rows": 8}),
            "project_idea": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {
            "employer_name": {"required": _("Please name your employer.")},
            "employer_kind": {"required": _("Please choose the kind of your employer.")},
            "function": {"required": _("Please name your function.")},
            "motivation": {"required": _("Please describe your motivation.")},
            "supervisor_name": {"required": _("Please name your supervisor.")},
            "supervisor_email": {
                "required": _("Please give your supervisor's e-mail address."),
                "invalid": _("Please give a valid e-mail address, e.g. name@stadt.example."),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Formatted here, in the language of the request.
        self.fields["consent"].help_text = _(
            "Version %(version)s of the text on data processing."
        ) % {"version": CONSENT_TEXT_VERSION}
        self.fields["motivation"].help_text = _(
            "Why do you want to take part, and what do you expect for your work? "
            "At least %(count)d characters."
        ) % {"count": MOTIVATION_MIN_LENGTH}
        self.fields["municipality"].empty_label = _("– none –")
        self.fields["employer_kind"].choices = Application.EmployerKind.choices
        release = self.fields["employer_release_confirmed"]
        release.required = True
        release.error_messages["required"] = _(
            "Your employer must release you for the eight weekends; please confirm this."
        )
        release.help_text = _(
            "Please talk to your supervisor first: the eight weekends include Fridays."
        )
        if self.instance.pk and self.instance.consent_text_version == CONSENT_TEXT_VERSION:
            self.fields["consent"].initial = True

    def service_arguments(self):
        """The cleaned data as the services take it."""
        data = {name: self.cleaned_data[name] for name in APPLICATION_FIELDS}
        return {**data, "consent_text_version": CONSENT_TEXT_VERSION}


# Far beyond any cohort's waiting list, and within every database's integers.
MAX_WAITLIST_POSITION = 9999


class DecisionForm(forms.Form):
    """Staff decide one application differently from the rule."""

    decision = forms.ChoiceField(label=_("Decision"), choices=SelectionDeviation.Decision.choices)
    waitlist_position = forms.IntegerField(
        label=_("Position on the waiting list"),
        required=False,
        min_value=1,
        max_value=MAX_WAITLIST_POSITION,
        help_text=_("Only for the waiting list; empty: where the rule puts it."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kept in the application's history: every deviation must be explainable."),
        error_messages={"required": _("Please give a reason for the deviation.")},
    )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("waitlist_position")
            and cleaned.get("decision") != SelectionDeviation.Decision.WAITLIST
        ):
            self.add_error(
                "waitlist_position", _("Only a place on the waiting list has a position.")
            )
        return cleaned


class AlumniListingForm(forms.Form):
    listed = forms.BooleanField(
        label=_("List me in the alumni directory"),
        required=False,
        help_text=_(
            "Other alumni and the ASSKomm team then see your name, cohort, employer, function, "
            "e-mail address and your project."
        ),
    )


class AlumniClaimForm(SetPasswordForm):
    """An invited alumna or alumnus sets a password and decides on the listing."""

    listed = forms.BooleanField(
        label=_("List me in the alumni directory"),
        required=False,
        help_text=_(
            "Other alumni and the ASSKomm team then see your name, cohort, employer, function, "
            "e-mail address and your project. You can change this at any time."
        ),
    )
