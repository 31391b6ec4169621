from django.urls import path

from . import views

app_name = "live"
urlpatterns = [
    path("live/", views.join, name="join"),
    path("live/event/<slug:slug>/", views.event_boards, name="event"),
    path("live/<slug:code>/", views.board, name="board"),
    path("live/<slug:code>/questions/<id:question_id>/vote", views.vote, name="vote"),
    path("live/<slug:code>/questions/<id:question_id>/report", views.report, name="report"),
    path("live/<slug:code>/moderate", views.moderate, name="moderate"),
    path("live/<slug:code>/moderate/settings", views.moderate_settings, name="settings"),
    path("live/<slug:code>/moderate/<id:question_id>/<str:action>", views.moderate_action, name="action"),
    path("live/<slug:code>/screen", views.screen, name="screen"),
    path("live/<slug:code>/qr.svg", views.qr, name="qr"),
    path("live/<slug:code>/export.csv", views.export, {"fmt": "csv"}, name="export_csv"),
    path("live/<slug:code>/export.md", views.export, {"fmt": "md"}, name="export_md"),
]
