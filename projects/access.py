"""Who counts as staff for projects, security analyses and recommendations:
the ASSKomm team (Django staff whose group gives them this app's
permissions; superusers hold all). Regional coordinators are staff too, but
without these permissions they see what members see."""

from django.http import Http404

from members.access import access_required

STAFF_PERMISSION = "projects.change_recommendation"


def is_projects_staff(user):
    return bool(
        user
        and user.is_authenticated
        and user.is_active
        and user.is_staff
        and user.has_perm(STAFF_PERMISSION)
    )


projects_staff_required = access_required(is_projects_staff, refusal=Http404)
