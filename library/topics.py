"""A topic's page gathers what the network has on it: the library's
resources, events, their documents – and whatever other apps declare in
their ``search.py`` with a ``"topics"`` relation (e.g. good-practice
projects), so a new app appears here without changes to this module."""

from dataclasses import dataclass, field
from importlib import import_module

from django.apps import apps
from django.urls import reverse
from django.utils.module_loading import module_has_submodule
from django.utils.translation import gettext_lazy as _

from asskomm.dates import when
from events.models import Event
from library import catalogue

SHOWN = 10
# Apps whose records this module gathers itself.
OWN_APPS = {"library", "events"}


@dataclass
class Item:
    title: str
    url: str
    note: str = ""


@dataclass
class Section:
    label: str
    items: list = field(default_factory=list)
    more_url: str = ""


def topic_sections(topic, user):
    """The sections of ``topic``'s page for ``user``, empty ones left out."""
    library_url = reverse("library:list") + f"?topic={topic.slug}"
    resources = (
        catalogue.resources_for(user, {"topic": topic})
        .select_related("publisher_organisation", "publisher_municipality")
        .order_by("-published_on", "title")[:SHOWN]
    )
    events = (
        Event.objects.visible_to(user).filter(topics=topic).order_by("-starts_at", "title")[:SHOWN]
    )
    documents = (
        catalogue.documents_for(user, {"topic": topic})
        .select_related("event")
        .order_by("-event__starts_at", "title")[:SHOWN]
    )
    sections = [
        Section(
            _("Library"),
            [
                Item(r.title, r.get_absolute_url(), _join(r.get_kind_display(), r.published_on))
                for r in resources
            ],
            library_url,
        ),
        Section(
            _("Events"),
            [Item(e.title, e.get_absolute_url(), when(e.starts_at, "date")) for e in events],
        ),
        Section(
            _("Event documents"),
            [
                Item(d.title, d.get_absolute_url(), _join(d.event.title, d.event.starts_at))
                for d in documents
            ],
            library_url,
        ),
        *_other_sections(topic, user),
    ]
    return [section for section in sections if section.items]


def _join(text, day):
    return f"{text}, {when(day, 'date')}"


def _other_sections(topic, user):
    for config in apps.get_app_configs():
        if config.label in OWN_APPS or not module_has_submodule(config.module, "search"):
            continue
        module = import_module(f"{config.name}.search")
        for searchable in getattr(module, "SEARCHABLES", []):
            relation = searchable.get("topics")
            if not relation:
                continue
            objects = searchable["visible_to"](user).filter(**{relation: topic}).distinct()[:SHOWN]
            yield Section(
                searchable["label"], [Item(str(o), o.get_absolute_url()) for o in objects]
            )
