import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_filters import fields as filter_fields

from asskomm.models import Topic
from members.models import Municipality, Organisation, Region, User

# A search box takes a few words, not a book: more words narrow nothing a
# person would notice, and each one costs a condition in the query.
MAX_SEARCH_WORDS = 10
MAX_SEARCH_WORD_LENGTH = 100


def search_words(value):
    """The distinct words of a search box, at most MAX_SEARCH_WORDS of them,
    each cut to MAX_SEARCH_WORD_LENGTH characters."""
    words = []
    for word in value.split():
        word = word[:MAX_SEARCH_WORD_LENGTH]
        if word not in words:
            words.append(word)
            if len(words) == MAX_SEARCH_WORDS:
                break
    return words


def matching_every_word(queryset, value, fields, also=None):
    """Rows in which each word of a search box occurs in one of ``fields``
    (so "anna schmidt" finds Anna Schmidt). ``also(word)`` may add a
    condition for related rows, e.g. a subquery, that keeps rows distinct.
    The condition is built in one pass over the (bounded) words."""
    conditions = []
    for word in search_words(value):
        matches = [Q(**{f"{field}__icontains": word}) for field in fields]
        if also is not None:
            matches.append(also(word))
        conditions.append(Q(*matches, _connector=Q.OR))
    return queryset.filter(*conditions) if conditions else queryset


class _LoadedChoices(filter_fields.ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.field.loaded_choices:
            yield self.choice(obj)

    def __len__(self):
        return len(self.field.loaded_choices) + (self.field.empty_label is not None)


class LoadedOnceModelChoiceField(filter_fields.ModelChoiceField):
    """A choice of records read in one query, which both the select's
    options and the check of the chosen value use (Django's field asks the
    database again for the chosen record)."""

    iterator = _LoadedChoices

    @cached_property
    def loaded_choices(self):
        return list(self.queryset)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        key = self.to_field_name or "pk"
        for obj in self.loaded_choices:
            if str(getattr(obj, key)) == str(value):
                return obj
        raise ValidationError(
            self.error_messages["invalid_choice"],
            code="invalid_choice",
            params={"value": value},
        )


class LoadedOnceModelChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = LoadedOnceModelChoiceField


class DirectoryFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Name, function or expertise"), method="filter_text")
    topic = LoadedOnceModelChoiceFilter(
        label=_("Field of work"), queryset=Topic.objects.all(), method="filter_topic"
    )
    keyword = django_filters.CharFilter(label=_("Keyword"), method="filter_keyword")
    region = django_filters.ChoiceFilter(
        label=_("Region"), field_name="municipality__region", choices=Region.choices
    )
    municipality = LoadedOnceModelChoiceFilter(
        label=_("Municipality"), queryset=Municipality.objects.all()
    )
    organisation = LoadedOnceModelChoiceFilter(
        label=_("Organisation"), queryset=Organisation.objects.all()
    )

    class Meta:
        model = User
        fields = ["q", "topic", "keyword", "region", "municipality", "organisation"]

    def filter_text(self, queryset, name, value):
        return matching_every_word(
            queryset,
            value,
            ["first_name", "last_name", "title", "function", "expertise_keywords", "profile_text"],
        )

    def filter_topic(self, queryset, name, value):
        # A subquery, not a join: each person stays one row.
        experts = User.expertise_topics.through.objects.filter(user=OuterRef("pk"), topic=value)
        return queryset.filter(Exists(experts))

    def filter_keyword(self, queryset, name, value):
        return matching_every_word(queryset, value, ["expertise_keywords"])


class MunicipalityScope(models.TextChoices):
    NETWORK = "network", _("Municipalities in the network")
    SAXONY = "saxony", _("All municipalities in Saxony")


class MunicipalityFilter(django_filters.FilterSet):
    """The municipality list shows the network's municipalities unless the
    visitor chooses all of Saxony."""

    scope = django_filters.ChoiceFilter(
        label=_("Show"),
        choices=MunicipalityScope.choices,
        empty_label=None,
        widget=forms.RadioSelect,
        method="filter_scope",
    )
    q = django_filters.CharFilter(label=_("Name or AGS"), method="filter_text")
    region = django_filters.ChoiceFilter(label=_("Region"), choices=Region.choices)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Municipality.Kind.choices)
    is_model_municipality = django_filters.BooleanFilter(
        label=_("Model municipalities only"),
        widget=forms.CheckboxInput,
        method="filter_true_only",
    )
    security_analysis = django_filters.BooleanFilter(
        label=_("Took part in a security analysis"),
        widget=forms.CheckboxInput,
        method="filter_security_analysis",
    )

    class Meta:
        model = Municipality
        fields = ["scope", "q", "region", "kind", "is_model_municipality", "security_analysis"]

    def __init__(self, data=None, *args, **kwargs):
        # Without a choice (the first visit, or a link without it) the list
        # shows the network, and the form says so.
        data = data.copy() if data is not None else {}
        if not data.get("scope"):
            data["scope"] = MunicipalityScope.NETWORK
        super().__init__(data, *args, **kwargs)

    @property
    def shows_all_of_saxony(self):
        return self.form.is_valid() and self.form.cleaned_data["scope"] == MunicipalityScope.SAXONY

    def filter_scope(self, queryset, name, value):
        return queryset if value == MunicipalityScope.SAXONY else queryset.in_network()

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if value.isdigit():
            return queryset.filter(ags__startswith=value)
        return queryset.filter(name__icontains=value)

    def filter_true_only(self, queryset, name, value):
        return queryset.filter(**{name: True}) if value else queryset

    def filter_security_analysis(self, queryset, name, value):
        return queryset.filter(security_analysis_year__isnull=False) if value else queryset
