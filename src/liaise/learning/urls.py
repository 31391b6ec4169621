from django.urls import path

from . import manage_views, views

app_name = "learning"
urlpatterns = [
    path("trainings/", views.training_list, name="trainings"),
    path("trainings/curriculum/", views.curriculum, name="curriculum"),
    path("trainings/new/", manage_views.training_new, name="training_new"),
    path("trainings/<slug:slug>/", views.training_detail, name="training"),
    path("trainings/<slug:slug>/attendance/", views.attendance, name="attendance"),
    path("trainings/<slug:slug>/certificates/", views.issue_certificates, name="issue_certificates"),
    path("trainings/<slug:slug>/feedback/", views.feedback, name="feedback"),
    path("trainings/<slug:slug>/edit/", manage_views.training_edit, name="training_edit"),
    path("trainings/<slug:slug>/feedback/open/", manage_views.feedback_open, name="feedback_open"),
    path("trainings/<slug:slug>/feedback/close/", manage_views.feedback_close, name="feedback_close"),
    path("trainings/<slug:slug>/feedback/results/", views.feedback_results, name="feedback_results"),
    path("my/trainings/", views.my_trainings, name="my_trainings"),
    path("certificates/<slug:code>/", views.verify, name="verify"),
    path("certificates/<slug:code>/pdf/", views.certificate_download, name="certificate_pdf"),
]
