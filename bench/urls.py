"""The portal's URLs and ``/bench/bare/``: a view that answers a constant,
through the same middleware – the physical limit of the stack."""

from django.http import HttpResponse
from django.urls import path

from asskomm.urls import handler500
from asskomm.urls import urlpatterns as portal_urlpatterns
from bench.page import BARE_PATH

__all__ = ["handler500", "urlpatterns"]


def bare(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path(BARE_PATH.strip("/") + "/", bare, name="bench_bare"), *portal_urlpatterns]
