"""Benchmark of the SKP alignment pages on the seeded agency (issue 4, alignment checks).

Run after `seed_demo` in a process whose settings point at the benchmark database (as
`bench.suite` does). It gives every employee with a post a plan for the current year with
bulk_create (the services would take minutes at province size):

- the rater is the nearest holder of an ancestor post that may rate (pengawas and above),
  else the regional head; the form follows rules.skp_form;
- statuses: about 80 % set, 8 % submitted, 8 % draft, 4 % without any plan;
- leaders get three RHK, the others two; the first RHK of everyone intervenes in one of the
  rater's RHK, the second too except for 5 % that support nothing; JPT plans link their RHK
  to the indicators of their unit;
- 2 % of the leaders revised their plan: v1 superseded, v2 set without the third RHK, so that
  the links of their subordinates to it are broken.

Then it times the regency page, the page of the largest OPD and the SKP list (/skp/daftar/)
of BKPSDM. `run()` answers rows in the shape `bench.suite` writes.
"""

from __future__ import annotations

import datetime
import random
import statistics
import time
import uuid
from collections import defaultdict

from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

TARGET = "< 200 ms median, constant queries"
PAGE_RUNS = 20
BATCH = 5000


def _seeded_agency():
    """The agency with the most employees: the one seed_demo built (the document and matrix
    benchmarks add small agencies of their own after it)."""
    from django.db.models import Count

    from kinerja.org.models import Agency

    agency = Agency.objects.annotate(size=Count("employees")).order_by("-size", "-pk").first()
    if agency is None:
        raise RuntimeError("no agency: run seed_demo first")
    return agency


def build_plans(agency, year: int, *, seed: int = 4) -> dict:
    """Bulk-create the plans of `year` for the agency (idempotent: skips if any exist)."""
    from kinerja.iku.models import Indicator
    from kinerja.org.models import RATER_KINDS, Assignment, AssignmentKind, Position
    from kinerja.org.selectors import active_on
    from kinerja.skp import rules
    from kinerja.skp.models import Rhk, RhkIndicator, Skp, SkpStatus

    if Skp.objects.filter(agency=agency, year=year).exists():
        return {
            "plans": Skp.objects.filter(agency=agency, year=year).count(),
            "rhk": Rhk.objects.filter(skp__agency=agency, skp__year=year).count(),
        }
    rng = random.Random(seed)
    day = datetime.date(year, 1, 1)
    positions = {
        p.pk: p for p in Position.objects.filter(agency=agency).select_related("unit").order_by()
    }
    holders: dict[int, int] = {}
    assignments = list(
        Assignment.objects.filter(
            active_on(day), kind=AssignmentKind.DEFINITIVE, position__agency=agency
        )
        .order_by("start_date", "pk")
        .values_list("employee_id", "position_id")
    )
    for employee_id, position_id in assignments:
        holders.setdefault(position_id, employee_id)
    indicators_by_unit = defaultdict(list)
    for pk, unit_id in Indicator.objects.filter(agency=agency, is_active=True).values_list(
        "pk", "goal__owner_unit_id"
    ):
        indicators_by_unit[unit_id].append(pk)

    def rater_of(position):
        current = positions.get(position.parent_id)
        while current is not None:
            holder = holders.get(current.pk)
            if holder is not None and current.kind in RATER_KINDS:
                return holder, current
            current = positions.get(current.parent_id)
        return None, None

    now = timezone.now()
    plans: dict[int, Skp] = {}
    raters: dict[int, int | None] = {}
    seen = set()
    for employee_id, position_id in assignments:
        if employee_id in seen:
            continue
        seen.add(employee_id)
        draw = rng.random()
        if draw < 0.04:
            continue
        status = (
            SkpStatus.SET
            if draw < 0.84
            else SkpStatus.SUBMITTED
            if draw < 0.92
            else SkpStatus.DRAFT
        )
        position = positions[position_id]
        rater_id, rater_position = rater_of(position)
        raters[employee_id] = rater_id
        plans[employee_id] = Skp(
            agency=agency,
            employee_id=employee_id,
            year=year,
            status=status,
            form=rules.skp_form(
                position.kind, is_unit_head=position.is_unit_head, unit_kind=position.unit.kind
            ),
            position=position,
            unit_id=position.unit_id,
            start_date=day,
            end_date=datetime.date(year, 12, 31),
            rater_id=rater_id,
            rater_position=rater_position,
            rater_label=f"Pejabat {rater_id}" if rater_id else "Kepala Daerah",
            submitted_at=now if status != SkpStatus.DRAFT else None,
            set_at=now if status == SkpStatus.SET else None,
        )
    leaders = {r for r in raters.values() if r is not None and r in plans}
    revised = {leader for leader in leaders if rng.random() < 0.02}
    old_versions = {}
    for leader in revised:
        plan = plans[leader]
        old_versions[leader] = Skp(
            **{
                f.attname: getattr(plan, f.attname)
                for f in Skp._meta.concrete_fields
                if f.attname not in {"id", "version", "is_latest", "status"}
            },
            version=1,
            is_latest=False,
            status=SkpStatus.SUPERSEDED,
        )
        plan.version = 2
        plan.status = SkpStatus.SET
    Skp.objects.bulk_create(list(old_versions.values()), batch_size=BATCH)
    for leader, old in old_versions.items():
        plans[leader].previous = old
    Skp.objects.bulk_create(list(plans.values()), batch_size=BATCH)

    # RHK by depth of the rater chain so that a subordinate can point at its rater's RHK.
    def depth(employee_id, seen_ids=()):
        rater = raters.get(employee_id)
        if rater is None or rater not in plans or rater in seen_ids:
            return 0
        return 1 + depth(rater, (*seen_ids, employee_id))

    levels: dict[int, list[int]] = defaultdict(list)
    for employee_id in plans:
        levels[depth(employee_id)].append(employee_id)
    rhks_of: dict[int, list[Rhk]] = {}
    old_rhks_of: dict[int, list[Rhk]] = {}
    rows: list[Rhk] = []
    for level in sorted(levels):
        level_rows: list[Rhk] = []
        for employee_id in levels[level]:
            plan = plans[employee_id]
            count = 3 if employee_id in leaders else 2
            own = []
            rater = raters[employee_id]
            rater_rhks = old_rhks_of.get(rater) or rhks_of.get(rater)
            for index in range(count):
                rhk = Rhk(skp=plan, key=uuid.uuid4(), order=index + 1, text=f"RHK {index + 1}")
                if plan.form == rules.FORM_JPT:
                    rhk.perspective = "anggaran"
                    unit_indicators = indicators_by_unit.get(plan.unit_id)
                    if unit_indicators and index < 2:
                        rhk.iku_indicator_id = rng.choice(unit_indicators)
                elif rater_rhks and (index == 0 or rng.random() > 0.05):
                    rhk.intervened_rhk_id = rng.choice(rater_rhks).pk
                own.append(rhk)
            rhks_of[employee_id] = own
            if employee_id in old_versions:
                copies = [
                    Rhk(skp=old_versions[employee_id], key=r.key, order=r.order, text=r.text)
                    for r in own
                ]
                old_rhks_of[employee_id] = copies
                level_rows.extend(copies)
                own.pop()  # v2 dropped its third RHK: links to it from v1 are broken
            level_rows.extend(own)
        # Rows of a level get their ids before the next level points at them.
        Rhk.objects.bulk_create(level_rows, batch_size=BATCH)
        rows.extend(level_rows)
    RhkIndicator.objects.bulk_create(
        (
            RhkIndicator(rhk=rhk, text="Jumlah", aspect="kuantitas", unit_of_measure="dokumen")
            for rhk in rows
        ),
        batch_size=BATCH,
    )
    with connection.cursor() as cursor:
        for table in ("skp_skp", "skp_rhk", "skp_rhkindicator"):
            cursor.execute(f"ANALYZE {table}" if connection.vendor == "postgresql" else "ANALYZE")
    return {"plans": len(plans) + len(old_versions), "rhk": len(rows)}


def _page(client: Client, url: str) -> tuple[float, int]:
    for _ in range(2):
        assert client.get(url).status_code == 200, url
    timings = []
    for _ in range(PAGE_RUNS):
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    return statistics.median(timings), len(ctx.captured_queries)


def _vacuum() -> None:
    """On PostgreSQL, vacuum the tables the pages read, as autovacuum does after a bulk load
    (the benchmark server may run without it): index-only scans need the visibility map."""
    if connection.vendor != "postgresql":
        return
    tables = (
        "skp_skp",
        "skp_rhk",
        "skp_planexemption",
        "org_assignment",
        "org_employee",
        "org_position",
        "org_unit",
        "iku_indicator",
        "iku_goal",
        "iku_annualtarget",
    )
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM ANALYZE {', '.join(tables)}")


def _plan_list_pages(agency, largest, year: int) -> list[tuple[str, str]]:
    """The SKP list (/skp/daftar/) for BKPSDM: the first and a late page of every plan of
    the agency, and one year of the largest OPD."""
    from kinerja.skp.models import Skp

    plans = Skp.objects.filter(agency=agency, is_latest=True).count()
    late_page = max(1, plans // 50 * 3 // 4)
    url = reverse("skp:list")
    return [
        (f"SKP list page, whole agency ({plans:,} plans), first page", url),
        (f"SKP list page, whole agency, page {late_page:,}", f"{url}?page={late_page}"),
        (
            "SKP list page, one year of the largest OPD, first page",
            f"{url}?year={year}&unit={largest.pk}",
        ),
    ]


def run(database: str | None = None) -> list[dict]:
    """Build the plans of this year, then time the regency page and the largest OPD page."""
    from kinerja.accounts.models import User
    from kinerja.org.models import Assignment, Unit

    database = database or connection.vendor
    agency = _seeded_agency()
    year = timezone.localdate().year
    from kinerja.skp.models import Skp

    rows = []
    if not Skp.objects.filter(agency=agency, year=year).exists():
        # An agency seeded without plans (seed_demo writes them) gets them built here.
        start = time.perf_counter()
        with transaction.atomic():
            built = build_plans(agency, year)
        seconds = time.perf_counter() - start
        rows.append(
            {
                "name": f"bulk-create {built['plans']:,} SKP with {built['rhk']:,} RHK for the "
                "alignment bench",
                "database": database,
                "result": f"{seconds:.1f} s",
                "target": "",
            }
        )
    _vacuum()
    client = Client()
    client.force_login(User.objects.get(username="bkpsdm", agency=agency))
    largest = Unit.objects.filter(agency=agency, depth=0).order_by("-pk").first()
    sizes = defaultdict(int)
    for path in Assignment.objects.filter(
        position__agency=agency, end_date__isnull=True
    ).values_list("position__unit__path", flat=True):
        sizes[int(path.strip("/").split("/")[0])] += 1
    if sizes:
        largest = Unit.objects.get(pk=max(sizes, key=sizes.get))
    pages = [
        ("SKP alignment page, whole agency", reverse("skp:alignment") + f"?year={year}"),
        (
            f"SKP alignment page, largest OPD ({sizes.get(largest.pk, 0):,} people)",
            reverse("skp:alignment_unit", args=[largest.pk]) + f"?year={year}",
        ),
        (
            "SKP alignment page, whole agency, all employees without a set SKP (page 2)",
            reverse("skp:alignment") + f"?year={year}&show=employees&page=2",
        ),
        *_plan_list_pages(agency, largest, year),
    ]
    for name, url in pages:
        median_ms, queries = _page(client, url)
        rows.append(
            {
                "name": name,
                "database": database,
                "result": f"{median_ms:.0f} ms median",
                "queries": queries,
                "target": TARGET,
            }
        )
    return rows


if __name__ == "__main__":
    import json
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinerja.config.settings")
    django.setup()
    print(json.dumps(run(), indent=2))
