import time

from django.conf import settings
from django.http import Http404, QueryDict
from django.utils import translation
from django.utils.cache import patch_vary_headers


class LanguageMiddleware:
    """Speaks the language the person chose, German otherwise.

    The language switcher's cookie wins; a signed-in person without one gets
    the preferred language of their profile; everybody else German. The
    browser's Accept-Language is deliberately ignored: the portal is German
    first, and an English browser in a Saxon town hall is no request for
    English.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        language = self.language_for(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response

    def language_for(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen in self.available:
            return chosen
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            if user.preferred_language in self.available:
                return user.preferred_language
        return settings.LANGUAGE_CODE


class PermissionsPolicyMiddleware:
    """Switches off the browser features in ``PERMISSIONS_POLICY`` (camera,
    microphone, location …) for every page."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(f"{feature}=()" for feature in settings.PERMISSIONS_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        return response


class SessionIdleMiddleware:
    """Ends a session after ``SESSION_COOKIE_AGE`` without a request.

    Saving a session moves its end; this saves a session in use when its
    last save is more than ``REFRESH_SECONDS`` ago, so a person at work
    costs one write every few minutes instead of one per request (and the
    session ends between ``SESSION_COOKIE_AGE`` minus five minutes and
    ``SESSION_COOKIE_AGE`` after the last request).
    """

    REFRESH_SECONDS = 5 * 60
    KEY = "_asskomm_refreshed"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = request.session
        if not session.is_empty():
            if int(time.time()) - session.get(self.KEY, 0) > self.REFRESH_SECONDS:
                self.stamp(session)
        return self.get_response(request)

    @classmethod
    def stamp(cls, session):
        session[cls.KEY] = int(time.time())

    @classmethod
    def stamp_at_login(cls, sender, request, user, **kwargs):
        """Logging in saves the session: the next few minutes need no save."""
        cls.stamp(request.session)


class NulBytesMiddleware:
    """No NUL byte reaches a view.

    PostgreSQL refuses NUL in text, so such a value reaching a lookup (a
    feed token, an AGS, an admin filter or autocomplete) would answer 500.
    An address with one leads nowhere: 404. In the query's parameters NUL
    bytes are dropped, so a search or a filter works with what remains.
    Form fields catch NUL in posted data themselves (Django's CharField
    refuses it).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path:
            raise Http404
        query = request.META.get("QUERY_STRING", "")
        if "%00" in query or "\x00" in query:
            cleaned = QueryDict(mutable=True)
            for key, values in request.GET.lists():
                cleaned.setlist(key.replace("\x00", ""), [v.replace("\x00", "") for v in values])
            cleaned._mutable = False
            request.GET = cleaned
            request.META["QUERY_STRING"] = cleaned.urlencode()
        return self.get_response(request)
