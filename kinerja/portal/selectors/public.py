"""What anyone may read on the portal: the published versions of an agency's publications, and
the figures inside them. Nothing here reads live performance data: every figure comes from a
frozen snapshot (`kinerja.portal.snapshot`), so nothing unpublished or personal can show.

A version is published once its `published_at` has come; of each publication only the current
version (the highest published, `rules.current_version`) is shown, unless a reader asks for an
earlier one by its number, which the page marks as superseded. An id outside the agency, or
not in the snapshot, is 404 like a missing one.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import connection
from django.db.models import Max, OuterRef, QuerySet, Subquery
from django.db.models.fields.json import KT
from django.http import Http404
from django.utils import timezone

from kinerja.core.queries import Prepared
from kinerja.portal import rules
from kinerja.portal.models import PublicationVersion
from kinerja.surveys.models import SurveyPoint

SEARCH_MAX = 100


def _published(agency) -> QuerySet[PublicationVersion]:
    return PublicationVersion.objects.filter(
        publication__agency=agency, published_at__lte=timezone.now()
    )


def _current(agency) -> QuerySet[PublicationVersion]:
    """The current version of each publication of the agency, newest period first (of two
    periods ending the same day, the longer one: the year before its last quarter)."""
    newest = (
        PublicationVersion.objects.filter(
            publication=OuterRef("publication"), published_at__lte=timezone.now()
        )
        .order_by("-version")
        .values("pk")[:1]
    )
    return (
        _published(agency)
        .filter(pk=Subquery(newest))
        .select_related("publication__period")
        .order_by("-publication__period__end_date", "publication__period__start_date")
    )


@dataclass(frozen=True)
class Stamp:
    """What a page of the agency depends on: its newest published version. A new publication or
    correction has a higher id, so a cache key or an ETag holding it changes by itself."""

    version_id: int
    published_at: object  # datetime


# Every portal page and API answer asks it first (the cache key): compiled once.
_newest = Prepared(
    lambda agency_id, now: (
        PublicationVersion.objects.filter(publication__agency_id=agency_id, published_at__lte=now)
        .order_by()
        .values("publication__agency_id")
        .annotate(newest=Max("pk"), at=Max("published_at"))
        .values_list("newest", "at")
    ),
    agency_id=int,
    now=datetime.datetime,
)


def agency_stamp(agency) -> Stamp | None:
    found = _newest(agency_id=agency.pk, now=timezone.now())
    if not found or found[0][0] is None:
        return None
    return Stamp(*found[0])


def _summarised(found: QuerySet[PublicationVersion]) -> list[PublicationVersion]:
    """The versions with only the summary of their figures in `snapshot` (agency, period,
    capaian, smallest group), read as such from the database: a province's snapshot weighs
    megabytes, its summary a few bytes. For reading only (a published version is never saved
    again)."""
    versions = list(found.defer("snapshot"))
    # Objects come back decoded; scalars are read as text (a JSON key read by SQLite would turn
    # the capaian "88.40" into the number 88.4).
    rows = found.annotate(
        summary_capaian=KT("snapshot__capaian"), summary_minimum=KT("snapshot__minimum_group")
    ).values("pk", "snapshot__agency", "snapshot__period", "summary_capaian", "summary_minimum")
    parts = {row["pk"]: row for row in rows}
    for version in versions:
        row = parts[version.pk]
        minimum = row["summary_minimum"]
        version.snapshot = {
            "agency": row["snapshot__agency"],
            "period": row["snapshot__period"],
            "capaian": row["summary_capaian"],
            "minimum_group": int(minimum) if minimum is not None else None,
        }
    return versions


def current_versions(agency) -> list[PublicationVersion]:
    """Every publication of the agency in its current version, with the summary of its figures
    (agency, period, capaian, smallest group), not the tables."""
    return _summarised(_current(agency))


def published_parts(agency, year: int, *, exclude_period=None) -> list[tuple]:
    """The periods of `year` already published, in their current version, with what they
    show of the satisfaction survey and of complaints: (kind, number, year, satisfaction,
    complaints), the parts as the snapshot holds them (a publishing system read, no viewer).
    `exclude_period` is the period being published again (a correction decides anew)."""
    found = _current(agency).filter(publication__period__performance_year__year=year)
    if exclude_period is not None:
        found = found.exclude(publication__period=exclude_period)
    return list(
        found.order_by().values_list(
            "publication__period__kind",
            "publication__period__number",
            "publication__period__performance_year__year",
            "snapshot__satisfaction",
            "snapshot__complaints",
        )
    )


def latest(agency) -> PublicationVersion | None:
    """The current version of the agency's newest publication, with its figures."""
    return _current(agency).first()


def version_of(agency, publication_id: int, version: int | None = None) -> PublicationVersion:
    """The current version of one of the agency's publications, or the published version with
    that number; 404 otherwise."""
    if version is None:
        found = _current(agency).filter(publication_id=publication_id).first()
    else:
        found = (
            _published(agency)
            .filter(publication_id=publication_id, version=version)
            .select_related("publication__period")
            .first()
        )
    if found is None:
        raise Http404
    return found


_LIGHT = ("pk", "published_at", "version", "publication_id")


def _current_light(agency_id: int, publication_id: int, now):
    newest = (
        PublicationVersion.objects.filter(
            publication=OuterRef("publication"), published_at__lte=now
        )
        .order_by("-version")
        .values("pk")[:1]
    )
    return (
        PublicationVersion.objects.filter(
            publication__agency_id=agency_id,
            publication_id=publication_id,
            published_at__lte=now,
            pk=Subquery(newest),
        )
        .only(*_LIGHT)
        .order_by()[:1]
    )


def _version_light(agency_id: int, publication_id: int, version: int, now):
    return (
        PublicationVersion.objects.filter(
            publication__agency_id=agency_id,
            publication_id=publication_id,
            version=version,
            published_at__lte=now,
        )
        .only(*_LIGHT)
        .order_by()[:1]
    )


# Every API answer of a publication asks it first (the cache key): compiled once.
_light_current = Prepared(_current_light, agency_id=int, publication_id=int, now=datetime.datetime)
_light_version = Prepared(
    _version_light, agency_id=int, publication_id=int, version=int, now=datetime.datetime
)


def version_of_light(agency, publication_id: int, version: int | None = None):
    """`version_of` without the figures: enough for a cache key or an ETag."""
    values = {"agency_id": agency.pk, "publication_id": publication_id, "now": timezone.now()}
    if version is None:
        found = _light_current(**values)
    else:
        found = _light_version(**values, version=version)
    if not found:
        raise Http404
    return found[0]


def history(version: PublicationVersion) -> list[PublicationVersion]:
    """Every published version of the publication, oldest first, without the figures."""
    versions = list(
        PublicationVersion.objects.filter(
            publication_id=version.publication_id, published_at__lte=timezone.now()
        )
        .defer("snapshot")
        .order_by("version")
    )
    rules.history(v.version for v in versions)  # a version is published once
    return versions


def current_number(versions: list[PublicationVersion]) -> int | None:
    return rules.current_version(v.version for v in versions)


def survey_points(agency, unit_id: int) -> list[SurveyPoint]:
    """The active counters of an active service unit, whose public survey a citizen may answer
    (the tokens are printed on the counters' QR posters)."""
    return list(
        SurveyPoint.objects.filter(
            unit_id=unit_id,
            unit__agency=agency,
            unit__is_active=True,
            unit__is_service_unit=True,
            is_active=True,
        )
        .select_related("service")
        .order_by("name")
    )


# --- the figures of a version ------------------------------------------------------------------


def decimal(text) -> Decimal | None:
    """A published decimal ("87.50"), or None when withheld or missing."""
    if text in (None, ""):
        return None
    try:
        return Decimal(str(text))
    except InvalidOperation:
        return None


class Figures:
    """Reading one snapshot: units, their goals, indicators, satisfaction, complaints and forums.

    Every list keeps the snapshot's order; a unit, indicator or service not in it is 404."""

    def __init__(self, version: PublicationVersion):
        self.version = version
        self.data = version.snapshot
        self.units = {unit["id"]: unit for unit in self.data.get("units", [])}

    @property
    def period(self) -> dict:
        return self.data["period"]

    @property
    def minimum_group(self) -> int:
        return self.data.get("minimum_group", rules.DEFAULT_MINIMUM_GROUP)

    def unit(self, unit_id: int) -> dict:
        if unit_id not in self.units:
            raise Http404
        return self.units[unit_id]

    def _of(self, part: str, unit_id) -> list[dict]:
        return [row for row in self.data.get(part, []) if row.get("unit_id") == unit_id]

    def goals_of(self, unit_id: int) -> list[dict]:
        return self._of("goals", unit_id)

    def indicators_of(self, unit_id: int) -> list[dict]:
        return self._of("indicators", unit_id)

    def satisfaction_of(self, unit_id: int) -> list[dict]:
        """The unit's rows: the whole unit first, then each service."""
        rows = self._of("satisfaction", unit_id)
        return sorted(rows, key=lambda row: row.get("service_id") is not None)

    def complaints_of(self, unit_id: int | None) -> dict | None:
        rows = self._of("complaints", unit_id)
        return rows[0] if rows else None

    def forums_of(self, unit_id: int) -> dict | None:
        rows = self._of("forums", unit_id)
        return rows[0] if rows else None

    def service_units(self) -> list[dict]:
        return [unit for unit in self.units.values() if unit.get("is_service_unit")]

    def unit_rows(self) -> list[dict]:
        """Each unit with its name beside its figures, for the tables of the overview."""
        return list(self.units.values())

    def goal_rows(self) -> list[dict]:
        return [
            {**goal, "unit_name": self.units.get(goal["unit_id"], {}).get("name", "")}
            for goal in self.data.get("goals", [])
        ]

    def satisfaction_rows(self) -> list[dict]:
        """The whole-unit satisfaction of each unit."""
        return [
            {**row, "unit_name": self.units.get(row["unit_id"], {}).get("name", "")}
            for row in self.data.get("satisfaction", [])
            if row.get("service_id") is None
        ]

    def complaint_rows(self) -> list[dict]:
        return [
            {**row, "unit_name": self.units.get(row["unit_id"], {}).get("name", "")}
            for row in self.data.get("complaints", [])
        ]

    def forum_rows(self) -> list[dict]:
        return [
            {**row, "unit_name": self.units.get(row["unit_id"], {}).get("name", "")}
            for row in self.data.get("forums", [])
        ]

    def search(self, text: str) -> tuple[list[dict], list[dict]]:
        """Units and indicators whose name holds every word of `text` (any case)."""
        words = text.casefold().split()
        if not words:
            return [], []

        def matches(name: str) -> bool:
            folded = name.casefold()
            return all(word in folded for word in words)

        units = [u for u in self.units.values() if matches(u["name"])][:SEARCH_MAX]
        indicators = [
            {**i, "unit_name": self.units.get(i["unit_id"], {}).get("name", "")}
            for i in self.data.get("indicators", [])
            if matches(i["name"])
        ][:SEARCH_MAX]
        return units, indicators


def appearances(agency, unit_id: int) -> list[PublicationVersion]:
    """The current versions of the agency's publications whose figures name the unit (with
    their summary): found in the database where it can look into JSON (PostgreSQL's @>), else by
    reading only the units of each."""
    found = _current(agency)
    if connection.features.supports_json_field_contains:
        return _summarised(found.filter(snapshot__units__contains=[{"id": unit_id}]))
    naming = [
        pk
        for pk, units in found.values_list("pk", "snapshot__units")
        if any(unit["id"] == unit_id for unit in units or ())
    ]
    return _summarised(found.filter(pk__in=naming))
