from django.urls import path

from . import views

app_name = "pilots"
urlpatterns = [
    path("pilots/", views.pilot_list, name="list"),
    path("pilots/new/", views.pilot_new, name="new"),
    path("pilots/ideas/", views.idea_board, name="ideas"),
    path("pilots/ideas/<id:pk>/", views.idea_detail, name="idea"),
    path("pilots/<slug:slug>/", views.pilot_detail, name="detail"),
    path("pilots/<slug:slug>/edit/", views.pilot_edit, name="edit"),
    path("pilots/<slug:slug>/stage/", views.pilot_stage, name="stage"),
    path("pilots/<slug:slug>/follow-up/", views.pilot_follow_up, name="follow_up"),
    path("pilots/<slug:slug>/comments/", views.pilot_comment, name="comment"),
]
