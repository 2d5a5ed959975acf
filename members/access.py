"""Guards for views of every app, all of one shape: anonymous visitors are
sent to the login page and back; signed-in people who fail the test are
refused – with the 403 page (which tells an applicant how to become a
member) or, for pages whose existence is nobody else's business, a 404.

Single objects a person may not see answer 404 through each model's
``visible_to`` instead.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

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
