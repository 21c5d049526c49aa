import pytest
from django.urls import reverse

from kinerja.core.models import AuditEvent
from kinerja.forums import services
from kinerja.forums.models import Commitment, CommitmentStatus, Forum, ForumStatus
from kinerja.forums.tests.data import HELD, TODAY, forum_values

pytestmark = pytest.mark.django_db


def login(client, world, key):
    client.force_login(world.users[key])
    return client


def management(prefix, total, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "50",
    }


def form_body(world, **overrides):
    body = {
        "unit": world.units["pkm"].pk,
        "title": "Forum Konsultasi Publik Layanan KIA",
        "held_on": "2026-05-02",
        "place": "Balai Desa Sukamaju",
        "kind": "fkp",
        "summary": "Ibu hamil meminta kelas ibu di balai desa.",
        "people_public": "30",
        "people_media": "2",
        **management("topic", 2),
        "topic-0-text": "Kelas ibu hamil jauh dari desa",
        "topic-0-area": "KIA",
        "topic-1-text": "",
        **management("commitment", 2),
        "commitment-0-text": "Kelas ibu hamil di balai desa setiap bulan",
        "commitment-0-owner_position": world.positions["dokter"].pk,
        "commitment-0-due_date": "2026-06-30",
    }
    body.update(overrides)
    return body


def test_the_list_shows_the_forums_and_the_commitments_to_follow_up(client, world):
    response = login(client, world, "staf").get(reverse("forums:list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('data-testid="forum-row"') == 3
    assert html.count('data-testid="attention-row"') == 2  # one overdue, one due soon
    assert 'data-testid="forum-new"' in html


def test_a_pegawai_sees_the_published_forums_only_and_no_button(client, world):
    html = login(client, world, "dokter").get(reverse("forums:list")).content.decode()
    assert html.count('data-testid="forum-row"') == 1
    assert 'data-testid="forum-new"' not in html
    assert client.get(reverse("forums:detail", args=[world.draft.pk])).status_code == 404


def test_the_list_filters_by_year_and_status(client, world):
    login(client, world, "auditor")
    html = client.get(reverse("forums:list"), {"status": "draft"}).content.decode()
    assert html.count('data-testid="forum-row"') == 2
    html = client.get(reverse("forums:list"), {"year": "2025"}).content.decode()
    assert html.count('data-testid="forum-row"') == 0
    assert client.get(reverse("forums:list"), {"year": "abc"}).status_code == 200


def test_the_list_does_not_query_per_forum(client, world, django_assert_max_num_queries):
    for n in range(5):
        services.forum_create(actor=None, **forum_values(world.units["pkm"], title=f"Forum {n}"))
    login(client, world, "staf")
    client.get(reverse("forums:list"))
    with django_assert_max_num_queries(14):
        response = client.get(reverse("forums:list"))
    assert response.content.decode().count('data-testid="forum-row"') == 8


def test_the_forum_page_shows_participants_topics_and_commitment_states(client, world):
    html = login(client, world, "staf").get(reverse("forums:detail", args=[world.published.pk]))
    html = html.content.decode()
    assert "Masyarakat umum" in html or "General public" in html
    assert 'data-state="overdue"' in html and 'data-state="due_soon"' in html
    assert 'data-state="done_on_time"' in html


def test_recording_a_forum_without_javascript(client, world):
    login(client, world, "staf")
    page = client.get(reverse("forums:create"))
    assert 'data-testid="choose-unit"' in page.content.decode()  # Dinkes has several units
    page = client.get(reverse("forums:create"), {"unit": world.units["pkm"].pk})
    assert 'data-testid="forum-form"' in page.content.decode()
    response = client.post(reverse("forums:create"), form_body(world))
    forum = Forum.objects.get(title="Forum Konsultasi Publik Layanan KIA")
    assert response.status_code == 302 and response["Location"] == reverse(
        "forums:detail", args=[forum.pk]
    )
    assert forum.participants.count() == 2 and forum.topics.count() == 1
    assert forum.commitments.get().owner_position == world.positions["dokter"]


def test_bad_input_is_shown_on_the_field_and_nothing_typed_is_lost(client, world):
    login(client, world, "staf")
    body = form_body(world, title="", **{"commitment-0-owner_position": "", "people_ngo": "-2"})
    response = client.post(reverse("forums:create"), body)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Kelas ibu hamil di balai desa setiap bulan" in html
    assert "Balai Desa Sukamaju" in html
    assert html.count('class="errorlist"') >= 3
    body = form_body(world, **{"commitment-0-due_date": "2026-01-01"})
    response = client.post(reverse("forums:create"), body)
    assert response.status_code == 400
    assert "Kelas ibu hamil" in response.content.decode()


def test_editing_a_draft_and_correcting_a_published_forum(client, world):
    login(client, world, "staf")
    url = reverse("forums:edit", args=[world.draft.pk])
    assert 'name="reason"' not in client.get(url).content.decode()
    body = form_body(world, title="Dialog Imunisasi", **{"unit": ""})
    assert client.post(url, body).status_code == 302
    assert Forum.objects.get(pk=world.draft.pk).title == "Dialog Imunisasi"
    url = reverse("forums:edit", args=[world.published.pk])
    html = client.get(url).content.decode()
    assert 'name="reason"' in html and "Menerapkan antrean daring" in html
    commitments = list(Commitment.objects.filter(forum=world.published).order_by("order"))
    rows = {**management("commitment", 3, 3)}
    for n, c in enumerate(commitments):
        rows |= {
            f"commitment-{n}-id": c.pk,
            f"commitment-{n}-text": c.text,
            f"commitment-{n}-owner_position": c.owner_position_id or "",
            f"commitment-{n}-owner_text": c.owner_text,
            f"commitment-{n}-due_date": c.due_date.isoformat(),
        }
    body = {**form_body(world, title="FKP Puskesmas (koreksi)", held_on=HELD.isoformat()), **rows}
    del body["unit"]
    response = client.post(url, body)
    assert response.status_code == 400  # the reason is required
    response = client.post(url, {**body, "reason": "Judul salah ketik"})
    assert response.status_code == 302
    forum = Forum.objects.get(pk=world.published.pk)
    assert forum.version == 2
    assert AuditEvent.objects.get(action="forums.forum.corrected").reason == "Judul salah ketik"


def test_publishing_asks_for_confirmation(client, world):
    login(client, world, "staf")
    forum = services.forum_create(actor=None, **forum_values(world.units["pkm"]))
    url = reverse("forums:publish", args=[forum.pk])
    assert 'name="confirm"' in client.get(url).content.decode()
    assert client.post(url).status_code == 400
    assert Forum.objects.get(pk=forum.pk).status == ForumStatus.DRAFT
    assert client.post(url, {"confirm": "yes"}).status_code == 302
    assert Forum.objects.get(pk=forum.pk).status == ForumStatus.PUBLISHED


def test_publishing_an_incomplete_forum_says_what_is_missing(client, world):
    login(client, world, "staf")
    response = client.post(reverse("forums:publish", args=[world.draft.pk]), {"confirm": "yes"})
    assert response.status_code == 400
    assert 'class="errorlist"' in response.content.decode()


def test_following_a_commitment_up_on_its_page(client, world):
    login(client, world, "staf")
    pk = world.open_commitment.pk
    url = reverse("forums:commitment", args=[pk])
    assert 'data-testid="complete-form"' in client.get(url).content.decode()
    assert client.post(url, {"text": ""}).status_code == 400
    assert client.post(url, {"text": "Uji coba antrean daring"}).status_code == 302
    complete = reverse("forums:commitment_complete", args=[pk])
    response = client.post(complete, {"done_on": "2027-01-01"})
    assert response.status_code == 400 and 'class="errorlist"' in response.content.decode()
    assert client.post(complete, {"done_on": TODAY.isoformat()}).status_code == 302
    assert Commitment.objects.get(pk=pk).status == CommitmentStatus.DONE
    drop = reverse("forums:commitment_drop", args=[world.overdue.pk])
    assert client.post(drop, {"reason": ""}).status_code == 400
    assert client.post(drop, {"reason": "Kewenangan Dinas"}).status_code == 302


def test_readers_see_a_commitment_without_the_forms(client, world):
    html = login(client, world, "auditor").get(
        reverse("forums:commitment", args=[world.open_commitment.pk])
    )
    assert 'data-testid="complete-form"' not in html.content.decode()


def test_the_overview_gives_the_share_per_unit(client, world, django_assert_max_num_queries):
    login(client, world, "pimpinan")
    client.get(reverse("forums:overview"))
    with django_assert_max_num_queries(12):
        response = client.get(reverse("forums:overview"), {"year": "2026"})
    html = response.content.decode()
    assert "Puskesmas Sukamaju" in html
    assert "50.00%" in html or "50,00%" in html
    assert html.count('data-testid="attention-row"') == 2


def test_public_pages_show_published_forums_without_personal_data(client, world):
    response = client.get(reverse("forums_public:list"), {"instansi": "contoh"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Forum Konsultasi Publik Pelayanan Puskesmas" in html
    assert "Dialog Publik Layanan Imunisasi" not in html
    assert "<script" not in html and "mainnav" not in html
    detail = client.get(reverse("forums_public:detail", args=[world.published.pk]))
    html = detail.content.decode()
    assert "Menerapkan antrean daring" in html and "Dokter Ahli Pertama" in html
    dokter = world.personas.employees["dokter"]
    assert dokter.nip not in html and dokter.full_name not in html and "Rizky" not in html
    assert "<script" not in html
    assert client.get(reverse("forums_public:detail", args=[world.draft.pk])).status_code == 404


def test_public_list_with_several_agencies_asks_which_and_filters(client, world):
    response = client.get(reverse("forums_public:list"))
    # the personas hold two agencies: the visitor chooses, the choice travels in the address
    html = response.content.decode()
    assert 'data-testid="agencies"' in html
    response = client.get(reverse("forums_public:list"), {"instansi": "contoh"})
    assert "Forum Konsultasi Publik Pelayanan Puskesmas" in response.content.decode()
    response = client.get(reverse("forums_public:list"), {"instansi": "contoh", "year": "2025"})
    assert "Forum Konsultasi Publik Pelayanan Puskesmas" not in response.content.decode()
    assert client.get(reverse("forums_public:list"), {"instansi": "tidak-ada"}).status_code == 404


def test_public_list_query_count_does_not_grow(client, world, django_assert_max_num_queries):
    for n in range(4):
        forum = services.forum_create(
            actor=None, **forum_values(world.units["pkm"], title=f"FKP {n}", held_on=HELD)
        )
        services.forum_publish(actor=None, forum=forum)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("forums_public:list"), {"instansi": "contoh"})
    assert response.status_code == 200


def test_beranda_lists_the_commitments_to_follow_up(client, world):
    html = login(client, world, "staf").get(reverse("home"), {"refresh": "1"}).content.decode()
    assert reverse("forums:list") in html
    html = login(client, world, "dokter").get(reverse("home"), {"refresh": "1"}).content.decode()
    assert "forums.commitments" not in html


def test_the_menu_links_the_forums(client, world):
    html = login(client, world, "dokter").get(reverse("forums:list")).content.decode()
    assert f'href="{reverse("forums:list")}"' in html
