"""The portal's public API: publications and their tables, paged and filtered, from published
snapshots only, with the licence and caching headers."""

import pytest

from kinerja.config.api import api

pytestmark = pytest.mark.django_db

API = "/api/v1/public/portal/publications"


def _get(client, path="", **params):
    headers = params.pop("headers", {})
    return client.get(f"{API}{path}", {"instansi": "contoh", **params}, headers=headers)


def test_the_publications_list_gives_each_publication_in_its_current_version(client, world):
    answer = _get(client).json()
    assert answer["count"] == 2
    assert [item["id"] for item in answer["items"]] == [
        world["q2"].publication_id,
        world["q1v2"].publication_id,
    ]
    assert [item["version"] for item in answer["items"]] == [1, 2]
    assert answer["licence"]["name"] == "CC-BY-4.0"


def test_the_list_filters_by_period_and_pages(client, world):
    assert _get(client, number=1, kind="quarter", year=2026).json()["count"] == 1
    assert _get(client, year=2025).json()["count"] == 0
    page = _get(client, limit=1, offset=1).json()
    assert page["count"] == 2
    assert [item["id"] for item in page["items"]] == [world["q1v2"].publication_id]


def test_another_agencys_publications_are_listed_only_under_its_code(client, world):
    answer = _get(client, instansi="lain").json()
    assert [item["id"] for item in answer["items"]] == [world["other"].publication_id]
    assert _get(client, instansi="tidak-ada").status_code == 404


def test_a_publication_gives_its_versions_with_their_reasons(client, world):
    answer = _get(client, f"/{world['q1v1'].publication_id}").json()
    assert answer["version"] == 2 and answer["current_version"] == 2
    assert answer["capaian"] == "81.25"
    assert [v["reason"] for v in answer["versions"]] == [
        "",
        "Realisasi Puskesmas diperbaiki setelah verifikasi ulang",
    ]
    earlier = _get(client, f"/{world['q1v1'].publication_id}", version=1).json()
    assert earlier["version"] == 1 and earlier["capaian"] == "80.00"


def test_a_version_not_yet_published_and_another_agencys_publication_are_404(client, world):
    assert _get(client, f"/{world['q2'].publication_id}", version=2).status_code == 404
    assert _get(client, f"/{world['other'].publication_id}").status_code == 404
    assert _get(client, f"/{world['other'].publication_id}/units").status_code == 404


def test_a_table_filters_by_unit_and_indicator_and_pages(client, personas, world):
    path = f"/{world['q2'].publication_id}/indicators"
    everything = _get(client, path).json()
    assert everything["count"] == 2 and everything["version"] == 1
    pkm = _get(client, path, unit=personas.units["pkm"].pk).json()
    assert [item["id"] for item in pkm["items"]] == [7002]
    assert pkm["items"][0]["trend"][0]["value"] == "70.00"
    assert _get(client, path, indicator=7001).json()["items"][0]["name"] == "Angka harapan hidup"
    page = _get(client, path, limit=1, offset=1).json()
    assert page["count"] == 2 and [item["id"] for item in page["items"]] == [7002]


def test_a_suppressed_figure_is_null_with_its_reason(client, world):
    rows = _get(client, f"/{world['q2'].publication_id}/satisfaction").json()["items"]
    withheld = next(row for row in rows if row["service_id"] == 501)
    assert withheld["ikm"] is None and withheld["respondents"] is None
    assert withheld["suppressed"] == "small_group"


def test_answers_carry_etag_last_modified_and_cache_control_and_answer_304(client, world):
    path = f"/{world['q2'].publication_id}/units"
    first = _get(client, path)
    assert first.status_code == 200
    assert first["ETag"] and first["Last-Modified"]
    assert "max-age" in first["Cache-Control"]
    again = _get(client, path, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""
    other_page = _get(client, path, limit=1, headers={"If-None-Match": first["ETag"]})
    assert other_page.status_code == 200


def test_a_warm_answer_is_the_json_kept_in_the_cache_not_built_again(client, world, monkeypatch):
    from kinerja.portal import api as portal_api

    path = f"/{world['q2'].publication_id}/indicators"
    first = _get(client, path)
    assert first["Content-Type"].startswith("application/json")

    def refuse(*args, **kwargs):
        raise AssertionError("a warm answer validates nothing again")

    page_schema = portal_api.TABLE_SCHEMAS["indicators"][1]
    monkeypatch.setattr(page_schema, "model_validate", refuse)
    again = _get(client, path)
    assert again.status_code == 200 and again.content == first.content
    assert again["ETag"] == first["ETag"]


def test_a_correction_changes_the_etag_of_the_publication(client, personas, world):
    from kinerja.portal.tests import factories

    publication = world["q2"].publication
    before = _get(client, f"/{publication.pk}")["ETag"]
    factories.publish(  # after the version 2 still to come (published versions stay)
        personas.agency,
        publication.period,
        factories.contoh_snapshot(personas, number=2, capaian="90.00"),
        version=3,
        reason="Koreksi",
    )
    after = _get(client, f"/{publication.pk}", headers={"If-None-Match": before})
    assert after.status_code == 200
    assert after.json()["capaian"] == "90.00"


def test_the_operations_are_public_in_the_openapi_schema(db):
    paths = api.get_openapi_schema()["paths"]
    portal = [path for path in paths if path.startswith("/api/v1/public/portal/")]
    assert len(portal) == 8
    for path in portal:
        assert not paths[path]["get"].get("security")
