"""A page with a known number of queries, for the query-count collector."""

from django.http import HttpResponse
from django.urls import path

from members.models import User

QUERIES = 3


def three_queries(request):
    for _ in range(QUERIES):
        User.objects.count()
    return HttpResponse("ok")


urlpatterns = [path("three/", three_queries)]
