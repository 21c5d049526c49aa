"""No page, download or API answer of the portal names a civil servant: the live database of
this world holds the personas' employees, and the portal reads only its snapshots."""

import re

import pytest
from django.urls import reverse

from kinerja.config.api import api
from kinerja.org.models import Employee
from kinerja.portal import opendata

pytestmark = pytest.mark.django_db

LINK = re.compile(r'href="(/portal/[^"#]*)"')


def _crawl(client, start: str) -> dict[str, bytes]:
    """Every portal address reachable from `start` by its links, with its body."""
    seen: dict[str, bytes] = {}
    queue = [start]
    while queue:
        address = queue.pop().replace("&amp;", "&")
        if address in seen:
            continue
        response = client.get(address)
        assert response.status_code == 200, address
        seen[address] = response.content
        if response["Content-Type"].startswith("text/html"):
            queue.extend(LINK.findall(response.content.decode()))
    return seen


def _api_answers(client, world) -> dict[str, bytes]:
    answers = {}
    paths = [p for p in api.get_openapi_schema()["paths"] if p.startswith("/api/v1/public/portal/")]
    for version in (world["q1v1"], world["q1v2"], world["q2"]):
        for path in paths:
            url = path.replace("{publication_id}", str(version.publication_id))
            params = {"instansi": "contoh", "version": version.version}
            response = client.get(url, params)
            assert response.status_code == 200, url
            answers[url] = response.content
    return answers


def test_no_public_page_download_or_api_answer_holds_an_employee_name_or_nip(
    client, personas, world
):
    employees = list(Employee.objects.all())
    assert len(employees) >= 5
    found = _crawl(client, reverse("portal_public:home") + "?instansi=contoh")
    found.update(_crawl(client, reverse("portal_public:catalogue") + "?instansi=contoh"))
    for table in opendata.TABLES:
        found[table] = client.get(
            reverse(
                "portal_public:download",
                kwargs={
                    "pk": world["q1v1"].publication_id,
                    "version": 1,
                    "table": table,
                    "fmt": "json",
                },
            )
            + "?instansi=contoh"
        ).content
    found.update(_api_answers(client, world))
    assert any("/publikasi/" in address and ".csv" in address for address in found)
    assert len(found) > 20
    leaks = [
        (address, secret)
        for address, body in found.items()
        for employee in employees
        for secret in (employee.nip, employee.name)
        if secret and secret.encode() in body
    ]
    assert leaks == []
