"""/newsletter/…: subscribing, the links in the mails, and the coordinators' pages (namespace "newsletter")."""

from django.urls import path

from . import newsletter_views as views

app_name = "newsletter"
urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("issues/", views.issues, name="issues"),
    path("issues/new/", views.issue_new, name="issue_new"),
    path("issues/<id:pk>/", views.issue, name="issue"),
    path("issues/<id:pk>/edit/", views.issue_edit, name="issue_edit"),
    path("issues/<id:pk>/preview/", views.issue_preview, name="issue_preview"),
    path("issues/<id:pk>/test/", views.issue_test, name="issue_test"),
    path("issues/<id:pk>/send/", views.issue_send, name="issue_send"),
]
