from django.urls import path

from . import views

app_name = "live"
urlpatterns = [
    path("live/", views.join, name="join"),
    path("live/event/<slug:slug>/", views.event_boards, name="event"),
    path("live/<str:code>/", views.board, name="board"),
    path("live/<str:code>/questions/<int:question_id>/vote", views.vote, name="vote"),
    path("live/<str:code>/questions/<int:question_id>/report", views.report, name="report"),
    path("live/<str:code>/moderate", views.moderate, name="moderate"),
    path("live/<str:code>/moderate/settings", views.moderate_settings, name="settings"),
    path("live/<str:code>/moderate/<int:question_id>/<str:action>", views.moderate_action, name="action"),
    path("live/<str:code>/screen", views.screen, name="screen"),
    path("live/<str:code>/qr.svg", views.qr, name="qr"),
    path("live/<str:code>/export.csv", views.export, {"fmt": "csv"}, name="export_csv"),
    path("live/<str:code>/export.md", views.export, {"fmt": "md"}, name="export_md"),
]
