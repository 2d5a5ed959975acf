"""Who sees the working group's records – minutes, decisions, action items –
and the guard for their pages.

Its members (the delegates and deputies of the seats) and the ASSKomm team
(Django staff whose group gives them this app's permissions; superusers
hold all). Regional coordinators are staff too, but without these
permissions they see what any other member sees: the composition and the
sessions they are invited to. Everyone else signed in gets a 404 for the
records' pages, so they cannot tell what exists.
"""

from django.http import Http404

from members.access import access_required
from members.models import is_network_member

STAFF_PERMISSION = "working_group.change_minutes"


def is_working_group_staff(user):
    return bool(
        user
        and user.is_authenticated
        and user.is_active
        and user.is_staff
        and user.has_perm(STAFF_PERMISSION)
    )


def sees_working_group_records(user):
    """Whether ``user`` may read the working group's minutes, decisions and
    action items (of the sessions they see)."""
    if is_working_group_staff(user):
        return True
    return is_network_member(user) and user.is_working_group_member


working_group_required = access_required(sees_working_group_records, refusal=Http404)
