"""Access to the member area, for views of every app.

Anonymous visitors are sent to the login page and back; signed-in people
who are not (yet) network members get the 403 page, which tells them how to
become one. Single objects a person may not see answer 404 through each
model's ``visible_to`` instead.
"""

from functools import wraps

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from members.models import MEMBER_PERMISSION, is_network_member


class MemberRequiredMixin(PermissionRequiredMixin):
    permission_required = MEMBER_PERMISSION


def member_required(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_network_member(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def lacks_required_two_factor(user):
    """Whether ``user`` is staff (superusers included) without an active
    authenticator app: the admin stays closed until they set one up. Once
    they have, every login asks for its code (allauth's MFA stage), so a
    password alone no longer opens the admin."""
    return bool(
        user.is_authenticated
        and user.is_staff
        and not is_mfa_enabled(user, types=[Authenticator.Type.TOTP])
    )
