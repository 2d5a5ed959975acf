"""Guards for views of every app, all of one shape: anonymous visitors are
sent to the login page and back; signed-in people who fail the test are
refused – with the 403 page (which tells an applicant how to become a
member) or, for pages whose existence is nobody else's business, a 404.

Single objects a person may not see answer 404 through each model's
``visible_to`` instead; views of objects meant for some signed-in audiences
wrap that 404 in ``login_instead_of_404`` for anonymous visitors.
"""

from functools import wraps

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from members.models import is_network_member


def access_required(test, *, refusal=PermissionDenied):
    """A view decorator that lets through signed-in people for whom
    ``test(user)`` holds; others who are signed in get ``refusal`` raised."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not test(request.user):
                raise refusal
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


class AccessRequiredMixin:
    """``access_required`` for class-based views."""

    access_test = None
    refusal = PermissionDenied

    def dispatch(self, request, *args, **kwargs):
        guard = access_required(type(self).access_test, refusal=self.refusal)
        return guard(super().dispatch)(request, *args, **kwargs)


member_required = access_required(is_network_member)


class MemberRequiredMixin(AccessRequiredMixin):
    access_test = staticmethod(is_network_member)


def login_instead_of_404(view):
    """Anonymous visitors who would get a 404 go to the login page and back.

    For views of objects that exist for some signed-in audiences only (an
    event for members, its documents): a link from an e-mail must not
    dead-end once the session has expired. The reason for the 404 is not
    looked at – not for this visitor, or not there at all – so the redirect
    tells an anonymous visitor nothing about what exists. Signed-in people
    still get the 404.
    """

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Http404:
            if request.user.is_authenticated:
                raise
            return redirect_to_login(request.get_full_path())

    return wrapped


def login_then_back_to(url_name):
    """For actions that answer only POST (register, cancel, accept): an
    anonymous visitor – whose session ran out while the page was open –
    logs in and comes back to the page ``url_name`` (with the action's URL
    arguments), not to the action's address."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(reverse(url_name, args=args, kwargs=kwargs))
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


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
