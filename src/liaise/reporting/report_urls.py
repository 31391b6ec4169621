"""The periodic report's routes; ``reporting/urls.py`` adds them to the app's (namespace ``reporting``)."""

from django.urls import path

from . import report_views

urlpatterns = [
    path("projects/<slug:slug>/report/", report_views.report_page, name="report"),
    path("projects/<slug:slug>/report/<int:number>.pdf", report_views.report_pdf, name="report_pdf"),
    path("projects/<slug:slug>/report/<int:number>.xlsx", report_views.report_xlsx, name="report_xlsx"),
    path("projects/<slug:slug>/report/<int:number>.zip", report_views.report_zip, name="report_zip"),
    path("projects/<slug:slug>/report/<int:number>/<slug:table>.csv", report_views.report_csv,
         name="report_csv"),
]
