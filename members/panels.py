from django.urls import reverse
from django.utils.translation import gettext as _

from asskomm.panels import AttentionItem
from members.models import MembershipRequest


def membership_requests_waiting(request):
    """For the admin's start page: requests nobody has decided yet."""
    if not request.user.has_perm("members.change_membershiprequest"):
        return None
    count = MembershipRequest.objects.filter(status=MembershipRequest.Status.PENDING).count()
    if not count:
        return None
    url = reverse("admin:members_membershiprequest_changelist") + "?status__exact=pending"
    return [AttentionItem(_("Membership requests waiting for a decision"), count, url)]
