from django.urls import path

from . import people_views, views

app_name = "network"
urlpatterns = [
    path("projects/", views.project_list, name="projects"),
    path("projects/<slug:slug>/", views.project_detail, name="project"),
    path("partners/", views.directory, name="directory"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation"),
    # people of a project: invitations and roles (issue 17)
    path("projects/<slug:slug>/people/", people_views.people, name="people"),
    path("projects/<slug:slug>/people/invite/", people_views.invite, name="invite"),
    path("projects/<slug:slug>/people/grant/", people_views.grant, name="grant_role"),
    path("projects/<slug:slug>/people/<int:pk>/role/", people_views.change_role, name="change_role"),
    path("projects/<slug:slug>/invitations/<int:pk>/revoke/", people_views.revoke, name="revoke_invitation"),
    path("invitations/<str:token>/", people_views.invitation, name="invitation"),
]
