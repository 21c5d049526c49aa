"""The SKP workflow: dialogue, submission, return, setting, and changes through new versions."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.accounts.actors import as_viewer, audit_actor, require
from kinerja.core import audit
from kinerja.core.choices import choose, choose_many
from kinerja.core.errors import PermissionDeniedError
from kinerja.core.fields import check_lengths
from kinerja.skp import permissions, rules
from kinerja.skp.models import (
    NEW_SKP_REVISION_KINDS,
    ActionPlan,
    BehaviourExpectation,
    CommentKind,
    Rhk,
    RhkIndicator,
    Skp,
    SkpComment,
    SkpStatus,
)
from kinerja.skp.problems import plan_problems_of, problem_messages
from kinerja.skp.services._common import SKP_FIELDS, ensure_editable, lock, today_of
from kinerja.skp.services.plan import (
    _agreement_rhks,
    chain_fields,
    create_behaviours,
    refuse_if_exempt,
)

NOT_IN_PLAN = gettext_lazy("The RHK is not part of this SKP.")


def _audit(actor, action, skp, before=None, after=None, reason=""):
    audit.record(
        actor=audit_actor(actor),
        action=action,
        obj=skp,
        before=before,
        after=after,
        agency=skp.agency,
        reason=reason,
    )


def _roles(actor, skp) -> frozenset[str] | None:
    """The actor's workflow roles, or None for the system (which may do anything)."""
    viewer = as_viewer(actor)
    if viewer is None:
        return None
    return permissions.workflow_roles(viewer, skp)


def _transition(actor, skp: Skp, action: str, *, reason: str = "") -> tuple[Skp, str, dict]:
    """Check and apply one transition of the state machine; return the role that acted."""
    skp = lock(skp)
    if not skp.is_latest:
        raise ValidationError(_("Only the latest version of an SKP moves forward."))
    roles = _roles(actor, skp)
    sources, target, who = rules.TRANSITIONS[action]
    if skp.status not in sources:
        raise ValidationError(
            _("This SKP is %(status)s; that step is not possible now.")
            % {"status": skp.get_status_display().lower()},
            code="invalid_transition",
        )
    if roles is not None and not roles & who:
        raise PermissionDeniedError(_("You may not take this step on this SKP."))
    acting = "system" if roles is None else sorted(roles & who)[0]
    before = {"status": skp.status}
    skp.status = target
    return skp, acting, before


@transaction.atomic
def skp_start_dialogue(*, actor, skp: Skp, note: str = "") -> Skp:
    """Record that the performance dialogue has begun (Ps 7(2): mandatory for drafting)."""
    skp, _acting, before = _transition(actor, skp, "start_dialogue")
    skp.dialogue_started_at = timezone.now()
    skp.save(update_fields=["status", "dialogue_started_at", "updated_at"])
    if note.strip():
        _comment(actor, skp, note, CommentKind.DIALOGUE)
    _audit(actor, "skp.plan.dialogue_started", skp, before, {"status": skp.status})
    return skp


@transaction.atomic
def skp_submit(*, actor, skp: Skp) -> Skp:
    """The employee signs and submits the plan; it must be complete (plan_problems)."""
    skp, _acting, before = _transition(actor, skp, "submit")
    problems = plan_problems_of(skp)
    if problems:
        raise ValidationError(problem_messages(skp, problems), code="incomplete")
    skp.submitted_at = timezone.now()
    skp.save(update_fields=["status", "submitted_at", "updated_at"])
    _audit(actor, "skp.plan.submitted", skp, before, {"status": skp.status})
    return skp


@transaction.atomic
def skp_return(*, actor, skp: Skp, comment: str, rhk_comments: dict | None = None) -> Skp:
    """The rater sends the plan back with a comment, and optionally one per RHK."""
    if not comment.strip():
        raise ValidationError({"comment": _("Write what the employee must change.")})
    skp, _acting, before = _transition(actor, skp, "return")
    rhk_comments = rhk_comments or {}
    chosen = choose_many(
        Rhk.objects.filter(skp=skp), rhk_comments, field="rhk_comments", message=NOT_IN_PLAN
    )
    rhks = {rhk.pk: rhk for rhk in chosen}
    skp.returned_at = timezone.now()
    skp.save(update_fields=["status", "returned_at", "updated_at"])
    _comment(actor, skp, comment, CommentKind.RETURN)
    for key, text in rhk_comments.items():
        if text.strip():
            _comment(actor, skp, text, CommentKind.RETURN, rhk=rhks[int(str(key))])
    _audit(actor, "skp.plan.returned", skp, before, {"status": skp.status}, reason=comment)
    return skp


@transaction.atomic
def skp_set(*, actor, skp: Skp, comment: str = "", rhk_comments: dict | None = None) -> Skp:
    """The rater (or, once late, the rater's superior, whose decision is final) sets the plan.

    A new version replaces the one it revises, which becomes superseded and stays readable.
    Comments written while setting stay in the dialogue as notes (`rhk_comments` maps an RHK
    id to its text).
    """
    skp, acting, before = _transition(actor, skp, "set")
    problems = plan_problems_of(skp)
    if problems:
        raise ValidationError(problem_messages(skp, problems), code="incomplete")
    skp.set_at = timezone.now()
    skp.set_by = audit_actor(actor)
    skp.set_by_role = acting
    skp.save(update_fields=["status", "set_at", "set_by", "set_by_role", "updated_at"])
    if skp.previous_id is not None:
        Skp.objects.filter(pk=skp.previous_id, status=SkpStatus.SET).update(
            status=SkpStatus.SUPERSEDED
        )
    _audit(actor, "skp.plan.set", skp, before, {"status": skp.status, "set_by_role": acting})
    if comment.strip():
        comment_add(actor=actor, skp=skp, text=comment)
    for rhk_pk, text in (rhk_comments or {}).items():
        if text.strip():
            comment_add(actor=actor, skp=skp, text=text, rhk=int(str(rhk_pk)))
    return skp


def _comment(actor, skp, text, kind, rhk=None) -> SkpComment:
    check_lengths(SkpComment, text=text.strip())
    user = audit_actor(actor)
    return SkpComment.objects.create(
        skp=skp,
        rhk=rhk,
        author=user,
        author_label=(audit.actor_label(user))[:300],
        kind=kind,
        text=text.strip(),
    )


@transaction.atomic
def comment_add(*, actor, skp: Skp, text: str, rhk: Rhk | int | None = None) -> SkpComment:
    """A note in the performance dialogue, on the plan or on one of its RHK (an instance or
    an id)."""
    require(actor, lambda v: permissions.can_comment(v, skp), _("You may not comment here."))
    if not text.strip():
        raise ValidationError({"text": _("Write a comment.")})
    rhk = choose(Rhk.objects.filter(skp=skp), rhk, field="rhk", message=NOT_IN_PLAN)
    comment = _comment(actor, skp, text, CommentKind.NOTE, rhk=rhk)
    _audit(actor, "skp.comment.added", skp, after={"text": comment.text, "rhk": rhk and rhk.pk})
    return comment


def copy_content(source: Skp, target: Skp) -> None:
    """Copy RHK (keeping their keys), indicators, action plans, behaviours and the annex."""
    target.approach = source.approach
    target.resource_support = source.resource_support
    target.accountability_scheme = source.accountability_scheme
    target.consequences = source.consequences
    target.save()
    rhks = list(Rhk.objects.filter(skp=source).order_by("pk"))
    indicators = list(RhkIndicator.objects.filter(rhk__skp=source).order_by("pk"))
    actions = list(ActionPlan.objects.filter(rhk__skp=source).order_by("pk"))
    new_rhk = {}
    for rhk in rhks:
        old_pk = rhk.pk
        rhk.pk = None
        rhk.skp = target
        new_rhk[old_pk] = rhk
    Rhk.objects.bulk_create(new_rhk.values())
    for indicator in indicators:
        indicator.pk = None
        indicator.rhk = new_rhk[indicator.rhk_id]
    RhkIndicator.objects.bulk_create(indicators)
    for action in actions:
        action.pk = None
        action.rhk = new_rhk[action.rhk_id]
    ActionPlan.objects.bulk_create(actions)
    expectations = dict(
        BehaviourExpectation.objects.filter(skp=source).values_list("value", "special_expectation")
    )
    create_behaviours(target, expectations)


def _check_reason(kind: str, reason: str) -> None:
    from kinerja.skp.models import RevisionKind

    errors = {}
    if kind not in RevisionKind.values:
        errors["revision_kind"] = _("Choose the reason for the change.")
    if not reason.strip():
        errors["revision_reason"] = _("Explain the change.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def skp_revise(*, actor, skp: Skp, kind: str, reason: str) -> Skp:
    """Open a new draft version of a set SKP; the set one stays in force until the new one
    is set (Ps 14(2): the SKP may evolve during the year)."""
    _check_reason(kind, reason)
    if kind in NEW_SKP_REVISION_KINDS:
        raise ValidationError(
            {"revision_kind": _("A mutation or a change of rater starts a new SKP.")}
        )
    skp = lock(skp)
    if skp.status != SkpStatus.SET or not skp.is_latest:
        raise ValidationError(_("Only the SKP in force can be revised."), code="not_set")
    require(actor, lambda v: permissions.can_revise(v, skp), _("You may not revise this SKP."))
    check_lengths(Skp, revision_reason=reason.strip())
    Skp.objects.filter(pk=skp.pk).update(is_latest=False)
    new = Skp.objects.create(
        agency=skp.agency,
        employee=skp.employee,
        year=skp.year,
        series=skp.series,
        version=skp.version + 1,
        previous=skp,
        is_latest=True,
        status=SkpStatus.DRAFT,
        form=skp.form,
        approach=skp.approach,
        position=skp.position,
        unit=skp.unit,
        start_date=skp.start_date,
        end_date=skp.end_date,
        rater=skp.rater,
        rater_position=skp.rater_position,
        rater_label=skp.rater_label,
        rater_superior=skp.rater_superior,
        rater_superior_label=skp.rater_superior_label,
        revision_kind=kind,
        revision_reason=reason.strip(),
    )
    copy_content(skp, new)
    _audit(
        actor,
        "skp.plan.revised",
        new,
        before={"version": skp.version},
        after=audit.snapshot(new, SKP_FIELDS),
        reason=reason,
    )
    return new


@transaction.atomic
def skp_restart(
    *,
    actor,
    skp: Skp,
    kind: str,
    reason: str,
    effective_date: datetime.date,
    copy: bool = False,
) -> Skp:
    """After a mutation or a change of rater, close this plan and start a new one with the new
    post and rater from `effective_date` (domain.md 1.5). Both stay readable."""
    _check_reason(kind, reason)
    if kind not in NEW_SKP_REVISION_KINDS:
        raise ValidationError(
            {"revision_kind": _("Only a mutation or a change of rater starts a new SKP.")}
        )
    skp = lock(skp)
    if not skp.is_latest or skp.status in {SkpStatus.CLOSED, SkpStatus.SUPERSEDED}:
        raise ValidationError(_("This SKP is no longer in force."), code="not_current")
    require(
        actor,
        lambda v: permissions.can_restart(v, skp),
        _("You may not start a new SKP for this employee."),
    )
    return _restart(actor, skp, kind=kind, reason=reason, effective_date=effective_date, copy=copy)


def _restart(actor, skp: Skp, *, kind, reason, effective_date, copy) -> Skp:
    """Close the locked plan `skp` the day before `effective_date` and start the new one."""
    if not (skp.start_date < effective_date <= skp.end_date):
        raise ValidationError(
            {"effective_date": _("The date must fall after the start of this SKP, in its year.")}
        )
    refuse_if_exempt(skp.employee, effective_date, field="effective_date", actor=actor)
    fields = chain_fields(skp.employee, effective_date)
    before = {"status": skp.status, "end_date": skp.end_date.isoformat()}
    Skp.objects.filter(pk=skp.pk).update(
        status=SkpStatus.CLOSED, end_date=effective_date - datetime.timedelta(days=1)
    )
    new = Skp(
        agency=skp.agency,
        employee=skp.employee,
        year=skp.year,
        start_date=effective_date,
        end_date=datetime.date(skp.year, 12, 31),
        revision_kind=kind,
        revision_reason=reason.strip(),
        **fields,
    )
    new.full_clean()
    new.save()
    if copy:
        copy_content(skp, new)
        Rhk.objects.filter(skp=new).update(intervened_rhk=None, intervened_indicator=None)
    else:
        create_behaviours(new)
        if new.form == rules.FORM_JPT:
            _agreement_rhks(new)
    skp.refresh_from_db()
    after = {"status": skp.status, "end_date": skp.end_date.isoformat()}
    _audit(actor, "skp.plan.closed", skp, before, after, reason)
    _audit(actor, "skp.plan.created", new, after=audit.snapshot(new, SKP_FIELDS), reason=reason)
    return new


@transaction.atomic
def skp_restart_for_new_rater(*, actor, skp: Skp) -> Skp:
    """One click after the organisation data flag the plan in force (a mutation or a change of
    rater, see selectors.rater_change): close it and start the new plan with the post and
    rater of today, from the day the change began (PermenPANRB 6/2022 Lampiran p.65 items 6-7).

    After a change of rater the results are copied without their links to the old leader's
    RHK; after a mutation the new post starts empty (a JPT's from its PK). The employee, the
    rater the plan names, the new rater and BKPSDM may take the step.
    """
    from kinerja.skp.selectors.rater_change import change_began, rater_change_of

    skp = lock(skp)
    day = today_of(actor)
    change = rater_change_of(skp, day) if skp.is_latest else None
    require(
        actor,
        lambda v: (
            permissions.can_restart_for_new_rater(v, skp, change)
            or (change is None and permissions.can_restart(v, skp))
        ),
        _("You may not start a new SKP for this employee."),
    )
    if change is None:
        raise ValidationError(
            _("The organisation data name the same post and rater as this SKP."),
            code="no_rater_change",
        )
    if change.is_mutation:
        reason = _("Mutation to %(position)s; rater: %(rater)s.")
    else:
        reason = _("Change of rater from %(old)s to %(rater)s.")
    reason = reason % {
        "position": change.now.position.name,
        "old": skp.rater_label,
        "rater": change.new_rater_label or "-",
    }
    return _restart(
        actor,
        skp,
        kind=change.kind,
        reason=reason,
        effective_date=change_began(change),
        copy=not change.is_mutation,
    )


def ensure_not_set(skp: Skp) -> None:  # used by the matrix and templates
    ensure_editable(skp)


__all__ = [
    "comment_add",
    "copy_content",
    "skp_restart",
    "skp_restart_for_new_rater",
    "skp_return",
    "skp_revise",
    "skp_set",
    "skp_start_dialogue",
    "skp_submit",
    "today_of",
]
