"""RHK realisations Kinerja computes from its own figures: the rater chooses the source, each
open evaluation period is written verified (a new version per changed figure), and nobody types
over it."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kinerja.core.errors import ImmutableRecordError
from kinerja.core.models import AuditEvent
from kinerja.iku import sources
from kinerja.results import selectors, services
from kinerja.results.models import Realisation, RealisationSource
from kinerja.results.services import sources as source_services
from kinerja.results.tests.data import IN_MAY, D, indicator_of, plans, quarter, viewer
from kinerja.skp.tests.factories import YEAR
from kinerja.skp.tests.review_data import freeze_today

pytestmark = pytest.mark.django_db
KEY = "test.rhk_figure"


@pytest.fixture
def figures():
    values = {}
    sources.register(
        sources.SourceKind(
            key=KEY,
            label="Test figure",
            unit_of_measure="%",
            measure=lambda unit, option, start, end: (
                sources.Measured(Decimal(values[(start, end)]), {"n": 3})
                if (start, end) in values
                else sources.Measured(None, {"n": 0}, "Nobody answered.")
            ),
        )
    )
    yield values
    sources.unregister(KEY)


@pytest.fixture
def world(personas):
    return personas, plans(personas)


def _choose(personas, chain, who="kasi", today=IN_MAY, **extra):
    extra.setdefault("kind", KEY)
    extra.setdefault("unit", personas.units["pkm"])
    return source_services.realisation_source_set(
        actor=viewer(personas, who, today),
        employee=personas.employees["staf"],
        year=YEAR,
        indicator_key=indicator_of(chain["staf"]).key,
        **extra,
    )


def test_the_rater_chooses_the_source_and_the_open_period_is_computed_verified(world, figures):
    personas, chain = world
    q2 = quarter(personas, 2)
    figures[(q2.start_date, q2.end_date)] = "88.5"
    _choose(personas, chain)
    realisation = Realisation.objects.get(period=q2)
    assert (realisation.value, realisation.status, realisation.version) == (
        Decimal("88.5"),
        "verified",
        1,
    )
    assert realisation.rater_id == personas.employees["kasi"].pk
    assert realisation.source_basis == {"n": 3}
    assert realisation.versions.get().kind == "computed"
    # The first quarter's deadline passed in April: it is not computed in May.
    assert not Realisation.objects.filter(period=quarter(personas, 1)).exists()
    assert AuditEvent.objects.filter(action="results.source.set").count() == 1
    assert AuditEvent.objects.filter(action="results.realisation.computed").count() == 1


@pytest.mark.parametrize("who", ["staf", "kabid", "dokter", "bkpsdm", "outsider"])
def test_only_the_rater_chooses_the_source(world, figures, who):
    personas, chain = world
    with pytest.raises(PermissionDenied):
        _choose(personas, chain, who=who)
    assert not RealisationSource.objects.exists()


def test_an_indicator_outside_the_plan_or_a_unit_that_serves_no_one_is_refused(world, figures):
    personas, chain = world
    with pytest.raises(ValidationError) as error:
        _choose(personas, chain, unit=personas.units["yankes"])
    assert "unit" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        source_services.realisation_source_set(
            actor=viewer(personas, "kasi"),
            employee=personas.employees["staf"],
            year=YEAR,
            indicator_key="00000000-0000-0000-0000-000000000000",
            kind=KEY,
            unit=personas.units["pkm"],
        )
    assert "indicator_key" in error.value.message_dict


def test_the_period_is_computed_until_its_deadline_day_and_then_keeps_its_figure(world, figures):
    personas, chain = world
    q2 = quarter(personas, 2)
    figures[(q2.start_date, q2.end_date)] = "70"
    _choose(personas, chain)
    due = selectors.due_date(q2)
    figures[(q2.start_date, q2.end_date)] = "75"
    # On the deadline day the second quarter changes and the third, begun, is written.
    assert source_services.sourced_realisations_recompute(today=due) == 2
    assert source_services.sourced_realisations_recompute(today=due) == 0
    figures[(q2.start_date, q2.end_date)] = "99"
    source_services.sourced_realisations_recompute(today=due + datetime.timedelta(days=1))
    realisation = Realisation.objects.get(period=q2)
    assert (realisation.value, realisation.version) == (Decimal("75"), 2)


def test_nobody_types_over_a_computed_realisation(world, figures):
    personas, chain = world
    q2 = quarter(personas, 2)
    figures[(q2.start_date, q2.end_date)] = "70"
    _choose(personas, chain)
    with pytest.raises(ImmutableRecordError):
        services.realisation_save(
            actor=viewer(personas, "staf"),
            employee=personas.employees["staf"],
            period=q2,
            indicator_key=indicator_of(chain["staf"]).key,
            value="100",
        )
    realisation = Realisation.objects.get(period=q2)
    with pytest.raises(ImmutableRecordError):
        services.realisation_correct(
            actor=viewer(personas, "kasi"), realisation=realisation, value="1", reason="x"
        )
    realisation.refresh_from_db()
    assert realisation.value == Decimal("70")


def test_a_realisation_the_employee_already_sent_stays_theirs(world, figures):
    personas, chain = world
    q2 = quarter(personas, 2)
    sent = services.realisation_save(
        actor=viewer(personas, "staf"),
        employee=personas.employees["staf"],
        period=q2,
        indicator_key=indicator_of(chain["staf"]).key,
        value="12",
        submit=True,
    )
    figures[(q2.start_date, q2.end_date)] = "70"
    _choose(personas, chain)
    sent.refresh_from_db()
    assert (sent.value, sent.status, sent.source_kind) == (Decimal("12"), "submitted", "")


def test_stopping_gives_the_next_period_back_to_the_employee(world, figures):
    personas, chain = world
    _choose(personas, chain)
    source_services.realisation_source_remove(
        actor=viewer(personas, "kasi"),
        employee=personas.employees["staf"],
        year=YEAR,
        indicator_key=indicator_of(chain["staf"]).key,
    )
    assert not RealisationSource.objects.exists()
    q3 = quarter(personas, 3)
    entered = services.realisation_save(
        actor=viewer(personas, "staf", D(YEAR, 7, 3)),
        employee=personas.employees["staf"],
        period=q3,
        indicator_key=indicator_of(chain["staf"]).key,
        value="4",
    )
    assert entered.status == "draft"


def test_the_period_page_shows_the_source_and_no_entry_form(world, figures, client):
    personas, chain = world
    q2 = quarter(personas, 2)
    figures[(q2.start_date, q2.end_date)] = "70"
    _choose(personas, chain)
    client.force_login(personas.users["staf"])
    with pytest.MonkeyPatch.context() as patch:
        freeze_today(patch, IN_MAY)
        page = client.get(reverse("results:period", args=[personas.employees["staf"].pk, q2.pk]))
    text = page.content.decode()
    assert 'data-testid="computed-source"' in text and "Puskesmas Sukamaju" in text
    assert 'data-testid="entry-form"' not in text
