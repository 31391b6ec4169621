from django.urls import path

from . import report_urls, results_views

app_name = "reporting"
urlpatterns = [
    path("projects/<slug:slug>/results/", results_views.results, name="results"),
    path("projects/<slug:slug>/results/indicators.csv", results_views.indicators_csv, name="indicators_csv"),
    path("projects/<slug:slug>/results/timeline.csv", results_views.timeline_csv, name="timeline_csv"),
    *report_urls.urlpatterns,
]
