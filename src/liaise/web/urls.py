from django.urls import path

from . import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("my/", views.dashboard, name="dashboard"),
    path("accessibility/", views.accessibility_statement, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path("design-system/", views.design_system, name="design_system"),
    path("staff/audit/", views.staff_audit, name="staff_audit"),
    path("staff/tasks/", views.staff_tasks, name="staff_tasks"),
    path("staff/tasks/<uuid:task_id>/retry/", views.staff_task_retry, name="staff_task_retry"),
]
