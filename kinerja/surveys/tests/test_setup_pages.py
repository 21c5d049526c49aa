"""The unit's set-up pages: lists, forms that keep what was typed, the service users' form and
file import, the posters and the kiosk link."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from kinerja.org.tests import factories
from kinerja.surveys import posters
from kinerja.surveys.models import Service, ServiceUsers, SurveyPoint

pytestmark = pytest.mark.django_db


@pytest.fixture
def staf(client, world):
    client.force_login(world.users["staf"])
    return client


def test_the_list_shows_the_service_units_in_the_viewers_care(staf, world):
    page = staf.get(reverse("surveys:setup_units")).content.decode()
    assert "Puskesmas Sukamaju" in page
    assert "Dinas Kesehatan Kabupaten Lain" not in page


def test_the_list_reads_a_fixed_number_of_queries(staf, world, django_assert_max_num_queries):
    dinkes = world.personas.units["dinkes"]
    for number in range(12):
        unit = factories.unit(
            world.unit.agency,
            f"DINKES.PKM{number + 10}",
            f"Puskesmas {number}",
            "puskesmas",
            dinkes,
        )
        Service.objects.create(unit=unit, name="Poli Umum")
        SurveyPoint.objects.create(unit=unit, name="Loket 1")
    with django_assert_max_num_queries(12):
        response = staf.get(reverse("surveys:setup_units"))
    assert response.content.decode().count("Puskesmas ") >= 13


def test_the_unit_page_reads_a_fixed_number_of_queries(staf, world, django_assert_max_num_queries):
    for number in range(15):
        service = Service.objects.create(unit=world.unit, name=f"Layanan {number}")
        SurveyPoint.objects.create(unit=world.unit, name=f"Loket {number}", service=service)
    with django_assert_max_num_queries(14):
        response = staf.get(reverse("surveys:setup_unit", args=[world.unit.pk]))
    page = response.content.decode()
    assert "Loket 14" in page and posters.survey_url(world.point) in page


def test_a_service_is_added_from_the_unit_page(staf, world):
    url = reverse("surveys:service_create", args=[world.unit.pk])
    response = staf.post(url, {"service-name": "Poli Gigi"})
    assert response.status_code == 302
    assert Service.objects.filter(unit=world.unit, name="Poli Gigi").exists()


def test_a_duplicate_name_is_shown_on_the_form_with_what_was_typed(staf, world):
    url = reverse("surveys:point_create", args=[world.unit.pk])
    response = staf.post(url, {"point-name": "loket pendaftaran", "point-service": ""})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Unit sudah memiliki yang bernama sama." in page
    assert 'value="loket pendaftaran"' in page


def test_a_point_is_deactivated_and_its_survey_closes(staf, world, client):
    url = reverse("surveys:point_edit", args=[world.point.pk])
    response = staf.post(url, {"name": world.point.name, "service": ""})
    assert response.status_code == 302
    world.point.refresh_from_db()
    assert not world.point.is_active
    assert client.get(reverse("surveys:public", args=[world.point.token])).status_code == 404


def test_service_users_are_entered_in_the_form(staf, world):
    url = reverse("surveys:setup_users", args=[world.unit.pk])
    response = staf.post(
        url,
        {"year": "2026", "kind": "quarter", "number": "2", "users": "1500", "service": ""},
    )
    assert response.status_code == 302
    assert ServiceUsers.objects.get(unit=world.unit, kind="quarter", number=2).users == 1500
    page = staf.get(url + "?year=2026").content.decode()
    assert "1500" in page


def test_a_wrong_period_number_is_named_on_the_form(staf, world):
    url = reverse("surveys:setup_users", args=[world.unit.pk])
    response = staf.post(
        url, {"year": "2026", "kind": "quarter", "number": "6", "users": "10", "service": ""}
    )
    assert response.status_code == 400
    assert "Nomor periode 1 sampai 4." in response.content.decode()
    assert not ServiceUsers.objects.exists()


def test_an_import_with_bad_rows_lists_them_and_saves_nothing(staf, world):
    data = (
        b"tahun,periode,nomor,pengguna\n2026,triwulan,1,100\n2026,triwulan,9,100\n2026,bulan,1,x\n"
    )
    url = reverse("surveys:users_import", args=[world.unit.pk])
    response = staf.post(url, {"file": SimpleUploadedFile("p.csv", data)})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Baris 3, kolom nomor" in page and "Baris 4, kolom pengguna" in page
    assert not ServiceUsers.objects.exists()


def test_a_valid_import_saves_every_row(staf, world):
    data = b"tahun,periode,nomor,pengguna\n2026,triwulan,1,100\n2026,triwulan,2,120\n"
    url = reverse("surveys:users_import", args=[world.unit.pk])
    response = staf.post(url, {"file": SimpleUploadedFile("p.csv", data)})
    assert response.status_code == 302
    assert ServiceUsers.objects.filter(unit=world.unit).count() == 2


def test_the_png_poster_is_an_a4_png_of_the_point(staf, world):
    response = staf.get(reverse("surveys:poster_png", args=[world.pharmacy_point.pk]))
    assert response["Content-Type"] == "image/png"
    assert response.content[:8] == b"\x89PNG\r\n\x1a\n"
    from PIL import Image

    image = Image.open(io.BytesIO(response.content))
    assert image.size == posters.A4_PIXELS and image.height > image.width


def test_the_pdf_poster_is_one_page_naming_the_unit_and_the_points_url(staf, world):
    response = staf.get(reverse("surveys:poster_pdf", args=[world.pharmacy_point.pk]))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Puskesmas Sukamaju" in text and "Loket Farmasi" in text and "Farmasi" in text
    assert "Pemerintah Kabupaten Contoh" in text
    assert "Survei Kepuasan Masyarakat" in text and "satisfaction survey" in text
    assert world.pharmacy_point.token in text.replace(" ", "")
    box = reader.pages[0].mediabox
    assert round(float(box.width)) == 595 and round(float(box.height)) == 842  # A4 portrait


def test_the_posters_url_is_the_points_survey_address(world, settings):
    settings.SITE_URL = "https://kinerja.example.go.id"
    poster = posters.poster_of(world.point)
    assert poster.url == f"https://kinerja.example.go.id/survei/{world.point.token}/"
    assert poster.qr.designator  # a QR code was made of it


def test_the_kiosk_link_sets_the_signed_kiosk_cookie(staf, world):
    response = staf.get(reverse("surveys:point_kiosk", args=[world.point.pk]))
    assert response.status_code == 302
    assert response["Location"] == f"/survei/{world.point.token}/?kiosk=1"
    cookie = response.cookies["kinerja_skm_kiosk"]
    assert cookie["httponly"] and world.point.token in cookie.value
