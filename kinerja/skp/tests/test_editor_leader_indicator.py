"""The SKP editor names the leader's specific indicator (IKI) an RHK intervenes in, and the
read-only pages, the review page and the documents show it beside the leader's RHK."""

import io
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from kinerja.core.models import AuditEvent
from kinerja.skp import services
from kinerja.skp.diff import Change, RhkDiff, SkpDiff, skp_diff
from kinerja.skp.documents import excel
from kinerja.skp.models import Rhk, RhkIndicator, Skp
from kinerja.skp.selectors.documents import document_plan
from kinerja.skp.tests.factories import add_result, editor_url, set_plan, start_skp
from kinerja.skp.tests.review_data import IN_JANUARY, freeze_today, submit
from kinerja.skp.views.diff_rows import diff_rows

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
SECOND_IKI = "Persentase puskesmas terbina"
OTHER_IKI = "Jumlah tersedianya data kunjungan"


@pytest.fixture(autouse=True)
def english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def plans(personas):
    """kadinkes -> kabid -> kasi set; the kasi's first RHK has two indicators and a second RHK
    has its own; the staf's draft intervenes in the kasi's first RHK."""
    kadinkes = start_skp(personas, "kadinkes")
    top = add_result(kadinkes, "Meningkatnya mutu layanan kesehatan")
    set_plan(kadinkes)
    kabid = start_skp(personas, "kabid")
    middle = add_result(kabid, "Meningkatnya cakupan layanan primer", leader_rhk=top)
    set_plan(kabid)
    kasi = start_skp(personas, "kasi")
    leader_rhk = add_result(kasi, "Terlaksananya pembinaan puskesmas", leader_rhk=middle)
    second = services.indicator_add(
        actor=None,
        rhk=leader_rhk,
        text=SECOND_IKI,
        aspect="kualitas",
        target_value=Decimal("80"),
        unit_of_measure="persen",
    )
    other_rhk = add_result(kasi, "Tersedianya data kunjungan", leader_rhk=middle)
    kasi = set_plan(kasi)
    staf = start_skp(personas, "staf")
    staf_rhk = add_result(staf, "Tersusunnya laporan pembinaan", leader_rhk=leader_rhk)
    return {
        "personas": personas,
        "kasi": kasi,
        "staf": staf,
        "staf_rhk": staf_rhk,
        "leader_rhk": leader_rhk,
        "first": RhkIndicator.objects.filter(rhk=leader_rhk).order_by("order", "pk").first(),
        "second": second,
        "other_rhk": other_rhk,
        "other": RhkIndicator.objects.get(rhk=other_rhk),
    }


def login(client, plans, key):
    if key != "anonymous":
        client.force_login(plans["personas"].users[key])
    return client


def select_of(content: str, name: str) -> str:
    match = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', content, re.DOTALL)
    assert match, f"no select {name}"
    return match.group(1)


def options_of(content: str, name: str) -> list[str]:
    return re.findall(r'<option value="(\d+)"', select_of(content, name))


def selected_of(content: str, name: str) -> list[str]:
    return re.findall(r'<option value="(\d*)" selected', select_of(content, name))


def rhk_data(plans, **values):
    rhk = plans["staf_rhk"]
    data = {"kind": "utama", "text": rhk.text, "intervened_rhk": str(plans["leader_rhk"].pk)}
    data.update(values)
    return {f"rhk-{rhk.pk}-{name}": value for name, value in data.items()}


def update_url(plans):
    return reverse("skp:rhk_update", args=[plans["staf"].pk, plans["staf_rhk"].pk])


def options_url(skp, prefix: str, leader_pk) -> str:
    url = reverse("skp:leader_indicator_options", args=[skp.pk])
    return f"{url}?prefix={prefix}&{prefix}-intervened_rhk={leader_pk}"


def stored_indicator(plans):
    return Rhk.objects.get(pk=plans["staf_rhk"].pk).intervened_indicator_id


# --- the choice in the editor ---------------------------------------------------------------


def test_the_rhk_form_offers_the_indicators_of_the_chosen_leader_rhk(client, plans):
    staf = login(client, plans, "staf")
    content = staf.get(editor_url(plans["staf"], plans["staf_rhk"])).content.decode()
    prefix = f"rhk-{plans['staf_rhk'].pk}"
    name = f"{prefix}-intervened_indicator"
    assert options_of(content, name) == [str(plans["first"].pk), str(plans["second"].pk)]
    assert f"{SECOND_IKI} (80 persen)" in select_of(content, name)
    assert OTHER_IKI not in select_of(content, name)
    assert selected_of(content, name) == [""]  # the RHK as a whole
    # Changing the leader RHK asks the server for its indicators and swaps them in.
    rhk_select = re.search(rf'<select name="{prefix}-intervened_rhk"[^>]*>', content).group(0)
    url = reverse("skp:leader_indicator_options", args=[plans["staf"].pk])
    assert f'hx-get="{url}?prefix={prefix}"' in rhk_select
    assert f'hx-target="#{prefix}-leader-indicator"' in rhk_select
    assert f'aria-controls="{prefix}-leader-indicator"' in rhk_select
    assert f'id="{prefix}-leader-indicator"' in content
    # A new RHK has no leader RHK yet: nothing to choose until one is chosen.
    content = staf.get(editor_url(plans["staf"], new_rhk=True)).content.decode()
    assert options_of(content, "new-rhk-intervened_indicator") == []
    assert 'id="new-rhk-leader-indicator"' in content
    assert "Choose the leader&#x27;s RHK first." in content


def test_the_stored_indicator_is_selected_in_the_editor(client, plans):
    services.rhk_update(actor=None, rhk=plans["staf_rhk"], intervened_indicator=plans["second"])
    content = login(client, plans, "staf").get(editor_url(plans["staf"], plans["staf_rhk"]))
    name = f"rhk-{plans['staf_rhk'].pk}-intervened_indicator"
    assert selected_of(content.content.decode(), name) == [str(plans["second"].pk)]


def test_a_jpt_plan_has_no_leader_indicator(client, personas):
    skp = start_skp(personas, "kadinkes")
    add_result(skp, "Meningkatnya derajat kesehatan")
    client.force_login(personas.users["kadinkes"])
    content = client.get(reverse("skp:edit", args=[skp.pk])).content.decode()
    assert "intervened_indicator" not in content and "leader-indicator" not in content
    url = reverse("skp:leader_indicator_options", args=[skp.pk])
    assert client.get(f"{url}?prefix=new-rhk").status_code == 404


# --- saving ----------------------------------------------------------------------------------


def test_an_autosave_sets_the_leaders_indicator(client, plans):
    login(client, plans, "staf")
    data = rhk_data(plans, intervened_indicator=str(plans["second"].pk))
    response = client.post(update_url(plans), data, **HTMX)
    assert response.status_code == 200
    assert response["HX-Reswap"] == "none"
    assert "Saved at" in response.content.decode()
    assert stored_indicator(plans) == plans["second"].pk
    event = AuditEvent.objects.filter(action="skp.rhk.updated").latest("pk")
    assert event.after["intervened_indicator_id"] == plans["second"].pk


def test_without_javascript_the_indicator_is_saved_and_the_editor_comes_back(client, plans):
    login(client, plans, "kasi")  # the rater may set it too
    data = rhk_data(plans, intervened_indicator=str(plans["first"].pk))
    response = client.post(update_url(plans), data)
    assert response.status_code == 302
    assert response["Location"].endswith(f"#rhk-{plans['staf_rhk'].pk}")
    assert stored_indicator(plans) == plans["first"].pk


def test_a_new_rhk_is_added_with_the_leaders_indicator(client, plans):
    login(client, plans, "staf")
    staf = plans["staf"]
    data = {
        "new-rhk-kind": "tambahan",
        "new-rhk-text": "Terdatanya puskesmas binaan",
        "new-rhk-intervened_rhk": str(plans["leader_rhk"].pk),
        "new-rhk-intervened_indicator": str(plans["second"].pk),
    }
    response = client.post(reverse("skp:rhk_add", args=[staf.pk]), data)
    assert response.status_code == 302
    rhk = Rhk.objects.get(skp=staf, text="Terdatanya puskesmas binaan")
    assert (rhk.intervened_rhk_id, rhk.intervened_indicator_id) == (
        plans["leader_rhk"].pk,
        plans["second"].pk,
    )


@pytest.mark.parametrize("htmx", [True, False])
def test_an_indicator_of_another_rhk_is_refused_on_its_field_and_the_input_kept(
    client, plans, htmx
):
    login(client, plans, "staf")
    data = rhk_data(plans, text="Teks baru", intervened_indicator=str(plans["other"].pk))
    response = client.post(update_url(plans), data, **(HTMX if htmx else {}))
    assert response.status_code == (200 if htmx else 400)
    content = response.content.decode()
    assert ("<html" in content) is not htmx
    assert "Choose an indicator of the chosen leader&#x27;s RHK, or leave it empty." in content
    assert 'data-testid="field-error"' in content
    assert ("Not saved" in content) is htmx  # the status line of the autosave
    assert "Teks baru" in content
    name = f"rhk-{plans['staf_rhk'].pk}-intervened_indicator"
    # The choice as posted stays on screen next to the message, with the right ones to pick.
    assert selected_of(content, name) == [str(plans["other"].pk)]
    assert str(plans["second"].pk) in options_of(content, name)
    rhk = Rhk.objects.get(pk=plans["staf_rhk"].pk)
    assert (rhk.text, rhk.intervened_indicator_id) == ("Tersusunnya laporan pembinaan", None)


def test_an_indicator_without_a_leader_rhk_is_refused(client, plans):
    login(client, plans, "staf")
    data = rhk_data(plans, intervened_rhk="", intervened_indicator=str(plans["first"].pk))
    content = client.post(update_url(plans), data, **HTMX).content.decode()
    assert "Choose an indicator of the chosen leader&#x27;s RHK" in content
    rhk = Rhk.objects.get(pk=plans["staf_rhk"].pk)
    assert (rhk.intervened_rhk_id, rhk.intervened_indicator_id) == (plans["leader_rhk"].pk, None)


def test_an_indicator_outside_the_leaders_plans_is_not_a_valid_choice(client, plans):
    login(client, plans, "staf")
    own = RhkIndicator.objects.get(rhk=plans["staf_rhk"])
    data = rhk_data(plans, intervened_indicator=str(own.pk))
    content = client.post(update_url(plans), data, **HTMX).content.decode()
    assert "Select a valid choice" in content
    assert stored_indicator(plans) is None


def test_clearing_the_indicator_or_the_leader_rhk_saves_the_rhk_as_a_whole(client, plans):
    services.rhk_update(actor=None, rhk=plans["staf_rhk"], intervened_indicator=plans["second"])
    login(client, plans, "staf")
    response = client.post(update_url(plans), rhk_data(plans, intervened_indicator=""), **HTMX)
    assert response.status_code == 200 and response["HX-Reswap"] == "none"
    assert stored_indicator(plans) is None
    services.rhk_update(actor=None, rhk=plans["staf_rhk"], intervened_indicator=plans["second"])
    data = rhk_data(plans, intervened_rhk="", intervened_indicator="")
    assert client.post(update_url(plans), data, **HTMX)["HX-Reswap"] == "none"
    rhk = Rhk.objects.get(pk=plans["staf_rhk"].pk)
    assert (rhk.intervened_rhk_id, rhk.intervened_indicator_id) == (None, None)


@pytest.mark.parametrize("key", ["kasi", "kabid"])
def test_a_set_plan_refuses_the_indicator(client, plans, key):
    kasi = plans["kasi"]
    rhk = plans["leader_rhk"]
    middle = rhk.intervened_rhk
    middle_indicator = RhkIndicator.objects.get(rhk=middle)
    login(client, plans, key)
    data = {
        f"rhk-{rhk.pk}-kind": "utama",
        f"rhk-{rhk.pk}-text": rhk.text,
        f"rhk-{rhk.pk}-intervened_rhk": str(middle.pk),
        f"rhk-{rhk.pk}-intervened_indicator": str(middle_indicator.pk),
    }
    for headers in ({}, HTMX):
        response = client.post(reverse("skp:rhk_update", args=[kasi.pk, rhk.pk]), data, **headers)
        assert response.status_code == 403
        options = client.get(options_url(kasi, f"rhk-{rhk.pk}", middle.pk), **headers)
        assert options.status_code == 403
    assert Rhk.objects.get(pk=rhk.pk).intervened_indicator_id is None


# --- the options endpoint ---------------------------------------------------------------------


def test_the_options_follow_the_chosen_leader_rhk(client, plans):
    login(client, plans, "staf")
    staf = plans["staf"]
    prefix = f"rhk-{plans['staf_rhk'].pk}"
    response = client.get(options_url(staf, prefix, plans["other_rhk"].pk), **HTMX)
    assert response.status_code == 200
    content = response.content.decode()
    assert options_of(content, f"{prefix}-intervened_indicator") == [str(plans["other"].pk)]
    assert f'id="id_{prefix}-intervened_indicator"' in content
    assert "<html" not in content
    response = client.get(options_url(staf, "new-rhk", plans["leader_rhk"].pk), **HTMX)
    ids = options_of(response.content.decode(), "new-rhk-intervened_indicator")
    assert ids == [str(plans["first"].pk), str(plans["second"].pk)]
    # No leader RHK, or one not on offer: only "the RHK as a whole".
    kadinkes_rhk = Rhk.objects.get(skp__employee=plans["personas"].employees["kadinkes"])
    for leader in ("", "bogus", kadinkes_rhk.pk):
        response = client.get(options_url(staf, "new-rhk", leader), **HTMX)
        assert response.status_code == 200
        assert options_of(response.content.decode(), "new-rhk-intervened_indicator") == []


def test_the_options_keep_the_stored_leader_rhk_after_the_leaders_plan_changed(client, plans):
    services.rhk_update(actor=None, rhk=plans["staf_rhk"], intervened_indicator=plans["second"])
    services.skp_revise(actor=None, skp=plans["kasi"], kind="new_assignment", reason="Tugas baru")
    login(client, plans, "staf")
    staf, old_leader = plans["staf"], plans["leader_rhk"]
    prefix = f"rhk-{plans['staf_rhk'].pk}"
    response = client.get(options_url(staf, prefix, old_leader.pk), **HTMX)
    ids = options_of(response.content.decode(), f"{prefix}-intervened_indicator")
    assert ids == [str(plans["first"].pk), str(plans["second"].pk)]
    # A new RHK is offered only the leader's plan in force.
    response = client.get(options_url(staf, "new-rhk", old_leader.pk), **HTMX)
    assert options_of(response.content.decode(), "new-rhk-intervened_indicator") == []
    content = client.get(editor_url(staf, plans["staf_rhk"])).content.decode()
    assert selected_of(content, f"{prefix}-intervened_indicator") == [str(plans["second"].pk)]


def test_the_options_refuse_a_prefix_that_is_not_an_rhk_form_of_the_plan(client, plans):
    login(client, plans, "staf")
    staf = plans["staf"]
    kasi_prefix = f"rhk-{plans['leader_rhk'].pk}"
    for prefix in ("", "x", "rhk-abc", "new-rhk-x", kasi_prefix):
        response = client.get(options_url(staf, prefix, plans["leader_rhk"].pk))
        assert response.status_code == 404, prefix
    url = reverse("skp:leader_indicator_options", args=[staf.pk])
    assert client.post(f"{url}?prefix=new-rhk").status_code == 405


@pytest.mark.parametrize(
    ("role", "state", "expected"),
    [
        ("anonymous", "draft", "login"),
        ("dokter", "draft", 404),
        ("outsider", "draft", 404),  # a user of another agency
        ("staf", "draft", 200),
        ("kasi", "draft", 200),
        ("kabid", "draft", 403),
        ("bkpsdm", "draft", 403),
        ("pimpinan", "draft", 403),
        ("auditor", "draft", 403),
        # A set plan is refused to its owner and rater too, like every editor endpoint.
        ("anonymous", "set", "login"),
        ("outsider", "set", 404),
        ("staf", "set", 403),
        ("kasi", "set", 403),
        ("kabid", "set", 403),
    ],
)
def test_only_the_owner_and_the_rater_get_the_options(client, plans, role, state, expected):
    staf = set_plan(plans["staf"]) if state == "set" else plans["staf"]
    login(client, plans, role)
    response = client.get(options_url(staf, "new-rhk", plans["leader_rhk"].pk), **HTMX)
    if expected == "login":
        assert response.status_code == 302 and "/akun/masuk/" in response["Location"]
    else:
        assert response.status_code == expected
        if expected == 200:
            assert str(plans["second"].pk) in options_of(
                response.content.decode(), "new-rhk-intervened_indicator"
            )
    if state == "set" and role in ("staf", "kasi"):
        assert "This SKP has been set and cannot be changed" in response.content.decode()


# --- digits that are not ASCII (str.isdigit() accepts "²", int() refuses it) -------------------

NOT_ASCII_DIGITS = ["²", "٣", "1²"]


@pytest.mark.parametrize("value", NOT_ASCII_DIGITS)
def test_a_new_rhk_with_a_leader_rhk_in_other_digits_gets_a_field_error(client, plans, value):
    login(client, plans, "staf")
    staf = plans["staf"]
    data = {
        "new-rhk-kind": "tambahan",
        "new-rhk-text": "Terdatanya puskesmas binaan",
        "new-rhk-intervened_rhk": value,
        "new-rhk-intervened_indicator": str(plans["second"].pk),
    }
    response = client.post(reverse("skp:rhk_add", args=[staf.pk]), data)
    assert response.status_code == 400
    content = response.content.decode()
    assert "Select a valid choice" in content and 'data-testid="field-error"' in content
    assert "Terdatanya puskesmas binaan" in content  # the input is kept
    assert not Rhk.objects.filter(skp=staf, text="Terdatanya puskesmas binaan").exists()


@pytest.mark.parametrize("htmx", [True, False])
@pytest.mark.parametrize("value", NOT_ASCII_DIGITS)
def test_an_indicator_in_other_digits_gets_a_field_error(client, plans, value, htmx):
    login(client, plans, "staf")
    data = rhk_data(plans, text="Teks baru", intervened_indicator=value)
    response = client.post(update_url(plans), data, **(HTMX if htmx else {}))
    assert response.status_code == (200 if htmx else 400)
    content = response.content.decode()
    assert "Select a valid choice" in content and 'data-testid="field-error"' in content
    assert "Teks baru" in content
    name = f"rhk-{plans['staf_rhk'].pk}-intervened_indicator"
    assert options_of(content, name) == [str(plans["first"].pk), str(plans["second"].pk)]
    rhk = Rhk.objects.get(pk=plans["staf_rhk"].pk)
    assert (rhk.text, rhk.intervened_indicator_id) == ("Tersusunnya laporan pembinaan", None)


@pytest.mark.parametrize("value", NOT_ASCII_DIGITS)
def test_the_options_for_a_leader_rhk_in_other_digits_offer_nothing(client, plans, value):
    # Like any leader RHK not on offer: only "the RHK as a whole" (see the test above).
    login(client, plans, "staf")
    for prefix in ("new-rhk", f"rhk-{plans['staf_rhk'].pk}"):
        response = client.get(options_url(plans["staf"], prefix, value), **HTMX)
        assert response.status_code == 200
        content = response.content.decode()
        assert options_of(content, f"{prefix}-intervened_indicator") == []
        assert "Choose the leader&#x27;s RHK first." in content


# --- shown wherever the leader's RHK is shown --------------------------------------------------


def test_the_plan_page_shows_the_leaders_indicator(client, plans):
    login(client, plans, "staf")
    url = reverse("skp:detail", args=[plans["staf"].pk])
    assert 'data-testid="intervened-indicator"' not in client.get(url).content.decode()
    services.rhk_update(actor=None, rhk=plans["staf_rhk"], intervened_indicator=plans["second"])
    content = client.get(url).content.decode()
    match = re.search(r'data-testid="intervened-indicator">(.*?)</div>', content)
    assert match and match.group(1) == f"Indicator: {SECOND_IKI}"
    assert plans["leader_rhk"].text in content


def test_the_review_page_shows_the_leaders_indicator(client, plans, monkeypatch):
    freeze_today(monkeypatch, IN_JANUARY)
    services.rhk_update(actor=None, rhk=plans["staf_rhk"], intervened_indicator=plans["second"])
    staf = submit(plans["staf"])
    content = login(client, plans, "kasi").get(reverse("skp:review", args=[staf.pk]))
    content = content.content.decode()
    assert "Leader's indicator intervened" in content
    match = re.search(r'data-testid="intervened-indicator">(.*?)</dd>', content, re.DOTALL)
    assert match and SECOND_IKI in match.group(1) and "80 persen" in match.group(1)


def pdf_text(response) -> str:
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_the_pdf_prints_the_leaders_indicator_under_the_leaders_rhk(client, plans):
    login(client, plans, "staf")
    url = reverse("skp:pdf", args=[plans["staf"].pk])
    assert "Indikator:" not in pdf_text(client.get(url))
    services.rhk_update(actor=None, rhk=plans["staf_rhk"], intervened_indicator=plans["second"])
    text = pdf_text(client.get(url))
    assert "RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI" in text
    assert f"Terlaksananya pembinaan puskesmas Indikator: {SECOND_IKI}" in text


def test_the_unit_recap_workbook_names_the_leaders_indicator(plans):
    services.rhk_update(actor=None, rhk=plans["staf_rhk"], intervened_indicator=plans["second"])
    rows = list(excel._rhk_rows(document_plan(plans["staf"])))
    assert rows[0][7] == f"Terlaksananya pembinaan puskesmas\nIndikator: {SECOND_IKI}"


def test_the_version_diff_names_the_leaders_indicators_not_their_ids(plans):
    rhk = plans["staf_rhk"]
    change = Change("intervened_indicator_id", plans["first"].pk, plans["second"].pk)
    diff = SkpDiff([RhkDiff("changed", rhk, rhk, [change], [])], [], [])
    rows = diff_rows(diff)
    assert rows["rhks"][0]["changes"] == [
        (
            "leader's indicator intervened",
            "Jumlah terlaksananya pembinaan puskesmas",
            SECOND_IKI,
        )
    ]


# --- queries ----------------------------------------------------------------------------------


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_editor_costs_the_same_queries_for_more_rhk_with_leader_indicators(client, plans):
    staf = plans["staf"]
    services.rhk_update(actor=None, rhk=plans["staf_rhk"], intervened_indicator=plans["second"])
    login(client, plans, "staf")
    url = reverse("skp:edit", args=[staf.pk])
    client.get(url)  # warm up the session and the caches
    few = _count(client, url)
    for n in range(6):
        leader, indicator = (
            (plans["leader_rhk"], plans["first"]) if n % 2 else (plans["other_rhk"], plans["other"])
        )
        rhk = add_result(staf, f"Hasil {n}", leader_rhk=leader, kind="tambahan")
        services.rhk_update(actor=None, rhk=rhk, intervened_indicator=indicator)
    assert _count(client, url) == few
    assert few <= 30


def test_the_options_cost_a_fixed_number_of_queries(client, plans, django_assert_max_num_queries):
    login(client, plans, "staf")
    url = options_url(plans["staf"], f"rhk-{plans['staf_rhk'].pk}", plans["leader_rhk"].pk)
    client.get(url)
    with django_assert_max_num_queries(8):
        assert client.get(url, **HTMX).status_code == 200


def test_a_new_version_that_only_changes_the_leaders_indicator_shows_in_the_diff(plans):
    staf = set_plan(plans["staf"])
    revised = services.skp_revise(actor=None, skp=staf, kind="expectation", reason="Fokus mutu")
    rhk = Rhk.objects.get(skp=revised)
    services.rhk_update(actor=None, rhk=rhk, intervened_indicator=plans["second"])
    diff = skp_diff(Skp.objects.get(pk=staf.pk), revised)
    [rhk_diff] = diff.rhks
    assert rhk_diff.status == "changed"
    assert [c.field for c in rhk_diff.changes] == ["intervened_indicator_id"]
    assert rhk_diff.changes[0].new == plans["second"].pk
