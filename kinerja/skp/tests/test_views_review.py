"""The rater's pages: the inbox, the side-by-side review, setting and returning, comments."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from kinerja.skp import services
from kinerja.skp.models import (
    ActionPlan,
    CommentKind,
    Rhk,
    RhkIndicator,
    SkpComment,
    SkpStatus,
)
from kinerja.skp.tests.factories import action_period, chain_of_plans
from kinerja.skp.tests.review_data import (
    IN_JANUARY,
    IN_MARCH,
    YEAR,
    extra_subordinates,
    freeze_today,
    plans_for,
    submit,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def january(monkeypatch):
    freeze_today(monkeypatch, IN_JANUARY)


@pytest.fixture
def march(monkeypatch):
    freeze_today(monkeypatch, IN_MARCH)


@pytest.fixture
def plans(personas):
    plans = chain_of_plans(personas)
    plans["staf"] = submit(plans["staf"])
    return plans


def _login(client, personas, key):
    client.force_login(personas.users[key])
    return client


def _review_url(skp):
    return reverse("skp:review", args=[skp.pk])


# --- inbox ------------------------------------------------------------------------------------


def test_the_inbox_lists_the_submitted_plan_of_the_raters_subordinate(
    client, personas, plans, january
):
    response = _login(client, personas, "kasi").get(reverse("skp:inbox") + f"?year={YEAR}")
    assert response.status_code == 200
    inbox = response.context["inbox"]
    assert [row.skp.pk for row in inbox.waiting] == [plans["staf"].pk]
    assert inbox.waiting[0].escalated is False
    assert inbox.waiting[0].days_left == 11
    assert b"Dewi Lestari" in response.content
    assert b'data-testid="escalated"' not in response.content


def test_the_raters_superior_sees_the_plan_only_once_the_rater_is_late(
    client, personas, plans, monkeypatch
):
    freeze_today(monkeypatch, IN_JANUARY)
    client = _login(client, personas, "kabid")
    assert client.get(reverse("skp:inbox")).context["inbox"].waiting == []
    freeze_today(monkeypatch, IN_MARCH)
    response = client.get(reverse("skp:inbox"))
    waiting = response.context["inbox"].waiting
    assert [row.skp.pk for row in waiting] == [plans["staf"].pk]
    assert waiting[0].escalated is True
    assert waiting[0].days_late == 30
    assert b'data-testid="escalated"' in response.content


def test_the_inbox_lists_subordinates_whose_plans_have_not_arrived(
    client, personas, plans, january
):
    response = _login(client, personas, "kabid").get(reverse("skp:inbox"))
    rows = response.context["inbox"].not_submitted
    # kasi's plan is set; dokter has not started one.
    assert [(row.employee.pk, row.skp) for row in rows] == [(personas.employees["dokter"].pk, None)]
    assert b"Not started" in response.content


def test_a_plan_in_dialogue_or_returned_is_listed_as_not_yet_submitted(client, personas, january):
    plans = chain_of_plans(personas)
    services.skp_start_dialogue(actor=None, skp=plans["staf"])
    response = _login(client, personas, "kasi").get(reverse("skp:inbox"))
    rows = response.context["inbox"].not_submitted
    assert [(row.employee.pk, row.skp.status) for row in rows] == [
        (personas.employees["staf"].pk, SkpStatus.DIALOGUE)
    ]
    assert response.context["inbox"].waiting == []


def test_the_regional_heads_office_rates_the_plans_of_jpt(client, personas, january):
    from kinerja.skp.tests.factories import add_result, start_skp

    kadinkes = start_skp(personas, "kadinkes")
    add_result(kadinkes, "Meningkatnya mutu layanan kesehatan")
    kadinkes = submit(kadinkes)
    response = _login(client, personas, "pimpinan").get(reverse("skp:inbox"))
    assert [row.skp.pk for row in response.context["inbox"].waiting] == [kadinkes.pk]


def test_the_inbox_query_count_does_not_grow_with_fifty_subordinates(
    client, personas, january, django_assert_max_num_queries
):
    chain_of_plans(personas)
    few = extra_subordinates(personas, 3)
    plans_for(personas, few, submitted=1, drafts=1)
    client = _login(client, personas, "kasi")
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("skp:inbox"))
    many = extra_subordinates(personas, 47, start=3)
    plans_for(personas, many, submitted=15, drafts=20)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(reverse("skp:inbox"))
    inbox = response.context["inbox"]
    assert len(inbox.waiting) == 16
    # 1 + 20 drafts, 1 + 12 without a plan, and staf's draft.
    assert len(inbox.not_submitted) == 21 + 13 + 1
    assert sum(1 for row in inbox.not_submitted if row.skp is None) == 13


def test_the_not_yet_submitted_list_is_paged_in_order(client, personas, january):
    chain_of_plans(personas)
    people = extra_subordinates(personas, 60)
    plans_for(personas, people, submitted=0, drafts=5)
    client = _login(client, personas, "kasi")
    first = client.get(reverse("skp:inbox"), {"year": YEAR})
    rows = first.context["inbox"].not_submitted
    # 55 pelaksana without a plan come first, then the five drafts and the staff member's.
    assert len(rows) == 61
    assert [row.skp is None for row in rows] == [True] * 55 + [False] * 6
    assert first.content.decode().count('data-testid="pending-row"') == 50
    assert 'data-testid="pending-pages"' in first.content.decode()
    second = client.get(reverse("skp:inbox"), {"year": YEAR, "page": 2})
    names = [row.employee.name for row in second.context["pending"].object_list]
    assert names == [row.employee.name for row in rows[50:]]
    assert second.content.decode().count('data-testid="pending-row"') == 11
    beyond = client.get(reverse("skp:inbox"), {"year": YEAR, "page": "x"})
    assert beyond.context["pending"].number == 1


def test_subordinates_not_subject_to_planning_are_not_chased(client, personas, january):
    import datetime

    chain_of_plans(personas)
    people = extra_subordinates(personas, 3)
    services.exemption_record(
        actor=None,
        employee=people[1],
        reason="mpp",
        start_date=datetime.date(YEAR - 1, 12, 1),
    )
    response = _login(client, personas, "kasi").get(reverse("skp:inbox"))
    chased = {row.employee.pk for row in response.context["inbox"].not_submitted if not row.skp}
    assert chased == {people[0].pk, people[2].pk}


def test_a_subordinates_plan_with_another_rater_is_shown_in_progress(client, personas, january):
    from kinerja.skp.models import Skp

    chain_of_plans(personas)
    [person] = extra_subordinates(personas, 1)
    skp = services.skp_create(actor=None, employee=person, year=YEAR, day=IN_JANUARY)
    Skp.objects.filter(pk=skp.pk).update(rater=personas.employees["kabid"])
    response = _login(client, personas, "kasi").get(reverse("skp:inbox"))
    [row] = [r for r in response.context["inbox"].not_submitted if r.employee.pk == person.pk]
    assert row.skp.pk == skp.pk and row.skp.status == SkpStatus.DRAFT


# --- review -----------------------------------------------------------------------------------


def test_the_review_shows_the_plan_beside_a_comment_box_per_rhk(client, personas, plans, january):
    rhk = plans["staf"].rhks.get()
    services.comment_add(actor=None, skp=plans["staf"], text="Target dipertajam", rhk=rhk)
    response = _login(client, personas, "kasi").get(_review_url(plans["staf"]))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Tersusunnya laporan pembinaan" in content  # the RHK
    assert "Jumlah tersusunnya laporan pembinaan" in content  # its indicator
    assert "12 laporan" in content  # the target
    assert "Terlaksananya pembinaan puskesmas" in content  # the leader's RHK intervened
    assert "Berorientasi Pelayanan" in content and 'data-testid="annex"' in content
    assert "Target dipertajam" in content  # an earlier comment beside its RHK
    assert f'name="rhk_{rhk.pk}"' in content
    assert 'data-testid="set"' in content and 'data-testid="return"' in content


def test_the_rater_sets_the_plan_and_comments_stay_as_notes(client, personas, plans, january):
    rhk = plans["staf"].rhks.get()
    response = _login(client, personas, "kasi").post(
        _review_url(plans["staf"]),
        {"action": "set", "comment": "Sudah baik", f"rhk_{rhk.pk}": "Jaga kualitas"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("skp:inbox") + f"?year={YEAR}"
    skp = plans["staf"]
    skp.refresh_from_db()
    assert skp.status == SkpStatus.SET
    assert skp.set_by_role == "rater"
    notes = {(c.rhk_id, c.text) for c in SkpComment.objects.filter(skp=skp, kind=CommentKind.NOTE)}
    assert notes == {(None, "Sudah baik"), (rhk.pk, "Jaga kualitas")}


def test_the_rater_returns_the_plan_with_a_comment_per_rhk(client, personas, plans, january):
    rhk = plans["staf"].rhks.get()
    response = _login(client, personas, "kasi").post(
        _review_url(plans["staf"]),
        {
            "action": "return",
            "comment": "Perbaiki target",
            f"rhk_{rhk.pk}": "Target terlalu rendah",
        },
    )
    assert response.status_code == 302
    skp = plans["staf"]
    skp.refresh_from_db()
    assert skp.status == SkpStatus.RETURNED
    returned = {(c.rhk_id, c.text) for c in SkpComment.objects.filter(skp=skp, kind="return")}
    assert returned == {(None, "Perbaiki target"), (rhk.pk, "Target terlalu rendah")}


def test_returning_without_a_comment_keeps_the_typed_rhk_comments(client, personas, plans, january):
    rhk = plans["staf"].rhks.get()
    response = _login(client, personas, "kasi").post(
        _review_url(plans["staf"]),
        {"action": "return", "comment": "  ", f"rhk_{rhk.pk}": "Target terlalu rendah"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["comment"] == ["Write what the employee must change."]
    assert "Target terlalu rendah" in response.content.decode()
    plans["staf"].refresh_from_db()
    assert plans["staf"].status == SkpStatus.SUBMITTED


def test_setting_an_incomplete_plan_shows_why_and_keeps_the_comment(
    client, personas, plans, january
):
    RhkIndicator.objects.filter(rhk__skp=plans["staf"]).delete()
    response = _login(client, personas, "kasi").post(
        _review_url(plans["staf"]), {"action": "set", "comment": "Catatan saya"}
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "has no indicator" in content
    assert "Catatan saya" in content
    plans["staf"].refresh_from_db()
    assert plans["staf"].status == SkpStatus.SUBMITTED
    assert not SkpComment.objects.filter(skp=plans["staf"]).exists()


def test_the_raters_superior_decides_once_the_rater_is_late(client, personas, plans, march):
    response = _login(client, personas, "kabid").get(_review_url(plans["staf"]))
    assert b'data-testid="escalated"' in response.content
    response = client.post(_review_url(plans["staf"]), {"action": "set"})
    assert response.status_code == 302
    plans["staf"].refresh_from_db()
    assert plans["staf"].set_by_role == "rater_superior"


def test_before_the_deadline_the_raters_superior_may_read_but_not_decide(
    client, personas, plans, january
):
    client = _login(client, personas, "kabid")
    response = client.get(_review_url(plans["staf"]))
    assert response.status_code == 200
    assert b'data-testid="not-waiting"' in response.content
    assert b'data-testid="set"' not in response.content
    assert client.post(_review_url(plans["staf"]), {"action": "set"}).status_code == 403


def test_a_set_plan_cannot_be_set_or_returned_again(client, personas, plans, january):
    client = _login(client, personas, "kasi")
    # The rater's own plan is theirs to read, not to decide.
    assert client.post(_review_url(plans["kasi"]), {"action": "set"}).status_code == 403
    client.post(_review_url(plans["staf"]), {"action": "set"})
    for action in ("set", "return"):
        response = client.post(_review_url(plans["staf"]), {"action": action, "comment": "x"})
        assert response.status_code == 403
    response = client.get(_review_url(plans["staf"]))
    assert b'data-testid="not-waiting"' in response.content


def test_an_unknown_action_is_refused(client, personas, plans, january):
    response = _login(client, personas, "kasi").post(_review_url(plans["staf"]), {"action": "x"})
    assert response.status_code == 403


def test_the_review_page_query_count_is_bounded(
    client, personas, plans, january, django_assert_max_num_queries
):
    client = _login(client, personas, "kasi")
    with CaptureQueriesContext(connection) as one:
        client.get(_review_url(plans["staf"]))
    for n in range(5):
        rhk = Rhk.objects.create(skp=plans["staf"], text=f"Tambahan {n}", kind="tambahan")
        RhkIndicator.objects.create(
            rhk=rhk, text=f"Jumlah {n}", aspect="kuantitas", target_value=5, unit_of_measure="dok"
        )
        ActionPlan.objects.create(rhk=rhk, period=action_period(plans["staf"]), text="Mulai")
        services.comment_add(actor=None, skp=plans["staf"], text="c", rhk=rhk)
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(_review_url(plans["staf"]))


# --- dialogue comments ------------------------------------------------------------------------


def test_the_owner_adds_a_dialogue_note_and_goes_back(client, personas, plans, january):
    rhk = plans["staf"].rhks.get()
    url = reverse("skp:comment_add", args=[plans["staf"].pk])
    response = _login(client, personas, "staf").post(
        url, {"text": "Mohon arahan", "rhk": rhk.pk, "next": "/skp/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/skp/"
    comment = SkpComment.objects.get(skp=plans["staf"])
    assert (comment.rhk_id, comment.text, comment.kind) == (rhk.pk, "Mohon arahan", "note")


def test_a_comment_never_redirects_to_another_site(client, personas, plans, january):
    url = reverse("skp:comment_add", args=[plans["staf"].pk])
    response = _login(client, personas, "kasi").post(
        url, {"text": "Baik", "next": "https://evil.example/"}
    )
    assert response["Location"] == _review_url(plans["staf"])


def test_with_htmx_the_comment_list_comes_back(client, personas, plans, january):
    url = reverse("skp:comment_add", args=[plans["staf"].pk])
    client = _login(client, personas, "kasi")
    response = client.post(url, {"text": "Sudah dibaca"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert b"Sudah dibaca" in response.content
    assert b"<html" not in response.content
    response = client.post(url, {"text": ""}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert b"This field is required." in response.content


def test_an_empty_comment_is_refused_with_a_message(client, personas, plans, january):
    url = reverse("skp:comment_add", args=[plans["staf"].pk])
    response = _login(client, personas, "staf").post(url, {"text": " "}, follow=True)
    assert b"This field is required." in response.content
    assert not SkpComment.objects.exists()


def test_a_comment_on_the_rhk_of_another_plan_is_not_found(client, personas, plans, january):
    url = reverse("skp:comment_add", args=[plans["staf"].pk])
    other = plans["kasi"].rhks.first()
    response = _login(client, personas, "staf").post(url, {"text": "x", "rhk": other.pk})
    assert response.status_code == 404


# --- home pages -------------------------------------------------------------------------------


def test_the_atasan_home_page_links_to_the_inbox(client, personas, january):
    response = _login(client, personas, "kasi").get(reverse("home"))
    assert reverse("skp:inbox").encode() in response.content


def test_the_my_skp_page_links_raters_to_the_inbox(client, personas, january):
    response = _login(client, personas, "kasi").get(reverse("skp:home"))
    assert b'data-testid="skp-inbox-link"' in response.content
    response = _login(client, personas, "dokter").get(reverse("skp:home"))
    assert b'data-testid="skp-inbox-link"' not in response.content
