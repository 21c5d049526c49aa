from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SkpConfig(AppConfig):
    name = "kinerja.skp"
    label = "skp"
    verbose_name = _("Individual performance plans (SKP)")

    def ready(self):
        from kinerja.iku import followers
        from kinerja.skp.services.agreement import plans_follow_signed_agreement

        followers.on_agreement_signed(plans_follow_signed_agreement)
