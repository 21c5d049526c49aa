import logging

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "kinerja.reports"
    label = "reports"
    verbose_name = _("Reports")

    def ready(self):
        # WeasyPrint logs each layout step at INFO; one PDF would add seven lines to the log.
        logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
