"""The public read-only API of the transparency portal: `/api/v1/public/portal/...`, no login.

The publications of an agency (the address's `instansi`, else the public pages' agency) and the
tables of one (its current version, or an earlier one by `version`): indicators, goals, units,
satisfaction, complaints and forums, in pages, filtered by unit and indicator. Every answer
comes from a published snapshot only and carries the open-data licence. Identifiers are the
records' own ids, stable across versions and periods.

Answers are cached per published version and carry ETag, Last-Modified (the version's
publication time) and Cache-Control; a request whose If-None-Match holds the ETag answers 304
without a body. Reads of published data are not rate-limited.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from typing import Annotated, Literal

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.utils.http import http_date
from ninja import Field, Query, Router, Schema
from pydantic import StringConstraints

from kinerja.api.pagination import LimitOffset
from kinerja.api.schemas import ErrorOut, responses
from kinerja.api.types import Id
from kinerja.org.selectors import public_agency
from kinerja.org.selectors.public import AGENCY_CODE_MAX
from kinerja.portal import opendata
from kinerja.portal.selectors import public as selectors

router = Router(tags=["public transparency portal"])

PREFIX = "/public/portal/publications"
MAX_AGE = 300
VERSION_MAX = 32767

AgencyCode = Annotated[
    str,
    StringConstraints(min_length=1, max_length=AGENCY_CODE_MAX, pattern=r"^[^\x00-\x1f]+$"),
]
# A decimal as the snapshot holds it: text with a dot ("87.50"), so the digits are those computed.
DecimalText = str | None


# --- shapes ---------------------------------------------------------------------------------


class LicenceOut(Schema):
    name: str = Field(description="The licence's identifier (SPDX), e.g. CC-BY-4.0.")
    path: str = Field(description="The address of the licence's text.")


class PublishedAgencyOut(Schema):
    code: str = Field(description="The agency's code, as `instansi` takes it.")
    name: str = Field(description="The agency's name.")
    region_name: str = Field(description="The region it governs.")


class PublishedPeriodOut(Schema):
    kind: Literal["month", "quarter", "year"] = Field(description="month, quarter or year.")
    number: int = Field(ge=1, le=12, description="1-12 for a month, 1-4 for a quarter, 1.")
    year: int = Field(description="The calendar year.")
    start: datetime.date = Field(description="The period's first day.")
    end: datetime.date = Field(description="The period's last day.")


class VersionOut(Schema):
    version: int = Field(description="The version's number, from 1.")
    published_at: datetime.datetime = Field(description="When it was published.")
    reason: str = Field(description="Why it corrects the version before; empty for the first.")
    publisher_office: str = Field(description="The office that published it (never a person).")


class PublicationOut(Schema):
    id: int = Field(description="Stable id of the publication (one period of one agency).")
    agency: PublishedAgencyOut = Field(description="The agency that publishes it.")
    period: PublishedPeriodOut = Field(description="The performance period it covers.")
    version: int = Field(description="The number of the version answered.")
    published_at: datetime.datetime = Field(description="When that version was published.")
    capaian: DecimalText = Field(description="The agency's capaian (%) of the period.")
    minimum_group: int = Field(description="Figures from fewer people than this are withheld.")


class PublicationDetailOut(PublicationOut):
    current_version: int = Field(description="The number of the current version.")
    versions: list[VersionOut] = Field(description="Every published version, oldest first.")
    tables: list[str] = Field(description="The tables of the publication, as paths take them.")
    licence: LicenceOut = Field(description="The licence of the published data.")


class PublicationListOut(Schema):
    count: int = Field(description="How many publications match the filters, over all pages.")
    items: list[PublicationOut] = Field(description="One page of them, newest period first.")
    licence: LicenceOut = Field(description="The licence of the published data.")


class TrendOut(Schema):
    label: str = Field(description="The earlier period, e.g. '2026 Q1'.")
    kind: str = Field(description="month, quarter or year.")
    number: int = Field(description="Its number in the year.")
    year: int = Field(description="Its year.")
    value: DecimalText = Field(description="The figure of that period.")


class PublishedIndicatorOut(Schema):
    id: int = Field(description="Stable id of the indicator.")
    unit_id: int = Field(description="Id of the unit that reports it.")
    goal_id: int | None = Field(description="Id of the goal it measures; null: none.")
    name: str = Field(description="Name of the indicator.")
    unit_of_measure: str = Field(description="Its unit of measure (satuan).")
    polarity: str = Field(description="Whether higher or lower is better.")
    target: DecimalText = Field(description="Target of the period.")
    target_high: DecimalText = Field(description="Upper end of a range target.")
    realisation: DecimalText = Field(description="Verified realisation of the period.")
    capaian: DecimalText = Field(description="Achievement against the target (%).")
    trend: list[TrendOut] = Field(description="Capaian of the earlier periods of the year.")


class PublishedGoalOut(Schema):
    id: int = Field(description="Stable id of the goal.")
    unit_id: int = Field(description="Id of the unit that owns it.")
    name: str = Field(description="Statement of the goal.")
    capaian: DecimalText = Field(description="Achievement of the goal (%).")


class PublishedUnitOut(Schema):
    id: int = Field(description="Stable id of the unit.")
    name: str = Field(description="Name of the unit.")
    parent_id: int | None = Field(description="Id of the unit above it; null: the top.")
    is_service_unit: bool = Field(description="Whether it serves the public directly.")
    head_office: str = Field(description="The post of the unit's head (never a person).")
    capaian: DecimalText = Field(description="Achievement of the unit (%).")
    predikat: str | None = Field(description="Organisation predikat where the agency shows it.")


class PublishedSatisfactionOut(Schema):
    unit_id: int = Field(description="Id of the service unit.")
    service_id: int | None = Field(description="Id of the service; null: the whole unit.")
    service_name: str = Field(description="Name of the service.")
    respondents: int | None = Field(description="Respondents; null when withheld.")
    ikm: DecimalText = Field(description="Community satisfaction index, 25-100.")
    grade: str | None = Field(description="Grade of the index, A-D.")
    weakest: list[str] = Field(description="Keys of the weakest survey elements, weakest first.")
    suppressed: str | None = Field(
        description="Why the figures are withheld (small_group, protects_another); null: shown."
    )
    trend: list[TrendOut] = Field(description="The IKM of the earlier periods.")


class PublishedComplaintsOut(Schema):
    unit_id: int | None = Field(description="Id of the unit; null: the whole agency.")
    received: int | None = Field(description="Complaints received; null when withheld.")
    answered: int | None = Field(description="Complaints answered; null when withheld.")
    answered_on_time: int | None = Field(description="Answered on time; null when withheld.")
    median_days: DecimalText = Field(description="Median working days to an answer.")
    suppressed: str | None = Field(description="Why the figures are withheld; null: shown.")


class PublishedForumsOut(Schema):
    unit_id: int = Field(description="Id of the unit.")
    forums: int = Field(description="Public consultation forums held.")
    commitments: int = Field(description="Commitments made in them.")
    done: int = Field(description="Commitments done.")
    done_on_time: int = Field(description="Commitments done on time.")


def _table_out(name: str, row_schema):
    fields = {
        "publication_id": (int, Field(description="Id of the publication.")),
        "version": (int, Field(description="The number of the version answered.")),
        "count": (int, Field(description="How many rows match the filters, over all pages.")),
        "items": (list[row_schema], Field(description="One page of rows, in published order.")),
        "licence": (LicenceOut, Field(description="The licence of the published data.")),
    }
    annotations = {key: value[0] for key, value in fields.items()}
    namespace = {key: value[1] for key, value in fields.items()}
    namespace["__annotations__"] = annotations
    return type(name, (Schema,), namespace)


TABLE_SCHEMAS = {
    "indicators": (PublishedIndicatorOut, _table_out("IndicatorTableOut", PublishedIndicatorOut)),
    "goals": (PublishedGoalOut, _table_out("GoalTableOut", PublishedGoalOut)),
    "units": (PublishedUnitOut, _table_out("UnitTableOut", PublishedUnitOut)),
    "satisfaction": (
        PublishedSatisfactionOut,
        _table_out("SatisfactionTableOut", PublishedSatisfactionOut),
    ),
    "complaints": (
        PublishedComplaintsOut,
        _table_out("ComplaintsTableOut", PublishedComplaintsOut),
    ),
    "forums": (PublishedForumsOut, _table_out("ForumsTableOut", PublishedForumsOut)),
}


class AgencyFilter(Schema):
    instansi: AgencyCode | None = Field(
        None, description="The agency's code; by default the deployment's public agency."
    )


class PublicationFilters(LimitOffset.Input):
    instansi: AgencyCode | None = Field(
        None, description="The agency's code; by default the deployment's public agency."
    )
    year: int | None = Field(None, ge=2000, le=2100, description="Only periods of this year.")
    kind: Literal["month", "quarter", "year"] | None = Field(
        None, description="Only periods of this kind."
    )
    number: int | None = Field(None, ge=1, le=12, description="Only the period of this number.")


class VersionFilter(Schema):
    instansi: AgencyCode | None = Field(
        None, description="The agency's code; by default the deployment's public agency."
    )
    version: int | None = Field(
        None, ge=1, le=VERSION_MAX, description="An earlier published version; default current."
    )


class TableFilters(LimitOffset.Input):
    instansi: AgencyCode | None = Field(
        None, description="The agency's code; by default the deployment's public agency."
    )
    version: int | None = Field(
        None, ge=1, le=VERSION_MAX, description="An earlier published version; default current."
    )
    unit: Id | None = Field(None, description="Only the rows of this unit.")
    indicator: Id | None = Field(None, description="Only this indicator (the indicators table).")


def _public_responses(ok_schema) -> dict:
    """No login: no 401; 404 for an agency or publication that does not exist (or is not
    published), 429 documented as for every public operation, 422 for a malformed parameter."""
    documented = {ok: schema for ok, schema in responses(ok_schema).items() if ok != 401}
    return {**documented, 404: ErrorOut, 429: ErrorOut}


# --- caching --------------------------------------------------------------------------------


def _agency(code: str | None):
    agency = public_agency(code or "")
    if agency is None:
        raise Http404
    return agency


def _cached(request, stamp: selectors.Stamp, parts, build, schema) -> HttpResponse:
    """The answer `build()` gives, as `schema` writes it, with its caching headers: the JSON
    itself is cached per version and parameters, so a warm answer is bytes read from the cache,
    not a model validated again; 304 when the caller already has it."""
    digest = hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()
    etag = f'"a{stamp.version_id}-{digest[:16]}"'
    headers = {
        "ETag": etag,
        "Last-Modified": http_date(stamp.published_at.timestamp()),
        "Cache-Control": f"public, max-age={MAX_AGE}",
        "Link": f'<{settings.PORTAL_LICENCE_URL}>; rel="license"',
    }
    asked = [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]
    if etag in asked or "*" in asked:
        answer = HttpResponse(status=304)
    else:
        key = f"portal:api:{stamp.version_id}:{digest}"
        body = cache.get(key)
        if body is None:
            written = schema.model_validate(build()).model_dump(mode="json")
            body = json.dumps(written, ensure_ascii=False).encode()
            cache.set(key, body, settings.PORTAL_CACHE_SECONDS)
        answer = HttpResponse(body, content_type="application/json; charset=utf-8")
    for name, value in headers.items():
        answer[name] = value
    return answer


def _publication(version) -> dict:
    snapshot = version.snapshot
    return {
        "id": version.publication_id,
        "agency": snapshot["agency"],
        "period": snapshot["period"],
        "version": version.version,
        "published_at": version.published_at,
        "capaian": snapshot.get("capaian"),
        "minimum_group": snapshot.get("minimum_group"),
    }


def _matches(version, filters: PublicationFilters) -> bool:
    period = version.publication.period
    return (
        (filters.year is None or period.start_date.year == filters.year)
        and (filters.kind is None or period.kind == filters.kind)
        and (filters.number is None or period.number == filters.number)
    )


# --- operations -----------------------------------------------------------------------------


@router.get(
    PREFIX,
    auth=None,
    response=_public_responses(PublicationListOut),
    operation_id="portal_public_publications",
    summary="The agency's publications in their current version, newest period first",
)
def publications(request, filters: Query[PublicationFilters]):
    agency = _agency(filters.instansi)
    stamp = selectors.agency_stamp(agency)
    if stamp is None:
        return {"count": 0, "items": [], "licence": opendata.licence()}

    def build():
        found = [v for v in selectors.current_versions(agency) if _matches(v, filters)]
        page = found[filters.offset : filters.offset + filters.limit]
        return {
            "count": len(found),
            "items": [_publication(v) for v in page],
            "licence": opendata.licence(),
        }

    parts = ["list", *filters.model_dump().items()]
    return _cached(request, stamp, parts, build, PublicationListOut)


@router.get(
    f"{PREFIX}/{{publication_id}}",
    auth=None,
    response=_public_responses(PublicationDetailOut),
    operation_id="portal_public_publication",
    summary="One publication: its figures' summary, versions with their reasons and tables",
)
def publication(request, publication_id: Id, filters: Query[VersionFilter]):
    agency = _agency(filters.instansi)
    current = selectors.version_of_light(agency, publication_id)
    if filters.version is not None:
        selectors.version_of_light(agency, publication_id, filters.version)
    stamp = selectors.Stamp(current.pk, current.published_at)

    def build():
        version = selectors.version_of(agency, publication_id, filters.version)
        return {
            **_publication(version),
            "current_version": current.version,
            "versions": [
                {
                    "version": v.version,
                    "published_at": v.published_at,
                    "reason": v.reason,
                    "publisher_office": v.publisher_office,
                }
                for v in selectors.history(version)
            ],
            "tables": list(opendata.TABLES),
            "licence": opendata.licence(),
        }

    return _cached(request, stamp, ["detail", filters.version], build, PublicationDetailOut)


def _table_operation(table: str):
    page_schema = TABLE_SCHEMAS[table][1]

    def operation(request, publication_id: Id, filters: Query[TableFilters]):
        agency = _agency(filters.instansi)
        light = selectors.version_of_light(agency, publication_id, filters.version)
        stamp = selectors.Stamp(light.pk, light.published_at)

        def build():
            version = selectors.version_of(agency, publication_id, filters.version)
            rows = version.snapshot.get(table, [])
            if filters.unit is not None:
                rows = [row for row in rows if row.get("unit_id") == filters.unit]
            if filters.indicator is not None and table == "indicators":
                rows = [row for row in rows if row.get("id") == filters.indicator]
            return {
                "publication_id": publication_id,
                "version": version.version,
                "count": len(rows),
                "items": rows[filters.offset : filters.offset + filters.limit],
                "licence": opendata.licence(),
            }

        parts = [table, *filters.model_dump().items()]
        return _cached(request, stamp, parts, build, page_schema)

    operation.__name__ = f"publication_{table}"
    router.get(
        f"{PREFIX}/{{publication_id}}/{table}",
        auth=None,
        response=_public_responses(page_schema),
        operation_id=f"portal_public_{table}",
        summary=f"The {table} table of a publication, in pages, filtered by unit",
    )(operation)
    return operation


for _table in opendata.TABLES:
    _table_operation(_table)
