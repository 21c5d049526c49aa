from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "kinerja.feedback"
    label = "feedback"
    verbose_name = _("Continuous feedback (umpan balik berkelanjutan)")

    def ready(self):
        from kinerja.feedback.selectors import period_section
        from kinerja.results.selectors import register_period_section

        register_period_section(period_section)
