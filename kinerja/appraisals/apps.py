from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppraisalsConfig(AppConfig):
    name = "kinerja.appraisals"
    label = "appraisals"
    verbose_name = _("Evaluation of employees")

    def ready(self):
        from kinerja.appraisals.rules import PREDIKAT_LABELS, study_predikat
        from kinerja.results.selectors.study import register_guidance

        register_guidance(
            lambda ipk, level, accreditation: PREDIKAT_LABELS[
                study_predikat(ipk, level, accreditation)
            ]
        )
