"""Who an event is for, and who belongs to which audience.

This module knows people, not events: it names the audiences and says
which ones a person belongs to. ``Event.objects.visible_to`` turns that
into the one answer to "may this person see this event?" for lists,
pages, feeds, documents and registration. It imports nothing from
``events.models``, so the two modules do not depend on each other in a
circle.
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


def belongs_to(user, audience):
    """Whether ``user`` is in ``audience`` (invited municipalities aside)."""
    return audience in audiences_of(user)


def invited_municipality_of(user):
    """The municipality whose invitations ``user`` receives, or None: only
    members affiliated with a municipality are invited as its staff."""
    if is_member(user) and user.municipality_id:
        return user.municipality_id
    return None


def audience_condition(user, invitations, owner_field):
    """A filter for the rows of a model with an ``audience`` field (and a
    many-to-many of invited municipalities, whose through model is
    ``invitations``, pointing to the row by ``owner_field``) that ``user``
    belongs to the audience of. Events and the library's resources use it."""
    condition = Q(audience__in=audiences_of(user))
    municipality = invited_municipality_of(user)
    if municipality is not None:
        invited = invitations.objects.filter(
            **{owner_field: OuterRef("pk")}, municipality=municipality
        )
        condition |= Q(audience=Audience.INVITED) & Exists(invited)
    return condition
