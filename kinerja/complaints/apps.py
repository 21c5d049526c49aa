from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "kinerja.complaints"
    label = "complaints"
    verbose_name = _("Public complaints (pengaduan)")

    def ready(self):
        from kinerja.complaints import sources
        from kinerja.feedback.selectors import register_service_card
        from kinerja.iku import sources as iku_sources

        iku_sources.register(sources.ON_TIME_SOURCE)
        register_service_card(sources.service_card)
