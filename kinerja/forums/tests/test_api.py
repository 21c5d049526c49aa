import json

import pytest

from kinerja.forums import services
from kinerja.forums.models import MAX_HEADCOUNT, Forum, ForumStatus, ParticipantGroup
from kinerja.forums.tests.data import forum_values

pytestmark = pytest.mark.django_db


def send(client, method, url, body=None):
    return client.generic(method, url, json.dumps(body or {}), "application/json")


BODY = {
    "title": "Dialog Publik Layanan Lansia",
    "held_on": "2026-04-02",
    "place": "Posyandu Lansia",
    "summary": "Lansia meminta antrean khusus.",
    "participants": {"public": 20, "media": 1},
    "topics": [{"text": "Antrean khusus lansia", "area": "Pendaftaran"}],
}


def test_a_forum_is_recorded_published_and_corrected_through_the_api(client, world):
    client.force_login(world.users["staf"])
    commitment = {"text": "Loket lansia", "owner_text": "Kepala TU", "due_date": "2026-06-01"}
    body = {**BODY, "unit": world.units["pkm"].pk, "commitments": [commitment]}
    created = send(client, "POST", "/api/v1/forums", body)
    assert created.status_code == 200, created.content
    forum = created.json()
    assert forum["status"] == "draft" and forum["commitments"][0]["owner"] == "Kepala TU"
    published = send(client, "POST", f"/api/v1/forums/{forum['id']}/publish")
    assert published.json()["status"] == "published"
    again = send(client, "PUT", f"/api/v1/forums/{forum['id']}", BODY)
    assert again.status_code == 409
    no_reason = send(client, "POST", f"/api/v1/forums/{forum['id']}/corrections", BODY)
    assert no_reason.status_code == 422  # the reason is a required field
    empty = send(
        client, "POST", f"/api/v1/forums/{forum['id']}/corrections", {**BODY, "reason": " "}
    )
    assert empty.status_code == 400 and "reason" in empty.json()["detail"]
    fixed = send(
        client,
        "POST",
        f"/api/v1/forums/{forum['id']}/corrections",
        {**BODY, "title": "Dialog Publik Lansia", "reason": "Judul"},
    )
    assert fixed.json()["version"] == 2


def test_bad_input_answers_400_naming_the_field(client, world):
    client.force_login(world.users["staf"])
    body = {**BODY, "unit": world.units["pkm"].pk, "held_on": "1999-12-31"}
    response = send(client, "POST", "/api/v1/forums", body)
    assert response.status_code == 400 and "held_on" in response.json()["detail"]
    body = {
        **BODY,
        "unit": world.units["pkm"].pk,
        "commitments": [{"text": "Tanpa pemilik", "due_date": "2026-06-01"}],
    }
    response = send(client, "POST", "/api/v1/forums", body)
    assert response.status_code == 400 and "commitments" in response.json()["detail"]


@pytest.mark.parametrize(
    ("changes", "where"),
    [
        ({"participants": {"warga": 3}}, ["participants", "warga"]),
        ({"participants": {"public": "12"}}, ["participants", "public"]),
        ({"participants": {"public": True}}, ["participants", "public"]),
        ({"participants": {"public": 100_001}}, ["participants", "public"]),
        ({"participants": {"public": -1}}, ["participants", "public"]),
        ({"topics": [{"text": "x", "area": "a" * 201}]}, ["topics", 0, "area"]),
        ({"topics": [{"text": "x"}] * 51}, ["topics"]),
        ({"title": "t" * 256}, ["title"]),
        ({"held_on": 20260402}, ["held_on"]),
        (
            {"commitments": [{"text": "x", "due_date": "2026-06-01", "id": "1"}]},
            ["commitments", 0, "id"],
        ),
    ],
)
def test_a_value_the_schema_forbids_is_422_naming_it(client, world, changes, where):
    client.force_login(world.users["staf"])
    before = Forum.objects.count()
    response = send(
        client, "POST", "/api/v1/forums", {**BODY, "unit": world.units["pkm"].pk, **changes}
    )
    assert response.status_code == 422, response.content
    assert response.json()["detail"][0]["loc"][2:] == where
    assert Forum.objects.count() == before


def test_the_schema_names_every_group_of_participants(client, world):
    schema = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    groups = schema["ForumParticipantsIn"]
    assert list(groups["properties"]) == ParticipantGroup.values
    assert groups["additionalProperties"] is False
    assert {p["maximum"] for p in groups["properties"].values()} == {MAX_HEADCOUNT}


def test_a_head_count_written_with_a_zero_fraction_is_a_json_integer(client, world):
    client.force_login(world.users["staf"])
    body = {**BODY, "unit": world.units["pkm"].pk, "participants": {"public": 20.0}}
    response = send(client, "POST", "/api/v1/forums", body)
    assert response.status_code == 200, response.content
    assert response.json()["participants"] == [{"group": "public", "count": 20}]


def test_following_up_a_commitment_through_the_api(client, world):
    client.force_login(world.users["staf"])
    url = f"/api/v1/forums/commitments/{world.open_commitment.pk}"
    progress = send(client, "POST", f"{url}/progress", {"text": "Uji coba"})
    assert progress.json()["status"] == "in_progress"
    done = send(client, "POST", f"{url}/complete", {"done_on": "2026-05-15"})
    assert done.json()["state"] == "done_on_time"
    assert send(client, "POST", f"{url}/drop", {"reason": "x"}).status_code == 409


def test_the_staff_list_is_paginated_and_does_not_grow_in_queries(
    client, world, django_assert_max_num_queries
):
    for n in range(5):
        services.forum_create(actor=None, **forum_values(world.units["pkm"], title=f"F{n}"))
    client.force_login(world.users["auditor"])
    with django_assert_max_num_queries(8):
        response = client.get("/api/v1/forums", {"limit": 50})
    assert response.json()["count"] == 8
    drafts = client.get("/api/v1/forums", {"status": "draft"}).json()
    assert drafts["count"] == 7


def test_the_public_list_is_paginated_and_does_not_grow_in_queries(
    client, world, django_assert_max_num_queries
):
    for n in range(5):
        forum = services.forum_create(actor=None, **forum_values(world.units["pkm"], title=f"F{n}"))
        services.forum_publish(actor=None, forum=forum)
    with django_assert_max_num_queries(4):
        response = client.get("/api/v1/public/forums", {"agency": "contoh", "limit": 50})
    assert response.json()["count"] == 6
    page = client.get("/api/v1/public/forums", {"agency": "contoh", "limit": 2, "offset": 4})
    assert len(page.json()["items"]) == 2
    assert client.get("/api/v1/public/forums", {"agency": "tidak-ada"}).status_code == 404


def test_the_public_api_reads_published_forums_without_any_person(client, world):
    listed = client.get("/api/v1/public/forums", {"agency": "contoh"}).json()
    assert [f["id"] for f in listed["items"]] == [world.published.pk]
    detail = client.get(f"/api/v1/public/forums/{world.published.pk}")
    text = detail.content.decode()
    assert detail.status_code == 200
    assert "owner_position_id" not in text and 'status": "draft' not in text
    dokter = world.personas.employees["dokter"]
    assert dokter.nip not in text and dokter.full_name not in text
    assert "Dokter Ahli Pertama" in text
    assert client.get(f"/api/v1/public/forums/{world.draft.pk}").status_code == 404
    assert Forum.objects.filter(status=ForumStatus.DRAFT).exists()
