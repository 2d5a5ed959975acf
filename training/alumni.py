"""The Beccaria alumni ("Beccarianer*innen"): everyone who completed a cohort
of a programme the network runs.

Other apps rely on these two functions, e.g. the events app for its
"Beccaria alumni only" audience.
"""

from django.db.models import Exists, OuterRef

from members.models import User
from training.models import Application


def alumni():
    """The alumni as a queryset of active users."""
    graduations = Application.objects.graduated().filter(applicant=OuterRef("pk"))
    return User.objects.filter(is_active=True).filter(Exists(graduations))


def is_alumnus(user):
    """Whether ``user`` (possibly anonymous) is an alumna or alumnus."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    return Application.objects.graduated().filter(applicant=user).exists()
