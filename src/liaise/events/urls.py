from django.urls import path

from . import registrant_views, views

app_name = "events"
urlpatterns = [
    path("events/", views.event_list, name="list"),
    path("events/<slug:slug>.ics", views.event_ics, name="ics"),
    path("events/<slug:slug>/", views.event_detail, name="detail"),
    path("events/<slug:slug>/sessions/<slug:session_slug>.ics", views.session_ics, name="session_ics"),
    path("events/<slug:slug>/register/", views.register, name="register"),
    path("events/<slug:slug>/registration/<str:token>/", views.registration, name="registration"),
    path("events/<slug:slug>/materials/<int:material_id>/", views.material_download, name="material"),
    path("events/<slug:slug>/manage/", views.manage, name="manage"),
    path("events/<slug:slug>/manage/registrations.csv", views.export_csv, name="export_csv"),
    path("events/<slug:slug>/manage/checkin/", views.checkin, name="checkin"),
    path("events/<slug:slug>/manage/checkin/<int:registration_id>/", views.checkin_toggle, name="checkin_toggle"),
    # working with registrants (issue 17): messages, check-in by QR code, badges and the attendance list
    path("events/<slug:slug>/manage/messages/", registrant_views.message, name="message"),
    path("events/<slug:slug>/manage/checkin/qr/<str:token>/", registrant_views.checkin_qr, name="checkin_qr"),
    path("events/<slug:slug>/manage/badges.pdf", registrant_views.badges_pdf, name="badges_pdf"),
    path("events/<slug:slug>/manage/attendance.pdf", registrant_views.attendance_pdf, name="attendance_pdf"),
]
