"""One definition of the realisations a viewer may see, shared by pages, API and lists.

`selectors.realisations_visible_to` lists every realisation the viewer may enter or verify
(the staff of a sub-unit enter for the units above; the person responsible may sit in another
unit) and no work in progress outside that scope.
"""

import pytest
from django.http import Http404

from kinerja.iku import permissions, selectors
from kinerja.iku.models import GoalLevel, Indicator, Realisation, RealisationStatus
from kinerja.iku.selectors import api as api_selectors
from kinerja.iku.services import realisation as realisation_services
from kinerja.iku.tests import factories as f
from kinerja.iku.tests import view_data

VIEWERS = [
    "kadinkes",
    "kabid",
    "kasi",
    "staf",
    "dokter",
    "admin_opd",
    "bkpsdm",
    "pimpinan",
    "auditor",
    "perencana",
    "outsider",
]


@pytest.fixture
def realisations(personas):
    """Drafts, submitted and verified figures of indicators across the units of Dinkes."""
    plan = view_data.build_plan(personas)
    q1, q2, q3 = plan.quarters[:3]
    rows = {
        "yankes_verified": view_data.verified(plan.indicator, q1, 20),
        "yankes_submitted": view_data.submitted(plan.indicator, q2, 21),
        "yankes_draft": realisation_services.realisation_enter(
            actor=None, indicator=plan.indicator, period=q3, value=22
        ),
    }
    for key in ("dinkes", "primer", "pkm"):
        goal = f.goal(personas, key, GoalLevel.SASARAN_PROGRAM, statement=f"Sasaran {key}")
        indicator = f.indicator(goal, f"Indikator {key}")
        rows[f"{key}_submitted"] = view_data.submitted(indicator, q1, 10)
    # An indicator of Bidang Yankes whose person responsible is the doctor of the Puskesmas
    # (stored directly: the page and the services offer only positions under the goal's unit,
    # but a post moved since keeps its responsibility).
    assigned = f.indicator(plan.yankes_goal, "Kunjungan rujukan")
    Indicator.objects.filter(pk=assigned.pk).update(
        responsible_position=personas.positions["dokter"]
    )
    assigned.refresh_from_db()
    rows["yankes_assigned_to_dokter"] = view_data.submitted(assigned, q1, 5)
    return plan, rows


def _visible(personas, key):
    viewer = f.viewer(personas, key)
    return viewer, set(selectors.realisations_visible_to(viewer).values_list("pk", flat=True))


def _may_work_on(viewer, realisation) -> bool:
    return permissions.can_enter_realisation(
        viewer, realisation.indicator
    ) or permissions.can_verify(viewer, realisation)


def _in_scope(viewer, realisation) -> bool:
    unit = realisation.indicator.goal.owner_unit
    return (
        realisation.status == RealisationStatus.VERIFIED
        or _may_work_on(viewer, realisation)
        or permissions.can_see_unit_performance(viewer, unit)
    )


@pytest.mark.parametrize("key", VIEWERS)
def test_what_a_viewer_may_enter_or_verify_is_listed_and_nothing_outside_scope(realisations, key):
    plan, _rows = realisations
    viewer, visible = _visible(plan.personas, key)
    every = Realisation.objects.select_related("indicator__goal__owner_unit")
    for realisation in every:
        same_agency = realisation.indicator.agency_id == viewer.agency_id
        if same_agency and _may_work_on(viewer, realisation):
            assert realisation.pk in visible, (key, realisation)
        if realisation.pk in visible:
            assert same_agency and _in_scope(viewer, realisation), (key, realisation)


def test_the_kasi_sees_the_work_in_progress_of_the_units_above_that_she_may_enter(
    realisations,
):
    plan, rows = realisations
    _viewer, visible = _visible(plan.personas, "kasi")
    for key in ("yankes_submitted", "yankes_draft", "dinkes_submitted", "primer_submitted"):
        assert rows[key].pk in visible
    assert rows["pkm_submitted"].pk not in visible  # a Puskesmas beside her seksi


def test_the_doctor_sees_what_he_is_responsible_for_but_not_the_rest_of_the_bidang(
    realisations,
):
    plan, rows = realisations
    _viewer, visible = _visible(plan.personas, "dokter")
    assert rows["yankes_assigned_to_dokter"].pk in visible
    assert rows["pkm_submitted"].pk in visible
    assert rows["yankes_verified"].pk in visible
    assert rows["yankes_submitted"].pk not in visible
    assert rows["yankes_draft"].pk not in visible


def test_another_agency_sees_nothing(realisations):
    plan, _rows = realisations
    _viewer, visible = _visible(plan.personas, "outsider")
    assert visible == set()


@pytest.mark.parametrize("key", VIEWERS)
def test_pages_api_and_lists_use_the_same_definition(realisations, key):
    plan, rows = realisations
    viewer, visible = _visible(plan.personas, key)
    pages = set(selectors.realisations_visible_to(viewer).values_list("pk", flat=True))
    assert pages == visible
    indicator_ids = {r.indicator_id for r in rows.values()}
    listed = set()
    for indicator in api_selectors.indicators_visible_to(viewer).filter(pk__in=indicator_ids):
        listed |= {r.pk for r in api_selectors.realisation_list(viewer, indicator)}
    assert listed == visible
    for realisation in rows.values():
        if realisation.pk in visible:
            assert api_selectors.realisation_for_write(viewer, realisation.pk).pk == realisation.pk
        else:
            with pytest.raises(Http404):
                api_selectors.realisation_for_write(viewer, realisation.pk)
