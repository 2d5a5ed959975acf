"""Who counts as training staff, and the guard for their pages.

Staff are the ASSKomm team: Django staff users whose group gives them the
training app's permissions (superusers hold all). Their pages answer 404 to
everybody else who is signed in, so a participant cannot even tell that a
selection page exists; anonymous visitors are sent to the login first.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404

STAFF_PERMISSION = "training.change_application"


def is_training_staff(user):
    return bool(
        user
        and user.is_authenticated
        and user.is_active
        and user.is_staff
        and user.has_perm(STAFF_PERMISSION)
    )


def training_staff_required(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_training_staff(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped
