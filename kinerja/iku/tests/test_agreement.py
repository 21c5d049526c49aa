import datetime

import pytest
from django.core.exceptions import ValidationError

from kinerja.core.errors import ImmutableRecordError, PermissionDeniedError
from kinerja.core.models import AuditEvent
from kinerja.iku import selectors
from kinerja.iku.models import AgreementLine, AgreementStatus, GoalLevel, PerformanceAgreement
from kinerja.iku.services import agreement as services
from kinerja.iku.services import tree as tree_services
from kinerja.iku.tests import factories as f
from kinerja.org.services import assignment_start
from kinerja.org.tests import factories as org_factories

SIGNED_ON = datetime.date(2025, 2, 10)


@pytest.fixture
def setup(personas):
    f.performance_year(personas.agency, 2025)
    goal = f.goal(personas, "yankes", GoalLevel.SASARAN_PROGRAM)
    first = f.indicator(goal, "Cakupan imunisasi")
    second = f.indicator(goal, "Rasio rujukan", polarity="lower", consolidation="average")
    tree_services.target_set(actor=None, indicator=first, year=2025, value=95)
    tree_services.target_set(actor=None, indicator=second, year=2025, value=10)
    return personas, first, second


def _draft(personas, first, second):
    kabid = f.viewer(personas, "kabid")
    agreement = services.agreement_create(actor=kabid, unit=personas.units["yankes"], year=2025)
    services.agreement_line_add(
        actor=kabid,
        agreement=agreement,
        indicator=first,
        budget_amount="150000000.00",
        budget_line="Program Pemenuhan Upaya Kesehatan",
    )
    services.agreement_line_add(actor=kabid, agreement=agreement, indicator=second, target=8)
    return agreement


def _sign(personas, agreement):
    services.agreement_sign(
        actor=f.viewer(personas, "kabid"), agreement=agreement, party="first", signed_on=SIGNED_ON
    )
    return services.agreement_sign(
        actor=f.viewer(personas, "kadinkes"),
        agreement=agreement,
        party="second",
        signed_on=SIGNED_ON,
    )


def test_a_draft_names_the_unit_head_and_their_superior(setup):
    personas, first, second = setup
    agreement = _draft(personas, first, second)
    assert agreement.first_party_employee == personas.employees["kabid"]
    assert agreement.second_party_employee == personas.employees["kadinkes"]
    lines = {line.indicator_id: line for line in agreement.lines.all()}
    assert lines[first.pk].target == 95  # from the annual target
    assert lines[second.pk].target == 8  # set in the agreement
    assert lines[first.pk].budget_amount == 150_000_000


def test_the_head_of_a_top_unit_agrees_with_the_regional_head(setup):
    personas, *_ = setup
    agreement = services.agreement_create(actor=None, unit=personas.units["dinkes"], year=2025)
    assert agreement.second_party_employee is None
    assert agreement.second_party_label == "Bupati Contoh"


def test_signing_by_both_parties_makes_the_agreement_final(setup):
    personas, first, second = setup
    agreement = _draft(personas, first, second)
    services.agreement_sign(
        actor=f.viewer(personas, "kabid"), agreement=agreement, party="first", signed_on=SIGNED_ON
    )
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.DRAFT and agreement.is_frozen
    agreement = services.agreement_sign(
        actor=f.viewer(personas, "kadinkes"),
        agreement=agreement,
        party="second",
        signed_on=SIGNED_ON,
    )
    assert agreement.status == AgreementStatus.SIGNED
    assert agreement.first_signed_by == personas.users["kabid"]
    assert agreement.second_signed_on == SIGNED_ON
    events = AuditEvent.objects.filter(action="iku.agreement.signed", object_id=str(agreement.pk))
    assert sorted(e.after["party"] for e in events) == ["first", "second"]


@pytest.mark.parametrize(
    ("key", "party"),
    [("auditor", "second"), ("kasi", "first"), ("dokter", "second"), ("outsider", "first")],
)
def test_a_party_cannot_be_signed_for_by_someone_else(setup, key, party):
    personas, first, second = setup
    agreement = _draft(personas, first, second)
    with pytest.raises(PermissionDeniedError):
        services.agreement_sign(actor=f.viewer(personas, key), agreement=agreement, party=party)


def test_an_empty_agreement_cannot_be_signed(setup):
    personas, *_ = setup
    agreement = services.agreement_create(actor=None, unit=personas.units["yankes"], year=2025)
    with pytest.raises(ValidationError) as error:
        services.agreement_sign(
            actor=f.viewer(personas, "kabid"), agreement=agreement, party="first"
        )
    assert "lines" in error.value.message_dict


def test_a_signed_agreement_and_its_lines_cannot_be_changed(setup):
    personas, first, second = setup
    agreement = _sign(personas, _draft(personas, first, second))
    line = agreement.lines.get(indicator=first)
    kabid = f.viewer(personas, "kabid")
    other = f.indicator(first.goal, "Baru")
    with pytest.raises(ImmutableRecordError):
        services.agreement_line_update(actor=kabid, line=line, target=50)
    with pytest.raises(ImmutableRecordError):
        services.agreement_line_remove(actor=kabid, line=line)
    with pytest.raises(ImmutableRecordError):
        services.agreement_line_add(actor=kabid, agreement=agreement, indicator=other, target=1)
    with pytest.raises(ImmutableRecordError):
        services.agreement_sign(actor=kabid, agreement=agreement, party="first")
    line.refresh_from_db()
    assert line.target == 95
    assert agreement.lines.count() == 2


def test_lines_are_frozen_once_one_party_has_signed(setup):
    personas, first, second = setup
    agreement = _draft(personas, first, second)
    services.agreement_sign(actor=None, agreement=agreement, party="first", signed_on=SIGNED_ON)
    with pytest.raises(ImmutableRecordError):
        services.agreement_line_update(
            actor=None, line=agreement.lines.get(indicator=first), target=1
        )


def test_a_revision_is_a_new_version_with_its_reason_and_the_old_one_stays(setup):
    personas, first, second = setup
    signed = _sign(personas, _draft(personas, first, second))
    kabid = f.viewer(personas, "kabid")
    revision = services.agreement_revise(
        actor=kabid, agreement=signed, reason="Refocusing APBD 2025", kind="refocusing"
    )
    assert (revision.version, revision.status, revision.previous) == (2, "draft", signed)
    assert revision.revision_kind == "refocusing"
    line = revision.lines.get(indicator=first)
    services.agreement_line_update(actor=kabid, line=line, target=90, budget_amount=100_000_000)
    _sign(personas, revision)

    signed.refresh_from_db()
    assert signed.status == AgreementStatus.SIGNED
    assert signed.lines.get(indicator=first).target == 95
    history = selectors.agreement_history(kabid, personas.units["yankes"], 2025)
    assert [a.version for a in history] == [2, 1]
    assert selectors.agreement_in_force(personas.units["yankes"], 2025).version == 2
    event = AuditEvent.objects.get(action="iku.agreement.revised")
    assert event.reason == "Refocusing APBD 2025"
    assert event.after["version"] == 2 and event.after["previous_id"] == signed.pk


def test_a_revision_after_a_change_of_official_names_the_new_head(setup):
    personas, first, second = setup
    signed = _sign(personas, _draft(personas, first, second))
    newcomer = org_factories.employee(personas.agency, "Rina Kartika", grade="IV/a")
    assignment_start(
        actor=None,
        employee=newcomer,
        position=personas.positions["kabid"],
        start_date=datetime.date(2025, 3, 1),
        kind="plt",
        reason="acting",
    )
    # The definitive kabid leaves.
    personas.employees["kabid"].assignments.update(end_date=datetime.date(2025, 2, 28))
    revision = services.agreement_revise(
        actor=f.viewer(personas, "kadinkes", today=datetime.date(2025, 3, 5)),
        agreement=signed,
        reason="Pergantian Kepala Bidang",
        kind="change_of_official",
    )
    assert revision.first_party_employee == newcomer


def test_a_revision_needs_a_reason_and_a_known_kind(setup):
    personas, first, second = setup
    signed = _sign(personas, _draft(personas, first, second))
    with pytest.raises(ValidationError) as error:
        services.agreement_revise(actor=None, agreement=signed, reason=" ", kind="whim")
    assert {"reason", "kind"} <= set(error.value.message_dict)


def test_only_the_latest_signed_version_is_revised(setup):
    personas, first, second = setup
    draft = _draft(personas, first, second)
    with pytest.raises(ValidationError):
        services.agreement_revise(actor=None, agreement=draft, reason="x", kind="other")
    signed = _sign(personas, draft)
    services.agreement_revise(actor=None, agreement=signed, reason="x", kind="other")
    with pytest.raises(ValidationError):
        services.agreement_revise(actor=None, agreement=signed, reason="y", kind="other")
    assert PerformanceAgreement.objects.count() == 2


def test_an_indicator_of_another_unit_cannot_join_the_agreement(setup):
    personas, first, second = setup
    agreement = _draft(personas, first, second)
    foreign = f.indicator(f.goal(personas, "pkm", GoalLevel.SASARAN_KEGIATAN))
    with pytest.raises(ValidationError) as error:
        services.agreement_line_add(actor=None, agreement=agreement, indicator=foreign, target=1)
    assert "indicator" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.agreement_line_add(actor=None, agreement=agreement, indicator=first, target=1)
    assert "indicator" in error.value.message_dict
    assert AgreementLine.objects.count() == 2


def test_a_second_version_number_is_refused_by_the_database(setup):
    personas, first, second = setup
    agreement = _draft(personas, first, second)
    with pytest.raises(ValidationError):
        PerformanceAgreement(
            agency=agreement.agency,
            unit=agreement.unit,
            year=2025,
            version=1,
            first_party_employee=agreement.first_party_employee,
            first_party_position=agreement.first_party_position,
            second_party_label="x",
        ).full_clean()


def test_a_unit_admin_may_record_a_paper_signature(setup):
    personas, first, second = setup
    agreement = _draft(personas, first, second)
    services.agreement_sign(
        actor=f.viewer(personas, "staf"), agreement=agreement, party="second", signed_on=SIGNED_ON
    )
    agreement.refresh_from_db()
    assert agreement.second_signed_by == personas.users["staf"]
