"""The Beccaria alumni ("Beccarianer*innen"): everyone who completed a cohort
of a programme the network runs, and their directory.

Other apps rely on ``alumni()`` and ``is_alumnus()``, e.g. the events app
for its "Beccaria alumni only" audience. This module builds on
``training.models``; the models never import it.
"""

from django.db.models import Exists, OuterRef
from django.db.models.functions import Coalesce

from members import facts
from members.models import User
from training.access import is_training_staff
from training.models import Application

# Where a request keeps its answer to "may this person use the directory?".
_REQUEST_ATTRIBUTE = "_may_use_alumni_directory"


def alumni():
    """The alumni as a queryset of active users."""
    graduations = Application.objects.graduated().filter(applicant=OuterRef("pk"))
    return User.objects.filter(is_active=True).filter(Exists(graduations))


def has_graduated():
    """The person (``OuterRef("pk")``) completed a cohort: the fact behind
    ``is_alumnus`` (see ``members.facts``)."""
    return Exists(Application.objects.graduated().filter(applicant=OuterRef("pk")))


def is_alumnus(user):
    """Whether ``user`` (possibly anonymous) is an alumna or alumnus; from
    the person's facts, with no query of its own."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    return facts.of(user, "alumnus")


def may_use_directory(user):
    """The alumni directory is for alumni and the training staff."""
    return is_training_staff(user) or is_alumnus(user)


def request_may_use_directory(request):
    """``may_use_directory`` for the person making ``request``, asked once per
    request however often the navigation and the page need it."""
    if not hasattr(request, _REQUEST_ATTRIBUTE):
        setattr(request, _REQUEST_ATTRIBUTE, may_use_directory(request.user))
    return getattr(request, _REQUEST_ATTRIBUTE)


def directory(*, viewer, allowed=None):
    """The alumni directory: graduates who opted in, for alumni and staff.
    ``allowed`` is the viewer's permission when the caller already knows it."""
    if allowed is None:
        allowed = may_use_directory(viewer)
    if not allowed:
        return Application.objects.none()
    return (
        Application.objects.graduated()
        .filter(listed_in_alumni_directory=True, applicant__is_active=True)
        .annotate(region=Coalesce("applicant__municipality__region", "municipality__region"))
        .select_related(
            "applicant__municipality",
            "applicant__organisation",
            "cohort__programme",
            "municipality",
        )
        .order_by("applicant__last_name", "applicant__first_name", "pk")
    )
