"""Privacy sweep: the complainant's name, e-mail and phone, and any NIP, appear on no public
page and in no public API answer of complaints, nor for a reader who does not handle the case
(the pimpinan), on the staff pages or in the API. Filing logs neither the contact nor the
complaint."""

import json
import logging

import pytest
from django.urls import reverse

from kinerja.complaints.tests.data import DESCRIPTION, EMAIL, NAME, PHONE

pytestmark = pytest.mark.django_db
API = "/api/v1/complaints"
PUBLIC = "/api/v1/public/complaints"


def _secrets(world) -> list[str]:
    nips = [employee.nip for employee in world.e.values() if employee.nip]
    assert nips
    return [NAME, EMAIL, PHONE, *nips]


def _clean(world, response, where):
    assert response.status_code < 500, where
    text = response.content.decode()
    leaked = [secret for secret in _secrets(world) if secret in text]
    assert leaked == [], where


def test_no_public_page_nor_public_answer_shows_personal_data(client, world):
    pkm, answered = world.cases["pkm"], world.cases["answered"]
    answers = {
        "form": client.get(reverse("complaints:file")),
        "filed": client.post(
            reverse("complaints:file"),
            {
                "unit": world.units["pkm"].pk,
                "category": "ringan",
                "description": "Antrean lama.",
                "name": NAME,
                "email": EMAIL,
                "phone": PHONE,
            },
            follow=True,
        ),
        "track page": client.get(reverse("complaints:track")),
        "tracked": client.post(reverse("complaints:track"), {"code": pkm.tracking_code}),
        "tracked answered": client.post(
            reverse("complaints:track"), {"code": answered.tracking_code}
        ),
        "bad code": client.post(reverse("complaints:track"), {"code": "AAAAAAAAAA"}),
        "reopened": client.post(
            reverse("complaints:reopen"),
            {"code": answered.tracking_code, "reason": "Obat masih kosong."},
        ),
        "api filed": client.post(
            PUBLIC,
            json.dumps(
                {
                    "unit": world.units["pkm"].pk,
                    "category": "ringan",
                    "description": "Antrean lama.",
                    "name": NAME,
                    "email": EMAIL,
                    "phone": PHONE,
                }
            ),
            content_type="application/json",
        ),
        "api tracked": client.get(f"{PUBLIC}/{pkm.tracking_code}"),
        "api tracked answered": client.get(f"{PUBLIC}/{answered.tracking_code}"),
        "api bad code": client.get(f"{PUBLIC}/AAAAAAAAAA"),
    }
    assert answers["filed"].redirect_chain and answers["api filed"].status_code == 201
    assert answers["tracked"].status_code == 200 and answers["api tracked"].status_code == 200
    confirmed = client.post(reverse("complaints:confirm"), {"code": answered.tracking_code})
    answers["confirmed"] = confirmed
    for where, response in answers.items():
        _clean(world, response, where)


@pytest.mark.parametrize("persona", ["pimpinan", "auditor"])
def test_readers_who_do_not_handle_see_no_contact(client, world, persona):
    client.force_login(world.users[persona])
    pkm = world.cases["pkm"].pk
    urls = [
        reverse("complaints:inbox"),
        reverse("complaints:statistics"),
        reverse("complaints:detail", args=[pkm]),
        API,
        f"{API}?limit=100",
        f"{API}/statistics",
        f"{API}/{pkm}",
    ]
    for url in urls:
        response = client.get(url)
        text = response.content.decode()
        assert response.status_code == 200, url
        leaked = [secret for secret in _secrets(world) if secret in text]
        assert leaked == [], url


def test_the_reader_sees_the_case_but_not_its_contact(client, world):
    """The sweep above would pass on an empty page: the pimpinan does read the case."""
    client.force_login(world.users["pimpinan"])
    detail = client.get(reverse("complaints:detail", args=[world.cases["pkm"].pk]))
    assert DESCRIPTION in detail.content.decode()
    client.force_login(world.users["staf"])
    detail = client.get(reverse("complaints:detail", args=[world.cases["pkm"].pk]))
    assert EMAIL in detail.content.decode()  # the handler does


def test_filing_logs_neither_the_contact_nor_the_complaint(client, world, caplog):
    text = "Petugas loket meminta uang tambahan untuk surat rujukan."
    with caplog.at_level(logging.DEBUG):
        client.post(
            reverse("complaints:file"),
            {
                "unit": world.units["pkm"].pk,
                "category": "berkadar_pengawasan",
                "description": text,
                "name": NAME,
                "email": EMAIL,
                "phone": PHONE,
            },
        )
        client.post(
            PUBLIC,
            json.dumps({"category": "ringan", "description": text, "email": EMAIL}),
            content_type="application/json",
        )
    assert "filed on the public form" in caplog.text
    for secret in (NAME, EMAIL, PHONE, text):
        assert secret not in caplog.text
