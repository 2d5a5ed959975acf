from datetime import datetime, time, timedelta

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import Event, EventDocument, Registration
from members.filters import matching_every_word


def _start_of(day):
    return timezone.make_aware(datetime.combine(day, time.min))


class EventFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Event.Kind.choices)
    region = django_filters.ChoiceFilter(label=_("Region"), choices=Event.Region.choices)
    date_from = django_filters.DateFilter(
        label=_("From"), method="filter_from", widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = django_filters.DateFilter(
        label=_("Until"), method="filter_until", widget=forms.DateInput(attrs={"type": "date"})
    )
    mine = django_filters.BooleanFilter(
        label=_("Only my registrations"), widget=forms.CheckboxInput, method="filter_mine"
    )

    class Meta:
        model = Event
        fields = ["q", "kind", "region", "date_from", "date_to", "mine"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.request.user.is_authenticated:
            del self.filters["mine"]

    def filter_text(self, queryset, name, value):
        # The titles of the documents the person may see find their event
        # too ("Dokumentation", "Fachvortrag"); a subquery keeps each event once.
        documents = EventDocument.objects.visible_to(self.request.user)
        return matching_every_word(
            queryset,
            value,
            ["title", "description", "venue_name", "venue_address"],
            also=lambda word: Q(pk__in=documents.filter(title__icontains=word).values("event")),
        )

    # Day boundaries in the portal's time zone, so the index on starts_at serves.
    def filter_from(self, queryset, name, value):
        return queryset.filter(starts_at__gte=_start_of(value))

    def filter_until(self, queryset, name, value):
        return queryset.filter(starts_at__lt=_start_of(value + timedelta(days=1)))

    def filter_mine(self, queryset, name, value):
        if not value:
            return queryset
        mine = Registration.objects.active().filter(user=self.request.user)
        return queryset.filter(pk__in=mine.values("event"))
