"""The Perjanjian Kinerja pages: who gets what, and draft → sign → immutable → revise."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.core.models import AuditEvent
from kinerja.iku.models import AgreementLine, AgreementStatus, PerformanceAgreement
from kinerja.iku.services import agreement as services
from kinerja.iku.services import tree as tree_services
from kinerja.iku.tests import factories as f
from kinerja.iku.tests import view_data

ROLES = [
    "anonymous",
    "dokter",  # pegawai of another unit of the agency (Puskesmas)
    "kasi",  # staff of the PK's unit (Bidang Yankes), head of a sub-unit only: read-only
    "staf",  # staff of a sub-unit, and unit admin of Dinkes: plans for Yankes
    "kabid",  # head of Bidang Yankes: first party
    "kadinkes",  # head of Dinkes: second party, and head of a unit above Yankes
    "admin_opd",  # admin unit of Dinkes, no position
    "bkpsdm",
    "pimpinan",
    "auditor",
    "perencana",  # Bappeda staff
    "outsider",  # BKPSDM admin of another agency
]
PLANNERS = {"staf", "kabid", "kadinkes", "admin_opd", "bkpsdm", "perencana"}
SIGNED_ON = "2025-02-10"


@pytest.fixture
def plan(personas, client, settings):
    # Messages are compared in English, the source language.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    plan = view_data.build_plan(personas)
    plan.second = f.indicator(plan.yankes_goal, "Rasio rujukan", code="IKU-2")
    tree_services.target_set(actor=None, indicator=plan.second, year=2025, value=10)
    plan.unit = personas.units["yankes"]
    return plan


def _draft(plan, *, lines=1):
    agreement = services.agreement_create(actor=None, unit=plan.unit, year=2025)
    if lines:
        services.agreement_line_add(actor=None, agreement=agreement, indicator=plan.indicator)
    return agreement


def _signed(plan):
    agreement = _draft(plan)
    services.agreement_sign(actor=None, agreement=agreement, party="first")
    return services.agreement_sign(actor=None, agreement=agreement, party="second")


@pytest.fixture
def draft(plan):
    return _draft(plan)


def _login(client, plan, role):
    if role != "anonymous":
        client.force_login(plan.personas.users[role])


def _expect(response, expected):
    if expected == "login":
        assert response.status_code == 302
        assert "/akun/masuk/" in response["Location"]
    else:
        assert response.status_code == expected


def _table(**overrides):
    base = {role: 200 for role in ROLES}
    base["anonymous"] = "login"
    base["outsider"] = 404
    base.update(overrides)
    return [(role, base[role]) for role in ROLES]


def _write_table(ok=302, allowed=PLANNERS):
    """Writes: planners succeed, the rest of the agency 403, the outsider 404."""
    return _table(**{role: (ok if role in allowed else 403) for role in ROLES[1:-1]})


def _line(agreement):
    return AgreementLine.objects.filter(agreement=agreement).first()


def _line_data(line, **overrides):
    data = {
        f"line-{line.pk}-target": "90",
        f"line-{line.pk}-target_high": "",
        f"line-{line.pk}-budget_amount": "2500000",
        f"line-{line.pk}-budget_line": "Program Kesehatan",
        f"line-{line.pk}-order": "1",
    }
    data.update({f"line-{line.pk}-{k}": v for k, v in overrides.items()})
    return data


# --- permission tables --------------------------------------------------------------------------


@pytest.mark.parametrize(("role", "expected"), _table())
def test_the_list_of_a_units_agreements_is_open_to_the_agency(client, plan, draft, role, expected):
    """The list answers everyone of the agency, with the PKs each may read (not the dokter's)."""
    _login(client, plan, role)
    url = reverse("iku:agreements") + f"?unit={plan.unit.pk}&year=2025"
    response = client.get(url)
    _expect(response, expected)
    if expected == 200:
        readable = [] if role == "dokter" else [draft.pk]
        assert [a.pk for a in response.context["agreements"]] == readable
        form = response.context["create_form"]
        choices = dict(form.fields["unit"].choices) if form else {}
        assert (plan.unit.pk in choices) == (role in PLANNERS)


def test_the_list_without_a_unit_shows_the_outsider_nothing_of_another_agency(client, plan, draft):
    _login(client, plan, "outsider")
    response = client.get(reverse("iku:agreements"))
    assert response.status_code == 200
    assert response.context["agreements"] == []


# The PK's readers, as for its PDF: a pegawai of another unit (the dokter) is refused.
@pytest.mark.parametrize(("role", "expected"), _table(dokter=403))
def test_the_pk_page_is_for_its_readers_and_edit_forms_are_for_planners(
    client, plan, draft, role, expected
):
    _login(client, plan, role)
    response = client.get(reverse("iku:agreement", args=[draft.pk]))
    _expect(response, expected)
    if expected == 200:
        assert response.context["editable"] == (role in PLANNERS)
        assert (b'data-testid="line-add"' in response.content) == (role in PLANNERS)
        assert b"Cakupan imunisasi" in response.content


# The kasi heads a sub-unit and may draw up its PK; the outsider sees the form of their own
# agency, which lists none of ours.
@pytest.mark.parametrize(
    ("role", "expected"), _write_table(ok=200, allowed=PLANNERS | {"kasi", "outsider"})
)
def test_who_may_open_the_create_form(client, plan, role, expected):
    if role == "outsider":
        expected = 200
    _login(client, plan, role)
    response = client.get(reverse("iku:agreement_create"))
    _expect(response, expected)
    if expected == 200:
        choices = dict(response.context["form"].fields["unit"].choices)
        assert (plan.unit.pk in choices) == (role in PLANNERS)


@pytest.mark.parametrize(("role", "expected"), _write_table())
def test_who_may_add_a_line(client, plan, role, expected):
    agreement = _draft(plan, lines=0)
    _login(client, plan, role)
    response = client.post(
        reverse("iku:agreement_line_add", args=[agreement.pk]),
        {"indicator": plan.second.pk, "target": "", "order": "0"},
    )
    _expect(response, expected)
    assert AgreementLine.objects.filter(agreement=agreement).exists() == (expected == 302)


@pytest.mark.parametrize(("role", "expected"), _write_table())
def test_who_may_change_a_line(client, plan, draft, role, expected):
    line = _line(draft)
    _login(client, plan, role)
    response = client.post(
        reverse("iku:agreement_line_update", args=[draft.pk, line.pk]), _line_data(line)
    )
    _expect(response, expected)
    line.refresh_from_db()
    assert (line.target == 90) == (expected == 302)


@pytest.mark.parametrize(("role", "expected"), _write_table())
def test_who_may_remove_a_line(client, plan, draft, role, expected):
    line = _line(draft)
    _login(client, plan, role)
    response = client.post(reverse("iku:agreement_line_remove", args=[draft.pk, line.pk]))
    _expect(response, expected)
    assert AgreementLine.objects.filter(pk=line.pk).exists() == (expected != 302)


# The first party signs for themselves; BKPSDM and the unit's admins record a paper signature.
@pytest.mark.parametrize(
    ("role", "expected"), _write_table(allowed={"kabid", "staf", "admin_opd", "bkpsdm"})
)
def test_who_may_record_the_first_partys_signature(client, plan, draft, role, expected):
    _login(client, plan, role)
    response = client.post(
        reverse("iku:agreement_sign", args=[draft.pk]),
        {"party": "first", "signed_on": SIGNED_ON},
    )
    _expect(response, expected)
    draft.refresh_from_db()
    assert (draft.first_signed_on is not None) == (expected == 302)


@pytest.mark.parametrize(
    ("role", "expected"), _write_table(allowed={"kadinkes", "staf", "admin_opd", "bkpsdm"})
)
def test_who_may_record_the_second_partys_signature(client, plan, draft, role, expected):
    _login(client, plan, role)
    response = client.post(
        reverse("iku:agreement_sign", args=[draft.pk]),
        {"party": "second", "signed_on": SIGNED_ON},
    )
    _expect(response, expected)
    draft.refresh_from_db()
    assert (draft.second_signed_on is not None) == (expected == 302)


@pytest.mark.parametrize(("role", "expected"), _write_table())
def test_who_may_revise_a_signed_agreement(client, plan, role, expected):
    agreement = _signed(plan)
    _login(client, plan, role)
    response = client.post(
        reverse("iku:agreement_revise", args=[agreement.pk]),
        {"kind": "refocusing", "reason": "Refocusing anggaran"},
    )
    _expect(response, expected)
    assert PerformanceAgreement.objects.filter(version=2).exists() == (expected == 302)


# --- the flow through the pages -----------------------------------------------------------------


def test_draft_sign_freeze_and_revise_through_the_pages(client, plan):
    personas = plan.personas
    client.force_login(personas.users["kabid"])
    response = client.post(reverse("iku:agreement_create"), {"unit": plan.unit.pk, "year": "2025"})
    agreement = PerformanceAgreement.objects.get()
    assert response["Location"] == reverse("iku:agreement", args=[agreement.pk])
    assert agreement.first_party_employee == personas.employees["kabid"]

    client.post(
        reverse("iku:agreement_line_add", args=[agreement.pk]),
        {"indicator": plan.indicator.pk, "budget_amount": "150000000", "budget_line": "Program"},
    )
    line = AgreementLine.objects.get()
    assert line.target == 100  # the annual target
    client.post(
        reverse("iku:agreement_line_update", args=[agreement.pk, line.pk]),
        _line_data(line, target="95"),
    )
    line.refresh_from_db()
    assert line.target == 95 and line.budget_line == "Program Kesehatan"

    sign_url = reverse("iku:agreement_sign", args=[agreement.pk])
    client.post(sign_url, {"party": "first", "signed_on": SIGNED_ON})
    client.force_login(personas.users["kadinkes"])
    response = client.post(sign_url, {"party": "second", "signed_on": SIGNED_ON})
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.SIGNED

    client.force_login(personas.users["kabid"])
    page = client.get(reverse("iku:agreement", args=[agreement.pk]))
    assert not page.context["editable"] and page.context["sign_forms"] == []
    assert b'data-testid="line-add"' not in page.content
    assert b'data-testid="line-update"' not in page.content
    assert b'data-testid="revise"' in page.content
    assert b"10 Feb 2025" in page.content
    assert reverse("reports:pk_pdf", args=[agreement.pk]).encode() in page.content

    # A signed PK refuses every edit with a message and stays as it was.
    events = AuditEvent.objects.count()
    writes = [
        (reverse("iku:agreement_line_add", args=[agreement.pk]), {"indicator": plan.second.pk}),
        (
            reverse("iku:agreement_line_update", args=[agreement.pk, line.pk]),
            _line_data(line, target="1"),
        ),
        (reverse("iku:agreement_line_remove", args=[agreement.pk, line.pk]), {}),
        (sign_url, {"party": "first", "signed_on": SIGNED_ON}),
    ]
    for url, data in writes:
        response = client.post(url, data)
        assert response.status_code == 400, url
        assert b"cannot be changed" in response.content or b"already signed" in response.content
    line.refresh_from_db()
    assert line.target == 95 and AgreementLine.objects.count() == 1
    assert AuditEvent.objects.count() == events

    response = client.post(
        reverse("iku:agreement_revise", args=[agreement.pk]),
        {"kind": "change_of_official", "reason": "Pergantian kepala bidang"},
    )
    revision = PerformanceAgreement.objects.get(version=2)
    assert response["Location"] == reverse("iku:agreement", args=[revision.pk])
    assert revision.status == AgreementStatus.DRAFT and revision.previous == agreement
    page = client.get(response["Location"])
    assert page.context["editable"]
    assert page.context["previous_version"] == agreement
    assert b"Pergantian kepala bidang" in page.content
    old = client.get(reverse("iku:agreement", args=[agreement.pk]))
    assert old.context["next_version"] == revision
    assert old.context["revise_form"] is None  # only the latest version is revised

    listing = client.get(reverse("iku:agreements") + f"?unit={plan.unit.pk}&year=2025")
    assert [a.version for a in listing.context["agreements"]] == [2, 1]

    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "iku.agreement.created",
        "iku.agreement.line_added",
        "iku.agreement.line_updated",
        "iku.agreement.signed",
        "iku.agreement.revised",
    } <= actions


def test_removing_a_line_is_audited(client, plan, draft):
    line = _line(draft)
    client.force_login(plan.personas.users["kabid"])
    client.post(reverse("iku:agreement_line_remove", args=[draft.pk, line.pk]))
    assert AuditEvent.objects.filter(action="iku.agreement.line_removed").exists()


def test_after_the_first_signature_lines_are_frozen_but_the_second_may_sign(client, plan, draft):
    client.force_login(plan.personas.users["kabid"])
    client.post(
        reverse("iku:agreement_sign", args=[draft.pk]), {"party": "first", "signed_on": SIGNED_ON}
    )
    page = client.get(reverse("iku:agreement", args=[draft.pk]))
    assert not page.context["editable"]
    client.force_login(plan.personas.users["kadinkes"])
    page = client.get(reverse("iku:agreement", args=[draft.pk]))
    assert [party for party, _label, _form in page.context["sign_forms"]] == ["second"]


# --- bad input ----------------------------------------------------------------------------------


def test_a_bad_target_keeps_the_input_and_names_the_field(client, plan, draft):
    client.force_login(plan.personas.users["kabid"])
    response = client.post(
        reverse("iku:agreement_line_add", args=[draft.pk]),
        {"indicator": plan.second.pk, "target": "banyak", "budget_line": "Kegiatan X"},
    )
    assert response.status_code == 400
    form = response.context["add_form"]
    assert "target" in form.errors
    assert b"banyak" in response.content and b"Kegiatan X" in response.content


def test_an_indicator_already_in_the_agreement_cannot_be_chosen(client, plan, draft):
    client.force_login(plan.personas.users["kabid"])
    response = client.post(
        reverse("iku:agreement_line_add", args=[draft.pk]), {"indicator": plan.indicator.pk}
    )
    assert response.status_code == 400
    assert "indicator" in response.context["add_form"].errors


def test_an_upper_target_on_a_plain_indicator_is_a_field_error(client, plan, draft):
    line = _line(draft)
    client.force_login(plan.personas.users["kabid"])
    response = client.post(
        reverse("iku:agreement_line_update", args=[draft.pk, line.pk]),
        _line_data(line, target="80", target_high="90"),
    )
    assert response.status_code == 400
    form = next(form for row_line, form in response.context["line_rows"] if row_line == line)
    assert "target_high" in form.errors
    assert form["target"].value() == "80"
    line.refresh_from_db()
    assert line.target == 100


def test_an_empty_target_on_update_is_a_field_error(client, plan, draft):
    line = _line(draft)
    client.force_login(plan.personas.users["kabid"])
    response = client.post(
        reverse("iku:agreement_line_update", args=[draft.pk, line.pk]),
        _line_data(line, target=""),
    )
    assert response.status_code == 400


def test_a_signature_in_the_future_is_refused(client, plan, draft):
    client.force_login(plan.personas.users["kabid"])
    response = client.post(
        reverse("iku:agreement_sign", args=[draft.pk]),
        {"party": "first", "signed_on": "2999-01-01"},
    )
    assert response.status_code == 400
    form = response.context["sign_forms"][0][2]
    assert "signed_on" in form.errors and form["signed_on"].value() == "2999-01-01"
    draft.refresh_from_db()
    assert draft.first_signed_on is None


def test_an_unknown_party_or_a_bad_date_is_a_400(client, plan, draft):
    client.force_login(plan.personas.users["bkpsdm"])
    url = reverse("iku:agreement_sign", args=[draft.pk])
    assert client.post(url, {"party": "boss", "signed_on": SIGNED_ON}).status_code == 400
    assert client.post(url, {"party": "first", "signed_on": "kemarin"}).status_code == 400


def test_a_refused_write_does_not_show_the_pk_to_who_may_not_read_it(client, plan, draft):
    client.force_login(plan.personas.users["dokter"])
    url = reverse("iku:agreement_sign", args=[draft.pk])
    response = client.post(url, {"party": "boss", "signed_on": SIGNED_ON})
    assert response.status_code == 403
    assert b"Cakupan imunisasi" not in response.content


def test_an_agreement_without_lines_cannot_be_signed(client, plan):
    agreement = _draft(plan, lines=0)
    client.force_login(plan.personas.users["kabid"])
    response = client.post(
        reverse("iku:agreement_sign", args=[agreement.pk]),
        {"party": "first", "signed_on": SIGNED_ON},
    )
    assert response.status_code == 400
    assert b"without indicators" in response.content


def test_a_revision_needs_a_kind_and_a_reason_and_keeps_the_input(client, plan):
    agreement = _signed(plan)
    client.force_login(plan.personas.users["kabid"])
    url = reverse("iku:agreement_revise", args=[agreement.pk])
    response = client.post(url, {"kind": "", "reason": "Alasan tertulis"})
    assert response.status_code == 400
    form = response.context["revise_form"]
    assert "kind" in form.errors and b"Alasan tertulis" in response.content
    response = client.post(url, {"kind": "other", "reason": "   "})
    assert response.status_code == 400 and "reason" in response.context["revise_form"].errors
    assert PerformanceAgreement.objects.count() == 1


def test_a_draft_cannot_be_revised(client, plan, draft):
    client.force_login(plan.personas.users["kabid"])
    response = client.post(
        reverse("iku:agreement_revise", args=[draft.pk]), {"kind": "other", "reason": "x"}
    )
    assert response.status_code == 400
    assert PerformanceAgreement.objects.count() == 1


def test_an_older_version_cannot_be_revised_again(client, plan):
    agreement = _signed(plan)
    services.agreement_revise(actor=None, agreement=agreement, kind="other", reason="Perubahan")
    client.force_login(plan.personas.users["kabid"])
    response = client.post(
        reverse("iku:agreement_revise", args=[agreement.pk]), {"kind": "other", "reason": "Lagi"}
    )
    assert response.status_code == 400
    assert b"latest version" in response.content
    assert PerformanceAgreement.objects.count() == 2


def test_creating_a_second_agreement_for_the_year_is_a_field_error(client, plan, draft):
    client.force_login(plan.personas.users["kabid"])
    response = client.post(reverse("iku:agreement_create"), {"unit": plan.unit.pk, "year": "2025"})
    assert response.status_code == 400
    assert "year" in response.context["form"].errors
    assert PerformanceAgreement.objects.count() == 1


def test_the_create_form_checks_its_input(client, plan):
    client.force_login(plan.personas.users["kabid"])
    response = client.post(reverse("iku:agreement_create"), {"unit": "", "year": "1999"})
    assert response.status_code == 400
    assert {"unit", "year"} <= set(response.context["form"].errors)
    other = plan.personas.units["other"].pk
    response = client.post(reverse("iku:agreement_create"), {"unit": other, "year": "2025"})
    assert response.status_code == 400 and "unit" in response.context["form"].errors
    assert not PerformanceAgreement.objects.exists()


def test_a_bad_query_string_is_not_found(client, plan):
    client.force_login(plan.personas.users["kabid"])
    assert client.get(reverse("iku:agreements") + "?unit=abc").status_code == 404
    assert client.get(reverse("iku:agreements") + "?year=abc").status_code == 404


def test_a_line_of_another_agreement_is_not_found(client, plan, draft):
    other_unit_agreement = services.agreement_create(
        actor=None, unit=plan.personas.units["dinkes"], year=2025
    )
    line = _line(draft)
    client.force_login(plan.personas.users["kadinkes"])
    url = reverse("iku:agreement_line_remove", args=[other_unit_agreement.pk, line.pk])
    assert client.post(url).status_code == 404
    assert AgreementLine.objects.filter(pk=line.pk).exists()


def test_the_unit_dashboard_links_to_its_agreements(client, plan):
    client.force_login(plan.personas.users["kabid"])
    response = client.get(reverse("iku:unit", args=[plan.unit.pk]) + "?year=2025")
    assert reverse("iku:agreements").encode() in response.content


# --- queries ------------------------------------------------------------------------------------


def _page_queries(client, agreement) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("iku:agreement", args=[agreement.pk]))
    assert response.status_code == 200
    return len(queries)


# A planner (kabid) and a reader who may not edit (kasi).
@pytest.mark.parametrize("role", ["kabid", "kasi"])
def test_the_pk_page_does_not_grow_queries_with_its_lines(client, plan, draft, role):
    client.force_login(plan.personas.users[role])
    _page_queries(client, draft)  # warm the session and the content types
    before = _page_queries(client, draft)
    for n in range(5):
        goal = plan.yankes_goal
        indicator = f.indicator(goal, f"Indikator PK {n}")
        services.agreement_line_add(actor=None, agreement=draft, indicator=indicator, target=n)
    assert AgreementLine.objects.filter(agreement=draft).count() == 6
    assert _page_queries(client, draft) == before
