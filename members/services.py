"""The rules of membership: asking to join the network, and staff deciding."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members import emails, roles
from members.models import MembershipRequest, affiliation_error, is_network_member


class MembershipError(Exception):
    """A membership rule refused the action; the message is for the person."""


@transaction.atomic
def request_membership(*, user, function, municipality=None, organisation=None, message=""):
    """The person asks to become a network member, naming exactly one
    municipality or organisation they work for."""
    if is_network_member(user):
        raise MembershipError(_("You are already a member of the network."))
    error = affiliation_error(municipality=municipality, organisation=organisation)
    if error:
        raise MembershipError(error)
    try:
        with transaction.atomic():
            membership_request = MembershipRequest.objects.create(
                user=user,
                municipality=municipality,
                organisation=organisation,
                function=function,
                message=message,
            )
    except IntegrityError as error:
        raise MembershipError(
            _("Your request is already waiting for a decision by the ASSKomm team.")
        ) from error
    emails.send_membership_requested(membership_request)
    return membership_request


@transaction.atomic
def approve_membership(*, membership_request, decided_by):
    """Makes the person a network member with the affiliation and function
    they named, and tells them."""
    membership_request = _lock_pending(membership_request)
    user = membership_request.user
    user.municipality = membership_request.municipality
    user.organisation = membership_request.organisation
    user.function = membership_request.function
    user.save(update_fields=["municipality", "organisation", "function"])
    user.groups.add(roles.member_group())
    _decide(membership_request, MembershipRequest.Status.APPROVED, decided_by)
    emails.send_membership_approved(membership_request)
    return membership_request


@transaction.atomic
def decline_membership(*, membership_request, decided_by, note=None):
    """Declines the request and tells the person, with the team's note."""
    membership_request = _lock_pending(membership_request)
    if note is not None:
        membership_request.decision_note = note
    _decide(membership_request, MembershipRequest.Status.DECLINED, decided_by)
    emails.send_membership_declined(membership_request)
    return membership_request


def _lock_pending(membership_request):
    locked = (
        MembershipRequest.objects.select_for_update(of=("self",))
        .select_related("user", "municipality", "organisation")
        .get(pk=membership_request.pk)
    )
    if not locked.is_pending:
        raise MembershipError(
            _("The request of %(person)s has already been decided.") % {"person": locked.user}
        )
    return locked


def _decide(membership_request, status, decided_by):
    membership_request.status = status
    membership_request.decided_at = timezone.now()
    membership_request.decided_by = decided_by
    membership_request.save(update_fields=["status", "decided_at", "decided_by", "decision_note"])
