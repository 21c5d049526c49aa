"""The feedback pages in use: giving through the form, what each reader sees, Beranda items
and the number of queries whatever the size of the team."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.accounts.viewer import build_viewer
from kinerja.core import todo
from kinerja.feedback import services
from kinerja.feedback.models import Feedback, ScheduledFeedback
from kinerja.feedback.tests.data import TODAY
from kinerja.skp.tests.review_data import extra_subordinates

pytestmark = pytest.mark.django_db


def _login(client, world, key):
    client.force_login(world.users[key])


def test_a_colleague_gives_feedback_through_the_form(client, world):
    _login(client, world, "dokter")
    url = reverse("feedback:give", args=[world.e["staf"].pk])
    response = client.post(
        url,
        {
            "kind": "incidental",
            "channel": "indirect",
            "rhk_key": str(world.staf_rhk_key),
            "text": "Data kunjungan lengkap.",
        },
    )
    assert response.status_code == 302
    feedback = Feedback.objects.get()
    assert (feedback.giver, feedback.relation, feedback.rhk_key) == (
        world.e["dokter"],
        "other",
        world.staf_rhk_key,
    )


def test_a_refused_anonymity_is_a_field_error_that_keeps_the_text(client, world):
    _login(client, world, "kasi")
    url = reverse("feedback:give", args=[world.e["staf"].pk])
    response = client.post(
        url,
        {"kind": "incidental", "channel": "direct", "text": "Teks saya", "is_anonymous": "on"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["is_anonymous"]
    assert "Teks saya" in response.content.decode()
    assert not Feedback.objects.exists()


def test_only_the_leader_is_offered_scheduled_feedback(client, world):
    _login(client, world, "dokter")
    form = client.get(reverse("feedback:give", args=[world.e["staf"].pk])).context["form"]
    assert [value for value, _label in form.fields["kind"].choices] == ["incidental"]
    _login(client, world, "kasi")
    form = client.get(reverse("feedback:give", args=[world.e["staf"].pk])).context["form"]
    assert "scheduled" in [value for value, _label in form.fields["kind"].choices]


def test_a_bad_schedule_date_is_a_field_error(client, world):
    _login(client, world, "kasi")
    response = client.post(
        reverse("feedback:schedule", args=[world.e["staf"].pk]), {"dates": "31-02-2026"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["dates"]
    assert "31-02-2026" in response.content.decode()


def _anonymous(world, count):
    for n, peer in enumerate(world.peers[:count]):
        services.feedback_give(
            actor=None,
            giver=peer,
            employee=world.e["staf"],
            text=f"Rahasia nomor {n}",
            is_anonymous=True,
            day=TODAY,
        )


def test_the_employee_page_hides_anonymous_feedback_below_the_threshold(client, world):
    _anonymous(world, 2)
    _login(client, world, "staf")
    page = client.get(reverse("feedback:home")).content.decode()
    assert "Rahasia" not in page
    assert 'data-testid="held-back"' in page


def test_at_the_threshold_the_employee_sees_the_feedback_but_no_name(client, world):
    _anonymous(world, 3)
    for key in ("staf", "kasi", "bkpsdm"):
        _login(client, world, key)
        page = client.get(reverse("feedback:employee", args=[world.e["staf"].pk]))
        text = page.content.decode()
        assert text.count("Rahasia") == 3
        assert all(peer.full_name not in text for peer in world.peers)


def test_the_auditor_sees_the_names_of_anonymous_givers(client, world):
    _anonymous(world, 1)
    _login(client, world, "auditor")
    text = client.get(reverse("feedback:employee", args=[world.e["staf"].pk])).content.decode()
    assert world.peers[0].full_name in text


def test_the_coverage_page_shows_who_has_no_schedule_and_who_is_overdue(client, world):
    services.feedback_schedule_set(
        actor=None,
        leader=world.e["kasi"],
        employee=world.e["staf"],
        year=TODAY.year,
        dates=[datetime.date(TODAY.year, 4, 30), datetime.date(TODAY.year, 10, 30)],
    )
    _login(client, world, "kasi")
    response = client.get(reverse("feedback:coverage"))
    states = {row.employee.pk: row.state for row in response.context["team"]}
    assert states[world.e["staf"].pk] == "overdue"
    assert {states[p.pk] for p in world.peers} == {"none"}


def test_unit_admins_see_leaders_behind_per_unit(client, world):
    _login(client, world, "staf")
    units = client.get(reverse("feedback:coverage")).context["units"]
    primer = next(row for row in units if row.unit == world.personas.units["primer"])
    assert primer.behind >= 1
    assert world.e["kasi"].pk in primer.leaders_behind


# --- Beranda --------------------------------------------------------------------------------


def _keys(world, key):
    viewer = build_viewer(world.users[key], today=TODAY)
    return {item.key: item for item in todo.items_for(viewer)}


def test_the_leader_is_reminded_of_scheduled_feedback_due_and_the_asked_of_requests(world):
    services.feedback_schedule_set(
        actor=None,
        leader=world.e["kasi"],
        employee=world.e["staf"],
        year=TODAY.year,
        dates=[TODAY + datetime.timedelta(days=3)],
    )
    services.feedback_request_create(actor=None, employee=world.e["staf"], asked=world.e["kasi"])
    items = _keys(world, "kasi")
    assert items["feedback.scheduled_due"].days_left == 3
    assert items["feedback.requests"].count == 1
    assert "feedback.scheduled_due" not in _keys(world, "staf")


def test_the_items_cost_no_query_for_a_login_without_an_employee_record(world):
    from kinerja.feedback.todo import todo_items

    viewer = build_viewer(world.users["pimpinan"], today=TODAY)
    with CaptureQueriesContext(connection) as queries:
        assert todo_items(viewer) == []
    assert len(queries) == 0


# --- query counts ---------------------------------------------------------------------------


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    ("who", "page"), [("kasi", "feedback:coverage"), ("staf", "feedback:coverage")]
)
def test_coverage_reads_a_fixed_number_of_queries_whatever_the_team_size(client, world, who, page):
    _login(client, world, who)
    url = reverse(page)
    client.get(url)
    small = _count(client, url)
    more = extra_subordinates(world.personas, 15, start=10)
    for person in more[:5]:
        services.feedback_schedule_set(
            actor=None, leader=world.e["kasi"], employee=person, year=TODAY.year
        )
    assert _count(client, url) == small


def test_the_received_feedback_reads_a_fixed_number_of_queries(client, world):
    _login(client, world, "staf")
    url = reverse("feedback:home")
    client.get(url)
    small = _count(client, url)
    _anonymous(world, 3)
    for _n in range(5):
        services.feedback_give(
            actor=None, giver=world.e["kasi"], employee=world.e["staf"], text="x", day=TODAY
        )
    assert _count(client, url) == small
    assert ScheduledFeedback.objects.count() == 0


def test_feedback_on_a_realisation_names_the_indicator_and_its_period(client, world):
    from kinerja.skp.models import RhkIndicator

    indicator = RhkIndicator.objects.filter(rhk__key=world.staf_rhk_key).first()
    _login(client, world, "kasi")
    url = reverse("feedback:give", args=[world.e["staf"].pk])
    choice = f"{world.staf_rhk_key}:{indicator.key}"
    page = client.get(url, {"indicator": choice, "period": world.period_pk})
    assert page.context["form"].initial["indicator"] == choice
    response = client.post(
        url,
        {
            "kind": "incidental",
            "channel": "direct",
            "indicator": choice,
            "period": str(world.period_pk),
            "text": "Realisasi triwulan ini sesuai target.",
        },
    )
    assert response.status_code == 302
    feedback = Feedback.objects.get()
    assert (feedback.rhk_key, feedback.indicator_key, feedback.period_id) == (
        world.staf_rhk_key,
        indicator.key,
        world.period_pk,
    )


def test_a_rater_of_record_without_posts_below_sees_their_team(client, world):
    from kinerja.skp.models import Skp

    Skp.objects.filter(employee=world.e["staf"]).update(rater=world.e["dokter"])
    _login(client, world, "dokter")
    response = client.get(reverse("feedback:coverage"))
    assert response.status_code == 200
    assert [row.employee for row in response.context["team"]] == [world.e["staf"]]
