"""No dead ends: every link on every role's main pages of the demo regency opens for that role.

The crawl starts from each role's main pages, follows every link it finds there, then samples the
links of the pages it reached (one level further), and fails on any 403, 404 or 500. Only the
second level is sampled (a few links per kind of page), so the crawl stays fast whatever the size
of the demo while no link of a main page goes unchecked.

The same demo regency's public portal is crawled whole, without a login: every page, download
and public API answer opens, and none names a civil servant or a complainant (name, NIP,
contact) or shows a figure counted from fewer people than the agency's smallest group.
"""

from __future__ import annotations

import datetime
import json
import re
from collections import defaultdict
from urllib.parse import urlsplit

import pytest
from django.db import transaction
from django.test import Client, override_settings
from django.urls import Resolver404, resolve, reverse

from kinerja.accounts.models import User
from kinerja.demo import generator

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TODAY = datetime.date(2026, 1, 20)  # planning season: plans waiting, returned and late
ROLES = ("pegawai", "atasan", "adminunit", "bkpsdm", "pimpinan", "auditor")
SAME_PAGE_SAMPLES = 2  # links to one kind of page (one URL name) followed per role at depth 2
DEPTH = 2
HREF = re.compile(r'href="([^"#]+)')
# Where following a link is not reading a page: downloads that are built (PDF, xlsx, zip) are
# still followed and must answer 200; only the language switch and logout are left out.
NOT_PAGES = {"set_language", "accounts:logout"}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    settings = override_settings(
        PASSWORD_HASHERS=FAST_HASHERS, MEDIA_ROOT=tmp_path_factory.mktemp("media")
    )
    with django_db_blocker.unblock(), transaction.atomic(), settings:
        yield generator.seed(size="small", seed=2026, today=TODAY)
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _private_media_root():
    """The demo's files (transcripts of study leave) stay in the module's folder, where they
    were saved, so that their download links open."""


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)


def _start_pages(role: str) -> list[str]:
    pages = [
        reverse("home"),
        reverse("skp:home"),
        reverse("iku:dashboard"),
        reverse("org:unit_tree"),
    ]
    pages.append(reverse("org:employee_list"))
    if role in ("atasan",):
        pages += [reverse("skp:inbox"), reverse("skp:matrix")]
    if role in ("adminunit", "bkpsdm", "pimpinan", "auditor", "atasan"):
        pages += [reverse("skp:alignment"), reverse("skp:list")]
    if role in ("adminunit", "bkpsdm"):
        pages += [reverse("skp:exemptions")]
    if role == "bkpsdm":
        pages += [reverse("org:import_list"), reverse("skp:templates"), reverse("iku:calendar")]
    if role in ("bkpsdm", "auditor"):
        pages += [reverse("audit:list")]
    if role == "pimpinan":
        pages += [reverse("iku:predikat_decisions"), reverse("iku:regency")]
    if role in ("pegawai", "atasan", "adminunit", "bkpsdm", "auditor"):
        pages += [reverse("appraisals:mine")]
    if role in ("atasan", "pimpinan"):
        pages += [reverse("appraisals:desk_index")]
    return pages


def _links(html: str) -> list[str]:
    found = []
    for href in HREF.findall(html):
        href = href.replace("&amp;", "&")
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not href.startswith("/"):
            continue
        if href.startswith(("/static/", "/media/")):
            continue
        found.append(href)
    return found


def _url_name(url: str) -> str | None:
    try:
        match = resolve(urlsplit(url).path)
    except Resolver404:
        return None
    return match.view_name


def _crawl(client: Client, role: str) -> list[str]:
    dead = []
    seen: set[str] = set()
    frontier = [(url, "start") for url in _start_pages(role)]
    for depth in range(DEPTH + 1):
        taken: dict[str, int] = defaultdict(int)
        next_frontier = []
        for url, source in frontier:
            if url in seen:
                continue
            name = _url_name(url)
            if name in NOT_PAGES:
                continue
            if depth > 1 and name is not None:
                if taken[name] >= SAME_PAGE_SAMPLES:
                    continue
                taken[name] += 1
            seen.add(url)
            response = client.get(url)
            if response.status_code in (403, 404) or response.status_code >= 500:
                dead.append(
                    f"{role}: {url} ({name}) answers {response.status_code}, linked from {source}"
                )
                continue
            if depth < DEPTH and response.get("Content-Type", "").startswith("text/html"):
                next_frontier += [(link, url) for link in _links(response.content.decode())]
        frontier = next_frontier
    return dead


@pytest.mark.parametrize("role", ROLES)
def test_every_link_on_the_main_pages_opens_for_the_role_that_sees_it(demo, db, role):
    user = User.objects.get(agency=demo.agency, username=role)
    client = Client()
    client.force_login(user)
    dead = _crawl(client, role)
    assert not dead, "\n".join(dead)


PORTAL_LINK = re.compile(r'href="(/(?:portal|api/v1/public/portal)/[^"#]*)"')


def _portal_crawl(client: Client, starts: list[str]) -> dict[str, bytes]:
    seen: dict[str, bytes] = {}
    queue = list(starts)
    while queue:
        address = queue.pop().replace("&amp;", "&")
        if address in seen:
            continue
        response = client.get(address)
        assert response.status_code == 200, address
        seen[address] = response.content
        kind = response.get("Content-Type", "")
        if kind.startswith("text/html"):
            queue.extend(PORTAL_LINK.findall(response.content.decode()))
        elif address.endswith("datapackage.json"):
            queue.extend(
                urlsplit(r["path"]).path for r in json.loads(response.content)["resources"]
            )
    return seen


def test_the_demo_regencys_portal_names_no_one_and_shows_no_small_group(demo, db):
    from kinerja.complaints.models import Complainant
    from kinerja.org.models import Employee
    from kinerja.portal.models import PublicationVersion

    client = Client()
    versions = list(
        PublicationVersion.objects.filter(publication__agency=demo.agency).select_related(
            "publication"
        )
    )
    assert len(versions) > 4 and any(v.version > 1 for v in versions)
    starts = [reverse("portal_public:home"), reverse("portal_public:catalogue")]
    api = "/api/v1/public/portal/publications"
    for version in versions:
        starts.append(
            reverse("portal_public:publication", args=[version.publication_id])
            + f"?versi={version.version}"
        )
        for table in ("indicators", "goals", "units", "satisfaction", "complaints", "forums"):
            starts.append(f"{api}/{version.publication_id}/{table}?version={version.version}")
    found = _portal_crawl(client, starts)
    assert any(address.endswith(".csv") for address in found)
    assert any(address.endswith(".pdf") for address in found)

    people = Employee.objects.filter(agency=demo.agency).values_list("nip", "name")
    secrets = {text for pair in people for text in pair if text and len(text) > 3}
    for contact in Complainant.objects.values_list("name", "email", "phone"):
        secrets.update(text for text in contact if text and len(text) > 3)
    assert len(secrets) > 100
    leaks = [(a, s) for a, body in found.items() for s in secrets if s.encode() in body]
    assert leaks == []

    small_groups = []
    for version in versions:
        minimum = version.snapshot["minimum_group"]
        groups = [row["respondents"] for row in version.snapshot["satisfaction"]]
        groups += [row["received"] for row in version.snapshot["complaints"]]
        small_groups += [n for n in groups if n is not None and 0 < n < minimum]
    assert small_groups == []
