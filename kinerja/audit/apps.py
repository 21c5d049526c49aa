import importlib

from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "kinerja.audit"
    label = "audit"
    verbose_name = _("Audit trail")

    def ready(self):
        from kinerja.core.audit_labels import registry

        for config in apps.get_app_configs():
            module_name = f"{config.name}.audit_labels"
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError as error:
                if error.name != module_name:
                    raise
                continue
            registry.add(module)
