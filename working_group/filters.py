import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from members.models import WorkingGroupSeat
from working_group.models import ActionItem


class ActionItemFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ActionItem.Status.choices)
    seat = django_filters.ModelChoiceFilter(
        label=_("Seat"),
        field_name="owner_seat",
        queryset=WorkingGroupSeat.objects.select_related("municipality", "organisation"),
        empty_label=_("all seats"),
    )
    mine = django_filters.BooleanFilter(
        label=_("Only mine (in person or through my seat)"),
        widget=forms.CheckboxInput,
        method="filter_mine",
    )
    overdue = django_filters.BooleanFilter(
        label=_("Only overdue"), widget=forms.CheckboxInput, method="filter_overdue"
    )

    class Meta:
        model = ActionItem
        fields = ["status", "seat", "mine", "overdue"]

    def filter_mine(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.owned_by(self.request.user)

    def filter_overdue(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.overdue()
