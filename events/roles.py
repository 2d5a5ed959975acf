"""Regional coordinators: staff who manage the events of their region.

The group holds the permissions on events and their registrations,
documents, messages and feedback; RegionalCoordination says which regions a person
coordinates, and the admin shows them those regions' events only.
"""

from django.contrib.auth.models import Group, Permission

COORDINATOR_GROUP = "Regionalkoordination"
_EVENT_MODELS = ("event", "registration", "eventdocument", "eventmessage", "eventfeedback")


def ensure_roles(using="default"):
    group, _created = Group.objects.using(using).get_or_create(name=COORDINATOR_GROUP)
    permissions = (
        Permission.objects.using(using)
        .filter(content_type__app_label="events", content_type__model__in=_EVENT_MODELS)
        .exclude(codename="manage_all_events")
    )
    # Looking up municipalities and organisations in the event form.
    lookups = Permission.objects.using(using).filter(
        content_type__app_label="members",
        codename__in=["view_municipality", "view_organisation", "access_member_area"],
    )
    # Choosing the topics of an event.
    topics = Permission.objects.using(using).filter(
        content_type__app_label="asskomm", codename="view_topic"
    )
    group.permissions.add(*permissions, *lookups, *topics)


def ensure_roles_after_migrate(sender, using="default", **kwargs):
    if sender.label == "events":
        ensure_roles(using=using)


def coordinator_group():
    return Group.objects.get(name=COORDINATOR_GROUP)
