"""The IKU API: a permission table per operation, final records, query counts and OpenAPI.

Personas (kinerja/org/tests/personas.py): the goals are owned by Bidang Pelayanan Kesehatan
(yankes, headed by kabid, under kadinkes) and by BKPSDM. staf works in a seksi of yankes and
administers Dinas Kesehatan; kasi heads that seksi; dokter works in a Puskesmas of the dinas;
bkpsdm, pimpinan and auditor oversee the whole agency read-only; outsider belongs to another
agency; None is anonymous.
"""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kinerja.accounts.services import api_token_create
from kinerja.core.models import AuditEvent
from kinerja.iku.models import GoalLevel, Realisation, RealisationStatus
from kinerja.iku.services import realisation as realisation_services
from kinerja.iku.services import results as results_services
from kinerja.iku.services import tree as tree_services
from kinerja.iku.tests import factories as f

API = "/api/v1"
PERSONAS = [
    None,
    "dokter",
    "kasi",
    "staf",
    "kabid",
    "kadinkes",
    "bkpsdm",
    "pimpinan",
    "auditor",
    "outsider",
]
AGENCY = set(PERSONAS[1:-1])
# May enter and submit the yankes figures: staff of yankes or below, its heads, its admins.
ENTER = {"staf", "kasi", "kabid", "kadinkes"}
# May verify or return them: the head of yankes or of a unit above it.
VERIFY = {"kabid", "kadinkes"}
# See drafts and submitted figures of yankes (selectors.realisations_visible_to): the units at
# and below one's posts, one's admin units, the overseers, and whoever may enter them (the
# kasi's seksi is below yankes). Dokter's Puskesmas is beside it: only the verified figures.
SEE_WORK_IN_PROGRESS = ENTER | {"bkpsdm", "pimpinan", "auditor"}
TINY_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _viewer(personas, key):
    return f.viewer(personas, key, today=timezone.localdate())


def _status(persona, allowed: set, hidden: set = frozenset({"outsider"})) -> int:
    if persona is None:
        return 401
    if persona in hidden:
        return 404
    return 200 if persona in allowed else 403


@pytest.fixture
def iku(personas):
    """Year 2025 by quarter; yankes IKU with Q1 verified, Q2 submitted, Q3 draft; results."""
    agency = personas.agency
    py = f.performance_year(agency, 2025, "quarterly")
    q = {n: py.periods.get(kind="quarter", number=n) for n in range(1, 5)}
    dinkes_goal = f.goal(personas, "dinkes", code="SS.DINKES.1")
    yankes_goal = f.goal(
        personas, "yankes", GoalLevel.SASARAN_PROGRAM, parent=dinkes_goal, code="SP.YANKES.1"
    )
    bkpsdm_goal = f.goal(personas, "bkpsdm", code="SS.BKPSDM.1")
    imunisasi = f.indicator(yankes_goal, "Cakupan imunisasi dasar lengkap", is_iku=True)
    waktu_tunggu = f.indicator(
        yankes_goal,
        "Rata-rata waktu tunggu pasien",
        polarity="lower",
        consolidation="average",
        unit_of_measure="menit",
    )
    skp = f.indicator(bkpsdm_goal, "ASN dengan SKP tepat waktu", is_iku=True)
    tree_services.target_set(actor=None, indicator=imunisasi, year=2025, value=90)
    for n, value in ((1, 20), (2, 45), (3, 70), (4, 90)):
        tree_services.target_set(actor=None, indicator=imunisasi, period=q[n], value=value)
    staf, kabid = _viewer(personas, "staf"), _viewer(personas, "kabid")
    realisations = {}
    for n, value in ((1, 22), (2, 40), (3, 65)):
        realisations[n] = realisation_services.realisation_enter(
            actor=staf, indicator=imunisasi, period=q[n], value=value
        )
    realisation_services.evidence_add(
        actor=staf,
        realisation=realisations[1],
        uploaded_file=SimpleUploadedFile("bukti.pdf", TINY_PDF, "application/pdf"),
    )
    for n in (1, 2):
        realisations[n] = realisation_services.realisation_submit(
            actor=staf, realisation=realisations[n]
        )
    realisations[1] = realisation_services.realisation_verify(
        actor=kabid, realisation=realisations[1]
    )
    results_services.capaian_recompute_year(actor=None, agency=agency, year=2025)
    return {
        "personas": personas,
        "py": py,
        "q": q,
        "goals": {"dinkes": dinkes_goal, "yankes": yankes_goal, "bkpsdm": bkpsdm_goal},
        "indicators": {"imunisasi": imunisasi, "waktu_tunggu": waktu_tunggu, "skp": skp},
        "realisations": realisations,
    }


@pytest.fixture
def call(client, iku):
    """`call("get", "/iku/goals", as_user="kasi", unit=3)`: a request as a persona."""
    users = iku["personas"].users

    def _call(method, path, *, as_user=None, body=None, **params):
        client.logout()
        if as_user is not None:
            client.force_login(users[as_user])
        if method == "get":
            return client.get(f"{API}{path}", params)
        return client.post(
            f"{API}{path}", data=json.dumps(body or {}), content_type="application/json"
        )

    return _call


# --- reads ------------------------------------------------------------------------------------


READ_PATHS = [
    "/iku/years",
    "/iku/goals",
    "/iku/goals/{goal}",
    "/iku/indicators",
    "/iku/indicators/{indicator}",
    "/iku/indicators/{indicator}/realisations",
    "/iku/results/units?year=2025",
]


def _path(template: str, iku) -> str:
    return template.format(
        goal=iku["goals"]["yankes"].pk,
        indicator=iku["indicators"]["imunisasi"].pk,
        realisation=iku["realisations"][2].pk,
    )


@pytest.mark.parametrize("template", READ_PATHS)
def test_anonymous_callers_get_401_everywhere(call, iku, template):
    response = call("get", _path(template, iku))
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("persona", PERSONAS[1:])
def test_years_list_the_callers_agency_only_with_periods(call, persona):
    body = call("get", "/iku/years", as_user=persona).json()
    if persona == "outsider":
        assert body == {"count": 0, "items": []}
        return
    assert body["count"] == 1
    year = body["items"][0]
    assert year["year"] == 2025
    assert [(p["kind"], p["number"]) for p in year["periods"]] == [
        ("quarter", 1),
        ("quarter", 2),
        ("quarter", 3),
        ("quarter", 4),
        ("year", 1),
    ]


@pytest.mark.parametrize("persona", PERSONAS[1:])
def test_the_performance_tree_is_open_to_the_whole_agency_only(call, iku, persona):
    goals = call("get", "/iku/goals", as_user=persona).json()
    indicators = call("get", "/iku/indicators", as_user=persona).json()
    if persona == "outsider":
        assert goals["count"] == indicators["count"] == 0
    else:
        assert {g["code"] for g in goals["items"]} == {"SS.DINKES.1", "SP.YANKES.1", "SS.BKPSDM.1"}
        assert indicators["count"] == 3
    for template in ("/iku/goals/{goal}", "/iku/indicators/{indicator}"):
        response = call("get", _path(template, iku), as_user=persona)
        assert response.status_code == (404 if persona == "outsider" else 200)


def test_goal_filters_by_year_unit_and_level(call, iku):
    def codes(**params):
        body = call("get", "/iku/goals", as_user="dokter", **params).json()
        return {g["code"] for g in body["items"]}

    units = iku["personas"].units
    assert codes(unit=units["dinkes"].pk) == {"SS.DINKES.1", "SP.YANKES.1"}
    assert codes(unit=units["bkpsdm"].pk) == {"SS.BKPSDM.1"}
    assert codes(level="sasaran_program") == {"SP.YANKES.1"}
    assert codes(year=2029) == {"SS.DINKES.1", "SP.YANKES.1", "SS.BKPSDM.1"}
    assert codes(year=2030) == set()


def test_goal_detail_lists_children_indicators_and_parent(call, iku):
    dinkes = call("get", f"/iku/goals/{iku['goals']['dinkes'].pk}", as_user="kasi").json()
    assert dinkes["children_ids"] == [iku["goals"]["yankes"].pk]
    assert dinkes["parent_id"] is None
    yankes = call("get", f"/iku/goals/{iku['goals']['yankes'].pk}", as_user="kasi").json()
    assert yankes["parent_id"] == iku["goals"]["dinkes"].pk
    assert yankes["indicator_count"] == 2
    assert [i["name"] for i in yankes["indicators"]] == [
        "Cakupan imunisasi dasar lengkap",
        "Rata-rata waktu tunggu pasien",
    ]
    assert yankes["owner_unit"]["code"] == "DINKES.YANKES"


def test_indicator_filters_by_goal_unit_and_iku(call, iku):
    def names(**params):
        response = call("get", "/iku/indicators", as_user="auditor", **params)
        assert response.status_code == 200
        return {i["name"] for i in response.json()["items"]}

    assert names(goal=iku["goals"]["bkpsdm"].pk) == {"ASN dengan SKP tepat waktu"}
    assert names(unit=iku["personas"].units["yankes"].pk) == {
        "Cakupan imunisasi dasar lengkap",
        "Rata-rata waktu tunggu pasien",
    }
    assert names(is_iku="true") == {"Cakupan imunisasi dasar lengkap", "ASN dengan SKP tepat waktu"}
    assert names(is_iku="false") == {"Rata-rata waktu tunggu pasien"}


def test_filters_naming_another_agencys_objects_are_400(call, iku):
    other_unit = iku["personas"].units["other"].pk
    for path, name, params in (
        ("/iku/goals", "unit", {"unit": other_unit}),
        ("/iku/indicators", "unit", {"unit": other_unit}),
        ("/iku/indicators", "goal", {"goal": 999999}),
        ("/iku/results/units", "year", {"year": 2031}),
        ("/iku/results/units", "unit", {"year": 2025, "unit": other_unit}),
    ):
        response = call("get", path, as_user="bkpsdm", **params)
        assert response.status_code == 400, path
        assert name in response.json()["detail"]


def test_indicator_detail_has_the_manual_and_every_target(call, iku):
    body = call("get", f"/iku/indicators/{iku['indicators']['imunisasi'].pk}", as_user="dokter")
    body = body.json()
    assert body["is_iku"] is True
    assert body["polarity"] == "higher"
    assert body["goal"]["code"] == "SP.YANKES.1"
    assert body["owner_unit"]["code"] == "DINKES.YANKES"
    assert [(t["year"], float(t["value"])) for t in body["annual_targets"]] == [(2025, 90.0)]
    assert [(t["period"]["number"], float(t["value"])) for t in body["period_targets"]] == [
        (1, 20.0),
        (2, 45.0),
        (3, 70.0),
        (4, 90.0),
    ]
    assert {"definition", "formula_text", "data_source", "responsible_position"} <= set(body)


@pytest.mark.parametrize("persona", PERSONAS[1:])
def test_realisation_list_shows_work_in_progress_only_to_the_unit_and_overseers(call, iku, persona):
    path = _path("/iku/indicators/{indicator}/realisations", iku)
    response = call("get", path, as_user=persona)
    if persona == "outsider":
        assert response.status_code == 404
        return
    statuses = {(r["period"]["number"], r["status"]) for r in response.json()["items"]}
    if persona in SEE_WORK_IN_PROGRESS:
        assert statuses == {(1, "verified"), (2, "submitted"), (3, "draft")}
    else:
        assert statuses == {(1, "verified")}


def test_realisation_list_shows_evidence_and_filters(call, iku):
    path = _path("/iku/indicators/{indicator}/realisations", iku)
    body = call("get", path, as_user="kabid", status="verified").json()
    assert body["count"] == 1
    [verified] = body["items"]
    assert verified["version"] == 1
    assert [e["original_name"] for e in verified["evidence"]] == ["bukti.pdf"]
    assert verified["evidence"][0]["content_type"] == "application/pdf"
    q2 = iku["q"][2].pk
    assert [
        r["period"]["id"] for r in call("get", path, as_user="kabid", period=q2).json()["items"]
    ]
    assert call("get", path, as_user="kabid", year=2024).json()["count"] == 0


@pytest.mark.parametrize("persona", PERSONAS[1:])
def test_unit_results_are_open_to_the_agency(call, iku, persona):
    response = call("get", "/iku/results/units", as_user=persona, year=2025)
    if persona == "outsider":
        assert response.status_code == 400  # 2025 is not open in the outsider's agency
        return
    assert response.status_code == 200
    rows = response.json()["items"]
    q1 = [r for r in rows if r["period"]["id"] == iku["q"][1].pk]
    assert [(r["unit"]["code"], r["capaian"], r["predikat_proposed"]) for r in q1] == [
        ("DINKES.YANKES", "110.0000", "ISTIMEWA"),
        ("BKPSDM", None, None),  # no verified figure: no capaian, no proposal
    ]
    assert (q1[0]["predikat"], q1[0]["predikat_status"]) == (None, "proposed")


def test_unit_results_filter_by_period_and_refuse_a_period_of_another_year(call, iku):
    q1 = iku["q"][1].pk
    body = call("get", "/iku/results/units", as_user="bkpsdm", year=2025, period=q1).json()
    assert {r["period"]["id"] for r in body["items"]} == {q1}
    f.performance_year(iku["personas"].agency, 2026, "quarterly")
    response = call("get", "/iku/results/units", as_user="bkpsdm", year=2026, period=q1)
    assert response.status_code == 400
    assert "period" in response.json()["detail"]
    assert call("get", "/iku/results/units", as_user="bkpsdm").status_code == 422


# --- writes -----------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_entering_a_realisation(call, iku, persona):
    path = _path("/iku/indicators/{indicator}/realisations", iku)
    response = call("post", path, as_user=persona, body={"period": iku["q"][4].pk, "value": "88.5"})
    assert response.status_code == _status(persona, ENTER)
    created = Realisation.objects.filter(period=iku["q"][4]).first()
    if persona in ENTER:
        body = response.json()
        assert body["status"] == "draft"
        assert body["value"] == "88.5000"
        assert created.entered_by == iku["personas"].users[persona]
    else:
        assert created is None


@pytest.mark.parametrize("persona", PERSONAS)
def test_submitting_a_draft(call, iku, persona):
    draft = iku["realisations"][3]
    response = call("post", f"/iku/realisations/{draft.pk}/submit", as_user=persona)
    hidden = {"outsider", "dokter"}  # neither sees the draft nor may act on it
    assert response.status_code == _status(persona, ENTER, hidden)
    draft.refresh_from_db()
    expected = RealisationStatus.SUBMITTED if persona in ENTER else RealisationStatus.DRAFT
    assert draft.status == expected


@pytest.mark.parametrize("persona", PERSONAS)
def test_verifying_a_submitted_realisation(call, iku, persona):
    submitted = iku["realisations"][2]
    response = call("post", f"/iku/realisations/{submitted.pk}/verify", as_user=persona)
    assert response.status_code == _status(persona, VERIFY, {"outsider", "dokter"})
    submitted.refresh_from_db()
    if persona in VERIFY:
        assert submitted.status == RealisationStatus.VERIFIED
        assert response.json()["version"] == 1
    else:
        assert submitted.status == RealisationStatus.SUBMITTED


@pytest.mark.parametrize("persona", PERSONAS)
def test_returning_a_submitted_realisation(call, iku, persona):
    submitted = iku["realisations"][2]
    response = call(
        "post",
        f"/iku/realisations/{submitted.pk}/return",
        as_user=persona,
        body={"comment": "Lampirkan laporan imunisasi"},
    )
    assert response.status_code == _status(persona, VERIFY, {"outsider", "dokter"})
    submitted.refresh_from_db()
    if persona in VERIFY:
        assert response.json()["status"] == "returned"
        assert submitted.return_comment == "Lampirkan laporan imunisasi"
    else:
        assert submitted.status == RealisationStatus.SUBMITTED


def test_returning_needs_a_comment(call, iku):
    submitted = iku["realisations"][2]
    path = f"/iku/realisations/{submitted.pk}/return"
    assert call("post", path, as_user="kabid", body={}).status_code == 422
    response = call("post", path, as_user="kabid", body={"comment": "   "})
    assert response.status_code == 400
    assert "comment" in response.json()["detail"]


def test_a_verified_realisation_cannot_be_changed_through_the_api(call, iku):
    verified = iku["realisations"][1]
    events = AuditEvent.objects.count()
    answers = {
        "enter": call(
            "post",
            _path("/iku/indicators/{indicator}/realisations", iku),
            as_user="staf",
            body={"period": iku["q"][1].pk, "value": "99"},
        ),
        "submit": call("post", f"/iku/realisations/{verified.pk}/submit", as_user="staf"),
        "verify": call("post", f"/iku/realisations/{verified.pk}/verify", as_user="kabid"),
        "return": call(
            "post",
            f"/iku/realisations/{verified.pk}/return",
            as_user="kadinkes",
            body={"comment": "Ubah"},
        ),
    }
    assert {name: r.status_code for name, r in answers.items()} == {
        "enter": 409,
        "submit": 409,
        "verify": 400,
        "return": 400,
    }
    assert all("detail" in r.json() for r in answers.values())
    verified.refresh_from_db()
    assert (verified.status, verified.value, verified.version) == ("verified", 22, 1)
    assert AuditEvent.objects.count() == events


def test_invalid_entries_are_400_with_the_field(call, iku):
    path = _path("/iku/indicators/{indicator}/realisations", iku)
    negative = call("post", path, as_user="staf", body={"period": iku["q"][4].pk, "value": -1})
    assert negative.status_code == 400
    assert "value" in negative.json()["detail"]
    other_period = f.performance_year(iku["personas"].other_agency, 2025).periods.first()
    foreign = call("post", path, as_user="staf", body={"period": other_period.pk, "value": 1})
    assert foreign.status_code == 400
    assert "period" in foreign.json()["detail"]
    empty_submit = call(
        "post",
        f"/iku/realisations/{call('post', path, as_user='staf', body={'period': iku['q'][4].pk}).json()['id']}/submit",  # noqa: E501
        as_user="staf",
    )
    assert empty_submit.status_code == 400


def test_writes_accept_a_bearer_token_and_are_audited(client, iku):
    submitted = iku["realisations"][2]
    _token, key = api_token_create(
        actor=None, user=iku["personas"].users["kadinkes"], name="integrasi"
    )
    response = client.post(
        f"{API}/iku/realisations/{submitted.pk}/verify", HTTP_AUTHORIZATION=f"Bearer {key}"
    )
    assert response.status_code == 200
    event = AuditEvent.objects.filter(action="iku.realisation.verified").latest("pk")
    assert event.actor == iku["personas"].users["kadinkes"]


# --- query counts -----------------------------------------------------------------------------


@pytest.fixture
def crowded(iku):
    """Enough rows for a page of 12 on every list: goals, indicators, realisations, results."""
    personas = iku["personas"]
    agency = personas.agency
    for n in range(12):
        goal = f.goal(personas, "bkpsdm", code=f"SS.BKPSDM.X{n:02d}")
        goal.extra_parents.add(iku["goals"]["dinkes"])
        f.indicator(goal, f"Indikator tambahan {n}")
    monthly = f.performance_year(agency, 2026, "monthly")
    indicator = iku["indicators"]["imunisasi"]
    staf, kabid = _viewer(personas, "staf"), _viewer(personas, "kabid")
    started = monthly.periods.exclude(kind="year").filter(start_date__lte=timezone.localdate())
    for period in started:
        realisation = realisation_services.realisation_enter(
            actor=staf, indicator=indicator, period=period, value=period.number
        )
        realisation = realisation_services.realisation_submit(actor=staf, realisation=realisation)
        realisation_services.realisation_verify(actor=kabid, realisation=realisation)
    for unit in ("dinkes", "pkm", "bkpsdm"):
        goal = f.goal(personas, unit, code=f"SS.{unit.upper()}.R")
        f.indicator(goal, f"Indikator {unit}")
    results_services.capaian_recompute_year(actor=None, agency=agency, year=2026)
    results_services.capaian_recompute_year(actor=None, agency=agency, year=2025)
    return iku


LIST_PATHS = [
    ("/iku/years", {}),
    ("/iku/goals", {}),
    ("/iku/indicators", {}),
    ("/iku/indicators/{indicator}/realisations", {}),
    ("/iku/results/units", {"year": 2025}),
]


@pytest.mark.parametrize(("template", "params"), LIST_PATHS)
@pytest.mark.parametrize("username", ["bkpsdm", "staf", "kasi"])
def test_a_long_page_costs_the_same_queries_as_a_short_one(
    client, crowded, username, template, params
):
    path = f"{API}{_path(template, crowded)}"
    client.force_login(crowded["personas"].users[username])
    client.get(path, {**params, "limit": 1})

    def run(limit):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path, {**params, "limit": limit})
        assert response.status_code == 200
        return len(captured), len(response.json()["items"])

    short, short_rows = run(1)
    long, long_rows = run(50)
    assert short_rows == 1
    assert long_rows > 1
    assert short == long
    assert long <= 12


def test_year_list_is_constant_in_the_number_of_years(client, crowded):
    client.force_login(crowded["personas"].users["bkpsdm"])
    client.get(f"{API}/iku/years")
    with CaptureQueriesContext(connection) as one:
        client.get(f"{API}/iku/years", {"limit": 1})
    with CaptureQueriesContext(connection) as two:
        assert client.get(f"{API}/iku/years").json()["count"] == 2
    assert len(one) == len(two)


# --- OpenAPI ----------------------------------------------------------------------------------


IKU_OPERATIONS = {
    ("get", "/api/v1/iku/years"),
    ("get", "/api/v1/iku/goals"),
    ("get", "/api/v1/iku/goals/{goal_id}"),
    ("get", "/api/v1/iku/indicators"),
    ("get", "/api/v1/iku/indicators/{indicator_id}"),
    ("get", "/api/v1/iku/indicators/{indicator_id}/realisations"),
    ("post", "/api/v1/iku/indicators/{indicator_id}/realisations"),
    ("post", "/api/v1/iku/realisations/{realisation_id}/submit"),
    ("post", "/api/v1/iku/realisations/{realisation_id}/verify"),
    ("post", "/api/v1/iku/realisations/{realisation_id}/return"),
    ("get", "/api/v1/iku/results/units"),
    ("get", "/api/v1/iku/predikat-decisions"),
    ("post", "/api/v1/iku/predikat-decisions/{decision_id}/decide"),
    ("post", "/api/v1/iku/predikat-decisions/confirm"),
    ("get", "/api/v1/iku/calendar"),
    ("post", "/api/v1/iku/calendar/days"),
    ("delete", "/api/v1/iku/calendar/days/{day_id}"),
}


def test_openapi_lists_the_iku_operations_with_their_errors(client, db):
    schema = json.loads(client.get(f"{API}/openapi.json").content)
    operations = {
        (method, path): spec
        for path, methods in schema["paths"].items()
        for method, spec in methods.items()
        if path.startswith("/api/v1/iku/")
    }
    assert set(operations) == IKU_OPERATIONS
    for (method, path), spec in operations.items():
        assert spec["tags"] == ["organisation performance"], path
        assert spec["security"], path
        codes = set(spec["responses"])
        assert {"200", "401", "422"} <= codes, path
        if method == "post" and path.startswith("/api/v1/iku/calendar"):
            assert {"400", "403"} <= codes, path  # a day off is never final
        elif method == "post":
            assert {"400", "403", "404", "409"} <= codes, path
        elif "{" in path:
            assert "404" in codes, path
    for name, component in schema["components"]["schemas"].items():
        if name.endswith(("Out", "Ref")) and not name.startswith("Paged"):
            for field, spec in component.get("properties", {}).items():
                assert "description" in spec, f"{name}.{field}"


def test_unit_results_say_when_the_year_is_partial(call, iku):
    annual = iku["q"][1].performance_year.periods.get(kind="year")
    body = call("get", "/iku/results/units", as_user="bkpsdm", year=2025, period=annual.pk).json()
    rows = {r["unit"]["code"]: r for r in body["items"]}
    yankes = rows["DINKES.YANKES"]
    assert yankes["is_partial"] is True
    assert yankes["periods_reported"] < yankes["periods_expected"]
    quarter = call("get", "/iku/results/units", as_user="bkpsdm", year=2025, period=iku["q"][1].pk)
    assert all(r["is_partial"] is False for r in quarter.json()["items"])
    assert all(r["periods_expected"] is None for r in quarter.json()["items"])
