from django.urls import path

from accessibility import views
from asskomm.page_cache import public_page

app_name = "accessibility"

urlpatterns = [
    path(
        "accessibility/",
        public_page(views.accessibility_statement),
        name="statement",
    ),
    path("accessibility/report/", views.report_barrier, name="report"),
    path("leichte-sprache/", public_page(views.easy_read), name="easy_read"),
]
