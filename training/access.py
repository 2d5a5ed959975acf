"""Who counts as training staff, and the guard for their pages.

Staff are the ASSKomm team: Django staff users whose group gives them the
training app's permissions (superusers hold all). Their pages answer 404 to
everybody else who is signed in, so a participant cannot even tell that a
selection page exists; anonymous visitors are sent to the login first.
"""

from django.http import Http404

from members.access import access_required

STAFF_PERMISSION = "training.change_application"


def is_training_staff(user):
    return bool(
        user
        and user.is_authenticated
        and user.is_active
        and user.is_staff
        and user.has_perm(STAFF_PERMISSION)
    )


training_staff_required = access_required(is_training_staff, refusal=Http404)


# Importing alumni creates cohorts, applications and project teams.
IMPORT_PERMISSIONS = ("training.add_cohort", "training.add_application", "training.add_projectteam")


def may_import_alumni(user):
    return is_training_staff(user) and user.has_perms(IMPORT_PERMISSIONS)
