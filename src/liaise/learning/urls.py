from django.urls import path

from . import views

app_name = "learning"
urlpatterns = [
    path("trainings/", views.training_list, name="trainings"),
    path("trainings/curriculum/", views.curriculum, name="curriculum"),
    path("trainings/<slug:slug>/", views.training_detail, name="training"),
    path("trainings/<slug:slug>/attendance/", views.attendance, name="attendance"),
    path("trainings/<slug:slug>/certificates/", views.issue_certificates, name="issue_certificates"),
    path("trainings/<slug:slug>/feedback/", views.feedback, name="feedback"),
    path("trainings/<slug:slug>/feedback/results/", views.feedback_results, name="feedback_results"),
    path("my/trainings/", views.my_trainings, name="my_trainings"),
    path("certificates/<slug:code>/", views.verify, name="verify"),
    path("certificates/<slug:code>/pdf/", views.certificate_download, name="certificate_pdf"),
]
