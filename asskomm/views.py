import logging
import sys

from django.conf import settings
from django.contrib.flatpages.models import FlatPage
from django.core.cache import cache
from django.db import DatabaseError, OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, requires_csrf_token
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

logger = logging.getLogger(__name__)

ADMIN_SITE_HEADER = _("ASSKomm administration")
ADMIN_INDEX_TITLE = _("Manage the network")


def home(request):
    return render(request, "home.html")


@never_cache
def healthz(request):
    """Answers load balancers and monitoring: 200 when the database and the
    shared cache (which holds the login limits) answer, 503 when one does
    not. Both fail within seconds (see the timeouts in the settings)."""
    checks = {"database": database_answers(), "cache": cache_answers()}
    healthy = all(checks.values())
    body = {"status": "ok" if healthy else "unavailable"}
    body.update({name: "ok" if ok else "down" for name, ok in checks.items()})
    return JsonResponse(body, status=200 if healthy else 503)


def database_answers():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.warning("healthz: the database does not answer", exc_info=True)
        return False
    return True


def cache_answers():
    try:
        cache.set("asskomm:healthz", "ok", timeout=30)
        return cache.get("asskomm:healthz") == "ok"
    except Exception:  # noqa: BLE001 - whatever the backend raises, it is down
        logger.warning("healthz: the cache does not answer", exc_info=True)
        return False


@requires_csrf_token
def server_error(request):
    """The 500 page, or the 503 page when the database does not answer
    (unreachable, or a statement over its time limit). Rendered without
    the database and without context processors."""
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError):
        template, status = loader.get_template("503.html"), 503
    else:
        template, status = loader.get_template("500.html"), 500
    response = template.render({"team_told": bool(settings.ADMINS)})
    response = HttpResponse(response, status=status)
    if status == 503:
        response["Retry-After"] = "60"
    return response


@csrf_exempt
@require_POST
def set_language(request):
    """The language switch on every page: Django's ``set_language`` (a
    cookie with the language, then back to ``next`` when that is an address
    on this site, else to the home page), without a CSRF token.

    The switch sits on every page; with a token in it no page could be
    cached for all anonymous visitors (asskomm/page_cache.py), and every
    first visit would set a cookie. A forged request could do no more than
    switch a person's pages to English or German, which they undo with
    one click: the cookie grants nothing and changes no data, and the
    redirect never leaves the site."""
    return django_set_language(request)


def csrf_failure(request, reason=""):
    """A form sent without its security token, typically after a long pause
    or with cookies blocked: explain in German what to do."""
    return render(request, "403_csrf.html", status=403)


def legal_page(request, page):
    """The imprint and the privacy statement: the text staff keep as a flat
    page in the admin (URL ``/imprint/`` or ``/privacy/``), or a placeholder
    until they have written it."""
    flatpage = FlatPage.objects.filter(url=request.path, sites__id=settings.SITE_ID).first()
    return render(request, f"pages/{page}.html", {"flatpage": flatpage})


def contact(request):
    """How to reach the ASSKomm team (``settings.ASSKOMM_CONTACT``)."""
    return render(request, "pages/contact.html", {"contact": settings.ASSKOMM_CONTACT})
