"""Opening a goal of the performance tree loads its sub-goals with htmx; the link under it
works as a full page without JavaScript."""

import pytest

from kinerja.iku.tests import view_data
from kinerja.org.tests.personas import PASSWORD
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_opening_a_goal_loads_its_sub_goals(page, personas):
    plan = view_data.build_plan(personas)
    view_data.add_indicators(plan, 2, with_realisations=False)  # activity goals, level four
    log_in(page, "pimpinan", PASSWORD)
    page.goto("/kinerja/pohon/?year=2025")
    tree = page.get_by_test_id("goal-tree")
    assert tree.get_by_text("Kegiatan 0").count() == 0
    more = page.get_by_test_id(f"goal-more-{plan.yankes_goal.pk}")
    assert (
        more.locator("a")
        .get_attribute("href")
        .startswith(f"/kinerja/pohon/sasaran/{plan.yankes_goal.pk}/anak/")
    )
    page.get_by_test_id(f"goal-{plan.yankes_goal.pk}").click()
    tree.get_by_text("Kegiatan 1").wait_for()
    assert tree.get_by_text("Indikator tambahan 0").is_visible() is False  # closed until opened
    assert page.get_by_test_id(f"goal-more-{plan.yankes_goal.pk}").count() == 0
