from django.urls import reverse
from django.utils.translation import gettext as _

from asskomm.dates import when
from asskomm.panels import AttentionItem
from members.models import MembershipRequest, MunicipalityContact

# Due follow-ups listed one by one on the admin's start page; more are linked.
FOLLOW_UPS_LISTED = 10


def membership_requests_waiting(request):
    """For the admin's start page: requests nobody has decided yet."""
    if not request.user.has_perm("members.change_membershiprequest"):
        return None
    count = MembershipRequest.objects.filter(status=MembershipRequest.Status.PENDING).count()
    if not count:
        return None
    url = reverse("admin:members_membershiprequest_changelist") + "?status__exact=pending"
    return [AttentionItem(_("Membership requests waiting for a decision"), count, url)]


def follow_ups_due(request):
    """For the admin's start page: contacts with municipalities whose
    follow-up date has come, one line each, linked to the entry."""
    if not request.user.has_perm("members.change_municipalitycontact"):
        return None
    due = list(
        MunicipalityContact.objects.visible_to(request.user)
        .follow_ups_due()
        .select_related("municipality", "topic")
        .order_by("follow_up_on", "pk")[: FOLLOW_UPS_LISTED + 1]
    )
    if not due:
        return None
    changelist = reverse("admin:members_municipalitycontact_changelist")
    items = [
        AttentionItem(
            _("Follow up %(contact)s (due %(date)s)")
            % {"contact": contact, "date": when(contact.follow_up_on)},
            1,
            reverse("admin:members_municipalitycontact_change", args=[contact.pk]),
        )
        for contact in due[:FOLLOW_UPS_LISTED]
    ]
    if len(due) > FOLLOW_UPS_LISTED:
        count = MunicipalityContact.objects.visible_to(request.user).follow_ups_due().count()
        items.append(
            AttentionItem(
                _("All follow-ups with municipalities that are due"),
                count,
                changelist + "?follow_up=due",
            )
        )
    return items
