"""The public portal's pages: open to anyone, published figures only, the latest version."""

import pytest
from django.urls import reverse

from kinerja.portal.selectors import public as selectors

pytestmark = pytest.mark.django_db


def _get(client, name, *args, query="", **headers):
    return client.get(reverse(f"portal_public:{name}", args=args) + query, headers=headers)


def test_the_selectors_give_only_the_current_published_version_of_each_publication(personas, world):
    current = selectors.current_versions(personas.agency)
    assert [v.pk for v in current] == [world["q2"].pk, world["q1v2"].pk]
    assert selectors.latest(personas.agency).pk == world["q2"].pk  # not the future version
    other = selectors.current_versions(personas.other_agency)
    assert [v.pk for v in other] == [world["other"].pk]


def test_the_list_carries_each_versions_summary_exactly_as_published_not_its_tables(
    personas, world
):
    corrected = next(
        v for v in selectors.current_versions(personas.agency) if v.pk == world["q1v2"].pk
    )
    assert set(corrected.snapshot) == {"agency", "period", "capaian", "minimum_group"}
    assert corrected.snapshot["capaian"] == "81.25"  # the published digits, as text
    assert corrected.snapshot["period"]["number"] == 1
    assert corrected.snapshot["agency"]["code"] == personas.agency.code
    assert corrected.snapshot["minimum_group"] == world["q1v2"].snapshot["minimum_group"]


def test_a_units_publications_are_those_whose_figures_name_it(personas, world):
    pkm = personas.units["pkm"].pk
    found = selectors.appearances(personas.agency, pkm)
    assert [v.pk for v in found] == [world["q2"].pk, world["q1v2"].pk]
    assert all(v.snapshot["period"]["year"] for v in found)
    assert selectors.appearances(personas.agency, personas.units["bkpsdm"].pk) == []
    assert selectors.appearances(personas.other_agency, pkm) == []


def test_an_earlier_version_is_read_by_its_number_and_a_future_one_is_404(personas, world):
    q1 = world["q1v1"].publication_id
    assert selectors.version_of(personas.agency, q1).pk == world["q1v2"].pk
    assert selectors.version_of(personas.agency, q1, 1).pk == world["q1v1"].pk
    with pytest.raises(Exception) as raised:
        selectors.version_of(personas.agency, world["q2"].publication_id, 2)
    assert raised.type.__name__ == "Http404"


def test_the_overview_shows_the_latest_publication_to_anyone(client, world):
    response = _get(client, "home", query="?instansi=contoh")
    assert response.status_code == 200
    body = response.content.decode()
    assert "88,40" in body  # the agency's capaian of the second quarter, Indonesian format
    assert "11,11" not in body  # the version not yet published
    assert "Puskesmas Sukamaju" in body
    assert 'data-testid="publications"' in body
    assert "<script" not in body


def test_a_suppressed_figure_shows_a_dash_with_its_reason_never_zero(client, personas, world):
    pkm = personas.units["pkm"].pk
    response = _get(client, "service", pkm, query="?instansi=contoh")
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count('data-testid="suppressed"') >= 2  # a service's IKM and the complaints
    assert "fewer than 5 people" in body or "kurang dari 5 orang" in body


def test_the_unit_page_shows_indicators_with_their_trend_and_the_publications(
    client, personas, world
):
    response = _get(client, "unit", personas.units["pkm"].pk, query="?instansi=contoh")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Cakupan imunisasi dasar lengkap" in body
    assert "2025 TW4" in body and "<svg" in body
    assert body.count('data-testid="appearances"') == 1
    assert reverse("portal_public:publication", args=[world["q1v2"].publication_id]) in body


def test_the_service_page_links_to_the_complaint_form_keeping_the_agency(client, personas, world):
    body = _get(client, "service", personas.units["pkm"].pk, query="?instansi=contoh").content
    assert (reverse("complaints:file") + "?instansi=contoh").encode() in body


def test_a_unit_that_is_no_service_unit_has_no_service_page(client, personas, world):
    dinkes = personas.units["dinkes"].pk
    assert _get(client, "service", dinkes, query="?instansi=contoh").status_code == 404


@pytest.mark.parametrize("name", ["unit", "service", "publication"])
def test_unknown_ids_are_404(client, world, name):
    assert _get(client, name, 999999, query="?instansi=contoh").status_code == 404


def test_another_agencys_ids_are_404(client, personas, world):
    publication = world["q2"].publication_id
    assert _get(client, "publication", publication, query="?instansi=lain").status_code == 404
    assert _get(client, "unit", personas.units["pkm"].pk, query="?instansi=lain").status_code == 404
    other = world["other"].publication_id
    assert _get(client, "publication", other, query="?instansi=contoh").status_code == 404


def test_with_two_agencies_and_none_named_the_visitor_chooses(client, world):
    response = _get(client, "home")
    assert response.status_code == 200
    assert 'data-testid="agencies"' in response.content.decode()


def test_search_finds_units_and_indicators_of_the_latest_publication(client, world):
    body = _get(client, "search", query="?instansi=contoh&q=imunisasi").content.decode()
    assert "Cakupan imunisasi dasar lengkap" in body
    body = _get(client, "search", query="?instansi=contoh&q=puskesmas").content.decode()
    assert 'data-testid="found-units"' in body


def test_the_publication_page_shows_the_history_with_reasons(client, world):
    publication = world["q1v1"].publication_id
    body = _get(client, "publication", publication, query="?instansi=contoh").content.decode()
    assert "Realisasi Puskesmas diperbaiki setelah verifikasi ulang" in body
    assert "81,25" in body
    assert 'data-testid="superseded"' not in body
    assert "Belum terbit" not in body


def test_an_earlier_version_is_marked_superseded(client, world):
    publication = world["q1v1"].publication_id
    response = _get(client, "publication", publication, query="?versi=1&instansi=contoh")
    body = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="superseded"' in body
    assert "80,00" in body


@pytest.mark.parametrize("versi", ["2", "0", "x", "99999"])
def test_a_version_never_published_is_404(client, world, versi):
    publication = world["q2"].publication_id
    query = f"?versi={versi}&instansi=contoh"
    assert _get(client, "publication", publication, query=query).status_code == 404


def test_a_page_answers_304_to_its_etag_and_changes_with_a_new_publication(client, personas, world):
    from kinerja.portal.tests import factories

    first = _get(client, "home", query="?instansi=contoh")
    etag = first["ETag"]
    assert first["Last-Modified"]
    assert "no-cache" in first["Cache-Control"]
    again = _get(client, "home", query="?instansi=contoh", if_none_match=etag)
    assert again.status_code == 304
    quarters = {p.number: p for p in world["q2"].publication.period.performance_year.periods.all()}
    factories.publish(
        personas.agency, quarters[3], factories.contoh_snapshot(personas, number=3, capaian="99.10")
    )
    fresh = _get(client, "home", query="?instansi=contoh", if_none_match=etag)
    assert fresh.status_code == 200
    assert "99,10" in fresh.content.decode()


def test_an_agency_without_publications_says_so(client, personas):
    response = _get(client, "home", query="?instansi=contoh")
    assert response.status_code == 200
    assert (
        _get(client, "unit", personas.units["pkm"].pk, query="?instansi=contoh").status_code == 404
    )


def test_the_publication_page_links_each_versions_pdf_report(client, world):
    publication = world["q1v1"].publication_id
    body = _get(client, "publication", publication, query="?instansi=contoh").content.decode()
    current = reverse("portal_public:document", args=[publication, 2])
    assert f'href="{current}?instansi=contoh"' in body
    response = client.get(current + "?instansi=contoh")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["Content-Disposition"] == f'attachment; filename="laporan-{publication}-v2.pdf"'
    again = client.get(current + "?instansi=contoh", headers={"if-none-match": response["ETag"]})
    assert again.status_code == 304
