"""The agency's attendance setting: the machine's columns and the working hours."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kinerja.accounts.actors import audit_actor, require
from kinerja.activities import permissions
from kinerja.activities.models import (
    AttendanceSetting,
)
from kinerja.core import audit
from kinerja.core.audit import snapshot
from kinerja.org.models import Agency

SETTING_FIELDS = [
    "id_column",
    "date_column",
    "time_in_column",
    "time_out_column",
    "timestamp_column",
    "date_format",
    "time_format",
    "work_start",
    "work_end",
    "friday_end",
    "grace_minutes",
]


def setting_save(*, actor, agency: Agency, **values) -> AttendanceSetting:
    require(actor, lambda v: permissions.can_configure(v, agency.pk))
    with transaction.atomic():
        setting = AttendanceSetting.objects.select_for_update().filter(agency=agency).first()
        setting = setting or AttendanceSetting(agency=agency)
        before = snapshot(setting, SETTING_FIELDS) if setting.pk else None
        for name in SETTING_FIELDS:
            if name in values:
                setattr(setting, name, values[name])
        if not setting.timestamp_column and not (setting.time_in_column or setting.time_out_column):
            raise ValidationError(
                {"time_in_column": _("Name the arrival column, or a single scan-time column.")}
            )
        setting.full_clean()
        setting.save()
        audit.record(
            actor=audit_actor(actor),
            action="activities.setting.saved",
            obj=setting,
            before=before,
            after=snapshot(setting, SETTING_FIELDS),
            agency=agency,
        )
    return setting
