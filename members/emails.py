from django.conf import settings

from asskomm.emails import send_templated_mail, send_to_user


def send_membership_requested(membership_request):
    context = {"membership_request": membership_request}
    send_to_user(
        user=membership_request.user,
        template="members/membership_requested",
        context=context,
    )
    if settings.TEAM_EMAIL:
        send_templated_mail(
            to=[settings.TEAM_EMAIL],
            template="members/membership_request_for_team",
            context=context,
        )


def send_membership_approved(membership_request):
    send_to_user(
        user=membership_request.user,
        template="members/membership_approved",
        context={"membership_request": membership_request},
    )


def send_membership_declined(membership_request):
    send_to_user(
        user=membership_request.user,
        template="members/membership_declined",
        context={"membership_request": membership_request},
    )


def send_account_deleted(*, email, language):
    """The confirmation of a deletion, to the address the account had."""
    send_templated_mail(to=[email], template="members/account_deleted", language=language)
