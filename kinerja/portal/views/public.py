"""The public transparency portal: no login, no JavaScript, published figures only.

`/portal/` shows the regency's newest publication (capaian, goals, units, satisfaction,
complaints, forums) and the list of publications; a unit's page, a service unit's page, search,
and a publication's page with its version history and downloads (CSV, JSON, a Frictionless
data package) and the DCAT catalogue of every publication (`data.json`).

The agency is the public pages' one rule (`kinerja.org.views.served_agency`); every link keeps
the visitor's choice (`served.query`). Each page is cached per published version: the key and
the ETag hold the id of the newest version the page depends on, so a publication or correction
shows at once; an unchanged page answers 304 to a browser that has it.
"""

from __future__ import annotations

import hashlib
import json

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kinerja.core.numbers import is_ascii_digits
from kinerja.org.selectors import AGENCY_PARAM
from kinerja.org.views import choose_agency, served_agency
from kinerja.portal import charts, documents, opendata
from kinerja.portal.selectors import public as selectors
from kinerja.portal.templatetags.portal_public import period_label

BASE_TEMPLATE = "portal/public/base.html"
SEARCH_MAX_CHARACTERS = 100
VERSION_MAX = 32767
DOWNLOAD_MAX_AGE = 24 * 3600  # a published version never changes


# --- caching ----------------------------------------------------------------------------------


def _etag(stamp: selectors.Stamp, *parts) -> str:
    digest = hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()[:16]
    return f'"p{stamp.version_id}-{digest}"'


def _headers(response, etag: str, stamp: selectors.Stamp, *, max_age: int = 0, vary=True):
    response["ETag"] = etag
    response["Last-Modified"] = http_date(stamp.published_at.timestamp())
    # A page carries the language switch's CSRF token: browsers revalidate it (a cheap 304),
    # shared caches keep only the downloads.
    response["Cache-Control"] = f"public, max-age={max_age}" if max_age else "no-cache"
    if vary:
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
    return response


def _not_modified(request, etag: str, stamp: selectors.Stamp):
    return get_conditional_response(
        request, etag=etag, last_modified=int(stamp.published_at.timestamp())
    )


def _page(request, served, stamp, template: str, build) -> HttpResponse:
    """The page `template` with the context `build()` gives, its content cached per version,
    language and address; 304 when the browser has it."""
    language = get_language()
    address = request.get_full_path()
    etag = _etag(stamp, language, address)
    if (answer := _not_modified(request, etag, stamp)) is not None:
        return _headers(answer, etag, stamp)
    key = (
        f"portal:page:{stamp.version_id}:{language}:{hashlib.sha256(address.encode()).hexdigest()}"
    )
    found = cache.get(key)
    if found is None:
        context = {
            **build(),
            "agency": served.agency,
            "agency_query": served.query,
            "agency_code": served.code,
            "param": AGENCY_PARAM,
        }
        found = (str(context["title"]), render_to_string(template, context, request=request))
        cache.set(key, found, settings.PORTAL_CACHE_SECONDS)
    title, content = found
    context = {
        "title": title,
        "content": mark_safe(content),  # rendered by our own template above
        "agency": served.agency,
        "agency_query": served.query,
        "agency_code": served.code,
        "param": AGENCY_PARAM,
    }
    return _headers(render(request, BASE_TEMPLATE, context), etag, stamp)


def _stamp_or_404(agency):
    stamp = selectors.agency_stamp(agency)
    if stamp is None:
        raise Http404
    return stamp


def _version_param(request) -> int | None:
    raw = request.GET.get("versi", "")
    if raw == "":
        return None
    if not is_ascii_digits(raw) or not 1 <= int(raw) <= VERSION_MAX:
        raise Http404
    return int(raw)


# --- what the pages show ------------------------------------------------------------------------


def document_url(version) -> str:
    """The published PDF report of a version."""
    return reverse(
        "portal_public:document", kwargs={"pk": version.publication_id, "version": version.version}
    )


def _downloads(version, query: str) -> list[dict]:
    kwargs = {"pk": version.publication_id, "version": version.version}
    return [
        {
            "table": table,
            "label": table_labels()[table],
            "csv": reverse(
                "portal_public:download", kwargs={**kwargs, "table": table, "fmt": "csv"}
            )
            + query,
            "json": reverse(
                "portal_public:download", kwargs={**kwargs, "table": table, "fmt": "json"}
            )
            + query,
        }
        for table in opendata.TABLES
    ]


def table_labels() -> dict[str, str]:
    return {
        "indicators": _("Indicators"),
        "goals": _("Goals"),
        "units": _("Units"),
        "satisfaction": _("Satisfaction (IKM)"),
        "complaints": _("Complaints"),
        "forums": _("Public consultation forums"),
    }


def _overview(figures: selectors.Figures) -> dict:
    """The tables and charts of one version, shared by the home and publication pages."""
    snapshot = figures.data
    units = figures.unit_rows()
    return {
        "figures": figures,
        "snapshot": snapshot,
        "period": snapshot["period"],
        "units": units,
        "goals": figures.goal_rows(),
        "satisfaction": figures.satisfaction_rows(),
        "complaints": figures.complaint_rows(),
        "forums": figures.forum_rows(),
        "unit_chart": charts.capaian_bars(
            units, snapshot=snapshot, title=_("Capaian of each unit")
        ),
        "goal_chart": charts.capaian_bars(
            figures.goal_rows(), snapshot=snapshot, title=_("Capaian of each goal")
        ),
        "minimum_group": figures.minimum_group,
    }


def home_view(request):
    served = served_agency(request)
    if served.agency is None:
        return choose_agency(request, base_template=BASE_TEMPLATE)
    agency = served.agency
    stamp = selectors.agency_stamp(agency)
    if stamp is None:
        context = {
            "title": agency.name,
            "agency": agency,
            "agency_query": served.query,
            "agency_code": served.code,
            "param": AGENCY_PARAM,
        }
        return render(request, "portal/public/empty.html", context)

    def build():
        version = selectors.latest(agency)
        figures = selectors.Figures(version)
        return {
            **_overview(figures),
            "title": agency.name,
            "version": version,
            "publications": selectors.current_versions(agency),
            "service_units": figures.service_units(),
        }

    return _page(request, served, stamp, "portal/public/home.html", build)


def _unit_ikm(satisfaction: list[dict], period: str) -> tuple[dict | None, list]:
    """The whole unit's satisfaction row (not one service's) and its IKM trend up to `period`."""
    whole = next((row for row in satisfaction if row.get("service_id") is None), None)
    if whole is None:
        return None, []
    return whole, charts.with_current(whole.get("trend", []), period, whole.get("ikm"))


def unit_view(request, unit_id: int):
    served = served_agency(request)
    if served.agency is None:
        return choose_agency(request, base_template=BASE_TEMPLATE)
    agency = served.agency
    stamp = _stamp_or_404(agency)

    def build():
        version = selectors.latest(agency)
        figures = selectors.Figures(version)
        unit = figures.unit(unit_id)
        period = period_label(figures.period)
        indicators = [
            {
                **indicator,
                "points": charts.with_current(
                    indicator.get("trend", []), period, indicator.get("capaian")
                ),
            }
            for indicator in figures.indicators_of(unit_id)
        ]
        for number, indicator in enumerate(indicators, start=1):
            indicator["chart"] = charts.trend_line(
                indicator["points"],
                title=charts.capaian_title(indicator["name"]),
                chart_id=f"indicator-{number}",
            )
        satisfaction = figures.satisfaction_of(unit_id)
        _whole, ikm_points = _unit_ikm(satisfaction, period)
        return {
            "title": unit["name"],
            "version": version,
            "period": figures.period,
            "unit": unit,
            "parent": figures.units.get(unit.get("parent_id")),
            "children": [u for u in figures.units.values() if u.get("parent_id") == unit_id],
            "goals": figures.goals_of(unit_id),
            "indicators": indicators,
            "satisfaction": satisfaction,
            "ikm_points": ikm_points,
            "ikm_chart": charts.trend_line(
                ikm_points, title=charts.ikm_title(unit["name"]), chart_id="ikm", low=25, high=100
            ),
            "complaints": figures.complaints_of(unit_id),
            "forums": figures.forums_of(unit_id),
            "appearances": selectors.appearances(agency, unit_id),
            "minimum_group": figures.minimum_group,
        }

    return _page(request, served, stamp, "portal/public/unit.html", build)


def service_view(request, unit_id: int):
    served = served_agency(request)
    if served.agency is None:
        return choose_agency(request, base_template=BASE_TEMPLATE)
    agency = served.agency
    stamp = _stamp_or_404(agency)

    def build():
        version = selectors.latest(agency)
        figures = selectors.Figures(version)
        unit = figures.unit(unit_id)
        if not unit.get("is_service_unit"):
            raise Http404
        period = period_label(figures.period)
        satisfaction = figures.satisfaction_of(unit_id)
        whole, points = _unit_ikm(satisfaction, period)
        survey_points = [
            {
                "name": point.name,
                "service": point.service.name if point.service else "",
                "url": reverse("surveys:public", args=[point.token]),
            }
            for point in selectors.survey_points(agency, unit_id)
        ]
        return {
            "title": unit["name"],
            "version": version,
            "period": figures.period,
            "unit": unit,
            "whole": whole,
            "services": [row for row in satisfaction if row.get("service_id") is not None],
            "points": points,
            "chart": charts.trend_line(
                points, title=charts.ikm_title(unit["name"]), chart_id="ikm", low=25, high=100
            ),
            "complaints": figures.complaints_of(unit_id),
            "survey_points": survey_points,
            "complaint_url": reverse("complaints:file") + served.query,
            "minimum_group": figures.minimum_group,
        }

    return _page(request, served, stamp, "portal/public/service.html", build)


def search_view(request):
    served = served_agency(request)
    if served.agency is None:
        return choose_agency(request, base_template=BASE_TEMPLATE)
    agency = served.agency
    stamp = _stamp_or_404(agency)
    text = request.GET.get("q", "")[:SEARCH_MAX_CHARACTERS].replace("\x00", "")

    def build():
        figures = selectors.Figures(selectors.latest(agency))
        units, indicators = figures.search(text)
        return {
            "title": _("Search"),
            "q": text,
            "period": figures.period,
            "found_units": units,
            "found_indicators": indicators,
        }

    return _page(request, served, stamp, "portal/public/search.html", build)


def publication_view(request, pk: int):
    served = served_agency(request)
    if served.agency is None:
        return choose_agency(request, base_template=BASE_TEMPLATE)
    agency = served.agency
    number = _version_param(request)
    current = selectors.version_of_light(agency, pk)
    if number is not None:
        selectors.version_of_light(agency, pk, number)  # 404 for a version never published
    # Every version's page names the current one: its stamp is the current version's.
    stamp = selectors.Stamp(current.pk, current.published_at)

    def build():
        version = selectors.version_of(agency, pk, number)
        figures = selectors.Figures(version)
        versions = selectors.history(version)
        return {
            **_overview(figures),
            "title": f"{version.snapshot['agency']['name']} · {period_label(figures.period)}",
            "version": version,
            "versions": versions,
            "current": current,
            "superseded": version.version != current.version,
            "indicators": figures.data.get("indicators", []),
            "downloads": _downloads(version, served.query),
            "datapackage_url": reverse(
                "portal_public:datapackage", kwargs={"pk": pk, "version": version.version}
            )
            + served.query,
            "document_url": document_url(version) + served.query,
            "licence": opendata.licence(),
        }

    return _page(request, served, stamp, "portal/public/publication.html", build)


# --- open data ----------------------------------------------------------------------------------


def _absolute(request, path: str) -> str:
    return request.build_absolute_uri(path)


def download_view(request, pk: int, version: int, table: str, fmt: str):
    served = served_agency(request)
    if served.agency is None or table not in opendata.TABLES or fmt not in opendata.FORMATS:
        raise Http404
    light = selectors.version_of_light(served.agency, pk, version)
    stamp = selectors.Stamp(light.pk, light.published_at)
    etag = _etag(stamp, table, fmt)
    if (answer := _not_modified(request, etag, stamp)) is not None:
        return _headers(answer, etag, stamp, max_age=DOWNLOAD_MAX_AGE, vary=False)
    key = f"portal:download:{stamp.version_id}:{table}:{fmt}"
    body = cache.get(key)
    if body is None:
        found = selectors.version_of(served.agency, pk, version)
        if fmt == "csv":
            body = opendata.csv_text(found.snapshot, table)
        else:
            body = json.dumps(opendata.json_document(found, table), ensure_ascii=False)
        cache.set(key, body, settings.PORTAL_CACHE_SECONDS)
    response = HttpResponse(body, content_type=f"{opendata.FORMATS[fmt]}; charset=utf-8")
    name = f"{table}-{pk}-v{version}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Link"] = f'<{settings.PORTAL_LICENCE_URL}>; rel="license"'
    return _headers(response, etag, stamp, max_age=DOWNLOAD_MAX_AGE, vary=False)


def document_view(request, pk: int, version: int):
    """The PDF report of a published version (built from its snapshot alone, as the
    publishers' copy is), kept with the version's cache key like the downloads."""
    served = served_agency(request)
    if served.agency is None:
        raise Http404
    light = selectors.version_of_light(served.agency, pk, version)
    stamp = selectors.Stamp(light.pk, light.published_at)
    etag = _etag(stamp, "pdf")
    if (answer := _not_modified(request, etag, stamp)) is not None:
        return _headers(answer, etag, stamp, max_age=DOWNLOAD_MAX_AGE, vary=False)
    key = f"portal:document:{stamp.version_id}"
    body = cache.get(key)
    if body is None:
        body = documents.version_pdf(selectors.version_of(served.agency, pk, version))
        cache.set(key, body, settings.PORTAL_CACHE_SECONDS)
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="laporan-{pk}-v{version}.pdf"'
    return _headers(response, etag, stamp, max_age=DOWNLOAD_MAX_AGE, vary=False)


def datapackage_view(request, pk: int, version: int):
    served = served_agency(request)
    if served.agency is None:
        raise Http404
    found = selectors.version_of(served.agency, pk, version)
    stamp = selectors.Stamp(found.pk, found.published_at)
    etag = _etag(stamp, "datapackage", request.get_host(), served.query)
    if (answer := _not_modified(request, etag, stamp)) is not None:
        return _headers(answer, etag, stamp, max_age=DOWNLOAD_MAX_AGE, vary=False)

    def csv_url(table):
        path = reverse(
            "portal_public:download",
            kwargs={"pk": pk, "version": version, "table": table, "fmt": "csv"},
        )
        return _absolute(request, path + served.query)

    title = f"{found.snapshot['agency']['name']} · {period_label(found.snapshot['period'])}"
    package = opendata.datapackage(found, title=title, csv_url=csv_url)
    response = JsonResponse(package, json_dumps_params={"ensure_ascii": False})
    return _headers(response, etag, stamp, max_age=DOWNLOAD_MAX_AGE, vary=False)


def catalogue_view(request):
    served = served_agency(request)
    if served.agency is None:
        return choose_agency(request, base_template=BASE_TEMPLATE)
    agency = served.agency
    stamp = selectors.agency_stamp(agency)
    if stamp is None:
        return JsonResponse(opendata.catalogue([]))
    etag = _etag(stamp, "catalogue", request.get_host(), served.query)
    if (answer := _not_modified(request, etag, stamp)) is not None:
        return _headers(answer, etag, stamp, vary=False)
    datasets = []
    for version in selectors.current_versions(agency):
        kwargs = {"pk": version.publication_id, "version": version.version}
        landing = reverse("portal_public:publication", args=[version.publication_id])

        def download_url(table, fmt, kwargs=kwargs):
            path = reverse("portal_public:download", kwargs={**kwargs, "table": table, "fmt": fmt})
            return _absolute(request, path + served.query)

        datasets.append(
            opendata.dataset(
                version,
                title=f"{agency.name} · {period_label(version.snapshot['period'])}",
                landing_url=_absolute(request, landing + served.query),
                download_url=download_url,
            )
        )
    response = JsonResponse(opendata.catalogue(datasets), json_dumps_params={"ensure_ascii": False})
    return _headers(response, etag, stamp, vary=False)
