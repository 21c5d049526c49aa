from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "kinerja.feedback"
    label = "feedback"
    verbose_name = _("Continuous feedback (umpan balik berkelanjutan)")
