from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IkuConfig(AppConfig):
    name = "kinerja.iku"
    label = "iku"
    verbose_name = _("Organisation performance (IKU)")
