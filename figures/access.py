"""Who may see the figures: the ASSKomm team – active staff who may view
every kind of record the figures count (people, event registrations,
training applications, recommendations; superusers hold all). Regional
coordinators are staff too, but see only their regions' events, so not
these figures. Everybody else who is signed in gets a 404; anonymous
visitors are sent to the login first."""

from django.http import Http404

from members.access import access_required

COUNTED_RECORDS = (
    "members.view_user",
    "events.view_registration",
    "training.view_application",
    "projects.view_recommendation",
)


def is_figures_staff(user):
    return bool(
        user
        and user.is_authenticated
        and user.is_active
        and user.is_staff
        and user.has_perms(COUNTED_RECORDS)
    )


figures_staff_required = access_required(is_figures_staff, refusal=Http404)
