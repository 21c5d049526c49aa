"""Reads of the SKP editor that come on top of selectors_plan: the leader's indicators."""

from __future__ import annotations

from django.db.models import QuerySet

from kinerja.skp.models import RhkIndicator


def choosable_leader_indicators(leader_rhks) -> QuerySet[RhkIndicator]:
    """Indicators an RHK may intervene in: those of the leader RHK it intervenes in (the
    editor offers those of every leader RHK on offer, by RHK)."""
    return RhkIndicator.objects.filter(rhk__in=list(leader_rhks))


def leader_indicator_choices(leader_rhks) -> dict[int, list[RhkIndicator]]:
    """Indicators of the leader RHK a plan may intervene in, by RHK, in one query.

    `leader_rhks` are the choices of `selectors_plan.leader_rhk_choices`, which already keep
    the RHK stored on the plan; a stored indicator belongs to its stored RHK (the service
    checks it), so it stays selectable with it.
    """
    ids = [rhk.pk for rhk in leader_rhks]
    by_rhk: dict[int, list[RhkIndicator]] = {pk: [] for pk in ids}
    if not ids:
        return by_rhk
    for indicator in choosable_leader_indicators(ids).order_by("rhk_id", "order", "pk"):
        by_rhk[indicator.rhk_id].append(indicator)
    return by_rhk


def rhk_indicator_texts(ids) -> dict[int, str]:
    """Texts of RHK indicators by id, for the version diff."""
    ids = [pk for pk in ids if pk]
    if not ids:
        return {}
    return dict(RhkIndicator.objects.filter(pk__in=ids).values_list("pk", "text"))
