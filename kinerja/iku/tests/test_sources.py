"""Realisations Kinerja computes from its own figures: choosing the source, computing each open
period (verified at once, a new version per changed figure), and refusing every hand edit."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kinerja.core.errors import ImmutableRecordError
from kinerja.core.models import AuditEvent
from kinerja.iku import selectors, sources
from kinerja.iku.models import (
    GoalLevel,
    IndicatorSource,
    Realisation,
    RealisationStatus,
    RealisationVersion,
)
from kinerja.iku.services import realisation as realisation_services
from kinerja.iku.services import sources as services
from kinerja.iku.tests import factories as f

D = datetime.date
TODAY = D(2025, 4, 25)
KEY = "test.figure"

pytestmark = pytest.mark.django_db


class Figures:
    """A source whose figures the test sets: value per (option, start, end)."""

    def __init__(self):
        self.values = {}
        self.asked = []

    def measure(self, unit, option_id, start, end):
        self.asked.append((unit.pk, option_id, start, end))
        value = self.values.get((option_id, start, end))
        if value is None:
            return sources.Measured(None, {"respondents": 0}, "Nobody answered.")
        return sources.Measured(Decimal(value), {"respondents": 10})


@pytest.fixture
def figures():
    found = Figures()
    sources.register(
        sources.SourceKind(
            key=KEY,
            label="Test figure",
            unit_of_measure="%",
            measure=found.measure,
            options=lambda unit: [(7, "Poli Umum"), (8, "Farmasi")],
            describe=lambda basis: [("Respondents", str(basis.get("respondents")))],
            link=lambda viewer, unit, option, start, end: f"/data/{unit.pk}/{start}/{end}/",
        )
    )
    yield found
    sources.unregister(KEY)


@pytest.fixture
def setup(personas):
    py = f.performance_year(personas.agency, 2025, "quarterly")
    goal = f.goal(personas, "yankes", GoalLevel.SASARAN_PROGRAM)
    indicator = f.indicator(goal, "Indeks kepuasan masyarakat", consolidation="average")
    periods = {p.number: p for p in py.periods.filter(kind="quarter")}
    return personas, indicator, periods


def _kabid(personas, today=TODAY):
    return f.viewer(personas, "kabid", today=today)


def _set(personas, indicator, **extra):
    extra.setdefault("kind", KEY)
    extra.setdefault("unit", personas.units["pkm"])
    return services.indicator_source_set(actor=_kabid(personas), indicator=indicator, **extra)


# --- reporting spans ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("end", "months", "start"),
    [
        (D(2025, 3, 31), 3, D(2025, 1, 1)),
        (D(2025, 3, 31), 1, D(2025, 3, 1)),
        (D(2025, 2, 28), 6, D(2024, 9, 1)),
        (D(2025, 12, 31), 12, D(2025, 1, 1)),
        (D(2025, 1, 31), 2, D(2024, 12, 1)),
    ],
)
def test_a_period_measures_the_months_of_its_reporting_span(end, months, start):
    assert sources.span_of(end, months) == (start, end)


# --- which periods are open -----------------------------------------------------------------------


def test_a_period_is_computed_until_the_day_its_realisation_is_due_and_not_after(setup, figures):
    _personas, indicator, periods = setup
    q1 = periods[1]
    due = selectors.realisation_due_date(q1)
    assert q1 in services.open_periods(indicator, due)
    assert q1 not in services.open_periods(indicator, due + datetime.timedelta(days=1))
    assert periods[2] not in services.open_periods(indicator, D(2025, 3, 31))
    assert periods[2] in services.open_periods(indicator, D(2025, 4, 1))


# --- choosing the source --------------------------------------------------------------------------


def test_choosing_a_source_computes_the_open_periods_verified_with_their_basis(setup, figures):
    personas, indicator, periods = setup
    q1 = periods[1]
    figures.values[(7, D(2025, 1, 1), D(2025, 3, 31))] = "82.5"
    due = selectors.realisation_due_date(q1)
    source = services.indicator_source_set(
        actor=_kabid(personas, due),
        indicator=indicator,
        kind=KEY,
        unit=personas.units["pkm"],
        option_id="7",
    )
    assert (source.kind, source.unit, source.option_id, source.option_name) == (
        KEY,
        personas.units["pkm"],
        7,
        "Poli Umum",
    )
    realisation = Realisation.objects.get(indicator=indicator, period=q1)
    assert realisation.value == Decimal("82.5")
    assert realisation.status == RealisationStatus.VERIFIED
    assert realisation.version == 1 and realisation.verified_by is None
    assert realisation.source_kind == KEY and realisation.source_basis == {"respondents": 10}
    version = RealisationVersion.objects.get(realisation=realisation)
    assert version.kind == "computed" and "Puskesmas Sukamaju" in version.reason
    assert AuditEvent.objects.filter(action="iku.indicator.source_set").count() == 1
    # On Q1's due day the second quarter has started too: both are open and computed.
    computed = AuditEvent.objects.filter(action="iku.realisation.computed")
    assert sorted(computed.values_list("object_id", flat=True)) == sorted(
        str(pk)
        for pk in Realisation.objects.filter(period__in=[q1, periods[2]]).values_list(
            "pk", flat=True
        )
    )


def test_only_those_who_plan_the_indicator_choose_its_source(setup, figures):
    personas, indicator, _periods = setup
    with pytest.raises(PermissionDenied):
        services.indicator_source_set(
            actor=f.viewer(personas, "dokter"),
            indicator=indicator,
            kind=KEY,
            unit=personas.units["pkm"],
        )
    assert not IndicatorSource.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"kind": "no.such.figure"}, "kind"),
        ({"unit": "yankes"}, "unit"),  # not a service unit
        ({"unit": "other"}, "unit"),  # another agency's unit
        ({"unit": None}, "unit"),
        ({"option_id": "9"}, "option"),  # not one the unit offers
        ({"option_id": "x"}, "option"),
    ],
)
def test_a_source_the_indicator_cannot_take_is_refused_on_its_field(setup, figures, changes, field):
    personas, indicator, _periods = setup
    extra = dict(changes)
    if "unit" in extra:
        extra["unit"] = personas.units[extra["unit"]] if extra["unit"] else None
    with pytest.raises(ValidationError) as error:
        _set(personas, indicator, **extra)
    assert field in error.value.message_dict
    assert not IndicatorSource.objects.exists()


# --- computing again ------------------------------------------------------------------------------


def test_a_changed_figure_is_a_new_version_and_an_unchanged_one_is_not(setup, figures):
    personas, indicator, periods = setup
    q2 = periods[2]
    span = (None, D(2025, 4, 1), D(2025, 6, 30))
    figures.values[span] = "70"
    _set(personas, indicator)
    realisation = Realisation.objects.get(indicator=indicator, period=q2)
    assert (realisation.value, realisation.version) == (Decimal("70"), 1)

    assert services.sourced_realisations_recompute(today=TODAY) == 0
    realisation.refresh_from_db()
    assert realisation.version == 1

    figures.values[span] = "74.25"
    assert services.sourced_realisations_recompute(today=TODAY) == 1
    realisation.refresh_from_db()
    assert (realisation.value, realisation.version) == (Decimal("74.25"), 2)
    assert list(realisation.versions.values_list("value", flat=True)) == [
        Decimal("70"),
        Decimal("74.25"),
    ]
    assert AuditEvent.objects.filter(action="iku.realisation.computed").count() == 2


def test_a_closed_period_keeps_its_last_figure(setup, figures):
    personas, indicator, periods = setup
    q2 = periods[2]
    span = (None, D(2025, 4, 1), D(2025, 6, 30))
    figures.values[span] = "70"
    _set(personas, indicator)
    figures.values[span] = "90"
    after_due = selectors.realisation_due_date(q2) + datetime.timedelta(days=1)
    services.sourced_realisations_recompute(today=after_due)
    assert Realisation.objects.get(indicator=indicator, period=q2).value == Decimal("70")


def test_no_figure_is_recorded_as_not_available_with_the_reason(setup, figures):
    personas, indicator, periods = setup
    _set(personas, indicator)
    realisation = Realisation.objects.get(indicator=indicator, period=periods[2])
    assert realisation.value is None and realisation.note == "Nobody answered."
    assert realisation.status == RealisationStatus.VERIFIED


def test_a_figure_a_person_submitted_before_the_source_was_chosen_stays(setup, figures):
    personas, indicator, periods = setup
    q2 = periods[2]
    staf = f.viewer(personas, "staf", today=TODAY)
    entered = realisation_services.realisation_enter(
        actor=staf, indicator=indicator, period=q2, value="55"
    )
    realisation_services.realisation_submit(actor=staf, realisation=entered)
    figures.values[(None, D(2025, 4, 1), D(2025, 6, 30))] = "70"
    _set(personas, indicator)
    entered.refresh_from_db()
    assert (entered.value, entered.status, entered.source_kind) == (
        Decimal("55"),
        RealisationStatus.SUBMITTED,
        "",
    )


def test_a_draft_is_replaced_by_the_computed_figure(setup, figures):
    personas, indicator, periods = setup
    q2 = periods[2]
    realisation_services.realisation_enter(
        actor=f.viewer(personas, "staf", today=TODAY), indicator=indicator, period=q2, value="5"
    )
    figures.values[(None, D(2025, 4, 1), D(2025, 6, 30))] = "70"
    _set(personas, indicator)
    realisation = Realisation.objects.get(indicator=indicator, period=q2)
    assert (realisation.value, realisation.source_kind) == (Decimal("70"), KEY)


# --- nobody types over it -------------------------------------------------------------------------


def test_nobody_enters_or_corrects_a_computed_realisation(setup, figures):
    personas, indicator, periods = setup
    figures.values[(None, D(2025, 4, 1), D(2025, 6, 30))] = "70"
    _set(personas, indicator)
    realisation = Realisation.objects.get(indicator=indicator, period=periods[2])
    with pytest.raises(ImmutableRecordError):
        realisation_services.realisation_enter(
            actor=f.viewer(personas, "staf", today=TODAY),
            indicator=indicator,
            period=periods[2],
            value="99",
        )
    with pytest.raises(ImmutableRecordError):
        realisation_services.realisation_correct(
            actor=f.viewer(personas, "kadinkes", today=TODAY),
            realisation=realisation,
            value="99",
            reason="Typed over",
        )
    realisation.refresh_from_db()
    assert realisation.value == Decimal("70") and realisation.version == 1


def test_after_the_source_is_stopped_the_unit_enters_the_next_period_again(setup, figures):
    personas, indicator, periods = setup
    _set(personas, indicator)
    services.indicator_source_remove(actor=_kabid(personas), indicator=indicator)
    assert not IndicatorSource.objects.exists()
    assert AuditEvent.objects.filter(action="iku.indicator.source_removed").count() == 1
    q3_day = D(2025, 7, 2)
    entered = realisation_services.realisation_enter(
        actor=f.viewer(personas, "staf", today=q3_day),
        indicator=indicator,
        period=periods[3],
        value="10",
    )
    assert entered.status == RealisationStatus.DRAFT
    computed = Realisation.objects.get(indicator=indicator, period=periods[2])
    assert computed.source_kind == KEY  # what was computed stays as recorded


# --- pages ----------------------------------------------------------------------------------------


def test_the_source_page_offers_the_units_services_once_the_unit_is_chosen(setup, figures, client):
    personas, indicator, _periods = setup
    client.force_login(personas.users["kabid"])
    url = reverse("iku:indicator_source", args=[indicator.pk])
    page = client.post(url, {"kind": KEY, "unit": personas.units["pkm"].pk, "show_options": "1"})
    assert page.status_code == 200
    assert "Poli Umum" in page.content.decode() and not IndicatorSource.objects.exists()
    saved = client.post(url, {"kind": KEY, "unit": personas.units["pkm"].pk, "option": "8"})
    assert saved.status_code == 302
    assert IndicatorSource.objects.get(indicator=indicator).option_name == "Farmasi"
    detail = client.get(reverse("iku:indicator", args=[indicator.pk])).content.decode()
    assert 'data-testid="indicator-source"' in detail and "Farmasi" in detail


def test_a_bad_choice_keeps_what_was_chosen_and_names_the_field(setup, figures, client):
    personas, indicator, _periods = setup
    client.force_login(personas.users["kabid"])
    page = client.post(
        reverse("iku:indicator_source", args=[indicator.pk]),
        {"kind": KEY, "unit": personas.units["yankes"].pk},
    )
    assert page.status_code == 400
    form = page.context["form"]
    assert "unit" in form.errors and form.data["kind"] == KEY


def test_the_realisation_page_says_where_a_computed_figure_came_from(setup, figures, client):
    personas, indicator, periods = setup
    figures.values[(None, D(2025, 4, 1), D(2025, 6, 30))] = "70"
    _set(personas, indicator)
    realisation = Realisation.objects.get(indicator=indicator, period=periods[2])
    client.force_login(personas.users["kabid"])
    page = client.get(reverse("iku:realisation", args=[realisation.pk]))
    text = page.content.decode()
    assert 'data-testid="computed-from"' in text and "Test figure" in text
    assert f"/data/{personas.units['pkm'].pk}/2025-04-01/2025-06-30/" in text
    assert "Respondents" in text
