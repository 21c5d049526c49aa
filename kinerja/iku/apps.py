from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IkuConfig(AppConfig):
    name = "kinerja.iku"
    label = "iku"
    verbose_name = _("Organisation performance (IKU)")

    def ready(self):
        # The services schedule recomputes; the task module, which imports them, says how to
        # queue one. Registered here so that services never import tasks.
        from kinerja.iku import tasks
        from kinerja.iku.services import results

        results.register_recompute_task(tasks.enqueue_recompute)
