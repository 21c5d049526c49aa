"""Advice that fits the viewer: everyone else is told to ask BKPSDM; a BKPSDM administrator
is never told to contact BKPSDM, but what to check or correct themself, with a link."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from kinerja.skp import services
from kinerja.skp.tests.factories import YEAR, add_result, chain_of_plans, editor_url, start_skp
from kinerja.skp.tests.review_data import IN_MARCH, freeze_today, submit

pytestmark = pytest.mark.django_db

ASK_BKPSDM = "Ask BKPSDM"
CONTACT_BKPSDM = "contact your unit's admin or BKPSDM"
ONCE_BKPSDM_OPENS = "once BKPSDM opens it"


@pytest.fixture(autouse=True)
def english(client, settings, monkeypatch):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    freeze_today(monkeypatch, IN_MARCH)
    with translation.override("en"):
        yield


def content_of(client, personas, key, url, status=200):
    client.force_login(personas.users[key])
    response = client.get(url)
    assert response.status_code == status
    return response.content.decode()


# --- the refusal page ---------------------------------------------------------------------------


@pytest.fixture
def submitted(personas):
    return submit(chain_of_plans(personas)["staf"])


def test_a_refused_employee_is_told_to_ask_bkpsdm(client, personas, submitted):
    # The employee may read their plan but not review it: only the raters do.
    content = content_of(
        client, personas, "staf", reverse("skp:review", args=[submitted.pk]), status=403
    )
    assert 'data-testid="advice-ask-bkpsdm"' in content
    assert ASK_BKPSDM in content
    assert 'data-testid="advice-bkpsdm-admin"' not in content


def test_a_refused_bkpsdm_administrator_is_sent_to_the_organisation_data(
    client, personas, submitted
):
    content = content_of(
        client, personas, "bkpsdm", reverse("skp:review", args=[submitted.pk]), status=403
    )
    assert 'data-testid="advice-bkpsdm-admin"' in content
    assert "Not even a BKPSDM administrator may open this page" in content
    assert f'href="{reverse("org:employee_list")}"' in content
    assert ASK_BKPSDM not in content and 'data-testid="advice-ask-bkpsdm"' not in content


def test_the_link_offered_to_a_refused_bkpsdm_administrator_opens_for_them(client, personas):
    assert content_of(client, personas, "bkpsdm", reverse("org:employee_list"))


# --- the exemption on the SKP home --------------------------------------------------------------


def _exempt(personas, key):
    return services.exemption_record(
        actor=None,
        employee=personas.employees[key],
        reason="cltn",
        start_date=datetime.date(YEAR, 2, 1),
    )


def test_an_exempt_employee_is_told_to_contact_their_admin_or_bkpsdm(client, personas):
    _exempt(personas, "dokter")
    content = content_of(client, personas, "dokter", reverse("skp:home"))
    assert 'data-testid="exempt-from-planning"' in content
    assert 'data-testid="exemption-advice"' in content and CONTACT_BKPSDM in content
    assert 'data-testid="exemption-advice-bkpsdm-admin"' not in content


def test_an_exempt_bkpsdm_administrator_is_offered_to_correct_the_exemption(client, personas):
    exemption = _exempt(personas, "bkpsdm")
    content = content_of(client, personas, "bkpsdm", reverse("skp:home"))
    assert 'data-testid="exempt-from-planning"' in content
    assert 'data-testid="exemption-advice-bkpsdm-admin"' in content
    url = reverse("skp:exemption_update", args=[exemption.pk])
    assert f'href="{url}"' in content
    assert CONTACT_BKPSDM not in content and 'data-testid="exemption-advice"' not in content
    # and the link leads to a form they may use
    assert content_of(client, personas, "bkpsdm", url)


# --- the action plan of a year without periods ------------------------------------------------


def test_an_employee_writing_an_action_plan_is_told_bkpsdm_opens_the_year(client, personas):
    skp = start_skp(personas, "staf")
    rhk = add_result(skp)
    content = content_of(client, personas, "staf", editor_url(skp, rhk))
    assert 'data-testid="no-action-periods"' in content
    assert ONCE_BKPSDM_OPENS in content
    assert 'data-testid="no-action-periods-bkpsdm-admin"' not in content


def test_a_bkpsdm_administrator_writing_an_action_plan_is_sent_to_the_calendar(client, personas):
    skp = start_skp(personas, "bkpsdm")
    rhk = add_result(skp)
    content = content_of(client, personas, "bkpsdm", editor_url(skp, rhk))
    assert 'data-testid="no-action-periods"' in content
    assert 'data-testid="no-action-periods-bkpsdm-admin"' in content
    url = f"{reverse('iku:calendar')}?year={YEAR}"
    assert f'href="{url}"' in content
    assert ONCE_BKPSDM_OPENS not in content
    assert content_of(client, personas, "bkpsdm", url)
