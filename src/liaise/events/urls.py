from django.urls import path

from . import manage_views, registrant_views, views

app_name = "events"
urlpatterns = [
    path("events/", views.event_list, name="list"),
    # the organisers' pages (manage_views): create, edit, publish, duplicate, programme, registration settings
    path("events/new/", manage_views.event_new, name="new"),
    path("events/<slug:slug>/manage/edit/", manage_views.event_edit, name="manage_edit"),
    path("events/<slug:slug>/manage/status/", manage_views.event_status, name="manage_status"),
    path("events/<slug:slug>/manage/duplicate/", manage_views.event_duplicate, name="manage_duplicate"),
    path("events/<slug:slug>/manage/registration-settings/", manage_views.registration_settings,
         name="registration_settings"),
    path("events/<slug:slug>/manage/programme/", manage_views.programme_page, name="manage_programme"),
    path("events/<slug:slug>/manage/programme/new/", manage_views.session_new, name="session_new"),
    path("events/<slug:slug>/manage/programme/<id:session_id>/", manage_views.session_edit, name="session_edit"),
    path("events/<slug:slug>/manage/programme/<id:session_id>/delete/", manage_views.session_delete,
         name="session_delete"),
    path("events/<slug:slug>/manage/materials/", manage_views.materials, name="manage_materials"),
    path("events/<slug:slug>/manage/materials/<id:material_id>/", manage_views.material_edit, name="material_edit"),
    path("events/<slug:slug>/manage/materials/<id:material_id>/delete/", manage_views.material_delete,
         name="material_delete"),
    # venues and their rooms, shared by the network's events
    path("venues/", manage_views.venues, name="venues"),
    path("venues/new/", manage_views.venue_new, name="venue_new"),
    path("venues/<slug:slug>/", manage_views.venue_edit, name="venue_edit"),
    path("events/<slug:slug>.ics", views.event_ics, name="ics"),
    path("events/<slug:slug>/", views.event_detail, name="detail"),
    path("events/<slug:slug>/sessions/<slug:session_slug>.ics", views.session_ics, name="session_ics"),
    path("events/<slug:slug>/register/", views.register, name="register"),
    path("events/<slug:slug>/registration/<str:token>/", views.registration, name="registration"),
    path("events/<slug:slug>/materials/<id:material_id>/", views.material_download, name="material"),
    path("events/<slug:slug>/manage/", views.manage, name="manage"),
    path("events/<slug:slug>/manage/registrations.csv", views.export_csv, name="export_csv"),
    path("events/<slug:slug>/manage/checkin/", views.checkin, name="checkin"),
    path("events/<slug:slug>/manage/checkin/<id:registration_id>/", views.checkin_toggle, name="checkin_toggle"),
    # working with registrants (issue 17): messages, check-in by QR code, badges and the attendance list
    path("events/<slug:slug>/manage/messages/", registrant_views.message, name="message"),
    path("events/<slug:slug>/manage/checkin/qr/<str:token>/", registrant_views.checkin_qr, name="checkin_qr"),
    path("events/<slug:slug>/manage/badges.pdf", registrant_views.badges_pdf, name="badges_pdf"),
    path("events/<slug:slug>/manage/attendance.pdf", registrant_views.attendance_pdf, name="attendance_pdf"),
]
