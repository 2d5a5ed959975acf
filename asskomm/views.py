from django.conf import settings
from django.contrib.flatpages.models import FlatPage
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

ADMIN_SITE_HEADER = _("ASSKomm administration")
ADMIN_INDEX_TITLE = _("Manage the network")


def home(request):
    return render(request, "home.html")


@never_cache
def healthz(request):
    """Answers load balancers and monitoring: 200 when the database answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def legal_page(request, page):
    """The imprint and the privacy statement: the text staff keep as a flat
    page in the admin (URL ``/imprint/`` or ``/privacy/``), or a placeholder
    until they have written it."""
    flatpage = FlatPage.objects.filter(url=request.path, sites__id=settings.SITE_ID).first()
    return render(request, f"pages/{page}.html", {"flatpage": flatpage})
