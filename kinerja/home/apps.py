from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "kinerja.home"
    label = "home"
    verbose_name = _("Home")

    def ready(self):
        from kinerja.core.discovery import app_modules
        from kinerja.core.todo import providers

        for module in app_modules("todo"):
            providers.add(module)
