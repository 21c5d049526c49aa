from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "kinerja.surveys"
    label = "surveys"
    verbose_name = _("Public satisfaction surveys (SKM)")

    def ready(self):
        from kinerja.feedback.selectors import register_service_card
        from kinerja.iku import sources as iku_sources
        from kinerja.surveys import sources

        iku_sources.register(sources.IKM_SOURCE)
        register_service_card(sources.service_card)
