from django.urls import path

from . import report_views, results_views, views

app_name = "reporting"
P = "projects/<slug:slug>/"
urlpatterns = [
    path(f"{P}results/", results_views.results, name="results"),
    path(f"{P}results/indicators.csv", results_views.indicators_csv, name="indicators_csv"),
    path(f"{P}results/timeline.csv", results_views.timeline_csv, name="timeline_csv"),
    path(f"{P}workplan/", views.workplan, name="workplan"),
    path(f"{P}workplan/<str:kind>/new/", views.item_new, name="item_new"),
    path(f"{P}workplan/<str:kind>/<id:pk>/edit/", views.item_edit, name="item_edit"),
    path(f"{P}workplan/<str:kind>/<id:pk>/delete/", views.item_delete, name="item_delete"),
    path(f"{P}workplan/risks/<id:pk>/review/<id:period>/", views.risk_review, name="risk_review"),
    path(f"{P}workplan/packages/<id:number>/narrative/<id:period>/", views.narrative_edit, name="narrative"),
    path(f"{P}indicators/new/", views.indicator_new, name="indicator_new"),
    path(f"{P}indicators/<str:code>/", views.indicator_detail, name="indicator"),
    path(f"{P}indicators/<str:code>/edit/", views.indicator_edit, name="indicator_edit"),
    path(f"{P}indicators/<str:code>/report/", views.value_report, name="value_report"),
    path(f"{P}reported/<id:pk>/edit/", views.value_edit, name="value_edit"),
    path(f"{P}reported/<id:pk>/submit/", views.value_submit, name="value_submit"),
    path(f"{P}reported/<id:pk>/approve/", views.value_approve, name="value_approve"),
    path(f"{P}reported/<id:pk>/return/", views.value_return, name="value_return"),
    path(f"{P}reported/<id:pk>/evidence/", views.evidence, name="evidence"),
    path(f"{P}report/", report_views.report_page, name="report"),
    path(f"{P}report/<id:number>.pdf", report_views.report_pdf, name="report_pdf"),
    path(f"{P}report/<id:number>.xlsx", report_views.report_xlsx, name="report_xlsx"),
    path(f"{P}report/<id:number>.zip", report_views.report_zip, name="report_zip"),
    path(f"{P}report/<id:number>/<slug:table>.csv", report_views.report_csv, name="report_csv"),
]
