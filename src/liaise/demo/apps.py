from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "liaise.demo"
    label = "demo"
    verbose_name = "Demo data"
