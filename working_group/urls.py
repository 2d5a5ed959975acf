from django.urls import path

from asskomm.page_cache import public_page
from working_group import views

app_name = "working_group"

urlpatterns = [
    path("", public_page(views.index), name="index"),
    path("sessions/<slug:slug>/", views.session_detail, name="session"),
    path("sessions/<slug:slug>/minutes/history/", views.minutes_history, name="minutes_history"),
    path("actions/", views.ActionItemListView.as_view(), name="actions"),
    path("actions/<int:pk>/", views.action_item, name="action"),
    path("actions/<int:pk>/status/", views.action_item_status, name="action_status"),
]
