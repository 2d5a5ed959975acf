from django.conf import settings
from django.http import Http404
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


class RejectNulBytesMiddleware:
    """A NUL byte in the address or its query is never a real request.

    PostgreSQL refuses NUL in text, so such a value reaching a lookup (a
    feed token, an AGS, an admin filter) would answer 500. The portal
    answers as for any address that leads nowhere: 404. Form fields catch
    NUL in posted data themselves (Django's CharField refuses it).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if "\x00" in request.path or "%00" in query or "\x00" in query:
            raise Http404
        return self.get_response(request)
