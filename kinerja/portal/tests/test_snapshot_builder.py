"""The public figures a publication freezes: the documented shape, only verified
realisations, small groups withheld (at the minimum shown, below it withheld, and the figure
that would give one away by subtraction withheld too), and no person in them."""

import datetime
import json

import pytest

from kinerja.accounts.models import User
from kinerja.core.tests.permission_table import shared_data
from kinerja.org.models import Employee
from kinerja.portal import rules, snapshot
from kinerja.portal.models import PortalSettings, PublicationVersion
from kinerja.portal.services.snapshot import build_snapshot
from kinerja.portal.tests.factories import publish
from kinerja.portal.tests.publish_world import YEAR, answers, build_world, complaints

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with shared_data(django_db_blocker, tmp_path_factory):
        yield build_world()


def _rows(data, part, **match):
    return [row for row in data[part] if all(row[k] == v for k, v in match.items())]


def test_the_snapshot_has_every_documented_key(world):
    data = build_snapshot(world.q1)
    assert set(data) == set(snapshot.Snapshot.__annotations__)
    assert data["schema"] == snapshot.SCHEMA_VERSION
    assert data["period"] == {
        "kind": "quarter",
        "number": 1,
        "year": YEAR,
        "start": "2025-01-01",
        "end": "2025-03-31",
    }
    assert data["minimum_group"] == rules.DEFAULT_MINIMUM_GROUP
    assert data["category_bands"] and set(data["category_bands"][0]) == {
        "label",
        "lower",
        "lower_inclusive",
    }
    for part, shape in [
        ("units", snapshot.UnitPart),
        ("goals", snapshot.GoalPart),
        ("indicators", snapshot.IndicatorPart),
    ]:
        assert data[part], part
        assert all(set(row) == set(shape.__annotations__) for row in data[part]), part
    json.dumps(data)  # plain JSON


def test_indicator_figures_are_the_period_result(world):
    data = build_snapshot(world.q1)
    (row,) = _rows(data, "indicators", id=world.plan.indicator.pk)
    assert (row["target"], row["realisation"], row["capaian"]) == ("25", "20", "80.00")
    assert row["trend"] == []
    (unit,) = _rows(data, "units", id=world.personas.units["yankes"].pk)
    assert unit["capaian"] == "80.00"
    assert unit["head_office"] == "Kepala Bidang Pelayanan Kesehatan"
    assert unit["predikat"] is None  # the agency does not show it unless it chooses to


def test_only_verified_realisations_are_published(world):
    data = build_snapshot(world.q2)
    (row,) = _rows(data, "indicators", id=world.plan.indicator.pk)
    assert row["realisation"] is None  # submitted, not verified
    assert row["trend"][0]["label"] == "2025 Q1"
    assert row["trend"][0]["value"] == "80.00"


def test_the_decided_predikat_is_shown_when_the_agency_chooses(world):
    PortalSettings.objects.create(agency=world.agency, show_unit_predikat=True)
    data = build_snapshot(world.q1)
    (unit,) = _rows(data, "units", id=world.personas.units["yankes"].pk)
    assert unit["predikat"] is not None


def test_a_service_of_exactly_the_minimum_is_shown(world):
    answers(world, "umum", 5)
    answers(world, "gigi", 7)
    data = build_snapshot(world.q1)
    (umum,) = _rows(data, "satisfaction", service_id=world.services["umum"].pk)
    assert umum["respondents"] == 5 and umum["suppressed"] is None
    assert umum["ikm"] == "75.00" and umum["grade"] == "C"


def test_a_service_below_the_minimum_is_withheld_with_its_partner(world):
    answers(world, "umum", 4)
    answers(world, "gigi", 7)
    data = build_snapshot(world.q1)
    (umum,) = _rows(data, "satisfaction", service_id=world.services["umum"].pk)
    (gigi,) = _rows(data, "satisfaction", service_id=world.services["gigi"].pk)
    (whole,) = _rows(data, "satisfaction", unit_id=world.pkm.pk, service_id=None)
    assert umum["respondents"] is None and umum["ikm"] is None
    assert umum["suppressed"] == rules.Reason.SMALL_GROUP
    # 11 - 7 would give the four away: the other service is withheld too.
    assert whole["respondents"] == 11
    assert gigi["respondents"] is None and gigi["suppressed"] == rules.Reason.PROTECTS_ANOTHER


def test_the_minimum_follows_the_agency_setting(world):
    PortalSettings.objects.create(agency=world.agency, minimum_group=8)
    answers(world, "umum", 7)
    answers(world, "gigi", 8)
    answers(world, None, 8)  # at a counter serving every service
    data = build_snapshot(world.q1)
    assert data["minimum_group"] == 8
    (umum,) = _rows(data, "satisfaction", service_id=world.services["umum"].pk)
    (gigi,) = _rows(data, "satisfaction", service_id=world.services["gigi"].pk)
    assert umum["suppressed"] == rules.Reason.SMALL_GROUP
    # The partner is the unpublished counter's answers, which are as large: gigi stays.
    assert gigi["respondents"] == 8


def test_satisfaction_trend_covers_the_earlier_periods_of_two_years(world):
    answers(world, "umum", 6, day=datetime.date(YEAR, 2, 10))
    answers(world, "umum", 2, day=datetime.date(YEAR, 5, 10))
    publish(world.agency, world.q1, build_snapshot(world.q1))
    data = build_snapshot(world.q2)
    (umum,) = _rows(data, "satisfaction", service_id=world.services["umum"].pk)
    labels = [point["label"] for point in umum["trend"]]
    assert labels == ["2024 Q1", "2024 Q2", "2024 Q3", "2024 Q4", "2025 Q1"]
    assert umum["trend"][-1]["value"] is not None  # the first quarter, published as shown
    assert umum["suppressed"] == rules.Reason.SMALL_GROUP


def test_an_earlier_quarter_not_yet_published_is_left_out_of_the_trend_where_it_would_tell(world):
    # The six of the first quarter and the year's eight would give the second quarter's two.
    answers(world, "umum", 6, day=datetime.date(YEAR, 2, 10))
    answers(world, "umum", 2, day=datetime.date(YEAR, 5, 10))
    data = build_snapshot(world.q2)
    (umum,) = _rows(data, "satisfaction", service_id=world.services["umum"].pk)
    assert umum["trend"][-1]["label"] == "2025 Q1" and umum["trend"][-1]["value"] is None


def test_the_year_withholds_a_service_that_one_published_quarter_withheld(world):
    answers(world, "umum", 6, day=datetime.date(YEAR, 2, 10))
    answers(world, "umum", 2, day=datetime.date(YEAR, 5, 10))
    answers(world, "gigi", 9, day=datetime.date(YEAR, 2, 11))
    answers(world, "gigi", 8, day=datetime.date(YEAR, 5, 11))
    for quarter in (world.q1, world.q2):
        publish(world.agency, quarter, build_snapshot(quarter))
    q2 = PublicationVersion.objects.get(publication__period=world.q2).snapshot
    (umum_q2,) = _rows(q2, "satisfaction", service_id=world.services["umum"].pk)
    assert umum_q2["suppressed"] == rules.Reason.SMALL_GROUP
    data = build_snapshot(world.annual)
    (umum,) = _rows(data, "satisfaction", service_id=world.services["umum"].pk)
    # Eight in the year minus the six published for the first quarter would be the two.
    assert umum["respondents"] is None
    assert umum["suppressed"] == rules.Reason.PROTECTS_ANOTHER


def test_each_quarter_alone_would_not_withhold_what_the_year_needs(world):
    """Without the quarters published, the year shows the same service: the withholding comes
    from what was published before, not from the year's own figures."""
    answers(world, "umum", 6, day=datetime.date(YEAR, 2, 10))
    answers(world, "umum", 2, day=datetime.date(YEAR, 5, 10))
    answers(world, "gigi", 9, day=datetime.date(YEAR, 2, 11))
    answers(world, "gigi", 8, day=datetime.date(YEAR, 5, 11))
    data = build_snapshot(world.annual)
    (umum,) = _rows(data, "satisfaction", service_id=world.services["umum"].pk)
    assert umum["respondents"] == 8


def test_the_year_withholds_a_units_complaints_that_a_published_quarter_withheld(world):
    complaints(world.pkm, 6, day=datetime.date(YEAR, 2, 10))
    complaints(world.pkm, 3, day=datetime.date(YEAR, 5, 10))
    for quarter in (world.q1, world.q2):
        publish(world.agency, quarter, build_snapshot(quarter))
    data = build_snapshot(world.annual)
    (pkm,) = _rows(data, "complaints", unit_id=world.pkm.pk)
    assert pkm["received"] is None and pkm["suppressed"] == rules.Reason.PROTECTS_ANOTHER


def test_small_complaint_counts_are_withheld_also_against_the_agency_total(world):
    complaints(world.pkm, 3)
    complaints(world.personas.units["bkpsdm"], 6)
    data = build_snapshot(world.q1)
    (pkm,) = _rows(data, "complaints", unit_id=world.pkm.pk)
    (total,) = _rows(data, "complaints", unit_id=None)
    assert pkm["received"] is None and pkm["suppressed"] == rules.Reason.SMALL_GROUP
    # The agency's 9 are shown; the rest (6, unpublished) is what protects the three.
    assert total["received"] == 9


def test_complaints_at_the_minimum_are_shown(world):
    complaints(world.pkm, 5)
    data = build_snapshot(world.q1)
    (pkm,) = _rows(data, "complaints", unit_id=world.pkm.pk)
    assert pkm["received"] == 5 and pkm["suppressed"] is None


def test_no_person_is_in_the_snapshot(world):
    answers(world, "umum", 6)
    complaints(world.pkm, 6)
    PortalSettings.objects.create(agency=world.agency, show_unit_predikat=True)
    data = json.dumps(build_snapshot(world.q1, actor=world.users["bkpsdm"])).lower()
    people = list(Employee.objects.values_list("nip", "name", "email", "phone"))
    assert len(people) >= 8
    for fields in people:
        for value in filter(None, fields):
            assert value.lower() not in data
    for name in User.objects.exclude(full_name="").values_list("full_name", flat=True):
        assert name.lower() not in data
    assert "siti pelapor" not in data and "081234567890" not in data


def test_the_signatory_name_only_when_the_agency_shows_it(world):
    data = build_snapshot(world.q1, actor=world.users["perencana"])
    assert data["signatory"] == {"office": "Pengolah Data Perencanaan", "name": None}
    PortalSettings.objects.create(agency=world.agency, show_signatory_names=True)
    data = build_snapshot(world.q1, actor=world.users["perencana"])
    assert data["signatory"]["name"] == "Rina Kartika"
