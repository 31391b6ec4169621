from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "liaise.api"
    label = "api"
    verbose_name = "API"
