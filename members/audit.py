"""The audit trail: which staff member changed which record of a person,
when, and which fields from what to what.

The admin classes of registrations, applications, people and membership
requests use ``members.admin.AuditedAdminMixin``, which calls
``snapshot()`` before and ``record_change()`` after every save, deletion
and action.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models

from members.models import AuditEntry

# Never worth recording, or never to be copied into the trail.
IGNORED_FIELDS = {"password", "last_login", "updated_at"}


def _readable(instance, model_field):
    value = getattr(instance, model_field.name)
    if model_field.choices and value not in (None, ""):
        return str(getattr(instance, f"get_{model_field.name}_display")())
    if isinstance(model_field, models.ForeignKey):
        return str(value) if value is not None else None
    if value is None or isinstance(value, bool | int | str):
        return value
    return str(value)


def snapshot(instance):
    """The record's fields as readable, JSON-safe values; many-to-many
    fields (a person's groups) as sorted lists of names."""
    if instance is None or instance.pk is None:
        return {}
    values = {}
    for model_field in instance._meta.concrete_fields:
        if model_field.primary_key or model_field.name in IGNORED_FIELDS:
            continue
        values[model_field.name] = _readable(instance, model_field)
    for model_field in instance._meta.many_to_many:
        values[model_field.name] = sorted(
            str(related) for related in getattr(instance, model_field.name).all()
        )
    return values


def diff(before, after):
    """``{field: [old, new]}`` for every field whose value changed."""
    return {
        name: [before.get(name), after.get(name)]
        for name in sorted(set(before) | set(after))
        if before.get(name) != after.get(name)
    }


def record_change(*, actor, instance, before, after=None, action=None):
    """Writes an entry for ``instance`` unless nothing changed. ``after``
    defaults to the record's current state; ``before`` is ``{}`` for a new
    record."""
    if after is None:
        after = snapshot(instance)
    if action is None:
        action = AuditEntry.Action.CHANGED if before else AuditEntry.Action.ADDED
    changes = diff(before, after)
    if not changes and action == AuditEntry.Action.CHANGED:
        return None
    return AuditEntry.objects.create(
        content_type=ContentType.objects.get_for_model(instance, for_concrete_model=True),
        object_id=str(instance.pk),
        object_repr=str(instance)[:200],
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        changes=changes,
    )


def record_deletion(*, actor, instance):
    return record_change(
        actor=actor,
        instance=instance,
        before=snapshot(instance),
        after={},
        action=AuditEntry.Action.DELETED,
    )


def entries_for(instance):
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(instance, for_concrete_model=True),
        object_id=str(instance.pk),
    ).select_related("actor")
