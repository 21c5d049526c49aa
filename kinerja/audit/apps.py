from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "kinerja.audit"
    label = "audit"
    verbose_name = _("Audit trail")

    def ready(self):
        from kinerja.core.audit_labels import registry
        from kinerja.core.discovery import app_modules

        for module in app_modules("audit_labels"):
            registry.add(module)
