"""A citizen answers a counter's satisfaction survey on a phone (390 x 844), without logging in:
the survey link of a counter that the demo's survey data set up, one missing answer that the
page names while it keeps every other answer, then the thanks. No page scrolls sideways.

At the counter's kiosk tablet, answers given while the network is down wait on the tablet and
are recorded, on the day they were given, when it returns.

A citizen's answer moves the unit's IKM on its results page and, after the daily computation,
the realisation of the organisation indicator that takes its figure from that IKM."""

import datetime

import pytest
from django.core.management import call_command
from django.core.signing import get_cookie_signer
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from kinerja.accounts.viewer import build_viewer
from kinerja.demo.generator import surveys as demo_surveys
from kinerja.iku.models import GoalLevel, Realisation
from kinerja.iku.services import sources as iku_sources
from kinerja.iku.tests import factories as iku
from kinerja.org.models import Unit
from kinerja.org.tests.personas import PASSWORD, build_personas
from kinerja.surveys import rules
from kinerja.surveys import sources as survey_sources
from kinerja.surveys.models import Response, Service, SurveyPoint
from kinerja.surveys.views.setup import KIOSK_COOKIE, KIOSK_SALT
from tests.e2e.conftest import PHONE, assert_fits, close_page, log_in, open_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The answer chosen for each element (its position among the four, 0 = the worst).
CHOSEN = {element: 2 + index % 2 for index, element in enumerate(rules.ELEMENTS)}


def test_a_citizen_answers_a_counters_survey_on_a_phone(browser, live_server):
    personas = build_personas()
    demo_surveys.seed_surveys(personas.agency, seed=2026, today=datetime.date(2026, 5, 20))
    point = SurveyPoint.objects.filter(unit=personas.units["pkm"], service__isnull=True).first()
    before = Response.objects.count()

    page = open_page(browser, live_server, viewport=PHONE)
    page.set_default_navigation_timeout(60000)  # the first request compiles the templates
    page.goto(f"/survei/{point.token}/")
    expect(page.get_by_role("heading", name="Puskesmas Sukamaju")).to_be_visible()
    assert_fits(page)
    for element, position in CHOSEN.items():
        if element == rules.Element.WAKTU:
            continue  # forgotten
        label = rules.ANSWER_LABELS[element][position]
        page.locator(f"#q-{element}").get_by_label(label, exact=True).check()
    page.locator("#id_service").select_option(label="Poli Gigi")
    page.locator("#q-age_band").get_by_label("30 sampai 39").check()
    page.locator("#q-sex").get_by_label("Perempuan").check()
    page.locator("#id_education").select_option("sma")
    page.locator("#id_occupation").select_option("self")
    page.locator("#id_suggestion").fill("Antrean pagi panjang.")
    page.get_by_role("button", name="Kirim jawaban saya").click()

    expect(page.locator("#e-waktu")).to_have_text("Pilih jawaban untuk pertanyaan ini.")
    expect(page.get_by_role("alert").first).to_contain_text("Ada jawaban yang belum diisi")
    label = rules.ANSWER_LABELS[rules.Element.BIAYA][CHOSEN[rules.Element.BIAYA]]
    expect(page.locator("#q-biaya").get_by_label(label, exact=True)).to_be_checked()
    expect(page.locator("#id_suggestion")).to_have_value("Antrean pagi panjang.")
    expect(page.locator("#id_service")).to_have_value(
        str(point.unit.services.get(name="Poli Gigi").pk)
    )
    assert Response.objects.count() == before
    assert_fits(page)

    page.locator("#q-waktu").get_by_label("Cepat", exact=True).check()
    page.get_by_role("button", name="Kirim jawaban saya").click()
    expect(page.get_by_role("heading", name="Terima kasih!")).to_be_visible()
    assert Response.objects.count() == before + 1
    saved = Response.objects.order_by("-pk").first()
    assert saved.waktu == 3 and saved.service.name == "Poli Gigi" and saved.channel == "qr"
    close_page(page)


def _answer_everything(page):
    for element, position in CHOSEN.items():
        label = rules.ANSWER_LABELS[element][position]
        page.locator(f"#q-{element}").get_by_label(label, exact=True).check()
    page.locator("#id_service").select_option(label="Poli Gigi")
    page.locator("#q-age_band").get_by_label("30 sampai 39").check()
    page.locator("#q-sex").get_by_label("Laki-laki").check()
    page.locator("#id_education").select_option("sma")
    page.locator("#id_occupation").select_option("self")


def test_the_kiosk_keeps_answers_while_offline_and_sends_them_when_the_network_returns(
    browser, live_server
):
    personas = build_personas()
    demo_surveys.seed_surveys(personas.agency, seed=2026, today=datetime.date(2026, 5, 20))
    point = SurveyPoint.objects.filter(unit=personas.units["pkm"], service__isnull=True).first()
    before = Response.objects.count()

    page = open_page(browser, live_server, viewport={"width": 800, "height": 1280})
    page.set_default_navigation_timeout(60000)
    trusted = get_cookie_signer(salt=KIOSK_COOKIE + KIOSK_SALT).sign(point.token)
    page.context.add_cookies([{"name": KIOSK_COOKIE, "value": trusted, "url": live_server.url}])
    page.goto(f"/survei/{point.token}/?kiosk=1")
    expect(page.get_by_role("heading", name="Puskesmas Sukamaju")).to_be_visible()

    page.context.set_offline(True)
    _answer_everything(page)
    page.get_by_role("button", name="Kirim jawaban saya").click()
    expect(page.locator("#kiosk-thanks [data-kept]")).to_be_visible()
    expect(page.locator("#kiosk-queue")).to_have_text(
        "Satu jawaban menunggu di tablet ini: jawaban dikirim begitu jaringan kembali."
    )
    assert Response.objects.count() == before

    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(page.locator("#kiosk-queue")).to_be_hidden()
    assert Response.objects.count() == before + 1
    saved = Response.objects.order_by("-pk").first()
    assert saved.channel == "kiosk" and saved.sex == "m"
    assert saved.day == timezone.localdate()
    close_page(page)


def test_a_citizens_answer_moves_the_units_ikm_and_the_indicator_it_feeds(browser, live_server):
    personas = build_personas()
    pkm = personas.units["pkm"]
    Unit.objects.filter(pk=pkm.pk).update(is_service_unit=True)
    Service.objects.create(unit=pkm, name="Poli Gigi")
    point = SurveyPoint.objects.create(unit=pkm, name="Loket Pendaftaran")
    today = timezone.localdate()
    iku.performance_year(personas.agency, today.year, "quarterly")
    goal = iku.goal(personas, "yankes", GoalLevel.SASARAN_PROGRAM, plan_start_year=today.year)
    indicator = iku.indicator(goal, "IKM Puskesmas Sukamaju", consolidation="average")
    kabid = build_viewer(personas.users["kabid"], today=today)
    iku_sources.indicator_source_set(
        actor=kabid, indicator=indicator, kind=survey_sources.IKM, unit=pkm
    )
    quarter = Realisation.objects.get(
        indicator=indicator, period__start_date__lte=today, period__end_date__gte=today
    )
    assert quarter.value is None  # nobody has answered yet

    citizen = open_page(browser, live_server, viewport=PHONE)
    citizen.set_default_navigation_timeout(60000)
    citizen.goto(f"/survei/{point.token}/")
    _answer_everything(citizen)
    citizen.get_by_role("button", name="Kirim jawaban saya").click()
    expect(citizen.get_by_role("heading", name="Terima kasih!")).to_be_visible()
    close_page(citizen)
    scores = [CHOSEN[element] + 1 for element in rules.ELEMENTS]  # the worst answer scores 1
    expected = rules.ikm(rules.nrr([scores])).index_100
    shown = f"{expected:.2f}".replace(".", ",")

    call_command("compute_sourced_realisations")  # the daily run
    quarter.refresh_from_db()
    assert quarter.value == expected and quarter.status == "verified"

    staff = open_page(browser, live_server, viewport=PHONE)
    log_in(staff, personas.users["bkpsdm"].username, PASSWORD)
    staff.goto(reverse("surveys:results_unit", args=[pkm.pk]))
    expect(staff.locator("main")).to_contain_text(shown)
    staff.goto(reverse("iku:realisation", args=[quarter.pk]))
    expect(staff.get_by_test_id("computed-from")).to_be_visible()
    expect(staff.locator("main")).to_contain_text(shown)
    assert_fits(staff)
    close_page(staff)
