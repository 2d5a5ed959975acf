from django import forms
from django.utils.translation import gettext_lazy as _

from working_group.models import ActionItem


class CloseActionItemForm(forms.Form):
    """An owner marks their item done or dropped on the working group's
    pages (reopening is the team's, in the admin)."""

    status = forms.ChoiceField(
        label=_("New status"),
        choices=[
            (ActionItem.Status.DONE, ActionItem.Status.DONE.label),
            (ActionItem.Status.DROPPED, ActionItem.Status.DROPPED.label),
        ],
    )
