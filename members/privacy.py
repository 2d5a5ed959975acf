"""What the portal holds about a person, and how it lets go of it.

Every app keeps personal data of its own (events: registrations; training:
applications). ``members`` may not import them, so each app registers a
``PersonalData`` section in its ``AppConfig.ready()``:

- ``export(user)`` returns the person's records as ``Entry`` objects, for
  the download of their data;
- ``blockers(user)`` returns reasons, for the person, why their account
  cannot be deleted yet (an accepted place in a running cohort);
- ``erase(user, now)`` (run in reverse order) removes or anonymises the section's personal data
  when the account is deleted, keeping the rows that counts, attendance
  and reports rely on;
- ``purge(now)`` deletes what the retention periods in
  ``settings.ASSKOMM_RETENTION`` let expire, returning counts by label.

``members.services`` runs them: ``export_personal_data``, ``delete_account``
and ``purge_expired``.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.db import models

from asskomm.dates import when


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    value: object  # what JSON gets: raw value, ISO dates
    display: object  # what people read: choice labels, names


@dataclass(frozen=True)
class Entry:
    """One record of a person: its fields, and entries that belong to it
    (an application's history)."""

    title: str
    fields: list
    children: list = field(default_factory=list)
    children_title: str = ""

    def as_json(self):
        data = {"title": self.title}
        data.update({item.name: item.value for item in self.fields})
        if self.children:
            data["history"] = [child.as_json() for child in self.children]
        return data


def entry(instance, field_names, *, title=None, children=(), children_title=""):
    """An ``Entry`` of ``instance`` with the named model fields, labelled
    with their verbose names."""
    items = []
    for name in field_names:
        model_field = instance._meta.get_field(name)
        value = getattr(instance, name)
        display = value
        if model_field.choices:
            display = getattr(instance, f"get_{name}_display")()
        if isinstance(model_field, models.ForeignKey):
            display = str(value) if value is not None else ""
            value = display
        elif isinstance(value, date):  # datetimes too: the portal's one date helper
            display = when(value)
        items.append(
            Field(name=name, label=str(model_field.verbose_name), value=value, display=display)
        )
    return Entry(
        title=str(title if title is not None else instance),
        fields=items,
        children=list(children),
        children_title=str(children_title),
    )


@dataclass(frozen=True)
class PersonalData:
    key: str
    title: str
    export: Callable
    erase: Callable | None = None
    blockers: Callable | None = None
    purge: Callable | None = None
    order: int = 100


_sections = {}


def register_personal_data(section):
    """Registers (or replaces, by key) an app's section."""
    _sections[section.key] = section
    return section


def sections():
    """The sections in the order people read them; erasing runs in the
    reverse order, so the account itself (first) is erased last."""
    return sorted(_sections.values(), key=lambda section: (section.order, section.key))


def retention_cutoff(now, key):
    """The moment before which records of ``key`` have expired, by the
    period (in days) in ``settings.ASSKOMM_RETENTION``."""
    return now - timedelta(days=settings.ASSKOMM_RETENTION[key])
