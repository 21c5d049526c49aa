"""The demo's SKP at the small size: plans for every employee, cascaded through matrices."""

from collections import Counter

from kinerja.accounts.models import User
from kinerja.accounts.viewer import build_viewer
from kinerja.demo.tests.seeded import TODAY
from kinerja.org.models import Employee
from kinerja.org.selectors import supervision_chain
from kinerja.skp import selectors
from kinerja.skp.models import MatrixCell, Rhk, Skp, SkpComment, SkpStatus
from kinerja.skp.problems import plan_problems_of


def test_every_employee_has_a_plan_for_last_year_and_this_year(agency):
    employees = Employee.objects.filter(agency=agency).count()
    for year in (2025, 2026):
        plans = Skp.objects.filter(agency=agency, year=year, is_latest=True)
        assert plans.count() == employees
        assert plans.values("employee").distinct().count() == employees


def test_last_years_plans_are_all_set(agency):
    statuses = set(Skp.objects.filter(agency=agency, year=2025).values_list("status", flat=True))
    assert statuses == {SkpStatus.SET}


def test_this_year_has_a_realistic_share_of_unfinished_plans(agency):
    counts = Counter(Skp.objects.filter(agency=agency, year=2026).values_list("status", flat=True))
    total = sum(counts.values())
    assert counts[SkpStatus.SET] / total > 0.7
    for status in (SkpStatus.DRAFT, SkpStatus.SUBMITTED, SkpStatus.RETURNED):
        assert counts[status] >= 1


def test_some_plans_were_set_late_by_the_raters_superior(agency):
    late = Skp.objects.filter(agency=agency, year=2026, set_by_role="rater_superior")
    assert late.exists()
    assert all(skp.set_at.date() > skp.deadline for skp in late)


def test_set_and_submitted_plans_are_complete(agency):
    plans = Skp.objects.filter(
        agency=agency, year=2026, status__in=[SkpStatus.SET, SkpStatus.SUBMITTED]
    )
    assert [skp.pk for skp in plans if plan_problems_of(skp)] == []


def test_plans_name_the_raters_of_the_supervision_chain(agency):
    for skp in Skp.objects.filter(agency=agency, year=2026).select_related("employee")[:60]:
        chain = supervision_chain(skp.employee, TODAY)
        assert skp.rater_id == (chain.rater.employee.pk if chain.rater.employee else None)


def test_main_results_intervene_in_the_raters_results(agency):
    rows = Rhk.objects.filter(
        skp__agency=agency, skp__year=2026, intervened_rhk__isnull=False
    ).select_related("skp", "intervened_rhk__skp")
    assert rows.exists()
    for rhk in rows:
        assert rhk.intervened_rhk.skp.employee_id == rhk.skp.rater_id
        assert rhk.intervened_rhk.skp.year == 2026


def test_every_matrix_role_is_an_rhk_of_the_subordinate(agency):
    cells = MatrixCell.objects.filter(matrix__agency=agency, matrix__year=2026, no_role=False)
    assert cells.exists()
    keys = set(
        Rhk.objects.filter(skp__agency=agency, skp__year=2026).values_list(
            "skp__employee_id", "key"
        )
    )
    assert all((cell.employee_id, cell.rhk_key) in keys for cell in cells)


def test_the_demo_pegawai_has_a_returned_plan_with_comments(agency):
    user = User.objects.get(username="pegawai")
    skp = Skp.objects.get(employee=user.employee, year=2026)
    assert skp.status == SkpStatus.RETURNED
    assert SkpComment.objects.filter(skp=skp, kind="return").count() >= 1


def test_the_demo_atasan_has_plans_waiting_in_the_inbox(agency):
    user = User.objects.get(username="atasan")
    viewer = build_viewer(user, today=TODAY)
    assert len(selectors.rater_inbox(viewer, 2026)) >= 1
