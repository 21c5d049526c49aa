"""The Django side of the load section, run in a process whose settings are the server's.

Migrates the load database, seeds the demo when it holds no agency (and vacuums it, as
autovacuum would after a bulk load), collects the static files for the DEBUG-off server, and
writes the pages to drive: each role's main pages with their target (largest ratio to the
floor), the queries one request runs and the size of the response, measured here with the
test client.
"""

from __future__ import annotations

import argparse
import json
import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.load_settings")
django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, models  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

OWN = 4.0  # an employee's own pages, and every role's Beranda
LISTS = 10.0  # supervisors' and admins' list pages
REGENCY = 20.0  # aggregate pages over the whole agency
SUBMISSIONS = 300.0  # the citizen's survey answers per second (requests, not a ratio)
PORTAL = 2.0  # the public portal with its cache warm: within 2x the floor...
PORTAL_RPS = 500.0  # ...and at least 500 requests a second


def _seed(size: str) -> bool:
    from kinerja.org.models import Agency

    if Agency.objects.exists():
        return False
    print(f"Seeding the {size} demo (once; later runs reuse it)...", flush=True)
    call_command("seed_demo", size=size, verbosity=1)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    return True


def _describe(agency) -> str:
    from kinerja.org.models import Employee
    from kinerja.skp.models import Skp

    employees = Employee.objects.filter(agency=agency).count()
    plans = Skp.objects.filter(agency=agency).count()
    return f"{agency.name}: {employees:,} employees, {plans:,} SKP"


def _database() -> str:
    if connection.vendor == "postgresql":
        version = connection.cursor().connection.info.server_version
        return f"PostgreSQL {version // 10000}.{version % 10000}"
    return f"SQLite {connection.Database.sqlite_version}"


def _logins(agency) -> dict[str, str]:
    from kinerja.demo.generator import LOGIN_KEYS
    from kinerja.demo.generator.logins import existing_logins

    names = {row.username for row in existing_logins() if row.agency == agency.name}
    found = {}
    for key in LOGIN_KEYS:
        match = next((n for n in names if n == key or n.startswith(f"{key}.")), None)
        if match:
            found[key] = match
    return found


def _evaluation_pages(users: dict) -> list[dict]:
    """The rater's calibration desk and the employee's "why this predikat" of the latest
    period the atasan rates in, when the seed has opened one (held to 10x, as the evaluation
    issue asks of its pages)."""
    from kinerja.appraisals.models import Evaluation

    rated = (
        Evaluation.objects.filter(rater_id=users["atasan"].employee_id)
        .order_by("-period__end_date", "-pk")
        .first()
    )
    own = (
        Evaluation.objects.filter(employee_id=users["pegawai"].employee_id)
        .order_by("-period__end_date", "-pk")
        .first()
    )
    pages = []
    if rated is not None:
        desk = reverse("appraisals:desk", args=[rated.period_id])
        pages.append(_page("atasan", "calibration desk of the period", desk, LISTS))
    if own is not None:
        why = reverse("appraisals:explanation", args=[own.pk])
        pages.append(_page("pegawai", '"why this predikat", own evaluation', why, LISTS))
    return pages


def _page(role, name, path, target, form=None) -> dict:
    return {"role": role, "name": name, "path": path, "target": target, "form": form}


def _pages(agency, users: dict) -> list[dict]:
    """(role, page name, path, target) of every role's main pages."""
    from kinerja.accounts.viewer import build_viewer
    from kinerja.skp.models import Skp

    pages = []

    def add(role, name, path, target, form=None):
        pages.append({"role": role, "name": name, "path": path, "target": target, "form": form})

    for role in ("pegawai", "atasan"):
        user = users[role]
        plan = (
            Skp.objects.filter(employee_id=user.employee_id, is_latest=True)
            .order_by("-year")
            .first()
        )
        add(role, "home", reverse("home"), OWN)
        add(role, "my SKP", reverse("skp:home"), OWN)
        if plan is not None:
            target = "skp:edit" if plan.is_editable else "skp:detail"
            label = "SKP editor" if plan.is_editable else "own SKP page"
            add(role, label, reverse(target, args=[plan.pk]), OWN)
    add("pegawai", "daily activity log (week and entry form)", reverse("activities:worklog"), OWN)
    add("pegawai", "own month of daily activities", reverse("activities:worklog_month"), OWN)
    add(
        "pegawai",
        "logging one activity (the entry form posted)",
        reverse("activities:worklog"),
        OWN,
        form=activity_form(),
    )
    add("atasan", "team week of daily activities", reverse("activities:team_week"), LISTS)
    pages += _evaluation_pages(users)
    add("atasan", "rater inbox", reverse("skp:inbox"), LISTS)
    add("atasan", "matriks peran hasil", reverse("skp:matrix"), LISTS)
    add("atasan", "employee list", reverse("org:employee_list"), LISTS)

    unit_id = build_viewer(users["adminunit"]).admin_unit_ids[0]
    add("adminunit", "home", reverse("home"), OWN)
    add("adminunit", "employee list", reverse("org:employee_list"), LISTS)
    add("adminunit", "SKP list", reverse("skp:list"), LISTS)
    add("adminunit", "unit SKP alignment", reverse("skp:alignment_unit", args=[unit_id]), LISTS)
    add("adminunit", "unit performance dashboard", reverse("iku:unit", args=[unit_id]), LISTS)
    attendance = reverse("activities:attendance") + f"?unit={unit_id}"
    add("adminunit", "unit attendance summary", attendance, LISTS)

    add("bkpsdm", "home", reverse("home"), OWN)
    add("bkpsdm", "employee list", reverse("org:employee_list"), LISTS)
    add("bkpsdm", "unit tree", reverse("org:unit_tree"), LISTS)
    add("bkpsdm", "SKP list", reverse("skp:list"), REGENCY)
    add("bkpsdm", "regency SKP alignment", reverse("skp:alignment"), REGENCY)

    add("pimpinan", "home", reverse("home"), OWN)
    add("pimpinan", "regency dashboard", reverse("iku:regency"), REGENCY)
    add("pimpinan", "performance tree", reverse("iku:tree"), REGENCY)
    add("pimpinan", "performance tree as a table", reverse("iku:tree_table"), REGENCY)

    add("auditor", "home", reverse("home"), OWN)
    add("auditor", "SKP list", reverse("skp:list"), REGENCY)
    add("auditor", "audit trail", reverse("audit:list"), LISTS)
    pages += _survey_pages(agency)
    pages += _portal_pages(agency)
    return pages


def _portal_pages(agency) -> list[dict]:
    """The transparency portal as a news story sends citizens to it: the page of the unit with
    the most published indicators in the newest publication, and the public API's first page of
    that publication's indicators and its list of publications. Each is measured warm (the
    cache holds the published version's answer) and cold (a server without a cache, so that
    every request builds the answer from the frozen snapshot)."""
    from kinerja.portal.selectors import public as portal

    newest = portal.latest(agency)
    if newest is None:
        return []
    per_unit: dict[int, int] = {}
    for row in newest.snapshot.get("indicators", []):
        per_unit[row["unit_id"]] = per_unit.get(row["unit_id"], 0) + 1
    if not per_unit:
        return []
    unit_id = max(per_unit, key=lambda pk: (per_unit[pk], -pk))
    query = f"?instansi={agency.code}"
    api = "/api/v1/public/portal/publications"
    addresses = [
        ("portal: the unit page", reverse("portal_public:unit", args=[unit_id]) + query),
        (
            "portal API: a publication's indicators, first page",
            f"{api}/{newest.publication_id}/indicators{query}",
        ),
        ("portal API: the list of publications", api + query),
    ]
    pages = []
    for name, path in addresses:
        for cold in (False, True):
            pages.append(
                {
                    **_page("citizen", f"{name} ({'cold' if cold else 'warm'} cache)", path, None),
                    "public": True,
                    "cold": cold,
                    **({} if cold else {"target": PORTAL, "min_rps": PORTAL_RPS}),
                }
            )
    return pages


def _busiest_survey_point(agency):
    """The counter serving every service of the service unit with the most answers this
    quarter (the unit's results page opens on the running quarter)."""
    from django.db.models import Count
    from django.utils import timezone

    from kinerja.surveys.models import Response, SurveyPoint

    today = timezone.localdate()
    quarter_start = today.replace(month=3 * ((today.month - 1) // 3) + 1, day=1)
    busiest = (
        Response.objects.filter(agency=agency, day__gte=quarter_start)
        .values("unit_id")
        .annotate(n=Count("id"))
        .order_by("-n", "unit_id")
        .values_list("unit_id", flat=True)
    )
    return (
        SurveyPoint.objects.filter(
            unit_id__in=list(busiest[:20]), service__isnull=True, is_active=True
        )
        .select_related("unit")
        .order_by("pk")
        .first()
    )


def _survey_pages(agency) -> list[dict]:
    """The SKM: the results of the busiest service unit for BKPSDM, and the citizen's survey of
    its main counter posted (no login; each request another phone and address)."""
    point = _busiest_survey_point(agency)
    if point is None:
        return []
    results = reverse("surveys:results_unit", args=[point.unit_id])
    survey = reverse("surveys:public", args=[point.token])
    return [
        _page("bkpsdm", "SKM results of one unit (the running quarter)", results, LISTS),
        {
            **_page("citizen", "SKM survey answered (the public form posted)", survey, None),
            "form": survey_form(point),
            "public": True,
            "vary_address": True,
            "min_rps": SUBMISSIONS,
        },
    ]


SURVEY_SUGGESTION = "Pelayanan loket sudah cepat dan ramah, terima kasih."


def survey_form(point) -> dict:
    """The survey as a satisfied citizen fills it: every element, the profile, the first of
    the point's services, a short suggestion; the honeypot left empty."""
    from kinerja.surveys import rules, selectors
    from kinerja.surveys.forms import HONEYPOT

    form = {str(element): "3" if n % 3 else "4" for n, element in enumerate(rules.ELEMENTS)}
    services = selectors.point_services(point)
    if point.service_id is None and services:
        form["service"] = str(services[0].pk)
    form.update(
        {
            "age_band": "30_39",
            "sex": "f",
            "education": "sma",
            "occupation": "self",
            "suggestion": SURVEY_SUGGESTION,
            HONEYPOT: "",
        }
    )
    return form


ACTIVITY_DESCRIPTION = "Memverifikasi berkas usulan kenaikan pangkat dari unit kerja"


def activity_form() -> dict:
    """The daily log's entry form as an employee fills it on an ordinary day: today, an hour
    and a half, a description of the usual length."""
    from django.utils import timezone

    return {
        "date": timezone.localdate().isoformat(),
        "minutes": "90",
        "description": ACTIVITY_DESCRIPTION,
    }


def _measure(pages: list[dict], users: dict) -> None:
    """Queries of one request and size of the response, after a first request that fills
    the caches a running server would have filled; a form posted must redirect (written)."""
    import secrets

    clients = {}
    for page in pages:
        if page.get("public"):
            client = None
        else:
            client = clients.get(page["role"])
            if client is None:
                client = clients[page["role"]] = Client()
                client.force_login(users[page["role"]])
        form = page.get("form")
        wanted = 302 if form else 200

        def request(client=client, page=page, form=form):
            if page.get("cold"):
                cache.clear()
            if client is None and not form:  # a citizen reading a public page
                return Client().get(page["path"])
            if client is None:  # a citizen's first answer: no cookie, an address of its own
                address = "10." + ".".join(str(secrets.randbelow(256)) for _ in range(3))
                return Client().post(page["path"], form, HTTP_X_FORWARDED_FOR=address)
            return client.post(page["path"], form) if form else client.get(page["path"])

        response = request()
        if response.status_code != wanted:
            raise RuntimeError(f"{page['role']} {page['path']} answered {response.status_code}")
        with CaptureQueriesContext(connection) as captured:
            response = request()
        page["queries"] = len(captured)
        page["bytes"] = len(response.content)


def forget_written(logins: dict) -> int:
    """Delete the daily-log entries the posted entry form wrote (hundreds a run) with their
    audit events, so that the employee's week and month, and the audit trail, are measured as
    they were, in this run and the next."""
    from django.db.models import QuerySet
    from django.utils import timezone

    from kinerja.accounts.models import User
    from kinerja.activities.models import Activity
    from kinerja.core.models import AuditEvent

    employee_id = User.objects.get(username=logins["pegawai"]).employee_id
    written = Activity.objects.filter(
        employee_id=employee_id, date=timezone.localdate(), description=ACTIVITY_DESCRIPTION
    )
    # The benchmark's own writes (also those of earlier runs), not anyone's history: the
    # trail's guard against deleting (AuditEventQuerySet.delete) is for what people did.
    events = AuditEvent.objects.filter(
        object_type="activities.activity",
        after__employee_id=employee_id,
        after__description=ACTIVITY_DESCRIPTION,
    )
    QuerySet.delete(events)
    deleted, _ = written.delete()
    return deleted + forget_survey_answers()


def forget_survey_answers() -> int:
    """Delete the survey answers the posted survey wrote (thousands a run) with their audit
    events, so that the unit's results and the audit trail are measured as they were."""
    from django.db.models import QuerySet
    from django.db.models.functions import Cast

    from kinerja.core.models import AuditEvent
    from kinerja.surveys.models import Response

    written = Response.objects.filter(suggestion=SURVEY_SUGGESTION)
    events = AuditEvent.objects.filter(
        object_type="surveys.response",
        object_id__in=written.annotate(text=Cast("pk", models.CharField())).values("text"),
    )
    QuerySet.delete(events)
    deleted, _ = written.delete()
    return deleted


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", default="province")
    parser.add_argument("--out", required=True)
    parser.add_argument(
        "--forget-written",
        action="store_true",
        help="only delete the entries the posted form wrote (the logins are read from --out)",
    )
    args = parser.parse_args()
    if args.forget_written:
        with open(args.out) as handle:
            print(f"forgot {forget_written(json.load(handle)['logins'])} entries written")
        return

    call_command("migrate", verbosity=0)
    _seed(args.size)
    call_command("collectstatic", interactive=False, verbosity=0)

    from kinerja.accounts.models import User
    from kinerja.demo.generator import DEMO_PASSWORD
    from kinerja.org.models import Agency

    agency = Agency.objects.order_by("pk").first()
    logins = _logins(agency)
    users = {role: User.objects.get(username=name) for role, name in logins.items()}
    forget_written(logins)  # what an interrupted run left
    pages = _pages(agency, users)
    _measure(pages, users)
    forget_written(logins)
    result = {
        "describe": f"{_describe(agency)}, {_database()}",
        "logins": logins,
        "password": DEMO_PASSWORD,
        "pages": pages,
    }
    with open(args.out, "w") as handle:
        json.dump(result, handle)


if __name__ == "__main__":
    main()
