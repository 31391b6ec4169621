from django.urls import path

from . import manage_views, people_views, views

app_name = "network"
urlpatterns = [
    path("projects/", views.project_list, name="projects"),
    path("projects/<slug:slug>/", views.project_detail, name="project"),
    path("partners/", views.directory, name="directory"),
    path("organisations/new/", manage_views.organisation_new, name="organisation_new"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation"),
    # the organisers' pages (manage_views): a project's settings and partners, an organisation's record
    path("organisations/<slug:slug>/edit/", manage_views.organisation_edit, name="organisation_edit"),
    path("projects/<slug:slug>/settings/", manage_views.project_settings, name="project_settings"),
    path("projects/<slug:slug>/log/", manage_views.project_log, name="project_log"),
    path("projects/<slug:slug>/partners/add/", manage_views.partner_add, name="partner_add"),
    path("projects/<slug:slug>/partners/<id:pk>/", manage_views.partner_change, name="partner_change"),
    path("projects/<slug:slug>/partners/<id:pk>/remove/", manage_views.partner_remove, name="partner_remove"),
    # people of a project: invitations and roles (issue 17)
    path("projects/<slug:slug>/people/", people_views.people, name="people"),
    path("projects/<slug:slug>/people/invite/", people_views.invite, name="invite"),
    path("projects/<slug:slug>/people/grant/", people_views.grant, name="grant_role"),
    path("projects/<slug:slug>/people/<id:pk>/role/", people_views.change_role, name="change_role"),
    path("projects/<slug:slug>/invitations/<id:pk>/revoke/", people_views.revoke, name="revoke_invitation"),
    path("invitations/<str:token>/", people_views.invitation, name="invitation"),
]
