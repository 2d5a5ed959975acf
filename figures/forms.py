from django import forms
from django.utils.translation import gettext_lazy as _

from figures.series import ALL_YEARS, YearRange

FIRST_YEAR = 2000
LAST_YEAR = 2100


class YearRangeForm(forms.Form):
    from_year = forms.IntegerField(
        label=_("From year"), required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR
    )
    to_year = forms.IntegerField(
        label=_("To year"), required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR
    )

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("from_year"), cleaned.get("to_year")
        if first is not None and last is not None and last < first:
            self.add_error("to_year", _("The last year cannot come before the first."))
        return cleaned

    def year_range(self):
        """The years asked for; all years while the form is unbound or invalid."""
        if not self.is_bound or not self.is_valid():
            return ALL_YEARS
        return YearRange(self.cleaned_data["from_year"], self.cleaned_data["to_year"])
