"""Who an event is for, and who belongs to which audience.

One place answers "may this person see this event?" for lists, pages,
feeds, documents and registration (through ``Event.objects.visible_to``).
"""

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from members.models import is_network_member
from training.alumni import is_alumnus


class Audience(models.TextChoices):
    PUBLIC = "public", _("public")
    MEMBERS = "members", _("all network members")
    WORKING_GROUP = "working_group", _("working group only")
    ALUMNI = "alumni", _("Beccaria alumni only")
    INVITED = "invited", _("invited municipalities only")


def is_member(user):
    return is_network_member(user)


def audiences_of(user):
    """The audiences ``user`` belongs to, invited municipalities aside."""
    found = {Audience.PUBLIC}
    if is_member(user):
        found.add(Audience.MEMBERS)
        if user.is_working_group_member:
            found.add(Audience.WORKING_GROUP)
    if is_alumnus(user):
        found.add(Audience.ALUMNI)
    return found


def condition_for(user, prefix=""):
    """A Q object for the events (reached through ``prefix``, e.g.
    ``"event__"``) whose audience includes ``user``."""
    condition = Q(**{f"{prefix}audience__in": audiences_of(user)})
    if is_member(user) and user.municipality_id:
        from events.models import Event

        invited = Event.invited_municipalities.through.objects.filter(
            event=OuterRef(f"{prefix}pk"), municipality=user.municipality_id
        )
        condition |= Q(**{f"{prefix}audience": Audience.INVITED}) & Exists(invited)
    return condition
