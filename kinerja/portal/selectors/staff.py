"""Reads of the publishing side: an agency's periods with their state, what blocks a period
from being published, a publication and its versions. Scoped to the viewer: another agency's
period or publication is missing (404)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.http import Http404

from kinerja.iku.models import (
    DecisionStatus,
    OrgPredikatDecision,
    Period,
    Realisation,
    RealisationStatus,
    ResultsComputation,
)
from kinerja.portal import permissions, rules
from kinerja.portal.models import Publication, PublicationVersion


@dataclass(frozen=True)
class Counts:
    pending_recomputations: int
    unverified: int
    undecided: int

    @property
    def blockers(self) -> list[rules.Blocker]:
        return rules.publication_blockers(
            self.pending_recomputations, self.unverified, self.undecided
        )


def _included_realisations(period_ids):
    """Realisations of the periods' included indicators: active, of an active goal whose plan
    covers the period's year."""
    return Realisation.objects.filter(
        period_id__in=period_ids,
        indicator__is_active=True,
        indicator__goal__is_active=True,
    ).values_list(
        "period_id", "status", "indicator__goal__plan_start_year", "indicator__goal__plan_end_year"
    )


def blocker_counts(periods) -> dict[int, Counts]:
    """What stops each period (of one agency) from being published, in three queries.

    Pending: the year's recomputation was asked for after its last computation. Unverified:
    a realisation of one of the period's included indicators not (yet) verified, a draft
    included. Undecided: an organisation predikat of the period still a proposal; every
    period of the calendar (the months or quarters and the year) has its predikat decided
    (`kinerja.iku`), so each is checked.
    """
    periods = list(periods)
    ids = [p.pk for p in periods]
    years = {p.pk: p.performance_year.year for p in periods}
    pending = {
        c.performance_year_id: c.is_pending
        for c in ResultsComputation.objects.filter(
            performance_year_id__in={p.performance_year_id for p in periods}
        )
    }
    unverified = dict.fromkeys(ids, 0)
    for period_id, status, start, end in _included_realisations(ids):
        if status != RealisationStatus.VERIFIED and start <= years[period_id] <= end:
            unverified[period_id] += 1
    undecided = dict.fromkeys(ids, 0)
    for period_id in OrgPredikatDecision.objects.filter(
        period_id__in=ids, status=DecisionStatus.PROPOSED
    ).values_list("period_id", flat=True):
        undecided[period_id] += 1
    return {
        p.pk: Counts(
            int(pending.get(p.performance_year_id, False)), unverified[p.pk], undecided[p.pk]
        )
        for p in periods
    }


def blockers_of(period) -> list[rules.Blocker]:
    return blocker_counts([period])[period.pk].blockers


@dataclass
class PeriodState:
    period: Period
    counts: Counts
    publication: Publication | None = None
    versions: list[PublicationVersion] = field(default_factory=list)

    @property
    def blockers(self) -> list[rules.Blocker]:
        return self.counts.blockers

    @property
    def current(self) -> PublicationVersion | None:
        return self.versions[0] if self.versions else None

    @property
    def is_ready(self) -> bool:
        """May be published for the first time now."""
        return self.publication is None and not self.blockers


def _agency_periods(viewer):
    if not viewer.is_authenticated:
        return Period.objects.none()
    return Period.objects.filter(performance_year__agency_id=viewer.agency_id)


def period_states(viewer, *, until=None) -> list[PeriodState]:
    """The agency's periods that have ended (by `until`, default today), newest first, each
    with its blockers and its publication: five queries whatever the number of periods.
    Only for those who publish (an empty list for anyone else)."""
    if not permissions.can_publish(viewer):
        return []
    until = until or viewer.today
    periods = list(
        _agency_periods(viewer)
        .filter(end_date__lt=until)
        .select_related("performance_year")
        .order_by("-end_date", "kind")
    )
    counts = blocker_counts(periods)
    publications = {
        p.period_id: p
        for p in Publication.objects.filter(period__in=periods).prefetch_related(
            Prefetch("versions", queryset=PublicationVersion.objects.order_by("-version"))
        )
    }
    states = []
    for period in periods:
        publication = publications.get(period.pk)
        versions = list(publication.versions.all()) if publication else []
        states.append(PeriodState(period, counts[period.pk], publication, versions))
    return states


def ready_to_publish(viewer) -> list[PeriodState]:
    return [state for state in period_states(viewer) if state.is_ready]


def get_period(viewer, pk) -> Period:
    """A period of the viewer's agency (404 otherwise); whether they may publish is separate."""
    period = (
        _agency_periods(viewer).select_related("performance_year__agency").filter(pk=pk).first()
        if str(pk).isdigit()
        else None
    )
    if period is None:
        raise Http404
    return period


def get_publication(viewer, pk) -> Publication:
    if not viewer.is_authenticated or not str(pk).isdigit():
        raise Http404
    found = (
        Publication.objects.filter(agency_id=viewer.agency_id, pk=pk)
        .select_related("period__performance_year", "agency")
        .first()
    )
    if found is None:
        raise Http404
    return found


def publication_versions(publication) -> list[PublicationVersion]:
    return list(publication.versions.order_by("-version"))


def get_version(viewer, publication_pk, version: int) -> PublicationVersion:
    publication = get_publication(viewer, publication_pk)
    found = publication.versions.filter(version=version).first()
    if found is None:
        raise Http404
    return found


def publication_of(period) -> Publication | None:
    return Publication.objects.filter(period=period).first()
