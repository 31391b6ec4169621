from django.urls import path

from . import views

app_name = "library"
urlpatterns = [
    path("library/", views.search, name="search"),
    path("library/workspace/", views.workspace, name="workspace"),
    path("library/practices/new/", views.practice_create, name="practice_create"),
    path("library/practices/<slug:slug>/", views.practice_detail, name="practice"),
    path("library/practices/<slug:slug>/edit/", views.practice_edit, name="practice_edit"),
    path("library/practices/<slug:slug>/workflow/", views.practice_workflow, name="practice_workflow"),
    path("library/practices/<slug:slug>/resources/new/", views.practice_resource_add, name="practice_resource_add"),
    path("library/from-pilot/<slug:slug>/", views.practice_from_pilot, name="from_pilot"),
    path("library/resources/", views.resource_list, name="resources"),
    path("library/resources/new/", views.resource_add, name="resource_add"),
    path("library/resources/<id:pk>/download/", views.resource_download, name="resource_download"),
    path("library/resources/<id:pk>/delete/", views.resource_delete, name="resource_delete"),
]
