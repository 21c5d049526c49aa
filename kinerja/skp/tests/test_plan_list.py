"""The SKP list reads a page at a time and keeps the order and rows of the full sort."""

import datetime

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.accounts.viewer import build_viewer
from kinerja.org.tests import factories as f
from kinerja.skp import selectors
from kinerja.skp.selectors import plan as selectors_plan
from kinerja.skp.tests.factories import YEAR, chain_of_plans, start_skp

# Names out of unit order, so that a page boundary falls inside and across units.
YEAR_START = datetime.date(2021, 1, 1)
NAMES = ["Zaenal", "Ahmad", "Maria", "Budi", "Yanti", "Citra", "Xaverius"]


@pytest.fixture
def plans(personas):
    """Plans in two years across four units, the last year with several plans per unit."""
    chain_of_plans(personas)
    for key in ("kadinkes", "kasi", "staf", "bkpsdm"):
        start_skp(personas, key, year=YEAR - 1, day=datetime.date(YEAR - 1, 1, 10))
    for i, name in enumerate(NAMES):
        key = "staf" if i % 2 else "dokter"
        employee = f.employee(
            personas.agency,
            f"{name} Tambahan",
            position=personas.positions[key],
            start=datetime.date(2021, 1, 1),
        )
        personas.employees[f"extra{i}"] = employee
        start_skp(personas, f"extra{i}")
    for key in ("dokter", "bkpsdm", "auditor"):
        start_skp(personas, key)
    return personas


def _viewer(personas, user="bkpsdm"):
    return build_viewer(personas.users[user], today=datetime.date(YEAR, 3, 1))


def _expected(viewer, **filters) -> list[int]:
    """The full sort, as the list was before it was read by pages."""
    qs = selectors.skps_visible_to(viewer).filter(is_latest=True)
    if filters.get("year") is not None:
        qs = qs.filter(year=filters["year"])
    if filters.get("unit") is not None:
        qs = qs.filter(unit__path__startswith=filters["unit"].path)
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    return list(qs.order_by(*selectors_plan.PLAN_ORDER).values_list("pk", flat=True))


def _paged(listing, per_page: int) -> list[int]:
    paginator = Paginator(listing, per_page)
    return [skp.pk for number in paginator.page_range for skp in paginator.page(number)]


@pytest.mark.parametrize("per_page", [1, 2, 3, 5, 7, 50])
def test_every_page_size_gives_the_rows_of_the_full_sort_in_its_order(plans, per_page):
    viewer = _viewer(plans)
    expected = _expected(viewer)
    assert len(expected) == 4 + 4 + len(NAMES) + 3
    listing = selectors_plan.plan_list(viewer)
    assert listing.count() == len(expected)
    assert _paged(listing, per_page) == expected


@pytest.mark.parametrize(
    "filters",
    [
        {"year": YEAR},
        {"year": YEAR - 1},
        {"status": "draft"},
        {"status": "set", "year": YEAR},
        {"unit": "dinkes"},
        {"unit": "primer", "year": YEAR},
        {"unit": "bkpsdm", "status": "set"},
    ],
)
def test_filters_keep_the_rows_and_order_of_the_full_sort(plans, filters):
    if "unit" in filters:
        filters = {**filters, "unit": plans.units[filters["unit"]]}
    viewer = _viewer(plans)
    expected = _expected(viewer, **filters)
    listing = selectors_plan.plan_list(viewer, **filters)
    assert listing.count() == len(expected)
    assert _paged(listing, 3) == expected


@pytest.mark.parametrize("user", ["kasi", "kabid", "staf", "pimpinan", "outsider", "dokter"])
def test_each_viewer_pages_through_exactly_what_they_may_read(plans, user):
    viewer = _viewer(plans, user)
    expected = _expected(viewer)
    assert _paged(selectors_plan.plan_list(viewer), 2) == expected


def test_slices_past_the_end_and_empty_lists_are_empty(plans):
    listing = selectors_plan.plan_list(_viewer(plans))
    total = listing.count()
    assert listing[total : total + 10] == []
    assert len(listing[total - 1 : total + 10]) == 1
    nothing = selectors_plan.plan_list(_viewer(plans), year=YEAR - 5)
    assert nothing.count() == 0 and nothing[0:50] == []


def test_a_page_costs_three_queries_however_many_plans(plans):
    viewer = _viewer(plans)
    with CaptureQueriesContext(connection) as small:
        Paginator(selectors_plan.plan_list(viewer), 3).get_page(2).object_list  # noqa: B018
    for i in range(12):
        employee = f.employee(
            plans.agency,
            f"Pegawai Baru {i}",
            position=plans.positions["bkpsdm"],
            start=datetime.date(2021, 1, 1),
        )
        plans.employees[f"more{i}"] = employee
        start_skp(plans, f"more{i}")
    with CaptureQueriesContext(connection) as large:
        page = Paginator(selectors_plan.plan_list(viewer), 3).get_page(4)
        rows = list(page.object_list)
    assert len(small) == len(large) == 3  # counts by unit and year, units in order, page
    assert len(rows) == 3


def test_the_list_page_shows_the_plans_in_order_with_their_count(client, plans):
    client.force_login(plans.users["bkpsdm"])
    expected = _expected(_viewer(plans), year=YEAR)
    response = client.get(reverse("skp:list") + f"?year={YEAR}")
    shown = [skp.pk for skp in response.context["page"].object_list]
    assert shown == expected[:50]
    assert response.context["page"].paginator.count == len(expected)
    assert response.content.decode().count('data-testid="skp-row"') == len(expected)


def test_the_unit_filter_lists_the_top_two_levels_and_keeps_a_deeper_chosen_one(client, plans):
    client.force_login(plans.users["bkpsdm"])
    primer = plans.units["primer"]
    assert primer.depth > 1
    html = client.get(reverse("skp:list") + f"?unit={primer.pk}").content.decode()
    assert f'<option value="{primer.pk}" selected>' in html
    for key in ("dinkes", "yankes", "pkm", "bkpsdm", "inspektorat"):
        assert f'<option value="{plans.units[key].pk}">' in html
    assert f'value="{plans.units["other"].pk}"' not in html  # another agency
    assert html.count(" selected>") == 1 + 2  # the unit, and "All" of year and status
    # A province has thousands of units: without a choice, the deeper ones are not listed.
    html = client.get(reverse("skp:list")).content.decode()
    assert f'value="{primer.pk}"' not in html
    assert f'<option value="{plans.units["yankes"].pk}">' in html


def _names(listing) -> list[str]:
    return sorted(skp.employee.name for skp in listing[0 : listing.count()])


def test_the_list_finds_plans_by_part_of_a_name(plans):
    listing = selectors_plan.plan_list(_viewer(plans), search="ahmad")
    assert _names(listing) == ["Ahmad Tambahan"]


def test_a_whole_nip_finds_the_plan_only_for_viewers_who_may_see_nips(plans):
    nip = plans.employees["dokter"].nip
    spaced = f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    bkpsdm = selectors_plan.plan_list(_viewer(plans), search=spaced)
    assert {skp.employee_id for skp in bkpsdm[0:10]} == {plans.employees["dokter"].pk}
    pimpinan = selectors_plan.plan_list(_viewer(plans, "pimpinan"), search=nip)
    assert pimpinan.count() == 0  # pimpinan reads plans but not NIPs: no NIP lookup
    partial = selectors_plan.plan_list(_viewer(plans), search=nip[:17])
    assert partial.count() == 0


def test_the_list_keeps_only_plans_the_superior_set_after_the_deadline(plans):
    from kinerja.skp.models import SkpStatus

    set_plan = selectors.skps_visible_to(_viewer(plans)).filter(status=SkpStatus.SET).first()
    assert set_plan is not None
    assert selectors_plan.plan_list(_viewer(plans), taken_over=True).count() == 0
    type(set_plan).objects.filter(pk=set_plan.pk).update(set_by_role="rater_superior")
    listing = selectors_plan.plan_list(_viewer(plans), taken_over=True)
    assert [skp.pk for skp in listing[0:5]] == [set_plan.pk]


def test_the_list_page_filters_by_name_from_the_query_string(client, plans):
    client.force_login(plans.users["bkpsdm"])
    response = client.get(reverse("skp:list"), {"q": "Maria"})
    assert [skp.employee.name for skp in response.context["page"].object_list] == ["Maria Tambahan"]


def test_the_list_counts_a_new_plan_on_refresh_and_reads_its_rows_fresh(client, plans):
    client.force_login(plans.users["bkpsdm"])
    url = reverse("skp:list")
    count = client.get(url).context["page"].paginator.count
    newcomer = f.employee(
        plans.agency, "Aan Pendatang", position=plans.positions["dokter"], start=YEAR_START
    )
    plans.employees["newcomer"] = newcomer
    start_skp(plans, "newcomer")  # by nobody signed in
    assert client.get(url).context["page"].paginator.count == count  # kept a minute
    fresh = client.get(url + "?refresh=1")
    assert fresh.context["page"].paginator.count == count + 1
    assert "Aan Pendatang" in fresh.content.decode()


def test_the_open_plan_of_the_year_is_the_newest_not_closed_of_that_year():
    from types import SimpleNamespace

    def plan(pk, year, start, status="set"):
        return SimpleNamespace(pk=pk, year=year, start_date=start, status=status)

    january, july = datetime.date(YEAR, 1, 2), datetime.date(YEAR, 7, 1)
    first, second = plan(1, YEAR, january), plan(2, YEAR, july)
    assert selectors_plan.open_plan_among([first, second], YEAR) is second
    assert selectors_plan.open_plan_among([first, plan(3, YEAR, july, "closed")], YEAR) is first
    assert selectors_plan.open_plan_among([plan(4, YEAR - 1, july)], YEAR) is None
    twin = plan(5, YEAR, july)  # the same start: the later record
    assert selectors_plan.open_plan_among([second, twin], YEAR) is twin


def test_my_skp_offers_to_start_a_plan_only_while_the_year_has_none_open(client, personas):
    client.force_login(personas.users["dokter"])
    assert client.get(reverse("skp:home")).context["can_start"] is True
    start_skp(personas, "dokter", year=datetime.date.today().year)
    assert client.get(reverse("skp:home")).context["can_start"] is False
