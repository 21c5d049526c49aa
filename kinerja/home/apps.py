from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "kinerja.home"
    label = "home"
    verbose_name = _("Home")

    def ready(self):
        from kinerja.core import team, todo
        from kinerja.core.discovery import app_modules

        for module in app_modules("todo"):
            todo.providers.add(module)
        for module in app_modules("team"):
            team.providers.add(module)
