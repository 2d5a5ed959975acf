"""The rules that change the working group's records. Views, the admin,
the demo and tests call these; nothing else re-implements them."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Event
from working_group.access import is_working_group_staff
from working_group.models import ActionItem, Minutes, MinutesRevision


class WorkingGroupError(Exception):
    """A rule of the working group's records refused the change; the
    message is for people."""


@transaction.atomic
def save_minutes(*, session, text, by, now=None):
    """Writes the text of ``session``'s minutes (creating them on the first
    save) and keeps the version in the history. Saving the same text again
    changes nothing; approved minutes are final."""
    if session.kind != Event.Kind.WORKING_GROUP:
        raise WorkingGroupError(_("Minutes are kept for sessions of the working group."))
    text = text.strip()
    if not text:
        raise WorkingGroupError(_("Write the text of the minutes."))
    minutes, _created = Minutes.objects.select_for_update().get_or_create(session=session)
    if minutes.is_approved:
        raise WorkingGroupError(_("These minutes are approved and can no longer be changed."))
    if text == minutes.text and minutes.revisions.exists():
        return minutes
    minutes.text = text
    minutes.save(update_fields=["text", "updated_at"])
    MinutesRevision.objects.create(
        minutes=minutes, text=text, author=by, saved_at=now or timezone.now()
    )
    return minutes


@transaction.atomic
def approve_minutes(*, minutes, at_session, on, by, today=None):
    """Records that the session ``at_session`` approved ``minutes`` on the
    date ``on``: a later session of the working group that took place,
    dated no earlier than that session and not in the future."""
    minutes = Minutes.objects.select_for_update().select_related("session").get(pk=minutes.pk)
    error = minutes.approval_error(at_session=at_session, on=on, today=today)
    if error:
        raise WorkingGroupError(error)
    minutes.status = Minutes.Status.APPROVED
    minutes.approved_at = at_session
    minutes.approved_on = on
    minutes.approved_by = by
    minutes.save(
        update_fields=["status", "approved_at", "approved_on", "approved_by", "updated_at"]
    )
    return minutes


def next_session_after(session):
    """The working group's session that follows ``session`` (published), or
    None: where its minutes are normally approved."""
    return (
        Event.objects.filter(
            kind=Event.Kind.WORKING_GROUP,
            status=Event.Status.PUBLISHED,
            starts_at__gt=session.starts_at,
        )
        .order_by("starts_at")
        .first()
    )


def approve_at_next_session(*, minutes, by, today=None):
    """Approves ``minutes`` at the session that followed theirs, dated that
    session's day (the admin's action)."""
    at_session = next_session_after(minutes.session)
    if at_session is None:
        raise WorkingGroupError(_("No later session of the working group has been entered yet."))
    return approve_minutes(
        minutes=minutes,
        at_session=at_session,
        on=timezone.localdate(at_session.starts_at),
        by=by,
        today=today,
    )


@transaction.atomic
def set_action_item_status(*, item, status, by, today=None):
    """Marks ``item`` done or dropped (dated ``today``), or open again.

    Its owners – in person or through their seat – close their own items
    from the working group's page; the team may close any and reopen
    them."""
    item = ActionItem.objects.select_for_update().get(pk=item.pk)
    if status not in ActionItem.Status.values:
        raise WorkingGroupError(_("Choose one of the statuses."))
    if status == item.status:
        raise WorkingGroupError(_("The action item already has this status."))
    if status == ActionItem.Status.OPEN:
        if not is_working_group_staff(by):
            raise WorkingGroupError(_("Only the ASSKomm team may reopen an action item."))
    elif not item.may_be_closed_by(by):
        raise WorkingGroupError(
            _("Only the owner of an action item or the ASSKomm team may close it.")
        )
    item.status = status
    item.closed_on = None if status == ActionItem.Status.OPEN else today or timezone.localdate()
    item.save(update_fields=["status", "closed_on"])
    return item
