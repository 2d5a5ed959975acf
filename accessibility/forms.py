from django import forms
from django.utils.translation import gettext_lazy as _

from accessibility.models import BarrierReport


class BarrierReportForm(forms.ModelForm):
    """A report of a barrier, from anyone. ``website`` is a trap for robots:
    it is hidden from people (and from screen readers), so a report that
    fills it in came from a program and is not kept."""

    website = forms.CharField(
        label=_("Please leave this field empty"), required=False, max_length=200
    )

    class Meta:
        model = BarrierReport
        fields = ["page", "description", "name", "email"]
        labels = {
            "page": _("Page or address where you met the barrier"),
            "description": _("What is the barrier?"),
            "name": _("Your name (optional)"),
            "email": _("Your e-mail address (optional)"),
        }
        help_texts = {
            "page": _("For example the address from your browser, or “the events page”."),
            "description": _(
                "Describe what did not work and, if you like, which aid you use (e.g. a "
                "screen reader or the keyboard only)."
            ),
            "email": _("Only if you would like an answer; we send a confirmation to it."),
        }
        error_messages = {
            "page": {
                "required": _("Please tell us on which page you met the barrier."),
                "max_length": _("Please shorten the page's address to %(limit_value)d characters."),
            },
            "description": {
                "required": _("Please describe the barrier."),
                "max_length": _("Please shorten the description to %(limit_value)d characters."),
            },
            "email": {
                "invalid": _("Please enter a valid e-mail address, e.g. name@example.org."),
            },
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def clean_page(self):
        page = self.cleaned_data["page"].strip()
        if not page:
            raise forms.ValidationError(_("Please tell us on which page you met the barrier."))
        return page

    def clean_description(self):
        description = self.cleaned_data["description"].strip()
        if not description:
            raise forms.ValidationError(_("Please describe the barrier."))
        return description

    @property
    def is_from_a_robot(self):
        return bool(self.cleaned_data.get("website"))

    def visible_fields(self):
        return [field for field in super().visible_fields() if field.name != "website"]
