"""The LKjIP category bands of a year: validation, the settings page, and their use."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from kinerja.core.errors import PermissionDeniedError
from kinerja.core.models import AuditEvent
from kinerja.iku import rules
from kinerja.iku import selectors as iku_selectors
from kinerja.iku.models import LkjipSettings
from kinerja.iku.models.calendar import bands_to_json
from kinerja.iku.services import lkjip as services
from kinerja.iku.tests import factories as f
from kinerja.iku.tests import view_data
from kinerja.reports import excel, selectors

D = Decimal
REGENCY_EXAMPLE = bands_to_json(rules.LKJIP_REGENCY_EXAMPLE_BANDS)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _row(label, lower, inclusive=True):
    return {"label": label, "lower": lower, "lower_inclusive": inclusive}


def _code(rows) -> str:
    with pytest.raises(ValidationError) as caught:
        services.clean_category_bands(rows)
    [error] = caught.value.error_dict["bands"]
    return error.code


# --- validation -----------------------------------------------------------------------------------


def test_a_valid_table_is_returned_as_bands_from_the_lowest_up():
    bands = services.clean_category_bands(
        [_row("Kurang", 0), _row("Baik", "65", False), _row("Sangat Baik", D("85.5"))]
    )
    assert [(b.label, b.lower, b.lower_inclusive) for b in bands] == [
        ("Kurang", 0, True),
        ("Baik", 65, False),
        ("Sangat Baik", D("85.5"), True),
    ]


def test_a_table_needs_at_least_one_category():
    assert _code([]) == "bands_empty"


def test_every_category_needs_a_label():
    assert _code([_row("Kurang", 0), _row("   ", 50)]) == "band_label_missing"


def test_every_category_needs_a_valid_lower_bound():
    assert _code([_row("Kurang", 0), _row("Baik", "")]) == "band_lower_missing"
    assert _code([_row("Kurang", 0), _row("Baik", "lima")]) == "band_lower_invalid"
    assert _code([_row("Kurang", 0), _row("Baik", -5)]) == "band_lower_invalid"
    assert _code([_row("Kurang", 0), _row("Baik", "50.125")]) == "band_lower_invalid"


def test_the_lowest_category_starts_at_zero_inclusive():
    assert _code([_row("Kurang", 10), _row("Baik", 50)]) == "bands_start_at_zero"
    assert _code([_row("Kurang", 0, False), _row("Baik", 50)]) == "bands_start_at_zero"


def test_categories_must_rise_without_overlap():
    assert _code([_row("Kurang", 0), _row("Baik", 70), _row("Cukup", 60)]) == "bands_overlap"
    assert _code([_row("Kurang", 0), _row("Baik", 70), _row("Cukup", 70)]) == "bands_overlap"
    # A shared bound only as "≥ 100" then "> 100": a band holding one value.
    services.clean_category_bands(
        [_row("Kurang", 0), _row("Tepat", 100), _row("Melampaui", 100, False)]
    )


def test_a_label_is_used_once():
    assert _code([_row("Baik", 0), _row("baik", 50)]) == "band_label_duplicate"


def test_a_validation_message_names_the_problem_in_the_users_language():
    with pytest.raises(ValidationError) as caught:
        services.clean_category_bands([_row("Kurang", 0), _row("", 50)])
    assert caught.value.messages == ["Category 2 needs a label."]


# --- service and use in the LKjIP -----------------------------------------------------------------


def test_a_year_without_a_setting_uses_the_permendagri_scale(lkjip_year):
    assert iku_selectors.lkjip_category_bands(lkjip_year.performance_year) == (
        rules.PERMENDAGRI_86_2017_BANDS
    )


def test_a_changed_band_changes_the_lkjip_category_of_that_year_only(lkjip_year):
    personas = lkjip_year.personas
    viewer = f.viewer(personas, "bkpsdm")
    dinkes = personas.units["dinkes"]
    before = selectors.lkjip_report(viewer, lkjip_year.performance_year, unit=dinkes)
    assert [r.category for r in before.rows] == ["Tinggi", "Tinggi"]  # 90 and 80
    services.lkjip_bands_update(
        actor=viewer, performance_year=lkjip_year.performance_year, bands=REGENCY_EXAMPLE
    )
    after = selectors.lkjip_report(viewer, lkjip_year.performance_year, unit=dinkes)
    # ">85 Memuaskan, >75-85 Sangat Baik" on the regency example scale.
    assert [r.category for r in after.rows] == ["Memuaskan", "Sangat Baik"]
    assert (after.capaian, after.category) == (D("85.00"), "Sangat Baik")
    assert after.bands == rules.LKJIP_REGENCY_EXAMPLE_BANDS
    sheet = openpyxl.load_workbook(io.BytesIO(excel.lkjip_workbook(after))).active
    texts = [str(c.value) for row in sheet.iter_rows() for c in row if c.value]
    assert any("Memuaskan > 85" in text for text in texts)  # the legend of the year's bands
    last_year = personas.agency.performance_years.get(year=2024)
    assert iku_selectors.lkjip_category_bands(last_year) == rules.PERMENDAGRI_86_2017_BANDS


def test_a_change_is_audited_with_before_and_after(lkjip_year):
    viewer = f.viewer(lkjip_year.personas, "bkpsdm")
    py = lkjip_year.performance_year
    services.lkjip_bands_update(actor=viewer, performance_year=py, bands=REGENCY_EXAMPLE)
    event = AuditEvent.objects.get(action="iku.lkjip_bands.changed")
    assert event.actor == lkjip_year.personas.users["bkpsdm"]
    assert event.before["category_bands"] == bands_to_json(rules.PERMENDAGRI_86_2017_BANDS)
    assert event.after["category_bands"] == REGENCY_EXAMPLE
    # Saving the same table again changes nothing and records nothing.
    services.lkjip_bands_update(actor=viewer, performance_year=py, bands=REGENCY_EXAMPLE)
    assert AuditEvent.objects.filter(action="iku.lkjip_bands.changed").count() == 1


def test_an_invalid_table_is_refused_and_nothing_is_stored(lkjip_year):
    viewer = f.viewer(lkjip_year.personas, "bkpsdm")
    with pytest.raises(ValidationError):
        services.lkjip_bands_update(
            actor=viewer,
            performance_year=lkjip_year.performance_year,
            bands=[_row("Kurang", 0), _row("Baik", 70), _row("Cukup", 60)],
        )
    assert not LkjipSettings.objects.exists()
    assert not AuditEvent.objects.filter(action="iku.lkjip_bands.changed").exists()


@pytest.mark.parametrize("key", ["kadinkes", "kabid", "staf", "pimpinan", "auditor"])
def test_only_bkpsdm_and_the_planning_agency_change_the_bands(lkjip_year, key):
    viewer = f.viewer(lkjip_year.personas, key)
    with pytest.raises(PermissionDeniedError):
        services.lkjip_bands_update(
            actor=viewer, performance_year=lkjip_year.performance_year, bands=REGENCY_EXAMPLE
        )


# --- the settings page ----------------------------------------------------------------------------


def _url(year=2025):
    return reverse("reports:lkjip_bands", args=[year])


def _post_data(rows):
    data = {}
    for index, (label, lower, inclusive) in enumerate(rows):
        data[f"label_{index}"] = label
        data[f"lower_{index}"] = lower
        if inclusive:
            data[f"inclusive_{index}"] = "on"
    return data


@pytest.fixture
def page(lkjip_year, client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    view_data.add_people(lkjip_year.personas)  # perencana (Bappeda) and admin_opd
    return lkjip_year


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", "login"),
        ("dokter", 403),
        ("staf", 403),
        ("kasi", 403),
        ("kabid", 403),
        ("kadinkes", 403),
        ("admin_opd", 403),
        ("pimpinan", 403),
        ("auditor", 403),
        ("bkpsdm", 200),
        ("perencana", 200),
        ("outsider", 404),
    ],
)
def test_the_bands_page_is_for_bkpsdm_and_the_planning_agency(client, page, role, expected):
    if role != "anonymous":
        client.force_login(page.personas.users[role])
    for response in (client.get(_url()), client.post(_url(), _post_data([("Kurang", "0", 1)]))):
        if expected == "login":
            assert response.status_code == 302 and "/akun/masuk/" in response["Location"]
        elif expected == 200:
            assert response.status_code in (200, 302)
        else:
            assert response.status_code == expected


def test_an_unknown_year_is_not_found(client, page):
    client.force_login(page.personas.users["bkpsdm"])
    assert client.get(_url(2031)).status_code == 404
    assert client.get(reverse("reports:lkjip_bands", args=["abc"])).status_code == 404


def test_bkpsdm_sees_the_current_bands_and_saves_new_ones(client, page):
    client.force_login(page.personas.users["bkpsdm"])
    response = client.get(_url())
    assert response.status_code == 200
    assert response.context["form"]["label_0"].value() == "Sangat Rendah"
    assert "Sangat Tinggi" in response.content.decode()
    rows = [("Kurang", "0", 1), ("Baik", "50", 0), ("Sangat Baik", "85", 0)]
    response = client.post(_url(), _post_data(rows))
    assert response.status_code == 302 and response["Location"] == _url()
    stored = iku_selectors.lkjip_category_bands(page.performance_year)
    assert [(b.label, b.lower, b.lower_inclusive) for b in stored] == [
        ("Kurang", 0, True),
        ("Baik", 50, False),
        ("Sangat Baik", 85, False),
    ]
    assert AuditEvent.objects.filter(action="iku.lkjip_bands.changed").count() == 1


def test_an_invalid_table_re_renders_with_the_error_and_keeps_the_input(client, page):
    client.force_login(page.personas.users["bkpsdm"])
    rows = [("Kurang", "0", 1), ("Baik", "70", 0), ("Cukup", "60", 0)]
    response = client.post(_url(), _post_data(rows))
    assert response.status_code == 400
    form = response.context["form"]
    assert any("without overlap" in e for e in form.non_field_errors())
    assert form["label_2"].value() == "Cukup" and form["lower_2"].value() == "60"
    assert not LkjipSettings.objects.exists()


def test_the_reports_page_links_the_bands_to_bkpsdm_only(client, page):
    client.force_login(page.personas.users["bkpsdm"])
    assert _url() in client.get(reverse("reports:index")).content.decode()
    client.force_login(page.personas.users["kadinkes"])
    assert _url() not in client.get(reverse("reports:index")).content.decode()
