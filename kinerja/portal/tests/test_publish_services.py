"""Publishing and correcting a period: who may, what blocks it, versions that never change,
and the audit trail."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kinerja.accounts.viewer import build_viewer
from kinerja.core.audit_labels import action_label
from kinerja.core.errors import ImmutableRecordError
from kinerja.core.models import AuditEvent
from kinerja.core.tests.permission_table import shared_data
from kinerja.iku.tests import view_data
from kinerja.portal import rules
from kinerja.portal.models import PortalSettings, Publication, PublicationVersion
from kinerja.portal.selectors.staff import blockers_of, period_states
from kinerja.portal.services.publishing import publication_correct, publication_publish
from kinerja.portal.services.settings import portal_settings_update
from kinerja.portal.tests.publish_world import build_world, decide_all, request_recompute

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with shared_data(django_db_blocker, tmp_path_factory):
        yield build_world()


def _viewer(world, key):
    return build_viewer(world.users[key])


@pytest.mark.parametrize("key", ["bkpsdm", "perencana"])
def test_bkpsdm_and_the_planning_unit_publish(world, key):
    version = publication_publish(actor=_viewer(world, key), period=world.q1)
    assert version.version == 1 and version.reason == ""
    assert version.publication.period == world.q1
    assert version.snapshot["period"]["number"] == 1
    assert version.published_by == world.users[key]


@pytest.mark.parametrize("key", ["dokter", "kasi", "staf", "pimpinan", "auditor", "outsider"])
def test_others_may_not_publish(world, key):
    with pytest.raises(PermissionDenied):
        publication_publish(actor=_viewer(world, key), period=world.q1)
    assert not Publication.objects.exists()


def test_a_pending_recomputation_blocks(world):
    request_recompute(world)
    assert blockers_of(world.q1) == [rules.Blocker.RECOMPUTATIONS_PENDING]
    with pytest.raises(ValidationError) as error:
        publication_publish(actor=None, period=world.q1)
    assert error.value.error_list[0].code == rules.Blocker.RECOMPUTATIONS_PENDING
    assert not Publication.objects.exists()


def test_an_unverified_realisation_blocks(world):
    assert rules.Blocker.REALISATIONS_UNVERIFIED in blockers_of(world.q2)
    with pytest.raises(ValidationError):
        publication_publish(actor=None, period=world.q2)


def test_a_verified_period_with_an_undecided_predikat_blocks(world):
    view_data.verified(world.plan.indicator, world.plan.quarters[2], 25)
    view_data.recompute(world.plan)
    q3 = world.plan.quarters[2]
    assert blockers_of(q3) == [rules.Blocker.PREDIKAT_UNDECIDED]
    decide_all(q3)
    assert blockers_of(q3) == []
    assert publication_publish(actor=None, period=q3).version == 1


def test_the_partial_year_cannot_be_published(world):
    assert rules.Blocker.PREDIKAT_UNDECIDED in blockers_of(world.annual)


def test_a_period_is_published_once(world):
    publication_publish(actor=None, period=world.q1)
    with pytest.raises(ImmutableRecordError):
        publication_publish(actor=None, period=world.q1)


def test_a_correction_is_the_next_version_with_its_reason(world):
    first = publication_publish(actor=None, period=world.q1)
    second = publication_correct(
        actor=_viewer(world, "perencana"), publication=first.publication, reason="Target salah"
    )
    assert (second.version, second.reason) == (2, "Target salah")
    first.refresh_from_db()
    assert first.version == 1 and first.reason == ""
    states = {s.period.pk: s for s in period_states(_viewer(world, "bkpsdm"))}
    assert states[world.q1.pk].current.version == 2


def test_a_correction_needs_a_reason_and_the_current_version(world):
    first = publication_publish(actor=None, period=world.q1)
    with pytest.raises(ValidationError) as error:
        publication_correct(actor=None, publication=first.publication, reason="  ")
    assert "reason" in error.value.message_dict
    publication_correct(actor=None, publication=first.publication, reason="Satu")
    with pytest.raises(ValidationError) as error:
        publication_correct(actor=None, publication=first.publication, reason="Dua", corrects=1)
    assert error.value.error_dict["__all__"][0].code == rules.CorrectionProblem.NOT_CURRENT


def test_a_correction_is_refused_while_blocked_and_to_others(world):
    first = publication_publish(actor=None, period=world.q1)
    with pytest.raises(PermissionDenied):
        publication_correct(
            actor=_viewer(world, "outsider"), publication=first.publication, reason="x"
        )
    request_recompute(world)
    with pytest.raises(ValidationError):
        publication_correct(actor=None, publication=first.publication, reason="Koreksi")
    assert PublicationVersion.objects.count() == 1


def test_a_published_version_never_changes_nor_goes(world):
    version = publication_publish(actor=None, period=world.q1)
    version.reason = "diubah"
    with pytest.raises(ImmutableRecordError):
        version.save()
    with pytest.raises(ImmutableRecordError):
        version.delete()
    version.refresh_from_db()
    assert version.reason == ""


def test_publishing_and_correcting_are_audited_in_plain_words(world):
    first = publication_publish(actor=_viewer(world, "bkpsdm"), period=world.q1)
    publication_correct(actor=None, publication=first.publication, reason="Salah ketik")
    events = list(AuditEvent.objects.filter(action__startswith="portal.").order_by("pk"))
    assert [e.action for e in events] == [
        "portal.publication.published",
        "portal.publication.corrected",
    ]
    assert events[0].actor == world.users["bkpsdm"]
    assert events[1].reason == "Salah ketik"
    assert all(action_label(e.action) != e.action for e in events)


def test_the_settings_are_bkpsdm_s_within_the_range(world):
    with pytest.raises(PermissionDenied):
        portal_settings_update(
            actor=_viewer(world, "perencana"),
            agency=world.agency,
            minimum_group=5,
            show_signatory_names=False,
            show_unit_predikat=False,
        )
    for bad in (1, 101):
        with pytest.raises(ValidationError):
            portal_settings_update(
                actor=_viewer(world, "bkpsdm"),
                agency=world.agency,
                minimum_group=bad,
                show_signatory_names=False,
                show_unit_predikat=False,
            )
    for good in (2, 100):
        portal_settings_update(
            actor=_viewer(world, "bkpsdm"),
            agency=world.agency,
            minimum_group=good,
            show_signatory_names=True,
            show_unit_predikat=False,
        )
        assert PortalSettings.objects.get(agency=world.agency).minimum_group == good
    assert AuditEvent.objects.filter(action="portal.settings.changed").count() == 2
