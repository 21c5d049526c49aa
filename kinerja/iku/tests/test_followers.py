"""The PK sign service tells its followers (registered by other apps, see iku.followers) once
the agreement is signed by both parties, in its transaction, without importing them."""

import pytest

from kinerja.iku import followers
from kinerja.iku.models import GoalLevel
from kinerja.iku.services import agreement as services
from kinerja.iku.tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def calls():
    seen = []

    def follower(*, agreement, actor):
        seen.append((agreement.pk, agreement.status, actor))

    followers.on_agreement_signed(follower)
    followers.on_agreement_signed(follower)  # registered once however often it is registered
    yield seen
    followers._on_signed.remove(follower)


@pytest.fixture
def draft(personas):
    f.performance_year(personas.agency, 2025)
    indicator = f.indicator(f.goal(personas, "yankes", GoalLevel.SASARAN_PROGRAM), "Cakupan")
    agreement = services.agreement_create(actor=None, unit=personas.units["yankes"], year=2025)
    services.agreement_line_add(actor=None, agreement=agreement, indicator=indicator, target=9)
    return agreement


def test_followers_hear_of_the_signed_agreement_once_both_parties_signed(calls, draft):
    services.agreement_sign(actor=None, agreement=draft, party="first")
    assert calls == []
    services.agreement_sign(actor=None, agreement=draft, party="second")
    assert calls == [(draft.pk, "signed", None)]


def test_a_failing_follower_undoes_the_signature(draft):
    def failing(*, agreement, actor):
        raise RuntimeError("follower failed")

    followers.on_agreement_signed(failing)
    try:
        services.agreement_sign(actor=None, agreement=draft, party="first")
        with pytest.raises(RuntimeError):
            services.agreement_sign(actor=None, agreement=draft, party="second")
    finally:
        followers._on_signed.remove(failing)
    draft.refresh_from_db()
    assert draft.status == "draft" and draft.second_signed_on is None


def test_skp_registers_its_follower_when_the_apps_are_ready():
    names = {f"{fn.__module__}.{fn.__name__}" for fn in followers._on_signed}
    assert "kinerja.skp.services.agreement.plans_follow_signed_agreement" in names
