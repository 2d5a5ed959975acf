from django.urls import path

from exchange import views

app_name = "exchange"

urlpatterns = [
    path("", views.question_list, name="list"),
    path("ask/", views.ask, name="ask"),
    path("follows/", views.follows, name="follows"),
    path("<int:pk>/", views.question, name="question"),
    path("<int:pk>/accept/", views.accept, name="accept"),
    path("<int:pk>/hide/", views.hide, {"kind": "question"}, name="hide_question"),
    path("answers/<int:pk>/hide/", views.hide, {"kind": "answer"}, name="hide_answer"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
