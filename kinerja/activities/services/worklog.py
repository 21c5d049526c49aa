"""Writes of the daily activity log: the employee logs, edits, deletes and repeats entries; the
supervisor verifies many at once or returns one with a comment. Every write runs in one
transaction with its audit event; verifying many runs a fixed number of queries however many
entries are chosen (one event per entry, inserted together).

"Repeat yesterday" copies the entries of the latest day before today that has any (Friday on a
Monday), within a week. A repeat is marked as such: a routine done again is legitimate, so the
copied text of a repeat is not flagged as typed again on another day; typing the same long text
again by hand is flagged (see `rules.entry_flags`), and the same text as another person's always.
"""

from __future__ import annotations

import datetime
import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.accounts.actors import actor_user_id, as_viewer, audit_actor, require
from kinerja.activities import permissions, rules, selectors
from kinerja.activities.models import Activity, ActivityCatalogueItem, ActivityStatus
from kinerja.core import audit
from kinerja.core.choices import choose
from kinerja.core.errors import ImmutableRecordError
from kinerja.core.fields import check_lengths
from kinerja.iku import files
from kinerja.org.models import Agency, Employee
from kinerja.results import rules as result_rules
from kinerja.skp.models import ActionPlan

FIELDS = [
    "employee",
    "date",
    "start_time",
    "end_time",
    "minutes",
    "description",
    "rhk_key",
    "action_period",
    "catalogue_item",
    "status",
    "is_repeat",
    "filing_delay_days",
]
CATALOGUE_FIELDS = ["name", "standard_minutes", "is_active"]
_OWN = gettext_lazy("Only the employee writes their own daily log.")
_VERIFY = gettext_lazy("Only the employee's supervisor verifies the daily log.")
_CATALOGUE = gettext_lazy("Only the BKPSDM admin and unit admins keep the activity catalogue.")
REPEAT_LOOKBACK_DAYS = 7


def _today(actor) -> datetime.date:
    viewer = as_viewer(actor)
    return viewer.today if viewer is not None else timezone.localdate()


def _event(actor, action, activity, *, before=None, reason=""):
    audit.record(
        actor=audit_actor(actor),
        action=action,
        obj=activity,
        agency=Agency(pk=activity.agency_id),
        before=before,
        after=audit.snapshot(activity, FIELDS),
        reason=reason,
    )


def _check_date(day, today: datetime.date) -> datetime.date:
    if day is None or day == "":
        return today
    if isinstance(day, str):
        try:
            day = datetime.date.fromisoformat(day)
        except ValueError:
            raise ValidationError({"date": _("Enter a valid date.")}) from None
    if day > today:
        raise ValidationError({"date": _("An activity cannot be logged ahead of its day.")})
    if day < rules.correctable_since(today):
        raise ValidationError({"date": _("An activity more than a year old cannot be logged.")})
    return day


def _minutes(minutes, start_time, end_time, catalogue_item) -> int:
    if start_time and end_time:
        if end_time <= start_time:
            raise ValidationError({"end_time": _("The end must be after the start.")})
        span = rules.minutes_between(start_time, end_time)
        if minutes not in (None, "") and int(minutes) != span:
            raise ValidationError(
                {"minutes": _("The minutes do not agree with the start and the end.")}
            )
        return span
    if (start_time is None) != (end_time is None):
        raise ValidationError({"end_time": _("Give both the start and the end, or neither.")})
    if minutes in (None, "") and catalogue_item is not None:
        return catalogue_item.standard_minutes
    if minutes in (None, ""):
        raise ValidationError({"minutes": _("Give the minutes, or the start and the end.")})
    try:
        minutes = int(minutes)
    except (TypeError, ValueError):
        raise ValidationError({"minutes": _("Enter a whole number of minutes.")}) from None
    if not 1 <= minutes <= 1440:
        raise ValidationError({"minutes": _("A day has between 1 and 1440 minutes.")})
    return minutes


def _rhk_key(employee_id: int, day: datetime.date, rhk_key):
    if rhk_key in (None, ""):
        return None
    try:
        key = uuid.UUID(str(rhk_key))
    except ValueError:
        raise ValidationError({"rhk_key": _("Choose an RHK of your plan in force.")}) from None
    if str(key) not in {k for k, _text in selectors.rhk_choices(employee_id, day)}:
        raise ValidationError({"rhk_key": _("Choose an RHK of your plan in force.")})
    return key


def _action_plan(employee_id: int, day: datetime.date, action_plan, rhk_key):
    if action_plan in (None, ""):
        return None
    pk = action_plan.pk if isinstance(action_plan, ActionPlan) else action_plan
    found = next(
        (a for a in selectors.action_plan_choices(employee_id, day) if str(a.pk) == str(pk)),
        None,
    )
    if found is None:
        raise ValidationError(
            {"action_plan": _("Choose a rencana aksi of your plan for this period.")}
        )
    if rhk_key is not None and found.rhk.key != rhk_key:
        raise ValidationError({"action_plan": _("The rencana aksi belongs to another RHK.")})
    return found


def _fill(activity: Activity, *, actor, values: dict) -> None:
    """Validate and set the content of an entry (new or edited)."""
    today = _today(actor)
    employee_id = activity.employee_id
    day = _check_date(values.get("date"), today)
    catalogue_item = choose(
        selectors.catalogue_of(activity.agency_id),
        values.get("catalogue_item"),
        field="catalogue_item",
    )
    description = (values.get("description") or "").strip()
    if not description and catalogue_item is not None:
        description = catalogue_item.name
    if not description:
        raise ValidationError({"description": _("Say what you did.")})
    check_lengths(Activity, description=description)
    start_time, end_time = values.get("start_time"), values.get("end_time")
    minutes = _minutes(values.get("minutes"), start_time, end_time, catalogue_item)
    rhk_key = _rhk_key(employee_id, day, values.get("rhk_key"))
    action = _action_plan(employee_id, day, values.get("action_plan"), rhk_key)
    if action is not None and rhk_key is None:
        rhk_key = action.rhk.key
    activity.date = day
    activity.year = day.year
    activity.start_time, activity.end_time = start_time, end_time
    activity.minutes = minutes
    activity.description = description
    activity.digest = result_rules.text_digest(description)
    activity.rhk_key = rhk_key
    activity.action_period_id = action.period_id if action else None
    activity.catalogue_item = catalogue_item
    evidence_file = values.get("evidence_file")
    if evidence_file:
        checked = files.check_evidence_file(evidence_file)
        activity.evidence_name = checked.original_name
        activity.evidence_type = checked.content_type
        activity.evidence_sha256 = checked.sha256
        activity.evidence.save(checked.original_name, evidence_file, save=False)


def _clean_entry(activity: Activity) -> None:
    """The field checks of an entry the employee writes. `_fill` has checked what the table's
    constraints hold (minutes in a day, the start before the end; the status is submitted) and
    the agency and employee come from the employee's own record, so neither is asked of the
    database again: logging is the busiest write of the house (the database still enforces
    every constraint)."""
    activity.full_clean(exclude=["evidence", "agency", "employee"], validate_constraints=False)


def _stamp_filing(activity: Activity, actor) -> None:
    now = timezone.now()
    activity.filed_at = now
    activity.filing_delay_days = rules.filing_delay(activity.date, _today(actor))


@transaction.atomic
def activity_log(*, actor, employee: Employee, **values) -> Activity:
    """Log one activity of `employee` (the actor themselves). `values`: date (default today),
    description, minutes or start_time and end_time, rhk_key, action_plan, catalogue_item,
    evidence_file. The checks of `rules.entry_flags` warn; they never refuse."""
    require(actor, lambda v: permissions.can_log_for(v, employee), str(_OWN))
    activity = Activity(agency_id=employee.agency_id, employee=employee)
    _fill(activity, actor=actor, values=values)
    _stamp_filing(activity, actor)
    _clean_entry(activity)
    activity.save()
    _event(actor, "activities.activity.logged", activity)
    return activity


def _lock(activity: Activity) -> Activity:
    return Activity.objects.select_for_update().get(pk=activity.pk)


def _require_editable(activity: Activity) -> None:
    if not activity.is_editable:
        raise ImmutableRecordError(_("A verified activity cannot be changed."))


@transaction.atomic
def activity_edit(*, actor, activity: Activity, **values) -> Activity:
    """Change an entry not verified yet; a returned entry goes back to the supervisor."""
    activity = _lock(activity)
    require(actor, lambda v: permissions.is_owner(v, activity), str(_OWN))
    _require_editable(activity)
    before = audit.snapshot(activity, FIELDS)
    old_date, old_text = activity.date, activity.digest
    if values.get("date") in (None, ""):
        values["date"] = old_date
    _fill(activity, actor=actor, values=values)
    if activity.date != old_date:
        _stamp_filing(activity, actor)
    if activity.digest != old_text:
        activity.is_repeat = False
    activity.status = ActivityStatus.SUBMITTED
    _clean_entry(activity)
    activity.save()
    _event(actor, "activities.activity.edited", activity, before=before)
    return activity


@transaction.atomic
def activity_delete(*, actor, activity: Activity) -> None:
    activity = _lock(activity)
    require(actor, lambda v: permissions.is_owner(v, activity), str(_OWN))
    _require_editable(activity)
    audit.record(
        actor=audit_actor(actor),
        action="activities.activity.deleted",
        obj=activity,
        agency=Agency(pk=activity.agency_id),
        before=audit.snapshot(activity, FIELDS),
    )
    stored = activity.evidence if activity.evidence else None
    activity.delete()
    if stored:
        transaction.on_commit(lambda: stored.delete(save=False))


@transaction.atomic
def activity_repeat_yesterday(
    *, actor, employee: Employee, today: datetime.date | None = None
) -> list[Activity]:
    """Copy the entries of the latest earlier day with entries (within a week) to today, as
    repeats, without their files. An entry whose text is already logged today is skipped, so
    that pressing the button twice repeats nothing twice."""
    require(actor, lambda v: permissions.can_log_for(v, employee), str(_OWN))
    today = today or _today(actor)
    source_day = (
        Activity.objects.filter(
            employee=employee,
            date__lt=today,
            date__gte=today - datetime.timedelta(days=REPEAT_LOOKBACK_DAYS),
        )
        .order_by("-date")
        .values_list("date", flat=True)
        .first()
    )
    if source_day is None:
        raise ValidationError({"date": _("There is nothing in the past week to repeat.")})
    already = set(
        Activity.objects.filter(employee=employee, date=today).values_list("digest", flat=True)
    )
    in_plan = {k for k, _text in selectors.rhk_choices(employee.pk, today)}
    now = timezone.now()
    copies = []
    for source in Activity.objects.filter(employee=employee, date=source_day).order_by("pk"):
        if source.digest in already:
            continue
        copies.append(
            Activity(
                agency_id=employee.agency_id,
                employee=employee,
                date=today,
                year=today.year,
                start_time=source.start_time,
                end_time=source.end_time,
                minutes=source.minutes,
                description=source.description,
                digest=source.digest,
                rhk_key=source.rhk_key if str(source.rhk_key) in in_plan else None,
                catalogue_item_id=source.catalogue_item_id,
                is_repeat=True,
                status=ActivityStatus.SUBMITTED,
                filed_at=now,
                filing_delay_days=0,
            )
        )
    if not copies:
        raise ValidationError({"date": _("Today already holds the entries of that day.")})
    for copy in copies:
        copy.full_clean(exclude=["evidence"])
        copy.save()
        _event(actor, "activities.activity.repeated", copy)
    return copies


@transaction.atomic
def activity_verify_many(*, actor, activities) -> int:
    """Verify entries (ids or instances) of the actor's team waiting for verification, all or
    nothing; one audit event per entry, written in one insert. A fixed number of queries."""
    viewer = as_viewer(actor)
    pks = []
    for item in activities or ():
        pk = item.pk if isinstance(item, Activity) else item
        try:
            pk = int(pk)
        except (TypeError, ValueError):
            raise ValidationError({"activities": _("Choose entries of your team.")}) from None
        if pk not in pks:
            pks.append(pk)
    if not pks:
        raise ValidationError({"activities": _("Choose at least one entry.")})
    if viewer is not None:
        if not selectors.team_ids(viewer):
            require(actor, lambda v: False, str(_VERIFY))
        chosen = selectors.waiting_for(viewer)
    else:
        chosen = Activity.objects.filter(status=ActivityStatus.SUBMITTED)
    rows = list(
        chosen.filter(pk__in=pks)
        .select_for_update()
        .only("pk", "agency_id", "employee_id", "date", "description")
    )
    if len(rows) != len(pks):
        raise ValidationError(
            {"activities": _("Some of the entries are not waiting for your verification.")}
        )
    now = timezone.now()
    user_id = actor_user_id(actor)
    Activity.objects.filter(pk__in=pks).update(
        status=ActivityStatus.VERIFIED, verified_at=now, verified_by_id=user_id, updated_at=now
    )
    user = audit_actor(actor)
    audit.record_many(
        [
            audit.build_event(
                actor=user,
                action="activities.activity.verified",
                obj=row,
                agency=Agency(pk=row.agency_id),
                after={"status": ActivityStatus.VERIFIED, "date": row.date.isoformat()},
            )
            for row in rows
        ]
    )
    return len(rows)


@transaction.atomic
def activity_return(*, actor, activity: Activity, comment: str) -> Activity:
    activity = _lock(activity)
    viewer = as_viewer(actor)
    if viewer is not None and not permissions.can_verify(
        viewer, activity, selectors.team_ids(viewer)
    ):
        require(actor, lambda v: False, str(_VERIFY))
    if activity.status != ActivityStatus.SUBMITTED:
        raise ValidationError({"status": _("Only an entry awaiting verification is returned.")})
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": _("Say what has to be corrected.")})
    check_lengths(Activity, return_comment=comment)
    activity.status = ActivityStatus.RETURNED
    activity.return_comment = comment
    activity.returned_at = timezone.now()
    activity.full_clean(exclude=["evidence"])
    activity.save()
    _event(actor, "activities.activity.returned", activity, reason=comment)
    return activity


# --- the catalogue --------------------------------------------------------------------------------


@transaction.atomic
def catalogue_item_save(
    *,
    actor,
    agency: Agency,
    name: str,
    standard_minutes,
    is_active: bool = True,
    item: ActivityCatalogueItem | None = None,
) -> ActivityCatalogueItem:
    require(actor, lambda v: permissions.can_keep_catalogue(v, agency.pk), str(_CATALOGUE))
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Name the activity.")})
    try:
        standard_minutes = int(standard_minutes)
    except (TypeError, ValueError):
        raise ValidationError({"standard_minutes": _("Enter a whole number of minutes.")}) from None
    if not 1 <= standard_minutes <= 1440:
        raise ValidationError({"standard_minutes": _("A day has between 1 and 1440 minutes.")})
    clash = ActivityCatalogueItem.objects.filter(agency=agency, name__iexact=name)
    if item is not None:
        item = ActivityCatalogueItem.objects.select_for_update().get(pk=item.pk, agency=agency)
        clash = clash.exclude(pk=item.pk)
    if clash.exists():
        raise ValidationError({"name": _("The catalogue already has this activity.")})
    before = audit.snapshot(item, CATALOGUE_FIELDS) if item is not None else None
    item = item or ActivityCatalogueItem(agency=agency)
    item.name, item.standard_minutes, item.is_active = name, standard_minutes, bool(is_active)
    item.full_clean()
    item.save()
    audit.record(
        actor=audit_actor(actor),
        action="activities.catalogue.saved",
        obj=item,
        agency=agency,
        before=before,
        after=audit.snapshot(item, CATALOGUE_FIELDS),
    )
    return item
