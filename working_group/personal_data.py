"""The working group's part of a person's data: the action items they own
by name, and the versions of minutes they saved (see ``members.privacy``).

The records themselves belong to the working group and stay when an
account is deleted; the person's name leaves them. An item they owned is
then without an owner, for the team to hand on."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from members.privacy import PersonalData, entry
from working_group.models import ActionItem, Minutes, MinutesRevision


def export(user):
    items = (
        ActionItem.objects.filter(owner_person=user)
        .select_related("session")
        .order_by("due_on", "pk")
    )
    entries = [
        entry(
            item,
            ["session", "note", "due_on", "status", "closed_on"],
            title=_("Action item: %(title)s") % {"title": item.title},
        )
        for item in items
    ]
    revisions = (
        MinutesRevision.objects.filter(author=user)
        .select_related("minutes__session")
        .order_by("saved_at", "pk")
    )
    entries += [
        entry(
            revision,
            ["saved_at"],
            title=_("Version of the minutes of %(session)s")
            % {"session": revision.minutes.session},
        )
        for revision in revisions
    ]
    return entries


def erase(user, now):
    ActionItem.objects.filter(owner_person=user).update(owner_person=None)
    MinutesRevision.objects.filter(author=user).update(author=None)
    Minutes.objects.filter(approved_by=user).update(approved_by=None)


SECTION = PersonalData(
    key="working_group",
    title=gettext_lazy("Working group"),
    export=export,
    erase=erase,
    order=50,
)
