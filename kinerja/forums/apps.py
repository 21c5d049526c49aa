from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumsConfig(AppConfig):
    name = "kinerja.forums"
    label = "forums"
    verbose_name = _("Public consultation forums (forum konsultasi publik)")

    def ready(self):
        from kinerja.feedback.selectors import register_service_card
        from kinerja.forums import sources
        from kinerja.iku import sources as iku_sources

        iku_sources.register(sources.ON_TIME_SOURCE)
        register_service_card(sources.service_card)
