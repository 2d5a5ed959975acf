from django import forms
from django.utils.translation import gettext_lazy as _


class DigestForm(forms.Form):
    active = forms.BooleanField(
        label=_("Send me the weekly digest by e-mail"),
        required=False,
        help_text=_(
            "Once a week: new news, new questions and answers in the topics you follow, new "
            "library entries and your events of the next two weeks. Only what you may see."
        ),
    )
