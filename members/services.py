"""The rules of membership: asking to join the network, and staff deciding;
the person's consents, the download of their data, the deletion of their
account and the retention periods (see ``members.privacy``)."""

from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.sessions.models import Session
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from members import emails, facts, privacy, roles
from members.consent import DIRECTORY_TEXT_VERSION
from members.models import (
    Consent,
    MembershipRequest,
    User,
    WorkingGroupSeat,
    affiliation_error,
    is_network_member,
)

# What a deleted account is called from then on, in every list and report,
# and the domain of its placeholder address (.invalid never receives mail).
DELETED_NAME = "Gelöschte Person"
DELETED_EMAIL_DOMAIN = "deleted.invalid"


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
    facts.forget(user)  # a member now
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


# Consents


def record_consent(*, user, kind, text_version, now=None):
    """Records that ``user`` agreed to the text of ``kind`` in
    ``text_version``; an earlier consent of that kind is superseded."""
    now = now or timezone.now()
    with transaction.atomic():
        current = Consent.objects.select_for_update().filter(
            user=user, kind=kind, withdrawn_at__isnull=True
        )
        found = current.first()
        if found is not None and found.text_version == text_version:
            return found
        current.update(withdrawn_at=now)
        return Consent.objects.create(user=user, kind=kind, text_version=text_version, given_at=now)


def withdraw_consent(*, user, kind, now=None):
    """Marks the current consent of ``kind`` as taken back."""
    return Consent.objects.filter(user=user, kind=kind, withdrawn_at__isnull=True).update(
        withdrawn_at=now or timezone.now()
    )


def record_directory_choice(*, user):
    """Brings the directory consent in line with the person's choice in
    their profile: listing gives it, leaving the directory withdraws it."""
    if user.listed_in_directory:
        record_consent(user=user, kind=Consent.Kind.DIRECTORY, text_version=DIRECTORY_TEXT_VERSION)
    else:
        withdraw_consent(user=user, kind=Consent.Kind.DIRECTORY)


# The person's data


def export_personal_data(*, user):
    """Everything the portal holds about ``user``, section by section:
    a list of ``(section, entries)``."""
    return [(section, section.export(user)) for section in privacy.sections()]


def personal_data_as_json(*, user, now=None):
    return {
        "exported_at": now or timezone.now(),
        "person": user.email,
        "sections": {
            section.key: {
                "title": str(section.title),
                "entries": [found.as_json() for found in entries],
            }
            for section, entries in export_personal_data(user=user)
        },
    }


class AccountDeletionError(Exception):
    """The account cannot be deleted yet; the message says why."""


def deletion_blockers(*, user):
    """Why ``user``'s account cannot be deleted now (empty: it can)."""
    reasons = []
    for section in privacy.sections():
        if section.blockers is not None:
            reasons.extend(section.blockers(user))
    return reasons


def delete_account(*, user, now=None):
    """Deletes the person's account: their personal data is removed or
    anonymised, the rows that event counts, attendance and cohort reports
    rely on stay (README, "Privacy"). A confirmation
    goes to the old address."""
    now = now or timezone.now()
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        reasons = deletion_blockers(user=user)
        if reasons:
            raise AccountDeletionError(" ".join(str(reason) for reason in reasons))
        old_email, language = user.email, user.preferred_language
        for section in reversed(privacy.sections()):
            if section.erase is not None:
                section.erase(user, now)
        # Queued in this transaction (the mail queue), like every e-mail.
        emails.send_account_deleted(email=old_email, language=language)
    return user


def purge_expired(*, now=None):
    """Deletes what the retention periods let expire; returns
    ``{label: count}``. Running it twice deletes nothing the second time."""
    now = now or timezone.now()
    counts = {}
    for section in privacy.sections():
        if section.purge is not None:
            with transaction.atomic():
                counts.update(section.purge(now))
    return counts


# The members app's own section


def export_members_data(user):
    entries = [
        privacy.entry(
            user,
            [
                "email",
                "salutation",
                "title",
                "first_name",
                "last_name",
                "function",
                "phone",
                "preferred_language",
                "municipality",
                "organisation",
                "listed_in_directory",
                "expertise_keywords",
                "profile_text",
                "date_joined",
                "last_login",
            ],
            title=_("Profile"),
        )
    ]
    topics = [topic.name for topic in user.expertise_topics.all()]
    entries[0].fields.append(
        privacy.Field(
            name="expertise_topics",
            label=str(User._meta.get_field("expertise_topics").verbose_name),
            value=topics,
            display=", ".join(topics),
        )
    )
    for address in EmailAddress.objects.filter(user=user).order_by("email"):
        entries.append(
            privacy.entry(address, ["email", "verified", "primary"], title=_("E-mail address"))
        )
    for consent in user.consents.all():
        entries.append(privacy.entry(consent, ["kind", "text_version", "given_at", "withdrawn_at"]))
    for request in user.membership_requests.select_related("municipality", "organisation"):
        requested_on = date_format(timezone.localtime(request.created_at), "SHORT_DATE_FORMAT")
        entries.append(
            privacy.entry(
                request,
                [
                    "municipality",
                    "organisation",
                    "function",
                    "message",
                    "status",
                    "created_at",
                    "decided_at",
                    "decision_note",
                ],
                title=_("Membership request of %(date)s") % {"date": requested_on},
            )
        )
    for seat in WorkingGroupSeat.objects.held_by(user).select_related(
        "municipality", "organisation"
    ):
        entries.append(
            privacy.entry(
                seat,
                ["municipality", "organisation"],
                title=_("Seat in the working group: %(holder)s") % {"holder": seat.holder},
            )
        )
    return entries


def erase_members_data(user, now):
    user.membership_requests.update(message="", function="", decision_note="")
    user.consents.all().delete()
    EmailAddress.objects.filter(user=user).delete()
    if apps.is_installed("allauth.mfa"):
        apps.get_model("mfa", "Authenticator").objects.filter(user=user).delete()
    WorkingGroupSeat.objects.filter(delegate=user).update(delegate=None)
    WorkingGroupSeat.objects.filter(deputy=user).update(deputy=None)
    user.groups.clear()
    user.user_permissions.clear()
    # The row stays, so that registrations and applications keep their
    # person; the municipality or organisation stays for the statistics.
    user.email = f"deleted-{user.pk}@{DELETED_EMAIL_DOMAIN}"
    user.salutation = user.title = user.first_name = user.function = user.phone = ""
    user.last_name = DELETED_NAME
    user.listed_in_directory = False
    user.expertise_keywords = user.profile_text = ""
    user.expertise_topics.clear()
    user.is_active = user.is_staff = user.is_superuser = False
    user.set_unusable_password()
    user.save()
    facts.forget(user)  # no longer a member, in no seat


def purge_members_data(now):
    unverified = (
        User.objects.filter(
            date_joined__lt=privacy.retention_cutoff(now, "unverified_signups_days"),
            last_login__isnull=True,
            is_staff=False,
            is_superuser=False,
            # signed up themselves: accounts staff create have no address row
            emailaddress__verified=False,
        )
        .exclude(emailaddress__verified=True)
        .exclude(email__endswith=f"@{DELETED_EMAIL_DOMAIN}")
    )
    signups = User.objects.filter(pk__in=list(unverified.values_list("pk", flat=True)))
    signup_count = signups.count()
    signups.delete()
    session_count, _deleted = Session.objects.filter(expire_date__lt=now).delete()
    return {_("unverified sign-ups"): signup_count, _("expired sessions"): session_count}
